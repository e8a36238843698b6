// dockerfile-ast's Parser looks for the end of an instruction's arguments (processArguments) and of a comment
// (processComment) one character at a time, switching on one-character strings: the largest cost of its parse
// of a big file, and many times that before the code is optimised (a server's first open). Both make their
// decisions at line breaks and escape characters only (and at `#` or any other character right after a
// continuation), so these versions jump between those with indexOf and decide the same way. processInstruction
// cuts a keyword out instead of building it a character at a time. createInstruction finds its three positions
// from the last one (positions.ts) instead of searching all lines, and builds each instruction once.
// test/property/parserScan.test.ts checks that all of them parse as the parser's own.
import { Comment } from 'dockerfile-ast/lib/comment';
import { Parser } from 'dockerfile-ast/lib/parser';
import { Util } from 'dockerfile-ast/lib/util';
import { Range } from 'vscode-languageserver-types';
import { CR, HASH, LF, SPACE, TAB } from './chars';
import { NextIndex } from './nextIndex';
import { positionsOf, type LinedDocument } from './positions';

interface Scanning {
  buffer: string;
  escapeChar: string;
  document: { positionAt(offset: number): Range['start']; getText(): string; getLineOffsets(): number[] };
  __lastCreated?: CreateArgs & { node: unknown };
  processArguments(dockerfile: unknown, instruction: string, instructionEnd: number, start: number, offset: number): number;
  processComment(dockerfile: unknown, start: number): number;
  processInstruction(dockerfile: unknown, char: string, start: number): number;
  processHeredocs(instruction: unknown, offset: number): number;
  createInstruction(dockerfile: unknown, instruction: string, start: number, instructionEnd: number, end: number): unknown;
}

const parserPrototype = Parser.prototype as unknown as Scanning;
/** dockerfile-ast's own versions, for comparison in tests. */
export const originalScan = {
  processArguments: parserPrototype.processArguments,
  processComment: parserPrototype.processComment,
  processInstruction: parserPrototype.processInstruction,
  createInstruction: parserPrototype.createInstruction,
};
export const fastScan = { processArguments, processComment, processInstruction, createInstruction };

/**
 * Util.isUTF8BOM, which the parser asks twice per parse (once per chunk): dockerfile-ast encodes the character
 * to a Buffer and copies it to a Uint8Array, about 0.7 µs. Its first three bytes are EF BB BF exactly when
 * the string starts with U+FEFF (a lone surrogate encodes as EF BF BD).
 */
export const isUTF8BOM = (text: string): boolean => text.charCodeAt(0) === 0xfeff;
export const originalIsUTF8BOM = Util.isUTF8BOM;

export function installFastScan(): void {
  Object.assign(parserPrototype, fastScan);
  Util.isUTF8BOM = isUTF8BOM;
}

const nextLF = new NextIndex('\n');
const nextCR = new NextIndex('\r');
const nextBackslash = new NextIndex('\\');
const nextBacktick = new NextIndex('`');

/** `next`'s index in `buffer` from `from`, or the buffer's end. */
const orEnd = (next: NextIndex, buffer: string, from: number): number => {
  const at = next.at(buffer, from);
  return at === -1 ? buffer.length : at;
};

/** The next escape character in `buffer` from `from`, or its end. */
export function nextEscape(buffer: string, from: number, escapeChar: string): number {
  if (escapeChar === '\\') return orEnd(nextBackslash, buffer, from);
  if (escapeChar === '`') return orEnd(nextBacktick, buffer, from);
  return buffer.length; // the parser only ever uses those two
}

/** The next line break (CR or LF) in `buffer` from `from`, or its end. */
export function nextLineBreak(buffer: string, from: number): number {
  return Math.min(orEnd(nextLF, buffer, from), orEnd(nextCR, buffer, from));
}

/** Parser.processArguments: the same cases in the same order, reached by skipping what changes nothing. */
function processArguments(this: Scanning, dockerfile: unknown, instruction: string, instructionEnd: number, start: number, offset: number): number {
  const buffer = this.buffer;
  const length = buffer.length;
  const escapeChar = this.escapeChar;
  const escape = escapeChar.length === 1 ? escapeChar.charCodeAt(0) : -1;
  let escaped = false;
  for (let i = offset + 1; i < length; i++) {
    // Not after a continuation, only line breaks and the escape character decide anything.
    if (!escaped) i = Math.min(nextLineBreak(buffer, i), nextEscape(buffer, i, escapeChar));
    if (i >= length) break;
    const c = buffer.charCodeAt(i);
    if (c === CR || c === LF) {
      if (escaped) continue;
      return this.processHeredocs(this.createInstruction(dockerfile, instruction, start, instructionEnd, i), i);
    }
    if (c === escape) {
      i = afterEscape(buffer, i);
      const at = buffer.charCodeAt(i);
      if (at === CR || at === LF) escaped = true;
      continue;
    }
    if (c === HASH) {
      if (escaped) i = this.processComment(dockerfile, i);
      continue;
    }
    if (c !== SPACE && c !== TAB) escaped = false;
  }
  return length;
}

