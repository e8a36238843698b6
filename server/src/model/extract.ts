// Turns dockerfile-ast's objects into plain data (parsed.ts). Only this module, its tokeniser (tokenize.ts)
// and its reader of common instructions (lean.ts) touch dockerfile-ast; nothing outside model/ does.
import { DockerfileParser, Instruction as AstInstruction } from 'dockerfile-ast';
import { Range as LspRange } from 'vscode-languageserver-types';
import type * as ast from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import { readLean, type LeanReaders } from './lean';
import { installLineStarts } from './lineStarts';
import { OffsetInstruction, sourceOf } from './offsetInstruction';
import { installFastScan, offsetFactory } from './parserScan';
import type { LinedDocument } from './positions';
import { FLAG_NUMBERS, NONE, OPTION_NUMBERS, ParsedComment, ParsedFlag, ParsedInstruction, ParsedProperty, finishPacking, map, packedMark, packing, putRange, reserve, rollback, shiftRange, startPacking } from './parsed';
import { tokenize } from './tokenize';
import type { Comment, Directive, Flag, Instruction, ParsedText, Property, Range, RawStage, Token, VariableUse } from './types';

type WithFlags = ast.Instruction & { getFlags(): ast.Flag[] };
type WithHeredocs = { getHeredocs(): ast.Heredoc[] };
type WithJson = ast.Instruction & { getOpeningBracket(): ast.Argument | null; getClosingBracket(): ast.Argument | null };
type WithProperties = ast.Instruction & { getProperties(): ast.Property[] };

// Every getter of a dockerfile-ast instruction (arguments, flags, variables, heredocs, raw content)
// re-tokenises the arguments from scratch; reading one instruction did that about eight times. The
// tokens depend only on the instruction's own text, so they are computed once per instruction.
// Callers mutate the returned array (ModifiableInstruction shifts the flags off), hence the copy.
type Tokenizing = { getRawArguments(): ast.Argument[]; __rawArguments?: ast.Argument[] };
const instructionPrototype = AstInstruction.prototype as unknown as Tokenizing;
instructionPrototype.getRawArguments = function (this: Tokenizing): ast.Argument[] {
  if (this.__rawArguments === undefined) this.__rawArguments = tokenize.call(this as unknown as ThisParameterType<typeof tokenize>);
  return this.__rawArguments.slice();
};

// dockerfile-ast builds every range with Range.create, which validates its arguments through
// Object.prototype.toString on each number: about a tenth of a parse. Plain numbers and position
// objects take a typeof check here; anything else goes to the original, which throws as before.
const MAX_UINTEGER = 2147483647;
const uinteger = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= MAX_UINTEGER;
const isPosition = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && uinteger((v as { line: unknown }).line) && uinteger((v as { character: unknown }).character);
type RangeCreate = (one: unknown, two: unknown, three?: unknown, four?: unknown) => Range;
const createRange = LspRange.create as unknown as RangeCreate;
(LspRange as unknown as { create: RangeCreate }).create = (one, two, three, four) => {
  if (uinteger(one) && uinteger(two) && uinteger(three) && uinteger(four)) return { start: { line: one, character: two }, end: { line: three, character: four } };
  if (three === undefined && four === undefined && isPosition(one) && isPosition(two)) return { start: one as Range['start'], end: two as Range['end'] };
  return createRange(one, two, three, four);
};

installFastScan();
installLineStarts();

// Lines to add to every position while one parse is converted (a chunk parsed away from its place).
let lineDelta = 0;
// Whether the parse being converted has had a FROM (the lean reader reads variables after one).
let afterFrom = false;

function at(range: Range): Range;
function at(range: Range | null): Range | null;
function at(range: Range | null): Range | null {
  return range === null || lineDelta === 0 ? range : shiftRange(range, lineDelta);
}

