// dockerfileStages.rules from the user's settings reaches the server and re-publishes diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFixture, waitForDiagnostics } from '../helpers';

const has = (code: string) => (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === code);

describe('settings', () => {
  const rules = () => vscode.workspace.getConfiguration('dockerfileStages');

  afterEach(async () => {
    await rules().update('rules', undefined, vscode.ConfigurationTarget.Global);
  });

  it('turning a rule off removes its diagnostic, and turning it back on restores it', async () => {
    const document = await openFixture('mistakes.Dockerfile');
    await waitForDiagnostics(document.uri, has('UnknownStageReference'), 'UnknownStageReference before the change');

    await rules().update('rules', { UnknownStageReference: 'off' }, vscode.ConfigurationTarget.Global);
    const off = await waitForDiagnostics(document.uri, (d) => !has('UnknownStageReference')(d), 'UnknownStageReference to go away');
    assert.ok(has('StageReferencedBeforeDefinition')(off), 'the other rules must stay on');

    await rules().update('rules', undefined, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(document.uri, has('UnknownStageReference'), 'UnknownStageReference to come back');
  });

  it('a severity override changes the reported severity', async () => {
    const document = await openFixture('mistakes.Dockerfile');
    await rules().update('rules', { UnknownStageReference: 'error' }, vscode.ConfigurationTarget.Global);
    const raised = await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => codeOf(x) === 'UnknownStageReference' && x.severity === vscode.DiagnosticSeverity.Error),
      'UnknownStageReference as an Error',
    );
    assert.equal(raised.filter((d) => codeOf(d) === 'UnknownStageReference').length, 1);
  });
});
