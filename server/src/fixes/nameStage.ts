// "Name this stage" / "Name all stages": add `AS <name>` to unnamed FROMs and turn numeric references into the name.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { hasVariable, referenceTarget, type Stage, type StageModel, type StageReference } from '../model';
import { makeAction, matchCase, referenceFor, replace, type FixContext } from './common';

const VALID_NAME = /^[a-z][a-z0-9-_.]*$/;
// Names BuildKit refuses for a stage.
const RESERVED = new Set(['scratch', 'context']);

export const NAME_ALL_STAGES_KIND = `${CodeActionKind.Source}.nameAllStages`;

/** `golang:1.22` -> golang, `gcr.io/distroless/base@sha256:..` -> base; null when nothing usable is left. */
export function nameFromImage(image: string): string | null {
  if (image === '' || hasVariable(image) || image.includes('$')) return null;
  const withoutDigest = image.split('@')[0];
  const repository = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1).split(':')[0];
  const name = repository
    .toLowerCase()
    .replace(/[^a-z0-9-_.]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/[-_.]+$/, '');
  return VALID_NAME.test(name) && !RESERVED.has(name) ? name : null;
}

/**
 * The names a stage may take. It must avoid existing stage names, reserved words, and every name used as a
 * reference that would start pointing at the stage: any `--from`/`from=` (an image `--from=golang`), and
 * `FROM golang` in a later stage (FROM only sees earlier stages, so the stage's own FROM is safe).
 */
export class StageNames {
  private readonly taken = new Set<string>(RESERVED);
  /** Last stage whose FROM names the text. */
  private readonly lastFrom = new Map<string, number>();
  private readonly nextSuffix = new Map<string, number>();

  constructor(model: StageModel) {
    for (const stage of model.stages) if (stage.key !== null) this.taken.add(stage.key);
    for (const ref of model.references) {
      const text = ref.text.toLowerCase();
      if (ref.kind !== 'from') this.taken.add(text);
      else this.lastFrom.set(text, Math.max(ref.stage, this.lastFrom.get(text) ?? -1));
    }
  }

  isFree(name: string, index: number): boolean {
    return !this.taken.has(name) && (this.lastFrom.get(name) ?? -1) <= index;
  }

  /** `base`, else `base-2`, `base-3`... whichever stage `index` can take first; it is then taken. */
  claim(base: string, index: number): string {
    let name = base;
    // Resume after the last suffix handed out: naming 1000 `golang` stages stays linear.
    let n = this.nextSuffix.get(base) ?? 2;
    if (!this.isFree(name, index)) {
      do name = `${base}-${n++}`;
      while (!this.isFree(name, index));
      this.nextSuffix.set(base, n);
    }
    this.taken.add(name);
    return name;
  }
}

/** A stage that "Name this stage" can name: no name yet and FROM has exactly its image argument. */
export function nameable(stage: Stage): boolean {
  return stage.name === null && stage.from.args.length === 1;
}

/** Numeric references by the stage they point at (even invalidly). A number in mount from= is an image to BuildKit. */
function numericReferences(model: StageModel): Map<number, StageReference[]> {
  const byTarget = new Map<number, StageReference[]>();
  for (const ref of model.references) {
    const target = ref.numeric && ref.kind !== 'mount' ? referenceTarget(ref) : null;
    if (target !== null) byTarget.set(target, [...(byTarget.get(target) ?? []), ref]);
  }
  return byTarget;
}

/** Edits that name stage `stage` `name` and rewrite the numeric references to it. */
function namingEdits(stage: Stage, name: string, numeric: Map<number, StageReference[]>): TextEdit[] {
  const edits: TextEdit[] = [];
  if (stage.name === null) {
    const at = stage.from.args[0].range.end;
    edits.push(replace({ start: at, end: at }, ` ${matchCase(stage.from.keywordToken.value, 'AS')} ${name}`));
  }
  for (const ref of numeric.get(stage.index) ?? []) edits.push(replace(ref.range, name));
  return edits;
}

function proposedName(stage: Stage, names: StageNames): string {
  return names.claim(nameFromImage(stage.resolvedImage) ?? `stage-${stage.index}`, stage.index);
}

export function nameStageAction(ctx: FixContext, index: number, diagnostic?: Diagnostic): CodeAction | undefined {
  const stage = ctx.model.stages[index];
  if (!stage) return undefined;
  if (stage.name !== null) {
    // An invalid name (InvalidStageName) cannot be referred to either, nor a repeated one that --from takes
    // to another stage of that name (BuildKit picks the last).
    if (stage.key === null || !VALID_NAME.test(stage.key) || ctx.model.lookup.lastByKey(stage.key) !== index) return undefined;
    const edits = namingEdits(stage, stage.name, numericReferences(ctx.model));
    if (edits.length === 0) return undefined;
    return makeAction(ctx, `Refer to stage '${stage.name}' by name`, edits, { diagnostic, preferred: diagnostic !== undefined });
  }
  if (!nameable(stage)) return undefined;
  const name = proposedName(stage, new StageNames(ctx.model));
  const edits = namingEdits(stage, name, numericReferences(ctx.model));
  return makeAction(ctx, `Name this stage '${name}'`, edits, { diagnostic, preferred: diagnostic !== undefined });
}

/** NumericStageReference: name the stage the number points at (or use its existing name). */
export function fixNumericReference(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const ref = referenceFor(ctx.model, diagnostic);
  const target = ref && ref.numeric ? referenceTarget(ref) : null;
  if (target === null) return [];
  const action = nameStageAction(ctx, target, diagnostic);
  return action ? [action] : [];
}

export function nameAllStagesAction(ctx: FixContext): CodeAction | undefined {
  const names = new StageNames(ctx.model);
  const numeric = numericReferences(ctx.model);
  const edits: TextEdit[] = [];
  for (const stage of ctx.model.stages) {
    if (nameable(stage)) edits.push(...namingEdits(stage, proposedName(stage, names), numeric));
  }
  if (edits.length === 0) return undefined;
  return makeAction(ctx, 'Name all stages', edits, { kind: NAME_ALL_STAGES_KIND });
}
