// Positions from offsets in one parsed text, as TextDocument's positionAt and offsetAt give them. The parser
// and the lean reader ask in order (instruction after instruction, token after token), so each position is
// found by walking from the line of the last one rather than by a search over all lines.
import { CR, LF } from './chars';

const isEol = (c: number) => c === CR || c === LF;

export interface LinedDocument {
  getText(): string;
  getLineOffsets(): number[];
}

/** TextDocument's positionAt and offsetAt over one document, with positions as numbers. */
export class Positions {
  readonly content: string;
  private readonly lines: number[];
  /** The line of the last position asked. */
  private line = 0;
  private readonly pair = [0, 0];

  constructor(readonly document: LinedDocument) {
    this.content = document.getText();
    this.lines = document.getLineOffsets();
  }

  /** Writes the position of `offset` at out[k], out[k + 1] (line moved by `lineDelta`). */
  put(out: unknown[], k: number, offset: number, lineDelta: number): void {
    const lines = this.lines;
    const at = offset < 0 ? 0 : offset > this.content.length ? this.content.length : offset;
    // The last line starting at or before `at`: walked to from the last one, searched for when behind it.
    let line = this.line;
    if (lines[line] > at) {
      let low = 0;
      let high = line;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (lines[mid] > at) high = mid;
        else low = mid + 1;
      }
      line = low - 1;
    } else {
      while (line + 1 < lines.length && lines[line + 1] <= at) line++;
    }
    this.line = line;
    out[k] = line + lineDelta;
    out[k + 1] = this.beforeLineBreak(at, lines[line]) - lines[line];
  }

  /** positionAt(offset), its line moved by `lineDelta`. */
  at(offset: number, lineDelta = 0): { line: number; character: number } {
    this.put(this.pair, 0, offset, lineDelta);
    return { line: this.pair[0], character: this.pair[1] };
  }

  /** The offset of a position written by `put` with lineDelta 0 (a round trip, as dockerfile-ast makes). */
  offset(line: number, character: number): number {
    const lines = this.lines;
    if (line >= lines.length) return this.content.length;
    const start = lines[line];
    if (character <= 0) return start;
    const next = line + 1 < lines.length ? lines[line + 1] : this.content.length;
    return this.beforeLineBreak(start + character < next ? start + character : next, start);
  }

  /** `at`, moved back over line break characters but not before `lineStart` (TextDocument's ensureBeforeEOL). */
  private beforeLineBreak(at: number, lineStart: number): number {
    while (at > lineStart && isEol(this.content.charCodeAt(at - 1))) at--;
    return at;
  }
}

let last: Positions | undefined;

/** The positions of `document`, carrying on from the last ones asked of it. */
export const positionsOf = (document: LinedDocument): Positions => (last?.document === document ? last : (last = new Positions(document)));
