import type { CodeAction, CodeActionContext, Range } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import type { Settings } from '../settings';

export function codeActions(_doc: AnalyzedDocument, _range: Range, _context: CodeActionContext, _settings: Settings): CodeAction[] {
  return []; // SCAFFOLD: issue 5
}
