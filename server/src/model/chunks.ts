// Splits a Dockerfile into chunks that dockerfile-ast parses the same on their own as inside the
// whole file: the global part (directives, global ARGs), then one chunk per FROM. A chunk may only
// start on a line where the parser starts a fresh instruction, so the scanner tracks line
// continuations, heredocs and comments the way dockerfile-ast does. When it is unsure it stops
// splitting: a bigger chunk is always correct, only slower.
import { countLines, map, parseText } from './extract';
import type { Comment, Instruction, ParsedText, Range, RawStage, Token } from './types';

export interface Chunk {
  /** First line of the chunk in the document. */
  line: number;
  /** The chunk's lines, each with its line break. */
  text: string;
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const HASH = 0x23;

/** Where a chunk starts: a line and the offset of its first character. */
export interface Start {
  line: number;
  offset: number;
}

/** The chunks of `text`, in order; their texts concatenate to `text`. */
export function splitChunks(text: string, escapeChar: string, firstLine = 1): Chunk[] {
  return chunksAt(text, scanStarts(text, escapeChar, firstLine, { line: 0, offset: 0 }).starts);
}

export function chunksAt(text: string, starts: readonly Start[]): Chunk[] {
  return starts.map((start, k) => ({ line: start.line, text: text.slice(start.offset, k + 1 < starts.length ? starts[k + 1].offset : text.length) }));
}

/**
 * Line numbers where chunks start: always 0, then lines from `firstLine` on holding a FROM that
 * begins a fresh instruction. The parser skips as many lines as it found directives (several can share
 * a line), so `firstLine` must be at least that count.
 */
export function chunkStartLines(text: string, escapeChar: string, firstLine = 1): number[] {
  return scanStarts(text, escapeChar, firstLine, { line: 0, offset: 0 }).starts.map((s) => s.line);
}

/**
 * Scans from `from`, which must be the start of the text or of a chunk (where no instruction or heredoc
 * is open), and returns the chunk starts from there on. `resync(offset)` may end the scan early at a
 * chunk start: the caller knows the rest from an earlier scan of the same text.
 */
export function scanStarts(
  text: string,
  escapeChar: string,
  firstLine: number,
  from: Start,
  resync?: (offset: number) => boolean,
): { starts: Start[]; resynced: boolean } {
  const starts = [from];
  const done = { starts, resynced: false };
  // A lone CR is a line break to the parser; rather than model it, keep such files whole.
  if (hasLoneCR(text)) return done;
  const esc = escapeChar.charCodeAt(0);
  const markers = new Markers(text);
  let continued = false; // the last content line ended with the escape character
  let capable = false; // the current instruction can open heredocs (RUN, COPY, ADD, ONBUILD of those)
  let names: string[] = []; // heredocs opened by the current instruction
  let tabbed = false;
  let pending: string[] = []; // heredocs whose bodies are being skipped
  let pendingTabbed = false;
  let line = from.line;
  for (let s = from.offset; s < text.length || line === from.line; line++) {
    let e = text.indexOf('\n', s);
    if (e === -1) e = text.length;
    const ce = e > s && text.charCodeAt(e - 1) === CR ? e - 1 : e;
    if (pending.length > 0) {
      if (endsHeredoc(text, s, ce, pending[0], pendingTabbed)) pending.shift();
    } else {
      let p = s;
      while (p < ce && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++;
      const blank = p >= ce;
      const comment = !blank && text.charCodeAt(p) === HASH;
      if (continued) {
        // Blank and comment lines inside a continuation are skipped; the instruction goes on.
        if (comment && markers.within(p, ce)) return done; // unsure
      } else if (!blank && !comment && line >= firstLine && s > from.offset && isFrom(text, p, ce)) {
        if (resync?.(s)) return { starts, resynced: true };
        starts.push({ line, offset: s });
      }
      if (!blank && !comment) {
        if (!continued) {
          const kind = heredocKeyword(text, p, ce, esc);
          if (kind === null) return done; // unsure
          capable = kind;
        }
        const found = capable ? heredocNames(text, p, ce, esc, markers) : NO_HEREDOCS;
        if (found === null) return done; // unsure
        for (const name of found.names) names.push(name);
        tabbed ||= found.tabbed;
        continued = endsWithEscape(text, p, ce, esc);
        if (!continued && names.length > 0) {
          pending = names;
          pendingTabbed = tabbed;
          names = [];
          tabbed = false;
        }
      }
    }
    s = e + 1;
    if (e === text.length) break;
  }
  return done;
}

/** Positions of `<<` in order, found once: searching from every line would rescan the text. */
class Markers {
  private next = -2;
  constructor(private readonly text: string) {}

  /** The first `<<` at or after `from`, or -1. */
  from(from: number): number {
    if (this.next !== -1 && this.next < from) this.next = this.text.indexOf('<<', from);
    return this.next === -1 || this.next >= from ? this.next : this.text.indexOf('<<', from);
  }

  within(from: number, to: number): boolean {
    const i = this.from(from);
    return i !== -1 && i < to;
  }
}

function hasLoneCR(text: string): boolean {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== LF) return true;
  }
  return false;
}

