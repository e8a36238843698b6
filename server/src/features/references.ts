import type { Location, Position } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';

export function references(_doc: AnalyzedDocument, _position: Position, _includeDeclaration: boolean): Location[] {
  return []; // SCAFFOLD: issue 4
}
