// Splits a Dockerfile into chunks that dockerfile-ast parses the same on their own as inside the
// whole file: the global part (directives, global ARGs), then one chunk per FROM (see scanner.ts),
// and reuses the parse of every chunk an edit did not touch.
import { countLines, parseText } from './extract';
import { ParsedComment, ParsedFlag, ParsedInstruction, ParsedProperty, map, packingBatch, shiftRange } from './parsed';
import { chunksAt, directiveInfo, scanStarts, type Start } from './scanner';
import { parseStageChunk } from './stageChunk';
import type { Comment, Instruction, ParsedText, RawStage, Token } from './types';

interface Parsed {
  line: number;
  text: string;
  /** The escape character the chunk was parsed with; '' for the first chunk, which finds its own. */
  escape: string;
  parsed: ParsedText;
}

/**
 * Parses successive versions of one document chunk by chunk, reusing the chunks whose text
 * (and escape character) did not change. A chunk that only moved to other lines is reused with its
 * positions shifted.
 */
export class ChunkedParser {
  /** The last parse's chunks by first line. */
  private previous = new Map<number, Parsed>();
  private last: { text: string; escapeChar: string; count: number; lineCount: number; starts: Start[] } | undefined;
  /** How many chunks the last parse had, and how many of them it had to parse. */
  stats = { chunks: 0, parsed: 0 };

  /**
   * A parser that starts from this one's last parse and leaves it untouched: for analysing a text that is
   * not a version of the document (what a quick fix would make). Parses are never mutated, so sharing is safe.
   */
  fork(): ChunkedParser {
    const fork = new ChunkedParser();
    fork.previous = this.previous;
    fork.last = this.last;
    return fork;
  }

  parse(text: string): ParsedText {
    const { escapeChar, count } = directiveInfo(text);
    const lineCount = countLines(text);
    const starts = this.startsFor(text, escapeChar, count, lineCount);
    const chunks = chunksAt(text, starts);
    const current = new Map<number, Parsed>();
    let byText: Map<string, Parsed[]> | undefined;
    const parts: ParsedText[] = [];
    let parsedCount = 0;
    // The chunks parsed here share one array of numbers (parsed.ts).
    packingBatch(() => {
      for (let k = 0; k < chunks.length; k++) {
        const { line, text: chunkText } = chunks[k];
        const escape = k === 0 ? '' : escapeChar;
        // While typing most chunks keep their line and text: comparing them needs no hashing of the text.
        let entry = this.previous.get(line);
        if (entry === undefined || entry.escape !== escape || entry.text !== chunkText) {
          byText ??= indexByText(this.previous);
          entry = pick(byText.get(chunkText), escape, line);
        }
        if (entry === undefined) {
          const own = detach(chunkText);
          entry = { line, escape, text: own, parsed: parseAt(own, line, escape) };
          parsedCount++;
        } else if (entry.line !== line) {
          entry = { line, escape, text: entry.text, parsed: shiftLines(entry.parsed, line - entry.line) };
        }
        current.set(line, entry);
        parts.push(entry.parsed);
      }
    });
    this.previous = current;
    this.last = { text, escapeChar, count, lineCount, starts };
    this.stats = { chunks: chunks.length, parsed: parsedCount };
    return assemble(parts, lineCount);
  }

  /**
   * Chunk starts for `text`, rescanning only between the unchanged chunks at the front and those at
   * the back of the last version: the scan starts at the last unchanged front chunk and stops when it
   * reaches, in a fresh state, the start of an unchanged back chunk.
   */
  private startsFor(text: string, escapeChar: string, count: number, lineCount: number): Start[] {
    const last = this.last;
    const origin = { line: 0, offset: 0 };
    if (!last || last.escapeChar !== escapeChar || last.count !== count) return scanStarts(text, escapeChar, count, origin).starts;
    const old = last.starts;
    const oldText = last.text;
    const end = (k: number) => (k + 1 < old.length ? old[k + 1].offset : oldText.length);
    // Slices compared with === (a flat memory compare) rather than startsWith, which is several times slower.
    const same = (k: number, at: number) => {
      const length = end(k) - old[k].offset;
      return at >= 0 && at + length <= text.length && text.slice(at, at + length) === oldText.slice(old[k].offset, end(k));
    };
    let front = 0;
    while (front < old.length && same(front, old[front].offset)) front++;
    const resume = Math.max(0, front - 1);
    const delta = text.length - oldText.length;
    const lineDelta = lineCount - last.lineCount;
    let back = old.length;
    while (back - 1 > resume && old[back - 1].offset + delta > old[resume].offset && same(back - 1, old[back - 1].offset + delta)) back--;
    const resyncAt = new Map<number, number>();
    for (let k = back; k < old.length; k++) if (old[k].line + lineDelta >= count) resyncAt.set(old[k].offset + delta, k);
    let resumedAt = -1;
    const scanned = scanStarts(text, escapeChar, count, resume === 0 ? origin : old[resume], (offset) => {
      resumedAt = resyncAt.get(offset) ?? -1;
      return resumedAt !== -1;
    });
    const starts = old.slice(0, resume).concat(scanned.starts);
    if (scanned.resynced) {
      for (let k = resumedAt; k < old.length; k++) starts.push({ line: old[k].line + lineDelta, offset: old[k].offset + delta });
    }
    return starts;
  }
}

