// Heredocs as the stage chunk reader (stageChunk.ts) needs them: where dockerfile-ast's parser ends an
// instruction that opens heredocs (Parser.processHeredocs, calling its own parseHeredocName and parseHeredoc),
// and the heredoc tokens its getHeredocs gives in the common case, read from the text instead of through a
// plain Instruction.
import { Parser } from 'dockerfile-ast/lib/parser';
import { Util } from 'dockerfile-ast/lib/util';
import { NONE } from './parsed';
import type { Positions } from './positions';
import { newSpans, scanArguments, valueAt } from './tokenize';
import type { Token } from './types';

const spans = newSpans();
const range = [0, 0, 0, 0];

/**
 * Parser.processHeredocs for a RUN, COPY or ADD whose first line ends at `offset`: the bodies of its heredocs
 * follow that line, and the instruction ends after the last one.
 */
export function heredocBodiesEnd(text: string, escapeChar: string, keywordEnd: number, offset: number): number {
  scanArguments(text, keywordEnd, offset, escapeChar, spans);
  const names: string[] = [];
  let tabbed = false;
  for (let k = 0; k < spans.count; k++) {
    // The typed instruction's arguments drop as many leading ones as it has flags (ModifiableInstruction);
    // these do not, which only matters for an instruction with flags and heredocs: the lean reader refuses it.
    const value = valueAt(spans, k);
    if (value.startsWith('<<') && value.length > 2) {
      if (value.startsWith('<<-')) tabbed = true;
      const name = Util.parseHeredocName(value);
      if (name !== null) names.push(name);
    }
  }
  for (const name of names) offset = heredocEnd(text, name, offset, tabbed);
  return offset;
}

// Parser.parseHeredoc reads nothing of its parser but the text (`buffer`): the line break after the line that
// is the heredoc's name alone (tabs first when `tabbed`).
type HeredocScan = (this: { buffer: string }, name: string, offset: number, tabbed: boolean) => number;
const parseHeredoc = (Parser.prototype as unknown as { parseHeredoc: HeredocScan }).parseHeredoc;
const heredocEnd = (text: string, name: string, offset: number, tabbed: boolean): number => parseHeredoc.call({ buffer: text }, name, offset, tabbed);

const SIMPLE_HEREDOC = /^<<-?[A-Za-z0-9_]+$/;

/**
 * getHeredocs of the instruction from its keyword's end to `end` in the common case, or undefined: no escape
 * character in the instruction (`escaped` false), and one argument on its first line that starts with `<<`, a
 * bare name. getHeredocs then finds that one heredoc, named from after `<<` or `<<-` to the argument's end,
 * whether or not the body ends with the name: a line of the body that it would take for the delimiter is one
 * the parser already ended the instruction at, whatever the line breaks. Positions move down `lineShift` lines.
 */
export function commonHeredoc(positions: Positions, escaped: boolean, escapeChar: string, keywordEnd: number, end: number, lineShift: number): readonly Token[] | undefined {
  if (escaped) return undefined;
  const text = positions.content;
  const lf = text.indexOf('\n', keywordEnd);
  scanArguments(text, keywordEnd, lf === -1 || lf > end ? end : lf, escapeChar, spans);
  let found = -1;
  for (let k = 0; k < spans.count; k++) {
    if (!valueAt(spans, k).startsWith('<<')) continue;
    if (found !== -1) return undefined;
    found = k;
  }
  if (found === -1) return NONE;
  const value = valueAt(spans, found);
  if (!SIMPLE_HEREDOC.test(value)) return undefined;
  const prefix = value.charAt(2) === '-' ? 3 : 2;
  positions.put(range, 0, keywordEnd + spans.starts[found] + prefix, lineShift);
  positions.put(range, 2, keywordEnd + spans.ends[found], lineShift);
  return [{ value: value.substring(prefix), range: { start: { line: range[0], character: range[1] }, end: { line: range[2], character: range[3] } } }];
}