// Upper-casing a keyword made a new string each time: one per instruction that a cached model kept (16,000 on
// the 1000-stage benchmark file), and one per call of getKeyword, which the parser and its Dockerfile make for
// every instruction they build. Known keywords share one string each, and one written in upper case is its own.
const KEYWORDS = new Map(
  ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'].map((k) => [k, k]),
);

/** `written` upper-cased, as getKeyword gives it; a known keyword as its shared string. */
export function keywordOf(written: string): string {
  const known = KEYWORDS.get(written);
  if (known !== undefined) return known;
  const upper = written.toUpperCase();
  return KEYWORDS.get(upper) ?? upper;
}

(AstInstruction.prototype as unknown as { getKeyword(this: { instruction: string }): string }).getKeyword = function () {
  return keywordOf(this.instruction);
};

// While `lean` is set, the parser builds plain Instructions (OffsetInstructions, with their ranges built on
// first read): the typed ones (Run, Copy, ...) read their arguments in their constructors. lean.ts reads the
// common instructions from the plain ones; the others get their typed instruction built from the same fields
// when they are read (`typed`). ONBUILD stays typed because the parser itself asks it for its trigger, which
// is plain too.
let lean = false;
// Bound once: the bundle reads an imported CommonJS binding through a getter on every use.
const PlainInstruction = AstInstruction;
const plainPrototype: object = AstInstruction.prototype;
const offsetPrototype: object = OffsetInstruction.prototype;
const isOnbuild = (instruction: string) => keywordOf(instruction) === 'ONBUILD';
type CreateTyped = (document: unknown, dockerfile: unknown, escapeChar: string, lineRange: Range, instruction: string, instructionRange: Range) => ast.Instruction;
const parserClass = Parser as unknown as { createInstruction: CreateTyped };
const createTyped = parserClass.createInstruction;
parserClass.createInstruction = (document, dockerfile, escapeChar, lineRange, instruction, instructionRange) =>
  lean && !isOnbuild(instruction)
    ? new PlainInstruction(document as never, lineRange, dockerfile as never, escapeChar, instruction, instructionRange)
    : createTyped(document, dockerfile, escapeChar, lineRange, instruction, instructionRange);
const createAt = (document: unknown, dockerfile: unknown, escapeChar: string, instruction: string, start: number, instructionEnd: number, end: number) =>
  isOnbuild(instruction) ? undefined : new OffsetInstruction(document as LinedDocument, dockerfile, escapeChar, instruction, start, instructionEnd, end);

type PlainFields = { document: unknown; dockerfile: unknown; escapeChar: string; range: Range; instruction: string; instructionRange: Range };
const typed = (node: ast.Instruction): ast.Instruction => {
  const prototype: unknown = Object.getPrototypeOf(node);
  if (prototype !== plainPrototype && prototype !== offsetPrototype) return node;
  const n = node as unknown as PlainFields;
  return createTyped(n.document, n.dockerfile, n.escapeChar, n.range, n.instruction, n.instructionRange);
};

// The parser looks for heredocs in the arguments of every RUN, COPY and ADD, which tokenises them all.
// A heredoc needs a `<` in the instruction's text; without one there is nothing to find. With one, the
// typed instruction is asked, as its arguments are not the plain one's (getArguments drops as many
// leading arguments as there are flags).
type Heredocs = { buffer: string; document: { offsetAt(position: Range['start']): number }; processHeredocs(instruction: ast.Instruction, offset: number): number };
const heredocsPrototype = Parser.prototype as unknown as Heredocs;
const processHeredocs = heredocsPrototype.processHeredocs;
heredocsPrototype.processHeredocs = function (this: Heredocs, instruction, offset) {
  if (!lean) return processHeredocs.call(this, instruction, offset);
  const start = instruction instanceof OffsetInstruction ? instruction.start : this.document.offsetAt(instruction.getRange().start);
  const at = this.buffer.indexOf('<', start);
  return at === -1 || at >= offset ? offset : processHeredocs.call(this, typed(instruction), offset);
};

/**
 * `countLineBreaks` false leaves lineCount 0, for callers that count lines themselves; `shift` moves
 * every position down that many lines (directives are not moved).
 */
