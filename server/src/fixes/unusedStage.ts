// UnusedStage: delete the stage's block. Later numeric references shift down by one so they keep their target.
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { referenceTarget, stageLabel } from '../model';
import { deleteLines, stageBlock } from './blocks';
import { makeAction, replace, stageFor, type FixContext } from './common';

export function fixUnusedStage(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const { model } = ctx;
  const index = stageFor(model, diagnostic);
  if (index < 0 || model.stages.length < 2) return [];
  // Something still names it (an unreached stage, ONBUILD, or an invalid reference): deleting would change that.
  if (model.references.some((r) => referenceTarget(r) === index)) return [];
  const block = stageBlock(ctx, index);
  const first = block.gapStart > 0 ? block.gapStart : block.start;
  let last = block.end;
  if (first === 0) while (last + 1 < ctx.lines.length - 1 && ctx.lines[last + 1].trim() === '') last++;
  const edits: TextEdit[] = [deleteLines(ctx, first, last)];
  for (const ref of model.references) {
    if (!ref.numeric || ref.kind === 'mount' || ref.stage === index) continue;
    const target = referenceTarget(ref);
    if (target !== null && target > index) edits.push(replace(ref.range, String(target - 1)));
  }
  return [makeAction(ctx, `Delete unused stage '${stageLabel(model.stages[index])}'`, edits, { diagnostic })];
}
