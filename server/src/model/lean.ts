// Reads the common instructions straight into parsed data, without dockerfile-ast's typed instructions.
// Every typed instruction re-reads its arguments into objects (Argument, Flag, FlagOption, each with a
// Range of two Positions) and JSONInstruction does so in its constructor. On the 1000-stage benchmark file,
// reading lean cut what an open allocates from 51.7 to 37.1 MB. This is the same reading as ModifiableInstruction.getFlags, Flag's
// option parsing, ModifiableInstruction.getArguments and getRawArgumentsContent (dockerfile-ast 0.7),
// quirks included, writing numbers instead. Instructions it does not cover (see `readLean`) go through
// dockerfile-ast's own readers; test/property/extract.test.ts checks that both give the same data.
import { FLAG_NUMBERS, NONE, OPTION_NUMBERS, ParsedFlag, ParsedInstruction, packedMark, packing, putPacked, putPair, reserve, rollback } from './parsed';
import { optionBounds, scanOptions } from './flagOptions';
import { isPlainPropertyText, readPlainProperties } from './leanProperties';
import { readVariables } from './leanVariables';
import { positionsOf, type Positions } from './positions';
import { newSpans, scanArguments, valueAt } from './tokenize';
import type { Flag, Token, VariableUse } from './types';

/** A plain dockerfile-ast Instruction (`node`) as read here. */
export interface LeanSource {
  node: unknown;
  document: { getText(): string; getLineOffsets(): number[] };
  escapeChar: string;
  /** Its keyword's range and its own range (its instructionRange and range), unshifted: eight numbers. */
  ranges: number[];
  /** Whether its text has a `$`, and a `<`. */
  hasVariables: boolean;
  hasHeredocs: boolean;
}

/**
 * dockerfile-ast's own variable and heredoc readers, run on the plain instruction (`node`): both are
 * Instruction's methods, which the typed instructions inherit (LABEL's variables excepted) and which read all
 * tokens (variables) or the tokens after the flags (heredocs).
 */
export interface LeanReaders {
  variables(node: unknown): readonly VariableUse[];
  heredocs(node: unknown): readonly Token[];
}

/** Keywords whose flags end at the first argument `stop` accepts (each subclass's stopSearchingForFlags). */
const noDashes = (value: string) => value.indexOf('--') === -1;
const FLAG_STOP = new Map<string, (value: string) => boolean>([
  ['FROM', noDashes],
  ['COPY', noDashes],
  ['ADD', noDashes],
  ['RUN', noDashes],
  ['HEALTHCHECK', (value) => ['CMD', 'NONE'].includes(value.toUpperCase())],
  ['CMD', () => true],
  ['ENTRYPOINT', () => true],
  ['SHELL', () => true],
  ['VOLUME', () => true],
]);
/** JSONInstruction subclasses: they look for exec form in their arguments. */
const JSON_FORM = new Set(['ADD', 'COPY', 'RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME']);

// Scratch lists, refilled for each instruction (see Spans); kept parts are copied out at their exact length.
const spans = newSpans();
const flagList: Flag[] = [];
/** The positions of the instruction's tokens, unshifted: four numbers per token. */
const tokenPositions: number[] = [];
/** The flag being read: range, nameRange and valueRange, unshifted. */
const flagRanges: number[] = new Array(FLAG_NUMBERS).fill(0);
/** Its options' range and valueRange as read (shifted), OPTION_NUMBERS numbers each (as packed). */
const optionList: number[] = [];

/**
 * The parsed instruction, or null when this reader does not cover it: ONBUILD (trigger), ARG and ENV other than
 * plain ones (leanProperties.ts), LABEL with variables, and heredocs after flags. `keyword` is upper-case,
 * `keywordText` as written; `afterFrom` when a FROM came before it in its parse (leanVariables.ts).
 */
