import type { DocumentHighlight, Position } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';

export function documentHighlights(_doc: AnalyzedDocument, _position: Position): DocumentHighlight[] {
  return []; // SCAFFOLD: issue 4
}
