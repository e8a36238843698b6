// Reads a stage chunk (a chunk after the first: it starts with its FROM, and the escape character is known)
// straight from its text. dockerfile-ast's parse of a chunk builds a TextDocument, a Dockerfile, its stages and
// a plain Instruction per instruction (extract.ts), sorts the comments into stages through every instruction's
// range, and hands each instruction to the lean reader (lean.ts); this finds the same instructions and comments
// with the same scans (Parser.parse, processInstruction, processArguments, processComment, processHeredocs and
// parseHeredoc, as parserScan.ts runs them) and hands them to the lean reader directly. Whatever the lean reader
// does not cover, and anything unusual (an escape character in a keyword, ONBUILD, flags before a heredoc),
// answers null: the caller parses that chunk with dockerfile-ast. test/property/chunks.test.ts requires chunked
// parses to equal whole-file parses, and test/property/stageChunk.test.ts this reader to equal dockerfile-ast's.
import type * as ast from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CR, HASH, LF, SPACE, TAB } from './chars';
import { commonHeredoc, heredocBodiesEnd } from './chunkHeredocs';
import { keywordOf } from './extract';
import { readLean, type LeanReaders } from './lean';
import { NextIndex } from './nextIndex';
import { OffsetInstruction, sourceAt } from './offsetInstruction';
import { afterEscape, nextEscape, nextLineBreak } from './parserScan';
import { NONE, ParsedComment, finishPacking, packedMark, packing, putPacked, reserve, rollback, shiftRange, startPacking } from './parsed';
import { positionsOf, type LinedDocument, type Positions } from './positions';
import type { Comment, Instruction, ParsedText, RawStage, Token } from './types';

/** Thrown where dockerfile-ast must read the chunk. */
const UNCOVERED = new Error('stage chunk not covered by the lean reader');

const nextLessThan = new NextIndex('<');

// The chunk being read. Module state: reading is synchronous and never nested.
let text = '';
let escape = -1;
let escapeChar = '\\';
// dockerfile-ast's document type (the heredoc reader reads it), whose implementation has the line starts.
type ChunkDocument = TextDocument & LinedDocument;
const documentOf = (content: string) => TextDocument.create('', '', 0, content) as ChunkDocument;
let document = documentOf('');
let positions: Positions = positionsOf(document);
let comments: Comment[] = [];
let lineShift = 0;
const scratchRange = [0, 0, 0, 0];
const readers: LeanReaders = {
  variables: () => {
    throw UNCOVERED;
  },
  heredocs: (node) => {
    const { start, keywordEnd, end } = node as Span;
    return commonHeredoc(positions, escapeFrom(start) < end, escapeChar, keywordEnd, end, lineShift) ?? astHeredocs(node as Span);
  },
};

/** The instruction being read: where it starts, where its keyword ends, where it ends, its keyword as written. */
interface Span {
  start: number;
  keywordEnd: number;
  end: number;
  written: string;
}
const span: Span = { start: 0, keywordEnd: 0, end: 0, written: '' };

/** dockerfile-ast's own reader (getHeredocs) of the plain instruction, as extract.ts asks it. */
function astHeredocs({ start, keywordEnd, end, written }: Span): readonly Token[] {
  let heredocs: ast.Heredoc[];
  try {
    heredocs = (new OffsetInstruction(document, null, escapeChar, written, start, keywordEnd, end) as unknown as { getHeredocs(): ast.Heredoc[] }).getHeredocs();
  } catch {
    return NONE;
  }
  return heredocs.length === 0 ? NONE : heredocs.map((h) => ({ value: h.getName(), range: shiftRange(h.getNameRange(), lineShift) }));
}

/** The chunk's parse, its positions moved down `shift` lines; null where dockerfile-ast must parse it. */
export function parseStageChunk(chunkText: string, chunkEscape: string, shift: number): ParsedText | null {
  if ((chunkEscape !== '\\' && chunkEscape !== '`') || chunkText.charCodeAt(0) === 0xfeff) return null;
  text = chunkText;
  escapeChar = chunkEscape;
  escape = chunkEscape.charCodeAt(0);
  lineShift = shift;
  document = documentOf(chunkText);
  positions = positionsOf(document);
  comments = [];
  startPacking();
  const mark = packedMark();
  try {
    return read();
  } catch {
    // UNCOVERED, or an input that trips a reader: dockerfile-ast reads the chunk (as extract.ts falls back)
    rollback(mark);
    return null;
  } finally {
    finishPacking();
    comments = [];
  }
}

