// Casing fixes: lower-case a stage name with its references (StageNameCasing), match AS to FROM (FromAsCasing).
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { hasVariable, referenceTarget, stageIndexAtLine } from '../model';
import { makeAction, matchCase, replace, stageFor, type FixContext } from './common';

export function fixStageNameCasing(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const { model } = ctx;
  const index = stageFor(model, diagnostic);
  const stage = model.stages[index];
  if (!stage || stage.name === null || stage.key === null || !stage.nameRange || stage.name === stage.key) return [];
  const edits: TextEdit[] = [replace(stage.nameRange, stage.key)];
  for (const ref of model.references) {
    if (ref.numeric || ref.text === stage.key || ref.text.toLowerCase() !== stage.key) continue;
    // By name and resolved (even if invalid) to this stage, or a later FROM that misses it only by case and
    // would find it once lower-cased (FROM sees the latest earlier stage of a name).
    const points =
      referenceTarget(ref) === index || (ref.kind === 'from' && !hasVariable(ref.text) && model.lookup.latestBefore(stage.key, ref.stage) === index);
    if (points) edits.push(replace(ref.range, stage.key));
  }
  return [makeAction(ctx, `Change stage name to '${stage.key}'`, edits, { diagnostic, preferred: true })];
}

export function fixFromAsCasing(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const index = stageIndexAtLine(ctx.model, diagnostic.range.start.line);
  const stage = ctx.model.stages[index];
  if (!stage || !stage.asRange) return [];
  const keyword = stage.from.keywordToken.value;
  const as = matchCase(keyword, 'AS');
  const written = stage.from.args[1]?.value;
  if (written === undefined || written === as) return [];
  return [makeAction(ctx, `Change '${written}' to '${as}'`, [replace(stage.asRange, as)], { diagnostic, preferred: true })];
}
