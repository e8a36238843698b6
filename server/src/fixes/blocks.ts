// Stage blocks as whole lines: the FROM with its leading comments, down to the stage's last non-blank line.
import type { TextEdit } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import { isBlank, isCommentLine, type FixContext } from './common';

export interface Block {
  /** First line: the first of the comment lines directly above FROM, else the FROM line. */
  start: number;
  /** Last non-blank line before the next stage's block (or the end of the file). */
  end: number;
  /** First of the blank lines directly above `start` (equal to `start` when there are none). */
  gapStart: number;
}

function directiveLines(model: StageModel): Set<number> {
  return new Set(model.directives.map((d) => d.range.start.line));
}

function blockStart(ctx: FixContext, index: number, directives: Set<number>): number {
  const { model, lines } = ctx;
  const stage = model.stages[index];
  const previous = index > 0 ? model.stages[index - 1].range.end.line : Math.max(-1, ...model.preamble.map((i) => i.range.end.line));
  let start = stage.fromRange.start.line;
  while (start - 1 > previous && isCommentLine(lines[start - 1]) && !directives.has(start - 1)) start--;
  return start;
}

export function stageBlock(ctx: FixContext, index: number): Block {
  const { model, lines } = ctx;
  const directives = directiveLines(model);
  const start = blockStart(ctx, index, directives);
  let end = index + 1 < model.stages.length ? blockStart(ctx, index + 1, directives) - 1 : lines.length - 1;
  const fromLine = model.stages[index].fromRange.start.line;
  while (end > fromLine && isBlank(lines[end])) end--;
  let gapStart = start;
  while (gapStart > 0 && isBlank(lines[gapStart - 1])) gapStart--;
  return { start, end, gapStart };
}

/** One edit replacing lines first..last (inclusive) with `replacement` lines. */
export function replaceLines(ctx: FixContext, first: number, last: number, replacement: readonly string[]): TextEdit {
  return {
    range: { start: { line: first, character: 0 }, end: { line: last, character: ctx.lines[last].length } },
    newText: replacement.join(ctx.eol),
  };
}

/** One edit deleting lines first..last (inclusive) together with one adjacent line break. */
export function deleteLines(ctx: FixContext, first: number, last: number): TextEdit {
  const { lines } = ctx;
  if (last + 1 < lines.length) {
    return { range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' };
  }
  if (first > 0) {
    return { range: { start: { line: first - 1, character: lines[first - 1].length }, end: { line: last, character: lines[last].length } }, newText: '' };
  }
  return { range: { start: { line: 0, character: 0 }, end: { line: last, character: lines[last].length } }, newText: '' };
}
