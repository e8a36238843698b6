// ARG scoping fixes. UndefinedVar on a global ARG: a stage sees a global ARG only after `ARG NAME` inside it.
// UndefinedArgInFrom: FROM sees only ARGs declared before the first FROM.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { contains } from '../model';
import { stageBlock } from './blocks';
import { indentOf, makeAction, matchCase, stageFor, type FixContext } from './common';
import { editDistance } from './didYouMean';

function variableName(ctx: FixContext, diagnostic: Diagnostic, index: number): string | undefined {
  const stage = ctx.model.stages[index];
  for (const instruction of stage.instructions) {
    for (const scope of [instruction, instruction.trigger]) {
      const use = scope?.variables.find((v) => contains(v.range, diagnostic.range.start));
      if (use) return use.name;
    }
  }
  const data = diagnostic.data as { name?: unknown } | undefined;
  return typeof data?.name === 'string' ? data.name : undefined;
}

export function fixUndefinedGlobalArg(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const { model, lines, eol } = ctx;
  const index = stageFor(model, diagnostic);
  if (index < 0) return [];
  const name = variableName(ctx, diagnostic, index);
  if (name === undefined || !model.globalArgs.some((a) => a.name === name)) return [];
  const from = model.stages[index].from;
  const line = from.range.end.line;
  const declaration = `${indentOf(lines[from.range.start.line])}${matchCase(from.keywordToken.value, 'ARG')} ${name}`;
  const edit =
    line + 1 < lines.length
      ? { range: { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, newText: declaration + eol }
      : { range: { start: { line, character: lines[line].length }, end: { line, character: lines[line].length } }, newText: eol + declaration };
  return [makeAction(ctx, `Declare global ARG ${name} in this stage`, [edit], { diagnostic, preferred: true })];
}

/** UndefinedArgInFrom: declare the ARG globally, or use a declared global ARG of a close name. */
export function fixUndefinedArgInFrom(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const { model, lines, eol } = ctx;
  const stage = model.stages[stageFor(model, diagnostic)];
  const use = stage?.from.variables.find((v) => contains(v.range, diagnostic.range.start));
  if (!stage || !use || model.globalArgs.some((a) => a.name === use.name)) return [];
  const actions: CodeAction[] = [];
  for (const arg of model.globalArgs) {
    if (arg.name !== use.name && editDistance(arg.name, use.name) <= 2 && !actions.some((a) => a.title.endsWith(` ${arg.name}`))) {
      actions.push(makeAction(ctx, `Change ${use.name} to ${arg.name}`, [{ range: use.nameRange, newText: arg.name }], { diagnostic }));
    }
  }
  // After the last global ARG, else above the first stage and its leading comments (below any parser directive).
  const preamble = model.preamble.filter((i) => i.keyword === 'ARG');
  const keyword = matchCase(model.stages[0].from.keywordToken.value, 'ARG');
  const line = preamble.length > 0 ? preamble[preamble.length - 1].range.end.line + 1 : stageBlock(ctx, 0).start;
  const edit =
    line < lines.length
      ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${keyword} ${use.name}${eol}` }
      : { range: { start: { line: line - 1, character: lines[line - 1].length }, end: { line: line - 1, character: lines[line - 1].length } }, newText: `${eol}${keyword} ${use.name}` };
  actions.push(makeAction(ctx, `Declare ARG ${use.name} before the first FROM`, [edit], { diagnostic }));
  return actions;
}
