import type { Location, Position } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';

export function definition(_doc: AnalyzedDocument, _position: Position): Location[] {
  return []; // SCAFFOLD: issue 4
}