function isFrom(text: string, p: number, ce: number): boolean {
  if (ce - p < 4) return false;
  if ((text.charCodeAt(p) | 0x20) !== 0x66) return false; // f
  if ((text.charCodeAt(p + 1) | 0x20) !== 0x72) return false; // r
  if ((text.charCodeAt(p + 2) | 0x20) !== 0x6f) return false; // o
  if ((text.charCodeAt(p + 3) | 0x20) !== 0x6d) return false; // m
  // `FROM\ x` makes the keyword `FROM\`, not a FROM; only a plain keyword starts a stage.
  const c = p + 4 < ce ? text.charCodeAt(p + 4) : SPACE;
  return c === SPACE || c === TAB;
}

/** The line ends with the escape character, then optional spaces and tabs. */
function endsWithEscape(text: string, p: number, ce: number, esc: number): boolean {
  let i = ce - 1;
  while (i >= p && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i--;
  return i >= p && text.charCodeAt(i) === esc;
}

/** dockerfile-ast's heredoc terminator: the name alone on a line, tabs allowed before it with `<<-`. */
function endsHeredoc(text: string, s: number, ce: number, name: string, tabbed: boolean): boolean {
  let p = s;
  if (tabbed) while (p < ce && text.charCodeAt(p) === TAB) p++;
  return ce - p === name.length && text.startsWith(name, p);
}

const PLAIN_NAME = /^[A-Za-z0-9_.-]+$/;
const NO_HEREDOCS = { names: [], tabbed: false };
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** Whether the instruction starting at `p` takes heredocs, as dockerfile-ast decides; null when unsure. */
function heredocKeyword(text: string, p: number, ce: number, esc: number): boolean | null {
  const end = wordEnd(text, p, ce, esc);
  if (end < 0) return null;
  const keyword = text.slice(p, end).toUpperCase();
  if (keyword !== 'ONBUILD') return HEREDOC_KEYWORDS.has(keyword);
  let q = end;
  while (q < ce && (text.charCodeAt(q) === SPACE || text.charCodeAt(q) === TAB)) q++;
  const triggerEnd = wordEnd(text, q, ce, esc);
  if (triggerEnd < 0 || triggerEnd === q) return null;
  return HEREDOC_KEYWORDS.has(text.slice(q, triggerEnd).toUpperCase());
}

/** End of the word at `p`; -1 when it holds the escape character. */
function wordEnd(text: string, p: number, ce: number, esc: number): number {
  let i = p;
  for (; i < ce; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) break;
    if (c === esc) return -1;
  }
  return i;
}

/**
 * Heredoc names opened on one content line, as dockerfile-ast finds them in arguments that start with `<<`.
 * null when the line is ambiguous (quoted or escaped `<<`, a name cut by a continuation).
 */
