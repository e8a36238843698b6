// Compact parsed instructions. A big file's model is mostly positions, and garbage collection pays for
// every object in it on every open, so the parts few readers need are kept as packed numbers and become
// objects on first read: argument tokens (a RUN line has dozens; the outline and most rules read values
// only), the keyword token, and mount options (only `from=` matters, and only references read it).
// The packed fields are plain data, so parses still deep-equal and shift like the rest.
import type { Flag, FlagOption, Instruction, Property, Range, Token, VariableUse } from './types';

/** Shared by everything with nothing in a list; frozen because parsed data is never mutated. */
export const NONE: never[] = Object.freeze([]) as unknown as never[];
export const map = <T, U>(items: readonly T[], f: (item: T, index: number) => U): U[] => (items.length === 0 ? NONE : items.map(f));

/** Packed ranges: four numbers each (start line, start character, end line, end character); -1 for none. */
const rangeAt = (p: readonly unknown[], k: number): Range | null =>
  p[k] === -1 ? null : { start: { line: p[k] as number, character: p[k + 1] as number }, end: { line: p[k + 2] as number, character: p[k + 3] as number } };

/**
 * Writes `range` (its lines moved by `lineDelta`) at `out[k..k+3]`. Packed arrays are allocated at their
 * final length and filled: `push` would leave spare capacity, a dozen slots for a four-number array.
 */
export function putRange(out: unknown[], k: number, range: Range | null, lineDelta: number): void {
  if (range === null) {
    out[k] = out[k + 1] = out[k + 2] = out[k + 3] = -1;
  } else {
    out[k] = range.start.line + lineDelta;
    out[k + 1] = range.start.character;
    out[k + 2] = range.end.line + lineDelta;
    out[k + 3] = range.end.character;
  }
}

/** A copy of packed data with the line of every range moved by `d`; `stride` entries per item, ranges from `first`. */
export function shiftPacked<T>(packed: readonly T[], d: number, stride: number, first: number): readonly T[] {
  if (packed.length === 0) return packed;
  const out = packed.slice();
  for (let i = 0; i < out.length; i += stride) {
    for (let k = i + first; k < i + stride; k += 4) {
      if ((out[k] as unknown) !== -1) {
        (out as unknown as number[])[k] += d;
        (out as unknown as number[])[k + 2] += d;
      }
    }
  }
  return out;
}

/** Options packed ten entries each: name, value, range, valueRange. */
export const OPTION_STRIDE = 10;

export class ParsedFlag implements Flag {
  #options: FlagOption[] | undefined;
  #range: Range | undefined;
  #nameRange: Range | undefined;
  #valueRange: Range | null | undefined;

  constructor(
    readonly name: string,
    readonly value: string | null,
    /** range, nameRange and valueRange packed: twelve numbers. Each is built on first read. */
    readonly ranges: readonly number[],
    readonly optionData: readonly unknown[],
  ) {}

  get range(): Range {
    return (this.#range ??= rangeAt(this.ranges, 0)!);
  }

  get nameRange(): Range {
    return (this.#nameRange ??= rangeAt(this.ranges, 4)!);
  }

  get valueRange(): Range | null {
    if (this.#valueRange === undefined) this.#valueRange = rangeAt(this.ranges, 8);
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
    return this.#options?.filter((o) => o.name === name) ?? this.optionsWhere((n) => n === name);
  }

  private optionsWhere(accept: (name: string) => boolean): FlagOption[] {
    const p = this.optionData;
    const options: FlagOption[] = [];
    for (let i = 0; i < p.length; i += OPTION_STRIDE) {
      if (accept(p[i] as string)) options.push({ name: p[i] as string, value: p[i + 1] as string | null, range: rangeAt(p, i + 2)!, valueRange: rangeAt(p, i + 6) });
    }
    return options;
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
    /** The keyword's range, then the instruction's, packed: eight numbers. */
    readonly ranges: readonly number[],
    readonly flags: readonly Flag[],
    readonly argValues: readonly string[],
    readonly argPositions: readonly number[],
    readonly argsText: string,
    readonly execForm: boolean,
    readonly variables: readonly VariableUse[],
    readonly properties: readonly Property[],
    readonly heredocs: readonly Token[],
    readonly trigger: Instruction | null,
  ) {}

  get keywordToken(): Token {
    return (this.#keywordToken ??= { value: this.keywordText, range: rangeAt(this.ranges, 0)! });
  }

  /** Built on first read: at open, rules read the range of a stage's first and last instruction only. */
  get range(): Range {
    return (this.#range ??= rangeAt(this.ranges, 4)!);
  }

  get args(): readonly Token[] {
    if (this.#args === undefined) {
      const p = this.argPositions;
      this.#args = map(this.argValues, (value, k) => ({ value, range: rangeAt(p, 4 * k)! }));
    }
    return this.#args;
  }
}
