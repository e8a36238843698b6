// The plain dockerfile-ast Instruction the parser builds while we parse (extract.ts), holding its three
// offsets and building its two ranges only when something asks for them. The lean reader works from the
// offsets (`sourceOf`); dockerfile-ast's own code (its Dockerfile, its variable and heredoc readers, a typed
// instruction built from this one) reads `range` and `instructionRange` as before. Building them for every
// instruction took five objects and three position searches per instruction, most never read.
import { Instruction as AstInstruction } from 'dockerfile-ast';
import type { LeanSource } from './lean';
import { NextIndex } from './nextIndex';
import { instructionRanges } from './parserScan';
import { positionsOf, type LinedDocument } from './positions';
import type { Range } from './types';

interface Ranges {
  range: Range;
  instructionRange: Range;
}

export class OffsetInstruction extends AstInstruction {
  /** Offsets in the parsed text: where the instruction starts, where its keyword ends, where it ends. */
  declare start: number;
  declare keywordEnd: number;
  declare end: number;
  declare lazyRanges: Ranges | undefined;

  constructor(document: LinedDocument, dockerfile: unknown, escapeChar: string, instruction: string, start: number, keywordEnd: number, end: number) {
    // Line's constructor assigns both ranges: the setters below take the undefined it is given.
    super(document as never, undefined as never, dockerfile as never, escapeChar, instruction, undefined as never);
    this.start = start;
    this.keywordEnd = keywordEnd;
    this.end = end;
    this.lazyRanges = undefined;
  }
}

// Accessors rather than class members: dockerfile-ast declares both as fields, which TypeScript will not let
// a subclass turn into accessors.
function ranges(node: OffsetInstruction): Ranges {
  node.lazyRanges ??= instructionRanges((node as unknown as { document: LinedDocument }).document, node.start, node.keywordEnd, node.end);
  return node.lazyRanges;
}

const setter = (name: keyof Ranges) =>
  function (this: OffsetInstruction, value: Range | undefined) {
    if (value !== undefined) ranges(this)[name] = value;
  };

Object.defineProperties(OffsetInstruction.prototype, {
  range: { get: function (this: OffsetInstruction) { return ranges(this).range; }, set: setter('range') },
  instructionRange: { get: function (this: OffsetInstruction) { return ranges(this).instructionRange; }, set: setter('instructionRange') },
});

type PlainFields = { document: LinedDocument; escapeChar: string; range: Range; instructionRange: Range };

// One source, refilled for each instruction read.
const source: LeanSource = { node: null, document: { getText: () => '', getLineOffsets: () => [] }, escapeChar: '', ranges: new Array(8).fill(0), hasVariables: false, hasHeredocs: false };
const nextDollar = new NextIndex('$');
const nextLessThan = new NextIndex('<');

/**
 * The instruction from offset `start` (its keyword to `keywordEnd`) to `end` of `document` as the lean reader reads
 * it, with `node` for its fallback readers: ranges as the parser's createInstruction makes them, without building
 * them, and whether its text has a `$` or a `<`.
 */
export function sourceAt(node: unknown, document: LinedDocument, escapeChar: string, start: number, keywordEnd: number, end: number): LeanSource {
  const r = source.ranges;
  source.node = node;
  source.document = document;
  source.escapeChar = escapeChar;
  const positions = positionsOf(document);
  positions.put(r, 0, start, 0);
  positions.put(r, 2, keywordEnd, 0);
  r[4] = r[0];
  r[5] = r[1];
  positions.put(r, 6, end, 0);
  // The instruction's text, as getTextContent cuts it; searched rather than cut.
  const from = positions.offset(r[0], r[1]);
  const to = positions.offset(r[6], r[7]);
  const dollar = nextDollar.at(positions.content, from);
  const lessThan = nextLessThan.at(positions.content, from);
  source.hasVariables = dollar !== -1 && dollar < to;
  source.hasHeredocs = lessThan !== -1 && lessThan < to;
  return source;
}

/** `plain` as the lean reader reads it, and whether its text has a `$` or a `<`. */
export function sourceOf(plain: unknown): LeanSource {
  const n = plain as PlainFields;
  if (plain instanceof OffsetInstruction) return sourceAt(plain, n.document, n.escapeChar, plain.start, plain.keywordEnd, plain.end);
  const r = source.ranges;
  source.node = plain;
  source.document = n.document;
  source.escapeChar = n.escapeChar;
  const ir = n.instructionRange;
  const lr = n.range;
  r[0] = ir.start.line;
  r[1] = ir.start.character;
  r[2] = ir.end.line;
  r[3] = ir.end.character;
  r[4] = lr.start.line;
  r[5] = lr.start.character;
  r[6] = lr.end.line;
  r[7] = lr.end.character;
  const text = (plain as { getTextContent(): string }).getTextContent();
  source.hasVariables = text.includes('$');
  source.hasHeredocs = text.includes('<');
  return source;
}