/**
 * A copy of a chunk's text that does not point into the document's text. A slice would keep the whole
 * document version alive for as long as the chunk (and every string the parser cut from it) is cached.
 */
function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function indexByText(entries: Map<number, Parsed>): Map<string, Parsed[]> {
  const index = new Map<string, Parsed[]>();
  for (const entry of entries.values()) {
    const list = index.get(entry.text);
    if (list) list.push(entry);
    else index.set(entry.text, [entry]);
  }
  return index;
}

/** A parse of the same text with the same escape character, preferably at the same line. Parses are never mutated, so one may serve twice. */
function pick(list: Parsed[] | undefined, escape: string, line: number): Parsed | undefined {
  let found: Parsed | undefined;
  for (const entry of list ?? []) {
    if (entry.escape !== escape) continue;
    if (entry.line === line) return entry;
    found ??= entry;
  }
  return found;
}

/**
 * Parses a chunk as if it stood at `line` of a file whose escape character is `escape` (a chunk that
 * is not first gets the escape directive in front), then moves its positions down to `line`.
 */
function parseAt(chunkText: string, line: number, escape: string): ParsedText {
  if (escape === '') return parseText(chunkText, false);
  const lean = parseStageChunk(chunkText, escape, line);
  if (lean !== null) return lean;
  const directive = escape === '\\' ? '' : `# escape=${escape}\n`;
  const parsed = parseText(directive + chunkText, false, directive === '' ? line : line - 1);
  parsed.directives = [];
  return parsed;
}


/** Joins chunk parses in order; instructions before a chunk's first FROM belong to the stage before it. */
function assemble(parts: ParsedText[], lineCount: number): ParsedText {
  const first = parts[0];
  const preamble = [...first.preamble];
  const stages: RawStage[] = [];
  const comments: Comment[] = [];
  for (const part of parts) {
    if (part !== first && part.preamble.length > 0) {
      const last = stages.pop();
      if (last) stages.push({ from: last.from, instructions: [...last.instructions, ...part.preamble] });
      else preamble.push(...part.preamble);
    }
    for (const stage of part.stages) stages.push(stage);
    for (const comment of part.comments) comments.push(comment);
  }
  return { directives: first.directives, preamble, stages, comments, escapeChar: first.escapeChar, lineCount };
}

/** A copy of parsed data with every position moved down by `delta` lines. */
function shiftLines(parsed: ParsedText, delta: number): ParsedText {
  const stage = (raw: RawStage): RawStage => ({ from: shiftInstruction(raw.from, delta), instructions: raw.instructions.map((i) => shiftInstruction(i, delta)) });
  return {
    directives: parsed.directives.map((d) => ({ ...d, range: shiftRange(d.range, delta), valueRange: shiftRange(d.valueRange, delta) })),
    preamble: parsed.preamble.map((i) => shiftInstruction(i, delta)),
    stages: parsed.stages.map(stage),
    comments: parsed.comments.map((c) => (c as ParsedComment).moved(delta)),
    escapeChar: parsed.escapeChar,
    lineCount: parsed.lineCount,
  };
}

// Typed rather than generic: it runs over every instruction of every moved stage. A field with a
// position added to the types in types.ts must be shifted here too (the property test would fail).
// Every instruction and flag comes from extract.ts, so they are the packed classes of parsed.ts.
function shiftInstruction(instruction: Instruction, d: number): Instruction {
  const i = instruction as ParsedInstruction;
  // Ranges and argument positions stay in the parse's numbers (parsed.ts): the copy only adds to its delta.
  return new ParsedInstruction(
    i.keyword,
    i.keywordText,
    map(i.flags as ParsedFlag[], (f) => f.moved(d)),
    i.argCount,
    i.values,
    i.argsText,
    i.execForm,
    map(i.variables, (v) => ({ name: v.name, range: shiftRange(v.range, d), nameRange: shiftRange(v.nameRange, d), modifier: v.modifier })),
    map(i.properties as ParsedProperty[], (p) => p.moved(d)),
    map(i.heredocs, (t) => shiftToken(t, d)),
    i.trigger && shiftInstruction(i.trigger, d),
    i.packed,
    i.at,
    i.lineDelta + d,
  );
}

function shiftToken(t: Token, d: number): Token {
  return { value: t.value, range: shiftRange(t.range, d) };
}
