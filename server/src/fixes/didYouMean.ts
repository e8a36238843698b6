// "Did you mean": replace a reference that names no stage with a close, earlier stage name.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { hasVariable, stageNamedFrom, type Stage, type StageModel, type StageReference } from '../model';
import { makeAction, referenceFor, replace, type FixContext } from './common';

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i].push(best);
    }
  }
  return rows[a.length][b.length];
}

function closeness(text: string, key: string): number | null {
  const word = text.toLowerCase();
  if (word === key) return 0;
  const distance = editDistance(word, key);
  if (distance <= Math.max(1, Math.min(2, Math.floor(key.length / 3)))) return distance;
  if (Math.min(word.length, key.length) >= 3 && (key.startsWith(word) || word.startsWith(key))) return 3;
  return null;
}

/** Named stages before the referencing one, closest first; the rule's own `data.candidates` decide when present. */
export function stageCandidates(model: StageModel, ref: StageReference, diagnostic: Diagnostic): Stage[] {
  // The stage a name would reach from here (a duplicated name reaches only one of its stages).
  const named = (key: string): Stage | undefined => {
    const index = stageNamedFrom(model, key.toLowerCase(), ref);
    return index === undefined ? undefined : model.stages[index];
  };
  const data = diagnostic.data as { candidates?: unknown } | undefined;
  if (Array.isArray(data?.candidates)) {
    const given = data.candidates.filter((c): c is string => typeof c === 'string').map(named);
    // An empty list is the rule saying "no near miss" (e.g. FROM naming a later stage): respect it.
    return given.filter((s, i): s is Stage => s !== undefined && given.indexOf(s) === i);
  }
  const earlier = model.stages.filter((s) => s.index < ref.stage && s.key !== null && named(s.key) === s);
  const scored = earlier
    .map((stage) => ({ stage, score: closeness(ref.text, stage.key!) }))
    .filter((c): c is { stage: Stage; score: number } => c.score !== null);
  scored.sort((a, b) => a.score - b.score || b.stage.index - a.stage.index);
  return scored.map((c) => c.stage);
}

/** UnknownStageReference and FromStageNameCaseMismatch. */
export function fixDidYouMean(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const ref = referenceFor(ctx.model, diagnostic);
  if (!ref || ref.numeric || hasVariable(ref.text)) return [];
  const candidates = stageCandidates(ctx.model, ref, diagnostic);
  return candidates.map((stage) => {
    // FROM matches a stage only by its exact lower-cased name; --from and from= ignore case.
    const name = ref.kind === 'from' ? stage.key! : stage.name!;
    return makeAction(ctx, `Replace '${ref.text}' with stage '${name}'`, [replace(ref.range, name)], {
      diagnostic,
      preferred: candidates.length === 1,
    });
  });
}
