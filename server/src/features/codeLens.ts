import type { CodeLens } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import type { Settings } from '../settings';

export function codeLenses(_doc: AnalyzedDocument, _settings: Settings): CodeLens[] {
  return []; // SCAFFOLD: issue 4
}
