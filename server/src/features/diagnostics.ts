// Runs the rule engine over the model and turns findings into LSP diagnostics.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import type { Settings } from '../settings';

export function computeDiagnostics(_doc: AnalyzedDocument, _settings: Settings): Diagnostic[] {
  return []; // SCAFFOLD: replaced by the rule engine (issue 3)
}
