// Splits a Dockerfile into chunks that dockerfile-ast parses the same on their own as inside the
// whole file: the global part (directives, global ARGs), then one chunk per FROM. A chunk may only
// start on a line where the parser starts a fresh instruction, so the scanner tracks line
// continuations, heredocs and comments the way dockerfile-ast does. When it is unsure it stops
// splitting: a bigger chunk is always correct, only slower.
import { countLines, parseText } from './extract';
import type { Comment, ParsedText, RawStage } from './types';

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

/** The chunks of `text`, in order; their texts concatenate to `text`. */
export function splitChunks(text: string, escapeChar: string, firstLine = 1): Chunk[] {
  const starts = chunkStartLines(text, escapeChar, firstLine);
  const chunks: Chunk[] = [];
  let offset = 0;
  let line = 0;
  let next = 0;
  // Walk the lines once, cutting at each start line.
  for (let k = 1; k < starts.length; k++) {
    const target = starts[k];
    let end = offset;
    while (line < target) {
      end = text.indexOf('\n', end) + 1;
      line++;
    }
    chunks.push({ line: starts[k - 1], text: text.slice(next, end) });
    next = end;
    offset = end;
  }
  chunks.push({ line: starts[starts.length - 1], text: text.slice(next) });
  return chunks;
}

/**
 * Line numbers where chunks start: always 0, then lines from `firstLine` on holding a FROM that
 * begins a fresh instruction. The parser skips as many lines as it found directives (several can share
 * a line), so `firstLine` must be at least that count.
 */
export function chunkStartLines(text: string, escapeChar: string, firstLine = 1): number[] {
  const starts = [0];
  // A lone CR is a line break to the parser; rather than model it, keep such files whole.
  if (hasLoneCR(text)) return starts;
  const esc = escapeChar.charCodeAt(0);
  let continued = false; // the last content line ended with the escape character
  let capable = false; // the current instruction can open heredocs (RUN, COPY, ADD, ONBUILD of those)
  let names: string[] = []; // heredocs opened by the current instruction
  let tabbed = false;
  let pending: string[] = []; // heredocs whose bodies are being skipped
  let pendingTabbed = false;
  let line = 0;
  for (let s = 0; s < text.length || line === 0; line++) {
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
        if (comment && text.indexOf('<<', p) !== -1 && text.indexOf('<<', p) < ce) return starts; // unsure
      } else if (!blank && !comment && line >= firstLine && line > 0 && isFrom(text, p, ce)) {
        starts.push(line);
      }
      if (!blank && !comment) {
        if (!continued) {
          const kind = heredocKeyword(text, p, ce, esc);
          if (kind === null) return starts; // unsure
          capable = kind;
        }
        const found = capable ? heredocNames(text, p, ce, esc) : NO_HEREDOCS;
        if (found === null) return starts; // unsure
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
  return starts;
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
  const words = text.slice(p, ce).split(/[ \t]+/, 2);
  const escape = String.fromCharCode(esc);
  if (words[0].includes(escape)) return null;
  const keyword = words[0].toUpperCase();
  if (keyword !== 'ONBUILD') return HEREDOC_KEYWORDS.has(keyword);
  const trigger = words[1] ?? '';
  if (trigger === '' || trigger.includes(escape)) return null;
  return HEREDOC_KEYWORDS.has(trigger.toUpperCase());
}

/**
 * Heredoc names opened on one content line, as dockerfile-ast finds them in arguments that start with `<<`.
 * null when the line is ambiguous (quoted or escaped `<<`, a name cut by a continuation).
 */
function heredocNames(text: string, p: number, ce: number, esc: number): { names: string[]; tabbed: boolean } | null {
  const names: string[] = [];
  let tabbed = false;
  let plain = p; // quotes are checked from here: the end of the last heredoc token
  for (let i = text.indexOf('<<', p); i !== -1 && i < ce; i = text.indexOf('<<', i + 2)) {
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
  parsed: ParsedText;
}

/**
 * Parses successive versions of one document chunk by chunk, reusing the chunks whose text
 * (and escape character) did not change. Positions are shifted, so a chunk that only moved is reused too.
 */
export class ChunkedParser {
  private cache = new Map<string, Parsed[]>();
  /** How many chunks the last parse had, and how many of them it had to parse. */
  stats = { chunks: 0, parsed: 0 };

  parse(text: string): ParsedText {
    const { escapeChar, count } = directiveInfo(text);
    const chunks = splitChunks(text, escapeChar, count);
    const next = new Map<string, Parsed[]>();
    const parts: ParsedText[] = [];
    let parsedCount = 0;
    for (let k = 0; k < chunks.length; k++) {
      const { line, text: chunkText } = chunks[k];
      // The first chunk starts the file, so it is parsed as it is; the others get the file's escape directive.
      const prefix = k === 0 || escapeChar === '\\' ? '' : `# escape=${escapeChar}\n`;
      const key = k === 0 ? `0\n${chunkText}` : `${escapeChar}\n${chunkText}`;
      let entry = takeEntry(this.cache, key, line);
      if (entry === undefined) {
        const raw = parseText(prefix + chunkText);
        if (prefix !== '') raw.directives = [];
        entry = { line: prefix === '' ? 0 : 1, parsed: raw };
        parsedCount++;
      }
      if (entry.line !== line) entry = { line, parsed: shiftLines(entry.parsed, line - entry.line) };
      const list = next.get(key);
      if (list) list.push(entry);
      else next.set(key, [entry]);
      parts.push(entry.parsed);
    }
    this.cache = next;
    this.stats = { chunks: chunks.length, parsed: parsedCount };
    return assemble(parts, text);
  }
}

function takeEntry(cache: Map<string, Parsed[]>, key: string, line: number): Parsed | undefined {
  const list = cache.get(key);
  if (!list || list.length === 0) return undefined;
  const i = list.findIndex((p) => p.line === line);
  return list.splice(i === -1 ? 0 : i, 1)[0];
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
function assemble(parts: ParsedText[], text: string): ParsedText {
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
  return { directives: first.directives, preamble, stages, comments, escapeChar: first.escapeChar, lineCount: countLines(text) };
}

/** A deep copy of parsed data with every position moved down by `delta` lines. */
function shiftLines<T>(value: T, delta: number): T {
  return shift(value, delta) as T;
}

function shift(value: unknown, delta: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => shift(v, delta));
  const source = value as Record<string, unknown>;
  if (typeof source.line === 'number' && typeof source.character === 'number') {
    return { line: source.line + delta, character: source.character };
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) copy[key] = shift(source[key], delta);
  return copy;
}

function hasQuote(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) return true;
  }
  return false;
}