export function parseText(text: string, countLineBreaks = true, shift = 0): ParsedText {
  return read(text, countLineBreaks, shift, true);
}

/** parseText reading every instruction with dockerfile-ast's typed instructions: what lean.ts must match. */
export function parseTextWithAst(text: string): ParsedText {
  return read(text, true, 0, false);
}

function read(text: string, countLineBreaks: boolean, shift: number, leanReading: boolean): ParsedText {
  lineDelta = shift;
  lean = leanReading;
  offsetFactory.create = leanReading ? createAt : null;
  startPacking();
  try {
    return convert(text, countLineBreaks);
  } finally {
    finishPacking();
    lineDelta = 0;
    lean = false;
    offsetFactory.create = null;
  }
}

function convert(text: string, countLineBreaks: boolean): ParsedText {
  const dockerfile = DockerfileParser.parse(text);
  const preamble: Instruction[] = [];
  const stages: RawStage[] = [];
  afterFrom = false;
  for (const node of dockerfile.getInstructions()) {
    const instruction = toInstruction(node);
    if (instruction.keyword === 'FROM') {
      stages.push({ from: instruction, instructions: [] });
      afterFrom = true;
    } else if (stages.length === 0) preamble.push(instruction);
    else stages[stages.length - 1].instructions.push(instruction);
  }
  // Lists grown by push keep room for 16 entries; a chunk's are kept with the model, so they are kept at
  // their length (copies: each stage's instructions stay its own array, which memos are keyed by).
  for (const stage of stages) stage.instructions = stage.instructions.slice();
  return {
    directives: lineDelta === 0 ? map(dockerfile.getDirectives(), toDirective) : NONE,
    preamble: preamble.length === 0 ? NONE : preamble.slice(),
    stages: stages.slice(),
    comments: map(dockerfile.getComments(), toComment),
    escapeChar: dockerfile.getEscapeCharacter(),
    lineCount: countLineBreaks ? countLines(text) : 0,
  };
}

export function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function toDirective(d: ast.ParserDirective): Directive {
  return { name: d.getName().toLowerCase(), value: d.getValue(), range: d.getRange(), valueRange: d.getValueRange() };
}

function toComment(c: ast.Comment): Comment {
  const k = reserve(4);
  putRange(k, c.getRange(), lineDelta);
  return new ParsedComment(c.getContent(), packing(), k, 0);
}

// A value the tokeniser joined around an escape (tokenize.ts), like any concatenation, is a tree of string
// pieces in V8 until something reads it by index. Reading one character flattens it now, while it is
// young, rather than keeping the tree with the cached model.
function flat(value: string): string {
  value.charCodeAt(0);
  return value;
}

function toFlag(f: ast.Flag): Flag {
  const options = f.getOptions();
  const base = reserve(FLAG_NUMBERS + OPTION_NUMBERS * options.length);
  putRange(base, f.getRange(), lineDelta);
  putRange(base + 4, f.getNameRange(), lineDelta);
  putRange(base + 8, f.getValueRange(), lineDelta);
  const optionText: (string | null)[] = options.length === 0 ? NONE : new Array(2 * options.length);
  options.forEach((o, k) => {
    optionText[2 * k] = o.getName();
    optionText[2 * k + 1] = o.getValue();
    putRange(base + FLAG_NUMBERS + OPTION_NUMBERS * k, o.getRange(), lineDelta);
    putRange(base + FLAG_NUMBERS + OPTION_NUMBERS * k + 4, o.getValueRange(), lineDelta);
  });
  return new ParsedFlag(f.getName(), f.getValue(), optionText, packing(), base, 0);
}

function toProperty(p: ast.Property): Property {
  const k = reserve(8);
  putRange(k, p.getNameRange(), lineDelta);
  putRange(k + 4, p.getValueRange(), lineDelta);
  return new ParsedProperty(p.getName(), p.getValue(), packing(), k, 0);
}

