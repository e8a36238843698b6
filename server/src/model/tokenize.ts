// dockerfile-ast's argument tokeniser (Instruction.getRawArguments, dockerfile-ast 0.7), with the same
// control flow but without building each value a character at a time: every character it appends is a
// character of the source, so a value is kept as runs of source offsets and sliced out. On a 1000-stage
// file the original allocated about 16 MB of intermediate strings per parse, a quarter of all allocation.
// test/property/tokenize.test.ts checks that both give the same arguments and ranges.
import { Argument, Instruction as AstInstruction } from 'dockerfile-ast';
import { Range } from 'vscode-languageserver-types';
import { CR, DOLLAR, HASH, LF, SPACE, TAB } from './chars';
import { positionsOf, type LinedDocument } from './positions';

interface Tokenizable {
  document: LinedDocument & { offsetAt(position: Range['start']): number };
  escapeChar: string;
  getInstructionRange(): Range;
  getTextContent(): string;
}

/** The tokeniser dockerfile-ast ships, for comparison in tests. */
export const originalTokenize = (AstInstruction.prototype as unknown as { getRawArguments(): Argument[] }).getRawArguments;

/**
 * Token values and their spans (offsets into the scanned text); scanArguments writes the first `count`.
 * The lists are reused from call to call: truncating them (`length = 0`) would drop their storage, and
 * growing them again allocates 17 slots each, most of what tokenising allocated.
 */
export interface Spans {
  /** The value of a token joined from pieces; undefined for one run of the text, which valueAt cuts out. */
  values: (string | undefined)[];
  starts: number[];
  ends: number[];
  /** Where a value is one run of `text`, text.slice(runStarts[k], runEnds[k]) (equal for ''); else -1. */
  runStarts: number[];
  runEnds: number[];
  count: number;
  /** The scanned text. */
  text: string;
}

export const newSpans = (): Spans => ({ values: [], starts: [], ends: [], runStarts: [], runEnds: [], count: 0, text: '' });

/**
 * Token k's value. Most are one run of the text and most are never read (the lean reader keeps their bounds),
 * so they are cut out here, when asked, rather than while scanning.
 */
export function valueAt(spans: Spans, k: number): string {
  let found = spans.values[k];
  if (found === undefined) spans.values[k] = found = spans.text.slice(spans.runStarts[k], spans.runEnds[k]);
  return found;
}

const spans = newSpans();
// Bound once: the bundle reads an imported CommonJS binding through a getter on every use.
const ArgumentClass = Argument;

export function tokenize(this: Tokenizable): Argument[] {
  const document = this.document;
  const range = this.getInstructionRange();
  const extra = document.offsetAt(range.end) - document.offsetAt(range.start);
  const text = this.getTextContent();
  const offset = document.offsetAt(range.start) + extra;
  scanArguments(text, extra, text.length, this.escapeChar, spans);
  const positions = positionsOf(document);
  const args: Argument[] = new Array(spans.count);
  for (let k = 0; k < spans.count; k++) {
    args[k] = new ArgumentClass(valueAt(spans, k), Range.create(positions.at(offset + spans.starts[k]), positions.at(offset + spans.ends[k])));
  }
  return args;
}

// The value being read: `flushed`, then the source run [runStart, runEnd) of `text`. Module state rather
// than locals captured by closures: those closures were allocated on every call.
const value = { text: '', flushed: '', runStart: -1, runEnd: -1 };

function appendAt(index: number): void {
  if (index === value.runEnd) {
    value.runEnd++;
    return;
  }
  if (value.runStart !== -1) value.flushed += value.text.slice(value.runStart, value.runEnd);
  value.runStart = index;
  value.runEnd = index + 1;
}

/** `start` is relative to the scan's start, -1 when no character was found (as dockerfile-ast has it). */
function emit(out: Spans, start: number, end: number): void {
  const k = out.count++;
  const { flushed, runStart, runEnd } = value;
  if (flushed === '') {
    out.values[k] = undefined;
    out.runStarts[k] = runStart === -1 ? 0 : runStart;
    out.runEnds[k] = runStart === -1 ? 0 : runEnd;
  } else {
    out.values[k] = runStart === -1 ? flushed : flushed + value.text.slice(runStart, runEnd);
    out.runStarts[k] = out.runEnds[k] = -1;
  }
  value.flushed = '';
  value.runStart = value.runEnd = -1;
  out.starts[k] = start;
  out.ends[k] = end;
}

/**
 * The arguments in `text` from `from` to `to` (an instruction's text after its keyword), written to `out`
 * with spans relative to `from`. Character codes rather than one-character strings: the same comparisons,
 * about twice as fast.
 */
export function scanArguments(text: string, from: number, to: number, escapeChar: string, out: Spans): void {
  out.count = 0;
  out.text = text;
  const escape = escapeChar.length === 1 ? escapeChar.charCodeAt(0) : -1;
  let start = false;
  let comment = false;
  let found = -1;
  // whitespace that is part of an escaped newline sequence
  let escapedWhitespaceDetected = false;
  // inside an escaped newline sequence
  let escaping = false;
  let escapeMarker = -1;
  value.text = text;
  value.flushed = '';
  value.runStart = value.runEnd = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === CR || c === LF) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (c === CR || c === LF) {
          // a newline: earlier whitespace does not count
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        emit(out, found - from, (escapeMarker === -1 ? i : escapeMarker) - from);
        escapeMarker = -1;
        found = -1;
      }
    } else if (c === escape) {
      // -1 past the end, where dockerfile-ast's charAt gives ''
      const next = i + 1 < to ? text.charCodeAt(i + 1) : -1;
      if (next === SPACE || next === TAB) {
        for (let j = i + 2; j < to; j++) {
          const d = text.charCodeAt(j);
          if (d === SPACE || d === TAB) continue;
          if (d === CR || d === LF) {
            if (d === CR) j++; // \r\n
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = j;
          } else {
            escapeMarker = i;
            if (found === -1) i = j - 1;
          }
          break;
        }
      } else if (next === CR) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === LF) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          emit(out, found === -1 ? -1 : found - from, escapeMarker - from);
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === DOLLAR) {
          appendAt(i);
          appendAt(i + 1);
        } else if (next === -1) {
          // end of input
          break;
        } else {
          appendAt(i + 1);
        }
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && c === HASH) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          emit(out, found === -1 ? -1 : found - from, escapeMarker - from);
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        appendAt(i);
        if (found === -1) found = i;
        // Every following character up to a blank, a line break or the escape character takes this same
        // branch (`start` is now false, so even `#`): it only extends the run, so take them all at once.
        let j = i + 1;
        for (; j < to; j++) {
          const d = text.charCodeAt(j);
          if (d === SPACE || d === TAB || d === CR || d === LF || d === escape) break;
        }
        value.runEnd = j;
        i = j - 1;
      }
      // a non-whitespace character
      start = false;
    }
  }
  if (found !== -1) emit(out, found - from, (escapeMarker === -1 ? to : escapeMarker) - from);
}
