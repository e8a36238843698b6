// The line scanner behind chunked parsing: finds the lines where a chunk may start. A chunk may only
// start on a line where dockerfile-ast starts a fresh instruction, so the scanner tracks line
// continuations, heredocs and comments the way dockerfile-ast does. When it is unsure it stops
// splitting: a bigger chunk is always correct, only slower.
import { CR, HASH, LF, SPACE, TAB } from './chars';
import { parseText } from './extract';
import { NextIndex } from './nextIndex';

export interface Chunk {
  /** First line of the chunk in the document. */
  line: number;
  /** The chunk's lines, each with its line break. */
  text: string;
}


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
  // Positions of `<<`, found once for the whole scan.
  const markers = new NextIndex('<<');
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
        if (comment && within(markers.at(text, p), ce)) return done; // unsure
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

/** A found index (-1 for none) before `to`. */
const within = (at: number, to: number): boolean => at !== -1 && at < to;

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

/** Whether the instruction starting at `p` takes heredocs, as dockerfile-ast decides; null when unsure. */
function heredocKeyword(text: string, p: number, ce: number, esc: number): boolean | null {
  const end = wordEnd(text, p, ce, esc);
  if (end < 0) return null;
  if (!isWord(text, p, end, 'ONBUILD')) return takesHeredocs(text, p, end);
  let q = end;
  while (q < ce && (text.charCodeAt(q) === SPACE || text.charCodeAt(q) === TAB)) q++;
  const triggerEnd = wordEnd(text, q, ce, esc);
  if (triggerEnd < 0 || triggerEnd === q) return null;
  return takesHeredocs(text, q, triggerEnd);
}

// Compared in place, in any case: cutting out and upper-casing every instruction's keyword made two strings a line.
const takesHeredocs = (text: string, p: number, end: number) => isWord(text, p, end, 'RUN') || isWord(text, p, end, 'COPY') || isWord(text, p, end, 'ADD');

/** Whether text[p, end) upper-cases to `upper` (an upper-case ASCII word). */
function isWord(text: string, p: number, end: number, upper: string): boolean {
  // Outside ASCII, toUpperCase decides (`ı` upper-cases to `I`, `ß` to `SS`).
  for (let i = p; i < end; i++) if (text.charCodeAt(i) > 0x7f) return text.slice(p, end).toUpperCase() === upper;
  if (end - p !== upper.length) return false;
  for (let k = 0; k < upper.length; k++) {
    const c = text.charCodeAt(p + k);
    if (c !== upper.charCodeAt(k) && c !== upper.charCodeAt(k) + 0x20) return false;
  }
  return true;
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
function heredocNames(text: string, p: number, ce: number, esc: number, markers: NextIndex): { names: string[]; tabbed: boolean } | null {
  // Made for the lines that open heredocs only: most RUN, COPY and ADD lines open none.
  let names: string[] | undefined;
  let tabbed = false;
  let plain = p; // quotes are checked from here: the end of the last heredoc token
  for (let i = markers.at(text, p); within(i, ce); i = markers.at(text, i + 2)) {
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
    (names ??= []).push(token);
    tabbed ||= dash;
    plain = end;
  }
  // A '<' just before a continuation could join the next line into `<<`.
  let last = ce - 1;
  while (last >= p && (text.charCodeAt(last) === SPACE || text.charCodeAt(last) === TAB)) last--;
  if (last > p && text.charCodeAt(last) === esc && text.charCodeAt(last - 1) === 0x3c) return null;
  return names === undefined ? NO_HEREDOCS : { names, tabbed };
}

function hasQuote(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) return true;
  }
  return false;
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
