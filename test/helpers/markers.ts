// Inline Dockerfiles with markers: `|` is a cursor, `[[...]]` marks expected ranges.
import type { Position, Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore, type AnalyzedDocument } from '../../server/src/documents';

export interface Marked {
  text: string;
  cursor: Position | undefined;
  ranges: Range[];
}

/** Strips `|` (cursor) and `[[`/`]]` (ranges) from `source`; ranges are listed in the order they open. */
export function mark(source: string): Marked {
  let text = '';
  let cursor: Position | undefined;
  const ranges: Range[] = [];
  const open: number[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('[[', i)) {
      open.push(ranges.length);
      ranges.push({ start: { line, character }, end: { line, character } });
      i++;
    } else if (source.startsWith(']]', i)) {
      const index = open.pop();
      if (index === undefined) throw new Error('unbalanced ]] in marked text');
      ranges[index].end = { line, character };
      i++;
    } else if (source[i] === '|') {
      cursor = { line, character };
    } else {
      text += source[i];
      if (source[i] === '\n') {
        line++;
        character = 0;
      } else character++;
    }
  }
  return { text, cursor, ranges };
}

export function analyze(text: string, uri = 'file:///test/Dockerfile', version = 1): AnalyzedDocument {
  return new DocumentStore().analyze(TextDocument.create(uri, 'dockerfile', version, text), Number.MAX_SAFE_INTEGER);
}

export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** Joins lines with `\n`, so fixtures read as Dockerfiles. */
export function lines(...rows: string[]): string {
  return rows.join('\n');
}