function toHeredoc(h: ast.Heredoc): Token {
  return { value: h.getName(), range: at(h.getNameRange()) };
}

function toVariable(v: ast.Variable): VariableUse {
  return { name: v.getName(), range: at(v.getRange()), nameRange: at(v.getNameRange()), modifier: v.getModifier() };
}

/** Values of dockerfile-ast arguments. */
function argumentValues(args: readonly ast.Argument[]): string[] {
  if (args.length === 0) return NONE;
  const values: string[] = new Array(args.length);
  for (let k = 0; k < args.length; k++) values[k] = flat(args[k].getValue());
  return values;
}

/** The text document dockerfile-ast keeps in every instruction (not in its typings). */
type WithDocument = { document: { getText(): string; offsetAt(position: Range['start']): number } };

const astReaders: LeanReaders = {
  variables: (node) => map(safely(() => (node as ast.Instruction).getVariables()), toVariable),
  heredocs: (node) => map(safely(() => (node as WithHeredocs).getHeredocs()), toHeredoc),
};

function toInstruction(plain: ast.Instruction): Instruction {
  const written = plain.getInstruction();
  const keyword = keywordOf(written);
  const keywordText = written === keyword ? keyword : written;
  const source = sourceOf(plain);
  // Copied: reading an ONBUILD's trigger below refills the source.
  const { hasVariables, hasHeredocs } = source;
  if (lean) {
    const mark = packedMark();
    try {
      const parsed = readLean(source, keyword, keywordText, lineDelta, astReaders, afterFrom);
      if (parsed !== null) return parsed;
    } catch {
      // an input that trips the lean reader still gets dockerfile-ast's reading
    }
    rollback(mark);
  }
  const node = typed(plain);
  // Capabilities differ per instruction subclass; probe for them instead of switching on classes.
  const n = node as unknown as Partial<WithFlags & WithHeredocs & WithJson & WithProperties>;
  const trigger = keyword === 'ONBUILD' ? (node as ast.Onbuild).getTriggerInstruction() : null;
  const execForm =
    typeof n.getOpeningBracket === 'function' && n.getOpeningBracket() !== null && n.getClosingBracket?.() !== null;
  const args = node.getArguments();
  const document = (node as unknown as WithDocument).document;
  // Flags first, then the instruction's own numbers, as lean.ts writes them.
  const flags = typeof n.getFlags === 'function' ? map(safely(() => n.getFlags!()), toFlag) : NONE;
  const base = reserve(8 + 4 * args.length);
  putRange(base, node.getInstructionRange(), lineDelta);
  putRange(base + 4, node.getRange(), lineDelta);
  for (let k = 0; k < args.length; k++) putRange(base + 8 + 4 * k, args[k].getRange(), lineDelta);
  return new ParsedInstruction(
    keyword,
    keywordText,
    flags,
    args.length,
    argumentValues(args),
    // What getRawArgumentsContent returns, from the arguments already read.
    args.length === 0
      ? ''
      : document.getText().substring(document.offsetAt(args[0].getRange().start), document.offsetAt(args[args.length - 1].getRange().end)),
    execForm,
    // Variables start with `$` and heredocs with `<<` in the instruction's own text: without those
    // characters dockerfile-ast's scans find nothing, and they cost more than this check.
    hasVariables ? map(safely(() => node.getVariables()), toVariable) : NONE,
    (keyword === 'ARG' || keyword === 'ENV') && typeof n.getProperties === 'function' ? map(safely(() => n.getProperties!()), toProperty) : NONE,
    typeof n.getHeredocs === 'function' && hasHeredocs
      ? map(safely(() => n.getHeredocs!()), toHeredoc)
      : NONE,
    trigger ? toInstruction(trigger) : null,
    packing(),
    base,
    0,
  );
}

// dockerfile-ast throws on some malformed input (endless recursion resolving variables of a stray
// instruction before the first FROM; getHeredocs on a half-typed heredoc): that part is then empty.
function safely<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch {
    return [];
  }
}