function heredocNames(text: string, p: number, ce: number, esc: number, markers: Markers): { names: string[]; tabbed: boolean } | null {
  const names: string[] = [];
  let tabbed = false;
  let plain = p; // quotes are checked from here: the end of the last heredoc token
  for (let i = markers.from(p); i !== -1 && i < ce; i = markers.from(i + 2)) {
    const before = i > p ? text.charCodeAt(i - 1) : SPACE;
    if (before === 0x3c) continue; // part of a longer run of '<'
    if (before !== SPACE && before !== TAB) {
      if (before === esc || before === 0x22 || before === 0x27) return null;
      continue; // e.g. $((1<<3)): not an argument that starts with <<
    }
    // Quotes can group words into one argument that does not start with <<.
    if (hasQuote(text, plain, i)) return null;
    let end = i;
    while (end < ce && text.charCodeAt(end) !== SPACE && text.charCodeAt(end) !== TAB) end++;
    let token = text.slice(i + 2, end);
    if (token === '') continue;
    const dash = token.startsWith('-');
    if (dash) token = token.slice(1);
    if (token.length >= 2 && (token[0] === '"' || token[0] === "'") && token[token.length - 1] === token[0]) token = token.slice(1, -1);
    if (!PLAIN_NAME.test(token) || (end === ce && token.endsWith(String.fromCharCode(esc)))) return null;
    names.push(token);
    tabbed ||= dash;
    plain = end;
  }
  // A '<' just before a continuation could join the next line into `<<`.
  let last = ce - 1;
  while (last >= p && (text.charCodeAt(last) === SPACE || text.charCodeAt(last) === TAB)) last--;
  if (last > p && text.charCodeAt(last) === esc && text.charCodeAt(last - 1) === 0x3c) return null;
  return { names, tabbed };
}

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

  parse(text: string): ParsedText {
    const { escapeChar, count } = directiveInfo(text);
    const lineCount = countLines(text);
    const starts = this.startsFor(text, escapeChar, count, lineCount);
    const chunks = chunksAt(text, starts);
    const current = new Map<number, Parsed>();
    let byText: Map<string, Parsed[]> | undefined;
    const parts: ParsedText[] = [];
    let parsedCount = 0;
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
  const directive = escape === '\\' ? '' : `# escape=${escape}\n`;
  const parsed = parseText(directive + chunkText, false, directive === '' ? line : line - 1);
  parsed.directives = [];
  return parsed;
}

/** The parser's escape character and directive count, from the leading comment lines. */
export function directiveInfo(text: string): { escapeChar: string; count: number } {
  let end = 0;
  while (end < text.length) {
    let p = end;
    while (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB) p++;
    if (text.charCodeAt(p) !== HASH) break;
    const nl = text.indexOf('\n', p);
    end = nl === -1 ? text.length : nl + 1;
  }
  if (end === 0) return { escapeChar: '\\', count: 0 };
  const parsed = parseText(text.slice(0, end));
  return { escapeChar: parsed.escapeChar, count: parsed.directives.length };
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
    comments: parsed.comments.map((c) => ({ text: c.text, range: shiftRange(c.range, delta) })),
    escapeChar: parsed.escapeChar,
    lineCount: parsed.lineCount,
  };
}

// Typed rather than generic: it runs over every instruction of every moved stage. A field with a
// position added to the types in types.ts must be shifted here too (the property test would fail).
function shiftInstruction(i: Instruction, d: number): Instruction {
  return {
    keyword: i.keyword,
    keywordToken: shiftToken(i.keywordToken, d),
    range: shiftRange(i.range, d),
    flags: map(i.flags, (f) => ({
      name: f.name,
      value: f.value,
      range: shiftRange(f.range, d),
      nameRange: shiftRange(f.nameRange, d),
      valueRange: f.valueRange && shiftRange(f.valueRange, d),
      options: map(f.options, (o) => ({ name: o.name, value: o.value, range: shiftRange(o.range, d), valueRange: o.valueRange && shiftRange(o.valueRange, d) })),
    })),
    args: map(i.args, (t) => shiftToken(t, d)),
    argsText: i.argsText,
    execForm: i.execForm,
    variables: map(i.variables, (v) => ({ name: v.name, range: shiftRange(v.range, d), nameRange: shiftRange(v.nameRange, d), modifier: v.modifier })),
    properties: map(i.properties, (p) => ({ name: p.name, value: p.value, nameRange: shiftRange(p.nameRange, d), valueRange: p.valueRange && shiftRange(p.valueRange, d) })),
    heredocs: map(i.heredocs, (t) => shiftToken(t, d)),
    trigger: i.trigger && shiftInstruction(i.trigger, d),
  };
}

function shiftToken(t: Token, d: number): Token {
  return { value: t.value, range: shiftRange(t.range, d) };
}

function shiftRange(r: Range, d: number): Range {
  return { start: { line: r.start.line + d, character: r.start.character }, end: { line: r.end.line + d, character: r.end.character } };
}

function hasQuote(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) return true;
  }
  return false;
}