export function readLean(source: LeanSource, keyword: string, keywordText: string, lineDelta: number, readers: LeanReaders, afterFrom: boolean): ParsedInstruction | null {
  if (keyword === 'ONBUILD') return null;
  const declares = keyword === 'ARG' || keyword === 'ENV';
  // Variables start with `$` and heredocs with `<<`: without those characters their readers find nothing.
  const { hasVariables, hasHeredocs } = source;
  if (hasVariables && keyword === 'LABEL') return null;
  // One per parse (document): its line cursor carries on from instruction to instruction.
  const positions = positionsOf(source.document);
  const content = positions.content;
  const r = source.ranges;
  // Token spans are offsets into `content`; their positions go to `p` unshifted, and the arguments' are
  // copied to the parse's numbers (parsed.ts) shifted.
  const keywordEnd = positions.offset(r[2], r[3]);
  const end = positions.offset(r[6], r[7]);
  if (declares && !isPlainPropertyText(content, keywordEnd, end, source.escapeChar)) return null;
  scanArguments(content, keywordEnd, end, source.escapeChar, spans);
  const count = spans.count;
  const p = tokenPositions;
  for (let k = 0; k < count; k++) {
    positions.put(p, 4 * k, keywordEnd + spans.starts[k], 0);
    positions.put(p, 4 * k + 2, keywordEnd + spans.ends[k], 0);
  }
  const mark = packedMark();
  const stop = FLAG_STOP.get(keyword);
  let flagCount = 0;
  if (stop !== undefined) {
    for (let k = 0; k < count; k++) {
      const value = valueAt(spans, k);
      if (stop(value)) break;
      if (value.indexOf('--') === 0) flagList[flagCount++] = readFlag(positions, value, p, 4 * k, lineDelta);
    }
  }
  const first = flagCount;
  // The plain instruction's arguments include the flags; the typed one's, which getHeredocs reads, do not.
  if (hasHeredocs && first > 0) {
    rollback(mark);
    return null;
  }
  const argsStart = first < count ? positions.offset(p[4 * first], p[4 * first + 1]) : 0;
  const argsEnd = first < count ? positions.offset(p[4 * count - 2], p[4 * count - 1]) : 0;
  const argsText = first < count ? content.substring(argsStart, argsEnd) : '';
  const execForm = JSON_FORM.has(keyword) && first < count && isExecForm(argsText, first, count);
  const n = count - first;
  const sliced = slicedFrom(first, count);
  let values: readonly string[] | null = null;
  if (!sliced) {
    const kept: string[] = new Array(n);
    // A value joined around an escape is a tree of string pieces until read by index: flatten it while young.
    for (let k = first; k < count; k++) (kept[k - first] = valueAt(spans, k)).charCodeAt(0);
    values = n === 0 ? NONE : kept;
  }
  const at = reserve(8 + 4 * n + (sliced ? 2 * n : 0));
  putPacked(at, r, 0, lineDelta);
  putPacked(at + 4, r, 4, lineDelta);
  for (let k = first; k < count; k++) putPacked(at + 8 + 4 * (k - first), p, 4 * k, lineDelta);
  if (sliced) {
    const bounds = at + 8 + 4 * n;
    for (let k = first; k < count; k++) {
      const empty = spans.runStarts[k] === spans.runEnds[k];
      putPair(bounds + 2 * (k - first), empty ? 0 : spans.runStarts[k] - argsStart, empty ? 0 : spans.runEnds[k] - argsStart);
    }
  }
  return new ParsedInstruction(
    keyword,
    keywordText,
    first === 0 ? NONE : flagList.slice(0, first),
    n,
    values,
    argsText,
    execForm,
    hasVariables ? (keyword === 'FROM' || afterFrom ? readVariables(positions, p, count, source.escapeChar, lineDelta) : readers.variables(source.node)) : NONE,
    declares ? readPlainProperties(positions, allValues(count), p, count, lineDelta) : NONE,
    hasHeredocs ? readers.heredocs(source.node) : NONE,
    null,
    packing(),
    at,
    0,
  );
}

/** The first `count` token values, all cut out (ARG and ENV read them all). */
function allValues(count: number): string[] {
  for (let k = 0; k < count; k++) valueAt(spans, k);
  return spans.values as string[];
}

/**
 * Whether every argument from `first` is one run of the text. Then argsText holds it: a run lies inside its
 * token, and argsText spans the tokens (a token ends before any line break, so the offset round trip that
 * bounds argsText moves neither end past a run).
 */
function slicedFrom(first: number, count: number): boolean {
  for (let k = first; k < count; k++) if (spans.runStarts[k] === -1) return false;
  return true;
}

