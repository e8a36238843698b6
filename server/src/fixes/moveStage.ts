// Forward references: move the referenced stage's block above the stage that uses it, when that breaks nothing.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { type Resolution, type Stage, type StageModel, type StageReference } from '../model';
import { stageBlock, replaceLines } from './blocks';
import { makeAction, referenceFor, type FixContext } from './common';

/** The edit that moves stage `moved`'s block (with its leading comments) above stage `above`'s block. */
export function moveStageEdit(ctx: FixContext, moved: number, above: number): TextEdit {
  const target = stageBlock(ctx, moved);
  const destination = stageBlock(ctx, above);
  const { lines } = ctx;
  const replacement = [
    ...lines.slice(target.start, target.end + 1),
    ...lines.slice(target.gapStart, target.start),
    ...lines.slice(destination.start, target.gapStart),
  ];
  return replaceLines(ctx, destination.start, target.end, replacement);
}

function sameResolution(before: Resolution, after: Resolution, order: readonly number[]): boolean {
  if (before.kind === 'stage') return after.kind === 'stage' && order[after.index] === before.index;
  if (before.kind === 'image') return after.kind === 'image' && after.image === before.image;
  if (after.kind === 'invalid') return after.reason === before.reason;
  // An invalid forward reference may become valid, but only to the stage it named.
  return before.reason === 'forward' && after.kind === 'stage' && order[after.index] === before.target;
}

/**
 * Re-analyses the moved text and accepts the move only if every reference keeps its meaning (same stage,
 * same image, same error) except forward references that now resolve, and at least one does. `fixing`, a
 * FROM that names the moved stage but is an image today, may (and must) start naming it.
 */
export function moveIsSafe(model: StageModel, after: StageModel, order: readonly number[], moved: number, fixing?: StageReference): boolean {
  if (after.stages.length !== model.stages.length) return false;
  let fixed = 0;
  for (let j = 0; j < order.length; j++) {
    const before = model.referencesIn[order[j]];
    const now = after.referencesIn[j];
    if (before.length !== now.length) return false;
    for (let k = 0; k < before.length; k++) {
      const resolution = now[k].resolution;
      if (before[k] === fixing) {
        if (resolution.kind !== 'stage' || order[resolution.index] !== moved) return false;
        fixed++;
        continue;
      }
      if (!sameResolution(before[k].resolution, resolution, order)) return false;
      if (before[k].resolution.kind === 'invalid' && resolution.kind === 'stage') fixed++;
    }
  }
  return fixed > 0;
}

/** `'build'`, or the bare index of an unnamed stage. */
function quoted(stage: Stage): string {
  return stage.name === null ? String(stage.index) : `'${stage.name}'`;
}

function moveAction(ctx: FixContext, diagnostic: Diagnostic, moved: number, user: number, fixing?: StageReference): CodeAction[] {
  const { model } = ctx;
  const edit = moveStageEdit(ctx, moved, user);
  const order = model.stages.map((s) => s.index);
  order.splice(moved, 1);
  order.splice(user, 0, moved);
  const after = ctx.doc.analyzeText(TextDocument.applyEdits(ctx.doc.document, [edit]));
  if (!moveIsSafe(model, after, order, moved, fixing)) return [];
  const title = `Move stage ${quoted(model.stages[moved])} above stage ${quoted(model.stages[user])}`;
  return [makeAction(ctx, title, [edit], { diagnostic, preferred: true })];
}

/** StageReferencedBeforeDefinition: `--from`/`from=` naming a later stage. */
export function fixForwardReference(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const ref = referenceFor(ctx.model, diagnostic);
  if (!ref || ref.resolution.kind !== 'invalid' || ref.resolution.reason !== 'forward' || ref.resolution.target === null) return [];
  return moveAction(ctx, diagnostic, ref.resolution.target, ref.stage);
}

/** UnknownStageReference on `FROM name` where `name` is a later stage: FROM sees only earlier stages. */
export function fixFromForwardReference(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const { model } = ctx;
  const ref = referenceFor(model, diagnostic);
  if (!ref || ref.kind !== 'from' || ref.resolution.kind !== 'image') return [];
  const later = model.lookup.byKey(ref.resolution.image);
  if (later === undefined || later <= ref.stage) return [];
  return moveAction(ctx, diagnostic, later, ref.stage, ref);
}
