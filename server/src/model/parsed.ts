// Compact parsed instructions. A big file's model is mostly positions, and garbage collection pays for
// every object in it on every open, so the parts few readers need become objects on first read: argument
// tokens (a RUN line has dozens; the outline and most rules read values only), the keyword token, ranges,
// and mount options (only `from=` matters, and only references read it). Argument values that are slices
// of argsText, and the names and values of the lean reader's mount options, are not kept at all: they are
// cut out again when read. The numbers live in one Int32Array per document version's parses (Packed),
// outside the JS heap: a collection copies and marks the objects of a new model, not the contents of its
// typed arrays. A chunk that moves to other lines keeps its numbers and adds its own line delta.
import { optionTextOf, optionsNamedIn } from './flagOptions';
import type { Comment, Flag, FlagOption, Instruction, Property, Range, Token, VariableUse } from './types';

/** Shared by everything with nothing in a list; frozen because parsed data is never mutated. */
export const NONE: never[] = Object.freeze([]) as unknown as never[];
export const map = <T, U>(items: readonly T[], f: (item: T, index: number) => U): U[] => (items.length === 0 ? NONE : items.map(f));

/**
 * The ranges of one parse, four numbers each (start line, start character, end line, end character; -1 as the
 * start line for none). Written while the parse is read (`startPacking` ... `finishPacking`), then fixed.
 */
export class Packed {
  data = new Int32Array(0);
}

// The parse being read: its numbers grow here and are copied out at their final length. Reading a parse is
// synchronous and never nested, so one writer serves all. The parses of one batch (the chunks of one
// document version) share one copy: one allocation outside the heap instead of one per chunk.
const SCRATCH = 1 << 12;
// A scratch grown past this (a very big file) is dropped after its batch rather than kept for good.
const KEPT_SCRATCH = 1 << 20;
let scratch = new Int32Array(SCRATCH);
let used = 0;
let current = new Packed();
let inBatch = false;
let unsealed: Packed[] = [];

export function startPacking(): Packed {
  current = new Packed();
  unsealed.push(current);
  return current;
}

export function finishPacking(): void {
  if (!inBatch) seal();
}

/** Runs `parse`, which reads any number of parses, and gives them their numbers at the end. */
export function packingBatch<T>(parse: () => T): T {
  if (inBatch) return parse();
  inBatch = true;
  try {
    return parse();
  } finally {
    inBatch = false;
    seal();
  }
}

function seal(): void {
  const data = scratch.slice(0, used);
  for (const packed of unsealed) packed.data = data;
  unsealed = [];
  used = 0;
  if (scratch.length > KEPT_SCRATCH) scratch = new Int32Array(SCRATCH);
}

/** The parse being read, for the instructions and flags read from it. */
export const packing = (): Packed => current;

/** Room for `count` numbers; returns where they start. */
export function reserve(count: number): number {
  if (used + count > scratch.length) {
    const grown = new Int32Array(Math.max(scratch.length * 2, used + count));
    grown.set(scratch.subarray(0, used));
    scratch = grown;
  }
  const at = used;
  used += count;
  return at;
}

/** How much is written; `rollback` drops what was written after (a reader that gave up). */
export const packedMark = (): number => used;
export const rollback = (mark: number): void => {
  used = mark;
};

/** Writes `range` (its lines moved by `lineDelta`) at k..k+3. */
export function putRange(k: number, range: Range | null, lineDelta: number): void {
  if (range === null) {
    scratch[k] = scratch[k + 1] = scratch[k + 2] = scratch[k + 3] = -1;
  } else {
    scratch[k] = range.start.line + lineDelta;
    scratch[k + 1] = range.start.character;
    scratch[k + 2] = range.end.line + lineDelta;
    scratch[k + 3] = range.end.character;
  }
}

/** Writes four numbers already packed elsewhere (lines moved by `lineDelta`, none stays none). */
export function putPacked(k: number, from: readonly number[], i: number, lineDelta: number): void {
  const none = from[i] === -1;
  scratch[k] = none ? -1 : from[i] + lineDelta;
  scratch[k + 1] = from[i + 1];
  scratch[k + 2] = none ? -1 : from[i + 2] + lineDelta;
  scratch[k + 3] = from[i + 3];
}

/** Writes two plain numbers (no lines: never shifted) at k, k+1. */
export function putPair(k: number, a: number, b: number): void {
  scratch[k] = a;
  scratch[k + 1] = b;
}

/** A copy of `r`, `d` lines further down. */
export function shiftRange(r: Range, d: number): Range {
  return { start: { line: r.start.line + d, character: r.start.character }, end: { line: r.end.line + d, character: r.end.character } };
}

function rangeAt(packed: Packed, i: number, lineDelta: number): Range | null {
  const d = packed.data;
  if (d[i] === -1) return null;
  return { start: { line: d[i] + lineDelta, character: d[i + 1] }, end: { line: d[i + 2] + lineDelta, character: d[i + 3] } };
}

/** Numbers per flag before its options (range, nameRange, valueRange), and per option (range, valueRange). */
export const FLAG_NUMBERS = 12;
export const OPTION_NUMBERS = 8;

export class ParsedFlag implements Flag {
  #options: FlagOption[] | undefined;
  #range: Range | undefined;
  #nameRange: Range | undefined;
  #valueRange: Range | null | undefined;

  constructor(
    readonly name: string,
    readonly value: string | null,
    /**
     * Each option's name and value (null without `=`), two entries per option; null when they are the
     * options scanned from `value` (flagOptions.ts), read again on demand rather than kept.
     */
    readonly optionText: readonly (string | null)[] | null,
    /** range, nameRange, valueRange, then each option's range and valueRange, from `at` in `packed`. */
    readonly packed: Packed,
    readonly at: number,
    /** Lines to add to the packed ones. */
    readonly lineDelta: number,
  ) {}

