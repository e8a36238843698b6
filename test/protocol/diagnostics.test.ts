// Pushed diagnostics over stdio: rule results, versions, settings pulled per resource, and re-publication.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from '../helpers/lspClient';
import { lines, range } from '../helpers/markers';

const URI = 'file:///work/rules/Dockerfile';
const summary = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => [d.code, d.severity, d.range]);

describe('protocol: diagnostics', () => {
  let client: TestClient;
  let rules: Record<string, string> = { UnusedStage: 'off' };
  before(async () => {
    client = await startClient({ configuration: (section) => (section === 'dockerfileStages' ? { rules, target: '' } : null) });
  });
  after(async () => {
    await client.stop();
  });

  it('publishes rule diagnostics with the document version, source and doc link', async () => {
    await client.open(URI, lines('FROM golang AS builder', 'FROM alpine', 'COPY --from=buidler /app /app'), 1);
    const published = await client.waitForDiagnostics(URI, (p) => p.version === 1);
    assert.deepEqual(summary(published), [['UnknownStageReference', 2, range(2, 12, 2, 19)]]);
    const [d] = published.diagnostics;
    assert.deepEqual([d.source, d.codeDescription?.href, d.data], [
      'dockerfile-stages',
      'https://github.com/dockerfile-stages/dockerfile-stages/blob/main/docs/rules/UnknownStageReference.md',
      { stage: 1, candidates: ['builder'] },
    ]);
  });

  it('re-publishes on change', async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: range(2, 12, 2, 19), text: 'later' }],
    });
    const published = await client.waitForDiagnostics(URI, (p) => p.version === 2);
    assert.deepEqual(summary(published), []);
  });

  it('re-publishes when the settings change', async () => {
    rules = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const published = await client.waitForDiagnostics(URI, (p) => p.version === 2 && p.diagnostics.length > 0);
    assert.deepEqual(summary(published), [['UnusedStage', 4, range(0, 0, 0, 22)]]);
  });
});