/** ModifiableInstruction.getFlags for one argument that starts with `--`, and Flag's option parsing. */
function readFlag(positions: Positions, value: string, p: readonly number[], k: number, lineDelta: number): Flag {
  const start = positions.offset(p[k], p[k + 1]);
  const raw = positions.content.substring(start, positions.offset(p[k + 2], p[k + 3]));
  const nameIndex = value.indexOf('=');
  const index = raw.indexOf('=');
  let dashes = 0;
  let startIndex = -1;
  for (let i = 0; i < raw.length && startIndex === -1; i++) {
    const c = raw.charAt(i);
    if (c === '-') {
      if (dashes === 2) startIndex = i;
      else dashes++;
    } else if (c !== '\\' && c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') {
      startIndex = i;
    }
  }
  // range, nameRange, valueRange (-1 for none), unshifted; ends that are the flag's end are copied from it.
  const r = flagRanges;
  for (let i = 0; i < 4; i++) r[i] = p[k + i];
  positions.put(r, 4, start + startIndex, 0);
  let name: string;
  let flagValue: string | null;
  let optionCount = 0;
  if (index === -1) {
    name = value.substring(2);
    flagValue = null;
    r[6] = r[2];
    r[7] = r[3];
    r[8] = r[9] = r[10] = r[11] = -1;
  } else {
    positions.put(r, 6, start + index, 0);
    if (index === value.length - 1) {
      name = value.substring(2, index);
      flagValue = '';
      r[8] = r[2];
      r[9] = r[3];
    } else {
      name = value.substring(2, nameIndex);
      flagValue = value.substring(nameIndex + 1);
      positions.put(r, 8, start + index + 1, 0);
      optionCount = readOptions(positions, flagValue, start + index + 1, lineDelta);
    }
    r[10] = r[2];
    r[11] = r[3];
  }
  const at = reserve(FLAG_NUMBERS + OPTION_NUMBERS * optionCount);
  for (let i = 0; i < FLAG_NUMBERS; i += 4) putPacked(at + i, r, i, lineDelta);
  for (let o = 0; o < optionCount; o++) {
    const base = OPTION_NUMBERS * o;
    // Already shifted by readOptions.
    putPacked(at + FLAG_NUMBERS + OPTION_NUMBERS * o, optionList, base, 0);
    putPacked(at + FLAG_NUMBERS + OPTION_NUMBERS * o + 4, optionList, base + 4, 0);
  }
  // The option names and values are read again from the flag's value when asked (null here).
  return new ParsedFlag(name, flagValue, null, packing(), at, 0);
}

/**
 * Flag's constructor: `a=b,c` options, positioned from `offset` by their index in the (unescaped) value. Writes
 * their range and valueRange to optionList and returns how many there are.
 */
function readOptions(positions: Positions, value: string, offset: number, lineDelta: number): number {
  const data = optionList;
  const count = scanOptions(value);
  const bounds = optionBounds;
  for (let o = 0; o < count; o++) {
    const nameStart = bounds[3 * o];
    const valueStart = bounds[3 * o + 1];
    const end = bounds[3 * o + 2];
    const k = OPTION_NUMBERS * o;
    positions.put(data, k, offset + nameStart, lineDelta);
    positions.put(data, k + 2, offset + end, lineDelta);
    if (valueStart === -1) {
      data[k + 4] = data[k + 5] = data[k + 6] = data[k + 7] = -1;
    } else {
      positions.put(data, k + 4, offset + valueStart, lineDelta);
      positions.put(data, k + 6, offset + end, lineDelta);
    }
  }
  return count;
}

/**
 * Whether JSONInstruction's constructor finds both brackets of an exec form (`["a", "b"]`), by its scan
 * of the arguments (which always takes `\\` as the escape character).
 */
function isExecForm(args: string, first: number, count: number): boolean {
  // Only a bracket, an escape character (`CMD \\[]`) or a blank can start one (the scan below returns false at
  // any other first character): the shell form, nearly every RUN, stops here. No test's arguments start with a
  // blank; the blanks stay so that this mirrors the scan rather than rests on that.
  const c0 = args.charCodeAt(0);
  if (c0 !== 0x5b && c0 !== 0x5d && c0 !== 0x5c && c0 !== 0x60 && c0 !== 0x20 && c0 !== 0x09) return false;
  if (count - first === 1 && valueAt(spans, first) === '[]') return true;
  if (count - first === 2 && valueAt(spans, first) === '[' && valueAt(spans, first + 1) === ']') return true;
  let last = '';
  let quoted = false;
  // An escaped line break (blanks, then \n or \r\n or \r) from `from`: the index to resume after, or -1.
  const lineBreak = (from: number): number => {
    for (let j = from; j < args.length; j++) {
      const c = args.charAt(j);
      if (c === '\r') return j + 1;
      if (c === '\n') return j;
      if (c !== ' ' && c !== '\t') return -1;
    }
    return -1;
  };
  for (let i = 0; i < args.length; i++) {
    const c = args.charAt(i);
    if (c === '[') {
      if (last === '') last = '[';
      else if (!quoted) return false;
    } else if (c === '"') {
      if (last === '[' || last === ',') {
        quoted = true;
        last = '"';
      } else if (last === '"' && quoted) quoted = false;
      else return false;
    } else if (c === ',') {
      if (quoted) continue;
      if (last !== '"') return false;
      last = ',';
    } else if (c === ']') {
      if (!quoted && last !== '') return true;
    } else if (c === '\\') {
      const next = args.charAt(i + 1);
      if (quoted && (next === '"' || next === '\\')) i++;
      else if (quoted && next === '\r') i += 2;
      else if (quoted && next !== ' ' && next !== '\t') i++;
      else {
        const resume = lineBreak(quoted ? i + 2 : i + 1);
        if (resume === -1) return false;
        i = resume;
      }
    } else if (c !== ' ' && c !== '\t' && !quoted) {
      return false;
    }
  }
  return false;
}
