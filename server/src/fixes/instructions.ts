// Fixes that drop or rename one thing BuildKit ignores or warns about: an overridden CMD/ENTRYPOINT/HEALTHCHECK,
// a redundant `--platform=$TARGETPLATFORM`, a duplicate stage name.
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { referenceTarget } from '../model';
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

/**
 * DuplicateStageName: give this stage a name of its own. The references that reach it (BuildKit picks the
 * last stage of a name for --from, the latest earlier one for FROM) are renamed with it, so each reference
 * keeps the stage it had; numeric ones stay numeric.
 */
export function fixDuplicateName(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const index = stageFor(ctx.model, diagnostic);
  const stage = ctx.model.stages[index];
  if (!stage?.key || !stage.nameRange || ctx.model.lookup.byKey(stage.key) === index) return [];
  const name = new StageNames(ctx.model).claim(stage.key, index);
  const edits: TextEdit[] = [{ range: stage.nameRange, newText: name }];
  for (const ref of ctx.model.references) {
    if (!ref.numeric && referenceTarget(ref) === index) edits.push({ range: ref.range, newText: name });
  }
  return [makeAction(ctx, `Rename this stage to '${name}'`, edits, { diagnostic })];
}
