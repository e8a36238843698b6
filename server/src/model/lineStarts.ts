// vscode-languageserver-textdocument finds the line starts of a document a character at a time
// (computeLineOffsets). dockerfile-ast makes a document of every chunk it parses and asks it for positions, as
// do the lean reader and the server's open documents. Without carriage returns, indexOf finds the same starts
// several times faster once optimised, and far faster before (a server's first open).
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CR, LF } from './chars';

/** The offsets where lines start: 0, then after every \n, \r\n and lone \r (as computeLineOffsets). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR || c === LF) {
      if (c === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

interface Lines {
  _content?: unknown;
  _lineOffsets?: number[];
  getLineOffsets(): number[];
}

/**
 * Makes every TextDocument compute its line starts with lineStarts. It relies on the fields the document
 * keeps its text and line starts in; true when they are there (test/unit/lineStarts.test.ts checks it),
 * false (and nothing changed) if the library stopped keeping them so.
 */
export function installLineStarts(): boolean {
  const probe = TextDocument.create('', '', 0, 'a\nb') as unknown as Lines;
  if (typeof probe._content !== 'string' || !('_lineOffsets' in probe) || typeof probe.getLineOffsets !== 'function') return false;
  const prototype = Object.getPrototypeOf(probe) as Lines;
  prototype.getLineOffsets = function (this: Lines): number[] {
    if (this._lineOffsets === undefined) this._lineOffsets = lineStarts(this._content as string);
    return this._lineOffsets;
  };
  return true;
}
