// UndefinedVar on a global ARG: a stage sees a global ARG only after `ARG NAME` inside it.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { contains } from '../model';
import { indentOf, makeAction, matchCase, stageFor, type FixContext } from './common';

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
