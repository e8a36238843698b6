// Diagnostics pushed by the server show up in VS Code, with rule names as codes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFixture, rangeOf, rangeText, waitForDiagnostics } from '../helpers';

describe('diagnostics', () => {
  it('reports the stage mistakes in mistakes.Dockerfile, and nothing else', async () => {
    const document = await openFixture('mistakes.Dockerfile');
    const expected = ['StageReferencedBeforeDefinition', 'UnknownStageReference', 'UnusedStage'];
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (current) => expected.every((code) => current.some((d) => codeOf(d) === code)),
      `${expected.join(', ')} on mistakes.Dockerfile`,
    );
    const byCode = (code: string) => diagnostics.filter((d) => codeOf(d) === code);
    // Nothing else: the image references and the valid COPY --from=assets in 'final' stay clean.
    assert.deepEqual(diagnostics.map((d) => codeOf(d)).sort(), [...expected, 'UnusedStage'].sort());
    for (const d of diagnostics) assert.equal(d.source, 'dockerfile-stages');

    const forward = byCode('StageReferencedBeforeDefinition');
    assert.equal(forward.length, 1);
    assert.equal(forward[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(forward[0].range.start.line, rangeOf(document, 'COPY --from=assets /dist /srv').start.line);
    assert.ok(document.getText(forward[0].range).includes('assets'), `range ${rangeText(forward[0].range)} misses 'assets'`);

    const typo = byCode('UnknownStageReference');
    assert.equal(typo.length, 1);
    assert.equal(typo[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(document.getText(typo[0].range).includes('buidler'), `range ${rangeText(typo[0].range)} misses 'buidler'`);
    assert.match(typo[0].message, /builder/);

    // 'base' and 'builder' are never reached from the last stage ('buidler' is an image, not 'builder').
    const unused = byCode('UnusedStage');
    assert.deepEqual(unused.map((d) => d.range.start.line).sort((a, b) => a - b), [
      rangeOf(document, 'AS base').start.line,
      rangeOf(document, 'AS builder').start.line,
    ]);
    for (const d of unused) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Hint);
      assert.deepEqual(d.tags, [vscode.DiagnosticTag.Unnecessary]);
    }
  });
});
