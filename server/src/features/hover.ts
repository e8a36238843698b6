import type { Hover, Position } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import type { Settings } from '../settings';

export function hover(_doc: AnalyzedDocument, _position: Position, _settings: Settings): Hover | null {
  return null; // SCAFFOLD: issue 4
}