  get range(): Range {
    return (this.#range ??= rangeAt(this.packed, this.at, this.lineDelta)!);
  }

  get nameRange(): Range {
    return (this.#nameRange ??= rangeAt(this.packed, this.at + 4, this.lineDelta)!);
  }

  get valueRange(): Range | null {
    if (this.#valueRange === undefined) this.#valueRange = rangeAt(this.packed, this.at + 8, this.lineDelta);
    return this.#valueRange;
  }

  get options(): readonly FlagOption[] {
    if (this.#options === undefined) {
      const options = this.optionsWhere(() => true);
      this.#options = options.length === 0 ? NONE : options;
    }
    return this.#options;
  }

  optionsNamed(name: string): FlagOption[] {
    if (this.#options !== undefined) return this.#options.filter((o) => o.name === name);
    if (this.optionText !== null) return this.optionsWhere((n) => n === name);
    // References ask every mount for `from`: only the options so named are built.
    const found: FlagOption[] = [];
    optionsNamedIn(this.value, name, (k, value) => found.push(this.option(k, name, value)));
    return found;
  }

  /** The same flag, `d` lines further down. */
  moved(d: number): ParsedFlag {
    return new ParsedFlag(this.name, this.value, this.optionText, this.packed, this.at, this.lineDelta + d);
  }

  private optionsWhere(accept: (name: string) => boolean): FlagOption[] {
    const text = this.optionText ?? optionTextOf(this.value);
    const options: FlagOption[] = [];
    for (let k = 0; 2 * k < text.length; k++) {
      const name = text[2 * k] as string;
      if (accept(name)) options.push(this.option(k, name, text[2 * k + 1]));
    }
    return options;
  }

  /** Option k, its ranges from the packed numbers. */
  private option(k: number, name: string, value: string | null): FlagOption {
    const i = this.at + FLAG_NUMBERS + OPTION_NUMBERS * k;
    return { name, value, range: rangeAt(this.packed, i, this.lineDelta)!, valueRange: rangeAt(this.packed, i + 4, this.lineDelta) };
  }
}

export class ParsedInstruction implements Instruction {
  #args: Token[] | undefined;
  #keywordToken: Token | undefined;
  #range: Range | undefined;

  constructor(
    readonly keyword: string,
    /** The keyword as written. */
    readonly keywordText: string,
    readonly flags: readonly Flag[],
    readonly argCount: number,
    /**
     * The argument values, or null when each is a slice of `argsText` whose bounds follow the arguments'
     * ranges in `packed` (two numbers each): read then on demand, not kept (most are read by no rule).
     */
    readonly values: readonly string[] | null,
    readonly argsText: string,
    readonly execForm: boolean,
    readonly variables: readonly VariableUse[],
    readonly properties: readonly Property[],
    readonly heredocs: readonly Token[],
    readonly trigger: Instruction | null,
    /** The keyword's range, the instruction's, then each argument's, from `at` in `packed`. */
    readonly packed: Packed,
    readonly at: number,
    /** Lines to add to the packed ones. */
    readonly lineDelta: number,
  ) {}

  get keywordToken(): Token {
    return (this.#keywordToken ??= { value: this.keywordText, range: rangeAt(this.packed, this.at, this.lineDelta)! });
  }

  /** Built on first read: at open, rules read the range of a stage's first and last instruction only. */
  get range(): Range {
    return (this.#range ??= rangeAt(this.packed, this.at + 4, this.lineDelta)!);
  }

  get argValues(): readonly string[] {
    if (this.values !== null) return this.values;
    const n = this.argCount;
    if (n === 0) return NONE;
    const d = this.packed.data;
    const bounds = this.at + 8 + 4 * n;
    const text = this.argsText;
    const values: string[] = new Array(n);
    for (let k = 0; k < n; k++) values[k] = text.substring(d[bounds + 2 * k], d[bounds + 2 * k + 1]);
    return values;
  }

  get args(): readonly Token[] {
    if (this.#args === undefined) {
      const at = this.at + 8;
      this.#args = map(this.argValues, (value, k) => ({ value, range: rangeAt(this.packed, at + 4 * k, this.lineDelta)! }));
    }
    return this.#args;
  }
}

/** An ARG or ENV declaration: nameRange, then valueRange, from `at` in `packed`. */
export class ParsedProperty implements Property {
  #nameRange: Range | undefined;
  #valueRange: Range | null | undefined;

  constructor(
    readonly name: string,
    readonly value: string | null,
    readonly packed: Packed,
    readonly at: number,
    readonly lineDelta: number,
  ) {}

  get nameRange(): Range {
    return (this.#nameRange ??= rangeAt(this.packed, this.at, this.lineDelta)!);
  }

  get valueRange(): Range | null {
    if (this.#valueRange === undefined) this.#valueRange = rangeAt(this.packed, this.at + 4, this.lineDelta);
    return this.#valueRange;
  }

  moved(d: number): ParsedProperty {
    return new ParsedProperty(this.name, this.value, this.packed, this.at, this.lineDelta + d);
  }
}

/** A comment line: its range at `at` in `packed` (rules read the ranges of `# check=` comments only). */
export class ParsedComment implements Comment {
  #range: Range | undefined;

  constructor(
    readonly text: string,
    readonly packed: Packed,
    readonly at: number,
    readonly lineDelta: number,
  ) {}

  get range(): Range {
    return (this.#range ??= rangeAt(this.packed, this.at, this.lineDelta)!);
  }

  moved(d: number): ParsedComment {
    return new ParsedComment(this.text, this.packed, this.at, this.lineDelta + d);
  }
}
