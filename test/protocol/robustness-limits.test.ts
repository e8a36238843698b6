// Oversized documents: one Information diagnostic saying analysis was limited, and the server stays responsive.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from '../helpers/lspClient';
import { lines, range } from '../helpers/markers';

/** A realistic Dockerfile of at least `size` characters: many small stages. */
function bigDockerfile(size: number): string {
  const stages: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const stage = lines(`FROM alpine:3.20 AS s${i}`, `COPY --from=s${Math.max(0, i - 1)} /out /in`, `RUN make -C /in target-${i} && echo done`, '');
    stages.push(stage);
    length += stage.length + 1;
  }
  return stages.join('\n');
}

const onlyLimited = (diagnostics: { severity?: number; code?: string | number }[]) => {
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  assert.equal(diagnostics[0].severity, DiagnosticSeverity.Information);
  assert.equal(diagnostics[0].code, 'AnalysisLimited');
};

describe('protocol: size limit', { timeout: 60_000 }, () => {
  let client: TestClient;
  let maxFileSize: number | undefined;
  const outline = async (uri: string) =>
    ((await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[]).map((s) => s.name);

  before(async () => {
    client = await startClient({ configuration: () => (maxFileSize === undefined ? {} : { maxFileSize }) });
  });
  after(async () => {
    await client.stop();
  });

  it('degrades a 5 MB file to one Information diagnostic with the default limit, and recovers when it shrinks', async () => {
    const uri = 'file:///work/huge/Dockerfile';
    const text = bigDockerfile(5_000_000);
    assert.ok(text.length >= 5_000_000);
    await client.open(uri, text);
    onlyLimited((await client.waitForDiagnostics(uri, (p) => p.version === 1)).diagnostics);
    assert.deepEqual(await outline(uri), []);
    // Delete everything but the first stage: the document is analysed again.
    const lineCount = text.split('\n').length;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: range(3, 0, lineCount - 1, 0), text: '' }],
    });
    const shrunk = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.ok(!shrunk.diagnostics.some((d) => d.code === 'AnalysisLimited'));
    assert.deepEqual(await outline(uri), ['s0']);
  });

  it('follows the dockerfileStages.maxFileSize setting, also when it changes', async () => {
    const uri = 'file:///work/limited/Dockerfile';
    maxFileSize = 100;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const text = bigDockerfile(1_000);
    await client.open(uri, text);
    onlyLimited((await client.waitForDiagnostics(uri, (p) => p.version === 1)).diagnostics);
    assert.deepEqual(await outline(uri), []);
    const before = client.diagnostics.get(uri)!.length;
    maxFileSize = 1_000_000;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const again = await client.waitForDiagnostics(uri, (p) => client.diagnostics.get(uri)!.indexOf(p) >= before);
    assert.ok(!again.diagnostics.some((d) => d.code === 'AnalysisLimited'));
    assert.equal((await outline(uri)).length, text.split('FROM').length - 1);
  });
});
