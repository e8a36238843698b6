import type { CompletionItem, Position } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';

export function completion(_doc: AnalyzedDocument, _position: Position): CompletionItem[] {
  return []; // SCAFFOLD: issue 4
}
