// Applies a code action's WorkspaceEdit to text, as an editor would, so tests compare whole resulting files.
import type { CodeAction, CodeActionContext, Diagnostic, Range } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../../server/src/features/codeActions';
import { DIAGNOSTIC_SOURCE, RULES, type RuleName } from '../../server/src/rules/catalog';
import { defaultSettings } from '../../server/src/settings';
import { analyze } from './markers';

export const TEST_URI = 'file:///test/Dockerfile';

export function applyAction(text: string, action: CodeAction, uri = TEST_URI): string {
  const changes = action.edit?.changes;
  if (!changes || Object.keys(changes).length !== 1 || !changes[uri]) throw new Error(`action '${action.title}' does not edit ${uri} alone`);
  return TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 1, text), changes[uri]);
}

/** A diagnostic shaped as the rule engine publishes it (code + range conventions). */
export function diagnostic(code: RuleName, range: Range, data?: unknown): Diagnostic {
  const d: Diagnostic = { range, code, source: DIAGNOSTIC_SOURCE, severity: RULES[code] as DiagnosticSeverity, message: code };
  if (data !== undefined) d.data = data;
  return d;
}

/** Code actions for `text` at `range` (the diagnostic's range when omitted). */
export function actionsFor(text: string, diagnostics: Diagnostic[], range?: Range, only?: string[]): CodeAction[] {
  const context: CodeActionContext = { diagnostics };
  if (only) context.only = only;
  const at = range ?? diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return codeActions(analyze(text), at, context, defaultSettings);
}

export function titled(actions: CodeAction[], title: string): CodeAction {
  const action = actions.find((a) => a.title === title);
  if (!action) throw new Error(`no action '${title}' among ${JSON.stringify(actions.map((a) => a.title))}`);
  return action;
}
