// Heredocs as the stage chunk reader (stageChunk.ts) needs them: where dockerfile-ast's parser ends an
// instruction that opens heredocs (Parser.processHeredocs and parseHeredoc), and the heredoc tokens its
// getHeredocs gives in the common case, read from the text instead of through a plain Instruction.
import { CR, LF, SPACE, TAB } from './chars';
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
      const name = heredocName(value);
      if (name !== null) names.push(name);
    }
  }
  for (const name of names) offset = heredocEnd(text, name, offset, tabbed);
  return offset;
}

/** Util.parseHeredocName. */
function heredocName(value: string): string | null {
  let name = value.substring(2);
  if (name.charAt(0) === '-') name = name.substring(1);
  for (const quote of ['"', "'"]) {
    if (name.charAt(0) === quote) {
      if (name.charAt(name.length - 1) !== quote) return null;
      name = name.substring(1, name.length - 1);
    }
  }
  return name.charAt(0) === '<' ? null : name;
}

/**
 * Parser.parseHeredoc: the line break after the line that is `name` alone (tabs first when `tabbed`). A line
 * that starts with a space never matches (no name starts with one).
 */
function heredocEnd(text: string, name: string, offset: number, tabbed: boolean): number {
  let startWord = -1;
  let lineStart = true;
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) lineStart = false;
    else if (c === TAB) {
      if (!tabbed) lineStart = false;
    } else if (c === CR || c === LF) {
      if (startWord !== -1 && name === text.substring(startWord, i)) return i;
      startWord = -1;
      lineStart = true;
    } else if (lineStart) {
      startWord = i;
      lineStart = false;
    }
  }
  return text.length;
}

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
