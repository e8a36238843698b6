// "Name this stage" / "Name all stages": add `AS <name>` to unnamed FROMs and turn numeric references into the name.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { hasVariable, type Stage, type StageModel } from '../model';
import { makeAction, matchCase, referenceFor, referenceTarget, replace, type FixContext } from './common';

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
 * Names stage `index` must avoid: existing stage names, reserved words, and every name used as a reference
 * that would start pointing at the stage: any `--from`/`from=` (an image `--from=golang`), and `FROM golang`
 * in a later stage (FROM only sees earlier stages, so the stage's own FROM is safe).
 */
export function takenNames(model: StageModel, index: number): Set<string> {
  const taken = new Set<string>(RESERVED);
  for (const stage of model.stages) if (stage.key !== null) taken.add(stage.key);
  for (const ref of model.references) if (ref.kind !== 'from' || ref.stage > index) taken.add(ref.text.toLowerCase());
  return taken;
}

export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A stage that "Name this stage" can name: no name yet and FROM has exactly its image argument. */
export function nameable(stage: Stage): boolean {
  return stage.name === null && stage.from.args.length === 1;
}

/** Edits that name stage `index` `name` and rewrite the numeric references to it. */
function namingEdits(model: StageModel, index: number, name: string): TextEdit[] {
  const stage = model.stages[index];
  const edits: TextEdit[] = [];
  if (stage.name === null) {
    const at = stage.from.args[0].range.end;
    edits.push(replace({ start: at, end: at }, ` ${matchCase(stage.from.keywordToken.value, 'AS')} ${name}`));
  }
  for (const ref of model.references) {
    // A number in mount from= is an image name to BuildKit, not an index: leave it.
    if (ref.numeric && ref.kind !== 'mount' && referenceTarget(ref) === index) edits.push(replace(ref.range, name));
  }
  return edits;
}

function proposedName(stage: Stage, taken: ReadonlySet<string>): string {
  return uniqueName(nameFromImage(stage.resolvedImage) ?? `stage-${stage.index}`, taken);
}

export function nameStageAction(ctx: FixContext, index: number, diagnostic?: Diagnostic): CodeAction | undefined {
  const stage = ctx.model.stages[index];
  if (!stage) return undefined;
  if (stage.name !== null) {
    // An invalid name (InvalidStageName) cannot be referred to either.
    if (stage.key === null || !VALID_NAME.test(stage.key)) return undefined;
    const edits = namingEdits(ctx.model, index, stage.name);
    if (edits.length === 0) return undefined;
    return makeAction(ctx, `Refer to stage '${stage.name}' by name`, edits, { diagnostic, preferred: diagnostic !== undefined });
  }
  if (!nameable(stage)) return undefined;
  const name = proposedName(stage, takenNames(ctx.model, index));
  return makeAction(ctx, `Name this stage '${name}'`, namingEdits(ctx.model, index, name), { diagnostic, preferred: diagnostic !== undefined });
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
  const given: string[] = [];
  const edits: TextEdit[] = [];
  for (const stage of ctx.model.stages) {
    if (!nameable(stage)) continue;
    const name = proposedName(stage, new Set([...takenNames(ctx.model, stage.index), ...given]));
    given.push(name);
    edits.push(...namingEdits(ctx.model, stage.index, name));
  }
  if (edits.length === 0) return undefined;
  return makeAction(ctx, 'Name all stages', edits, { kind: NAME_ALL_STAGES_KIND });
}