/**
 * Parser.processArguments at the escape character at `i`: where its scan goes on, the loop then stepping past
 * it. A line break there (right after the escape character, or after blanks) begins a continuation. After blanks
 * the character where they end is skipped, whatever it is; the escape character before anything else is skipped.
 */
export function afterEscape(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (next === LF || next === CR) return i + 1;
  if (next !== SPACE && next !== TAB) return i;
  let j = i + 2;
  while (j < text.length && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
  return j;
}

interface Instructions {
  addInstruction(instruction: unknown): void;
}

/**
 * Parser.processInstruction. It builds the keyword a character at a time, with cases for escape characters
 * inside it; a keyword without one (all but freak input) runs to the first blank or line break, and is cut
 * out whole here, with the rest done as the original does it. A keyword with an escape character goes to the
 * original from its start.
 */
function processInstruction(this: Scanning, dockerfile: Instructions, char: string, start: number): number {
  const buffer = this.buffer;
  const length = buffer.length;
  const escape = this.escapeChar.length === 1 ? this.escapeChar.charCodeAt(0) : -1;
  let i = start + 1;
  let c = -1;
  for (; i < length; i++) {
    c = buffer.charCodeAt(i);
    if (c === SPACE || c === TAB || c === CR || c === LF || c === escape) break;
  }
  if (i === length) {
    dockerfile.addInstruction(this.createInstruction(dockerfile, buffer.substring(start, length), start, length, length));
    return length;
  }
  if (c === escape) return originalScan.processInstruction.call(this, dockerfile, char, start);
  const instruction = buffer.substring(start, i);
  if (c === CR || c === LF) {
    dockerfile.addInstruction(this.createInstruction(dockerfile, instruction, start, i, i));
    return i;
  }
  const end = this.processArguments(dockerfile, instruction, i, start, i);
  dockerfile.addInstruction(this.createInstruction(dockerfile, instruction, start, i, end));
  return end;
}

/** Parser.processComment: the comment runs to the next line break. */
function processComment(this: Scanning, dockerfile: unknown, start: number): number {
  const end = nextLineBreak(this.buffer, start + 1);
  const range = Range.create(this.document.positionAt(start), this.document.positionAt(end));
  (dockerfile as { addComment(comment: Comment): void }).addComment(new Comment(this.document as never, range));
  return end;
}

interface CreateArgs {
  dockerfile: unknown;
  instruction: string;
  start: number;
  instructionEnd: number;
  end: number;
}

type CreateTyped = (document: unknown, dockerfile: unknown, escapeChar: string, lineRange: Range, instruction: string, instructionRange: Range) => unknown;
const parserClass = Parser as unknown as { createInstruction: CreateTyped };

/** An instruction's range and its keyword's from their offsets, as the parser's createInstruction makes them. */
export function instructionRanges(document: LinedDocument, start: number, instructionEnd: number, end: number): { range: Range; instructionRange: Range } {
  const positions = positionsOf(document);
  const startPosition = positions.at(start);
  return { instructionRange: { start: startPosition, end: positions.at(instructionEnd) }, range: { start: startPosition, end: positions.at(end) } };
}

type CreateAt = (document: unknown, dockerfile: unknown, escapeChar: string, instruction: string, start: number, instructionEnd: number, end: number) => unknown;
/** While `create` is set (extract.ts, while it reads a parse), it builds the instructions it does not answer undefined for. */
export const offsetFactory: { create: CreateAt | null } = { create: null };

/**
 * Parser.createInstruction. The parser builds every RUN/COPY/ADD twice: once to look for heredocs, once to
 * keep. Without heredocs both have the same text and ranges, so the second build returns the first instance.
 */
function createInstruction(this: Scanning, dockerfile: unknown, instruction: string, start: number, instructionEnd: number, end: number): unknown {
  let last = this.__lastCreated;
  if (last && last.dockerfile === dockerfile && last.start === start && last.end === end && last.instructionEnd === instructionEnd && last.instruction === instruction) {
    return last.node;
  }
  let node = offsetFactory.create?.(this.document, dockerfile, this.escapeChar, instruction, start, instructionEnd, end);
  if (node === undefined) {
    const { range, instructionRange } = instructionRanges(this.document, start, instructionEnd, end);
    // The class's createInstruction is read now: extract.ts replaces it.
    node = parserClass.createInstruction(this.document, dockerfile, this.escapeChar, range, instruction, instructionRange);
  }
  // One record per parser, refilled: the parser asks about the instruction it built last only.
  if (last === undefined) last = this.__lastCreated = { dockerfile, instruction, start, instructionEnd, end, node };
  last.dockerfile = dockerfile;
  last.instruction = instruction;
  last.start = start;
  last.instructionEnd = instructionEnd;
  last.end = end;
  last.node = node;
  return node;
}
