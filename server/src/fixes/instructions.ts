// Fixes that drop or rename one thing BuildKit ignores or warns about: an overridden CMD/ENTRYPOINT/HEALTHCHECK,
// a redundant `--platform=$TARGETPLATFORM`, a duplicate stage name.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { deleteLines } from './blocks';
import { instructionAtLine, makeAction, stageFor, type FixContext } from './common';
import { StageNames } from './nameStage';

const USED_ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** MultipleInstructionsDisallowed: only the last one counts, so the earlier one can go. */
export function fixOverriddenInstruction(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const instruction = instructionAtLine(ctx.model, diagnostic.range.start.line);
  if (!instruction || !USED_ONCE.has(instruction.keyword)) return [];
  const edit = deleteLines(ctx, instruction.range.start.line, instruction.range.end.line);
  return [makeAction(ctx, `Remove the overridden ${instruction.keyword}`, [edit], { diagnostic })];
}

/** RedundantTargetPlatform: FROM already builds for $TARGETPLATFORM. */
export function fixRedundantPlatform(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const stage = ctx.model.stages[stageFor(ctx.model, diagnostic)];
  const flag = stage?.from.flags.find((f) => f.name === 'platform');
  const next = stage?.from.args[0];
  if (!flag || !next) return [];
  // Up to the image, so the whitespace after the flag goes too; on another line, only the flag itself.
  const end = next.range.start.line === flag.range.end.line ? next.range.start : flag.range.end;
  return [makeAction(ctx, `Remove --platform=${flag.value ?? ''}`, [{ range: { start: flag.range.start, end }, newText: '' }], { diagnostic, preferred: true })];
}

/** DuplicateStageName: references already go to the first stage of that name, so renaming this one changes nothing else. */
export function fixDuplicateName(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const index = stageFor(ctx.model, diagnostic);
  const stage = ctx.model.stages[index];
  if (!stage?.key || !stage.nameRange || ctx.model.lookup.byKey(stage.key) === index) return [];
  const name = new StageNames(ctx.model).claim(stage.key, index);
  return [makeAction(ctx, `Rename this stage to '${name}'`, [{ range: stage.nameRange, newText: name }], { diagnostic })];
}
