// Assertions shared by the property tests: ranges inside the document, workspace edits that apply cleanly.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { ResponseError } from 'vscode-languageserver';
import { DocumentStore, type AnalyzedDocument } from '../../server/src/documents';

export const URI = 'file:///prop/Dockerfile';

export function analyzeText(text: string, maxFileSize = Number.MAX_SAFE_INTEGER, version = 1): AnalyzedDocument {
  return new DocumentStore().analyze(TextDocument.create(URI, 'dockerfile', version, text), maxFileSize);
}

/** A position is valid when it names a line of the document and a character at or before that line's end. */
export function isValidPosition(document: TextDocument, position: Position): boolean {
  if (!Number.isInteger(position.line) || !Number.isInteger(position.character)) return false;
  if (position.line < 0 || position.character < 0 || position.line >= document.lineCount) return false;
  const roundTrip = document.positionAt(document.offsetAt(position));
  return roundTrip.line === position.line && roundTrip.character === position.character;
}

export function assertInside(document: TextDocument, range: Range | undefined | null, what: string): void {
  assert.ok(range && range.start && range.end, `${what}: missing range`);
  assert.ok(isValidPosition(document, range.start), `${what}: start ${JSON.stringify(range.start)} outside the document`);
  assert.ok(isValidPosition(document, range.end), `${what}: end ${JSON.stringify(range.end)} outside the document`);
  assert.ok(document.offsetAt(range.start) <= document.offsetAt(range.end), `${what}: start after end ${JSON.stringify(range)}`);
}

export function contains(outer: Range, inner: Range): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** The text edits of a workspace edit, which must all target `uri` (everything is single-file). */
export function editsOf(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const [target, list] of Object.entries(edit.changes ?? {})) {
    assert.equal(target, uri, 'edit targets another document');
    edits.push(...list);
  }
  for (const change of edit.documentChanges ?? []) {
    assert.ok('textDocument' in change, `unexpected resource operation ${JSON.stringify(change)}`);
    assert.equal(change.textDocument.uri, uri, 'edit targets another document');
    edits.push(...(change.edits as TextEdit[]));
  }
  return edits;
}

/** Applies the edits after checking that each lies inside the document and that none overlap; returns the new text. */
export function applyEdits(document: TextDocument, edits: TextEdit[], what: string): string {
  edits.forEach((e, i) => assertInside(document, e.range, `${what} edit ${i}`));
  const sorted = [...edits].sort((a, b) => document.offsetAt(a.range.start) - document.offsetAt(b.range.start));
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(
      document.offsetAt(sorted[i - 1].range.end) <= document.offsetAt(sorted[i].range.start),
      `${what}: overlapping edits ${JSON.stringify(sorted[i - 1].range)} and ${JSON.stringify(sorted[i].range)}`,
    );
  }
  return TextDocument.applyEdits(document, edits);
}

/** Runs a request that may refuse with a ResponseError (rename, prepareRename); any other exception is a crash. */
export function refusable<T>(run: () => T): T | 'refused' {
  try {
    return run();
  } catch (error) {
    if (error instanceof ResponseError) return 'refused';
    throw error;
  }
}