function read(): ParsedText {
  const stages: RawStage[] = [];
  let instructions: Instruction[] = [];
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === CR || c === LF) continue;
    if (c === HASH) {
      i = comment(i);
      continue;
    }
    // Parser.processInstruction, as parserScan.ts runs it: the keyword runs to the first blank or line break.
    let j = i + 1;
    let d = -1;
    for (; j < length; j++) {
      d = text.charCodeAt(j);
      if (d === SPACE || d === TAB || d === CR || d === LF || d === escape) break;
    }
    if (j < length && d === escape) throw UNCOVERED;
    const end = j === length || d === CR || d === LF ? j : argumentsEnd(text.substring(i, j), i, j);
    const instruction = toInstruction(text.substring(i, j), i, j, end, stages.length > 0);
    if (instruction.keyword === 'FROM') {
      if (stages.length > 0) stages[stages.length - 1].instructions = instructions.slice();
      stages.push({ from: instruction, instructions: NONE });
      instructions = [];
    } else if (stages.length === 0) {
      throw UNCOVERED; // a chunk starts with its FROM; what comes before one is dockerfile-ast's
    } else instructions.push(instruction);
    i = end;
  }
  if (stages.length > 0) stages[stages.length - 1].instructions = instructions.slice();
  return { directives: [], preamble: NONE, stages: stages.slice(), comments: comments.length === 0 ? NONE : comments.slice(), escapeChar, lineCount: 0 };
}

const lineBreakFrom = (from: number) => nextLineBreak(text, from);
const escapeFrom = (from: number) => nextEscape(text, from, escapeChar);

/** Parser.processComment: a comment runs to the next line break. Its text is getContent's (trimmed, no `#`). */
function comment(start: number): number {
  const end = lineBreakFrom(start + 1);
  let from = start + 1;
  while (from < end && isBlank(text.charCodeAt(from))) from++;
  let to = end;
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  const k = reserve(4);
  putOffsets(k, start, end);
  comments.push(new ParsedComment(text.substring(from, to), packing(), k, 0));
  return end;
}

const isBlank = (c: number) => c === SPACE || c === TAB || c === CR || c === LF;

/** Writes the range from offset `start` to `end`, moved down to the chunk's place. */
function putOffsets(k: number, start: number, end: number): void {
  const r = scratchRange;
  positions.put(r, 0, start, 0);
  positions.put(r, 2, end, 0);
  putPacked(k, r, 0, lineShift);
}

/** Parser.processArguments (parserScan.ts's): where the instruction that starts at `start` ends. */
function argumentsEnd(keywordText: string, start: number, keywordEnd: number): number {
  const length = text.length;
  let escaped = false;
  for (let i = keywordEnd + 1; i < length; i++) {
    if (!escaped) i = Math.min(lineBreakFrom(i), escapeFrom(i));
    if (i >= length) break;
    const c = text.charCodeAt(i);
    if (c === CR || c === LF) {
      if (escaped) continue;
      // Parser.processHeredocs: without a `<` on the line there are no heredoc arguments to find (as in extract.ts).
      const lessThan = nextLessThan.at(text, start);
      if (lessThan === -1 || lessThan >= i) return i;
      const keyword = keywordOf(keywordText);
      if (keyword === 'ONBUILD') throw UNCOVERED;
      return keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD' ? heredocBodiesEnd(text, escapeChar, keywordEnd, i) : i;
    }
    if (c === escape) {
      i = afterEscape(text, i);
      const at = text.charCodeAt(i);
      if (at === CR || at === LF) escaped = true;
      continue;
    }
    if (c === HASH) {
      if (escaped) i = comment(i);
      continue;
    }
    if (c !== SPACE && c !== TAB) escaped = false;
  }
  return length;
}

/** extract.ts's toInstruction for a plain instruction from `start` (keyword to `keywordEnd`) to `end`. */
function toInstruction(written: string, start: number, keywordEnd: number, end: number, afterFrom: boolean): Instruction {
  const keyword = keywordOf(written);
  if (keyword === 'ONBUILD') throw UNCOVERED;
  span.start = start;
  span.keywordEnd = keywordEnd;
  span.end = end;
  span.written = written;
  const source = sourceAt(span, document, escapeChar, start, keywordEnd, end);
  const parsed = readLean(source, keyword, written === keyword ? keyword : written, lineShift, readers, afterFrom);
  if (parsed === null) throw UNCOVERED;
  return parsed;
}
