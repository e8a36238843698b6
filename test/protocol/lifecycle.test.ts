// Talks LSP over stdio to the bundled server, exactly as an editor does.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from '../helpers/lspClient';
import { lines, range } from '../helpers/markers';

const URI = 'file:///work/Dockerfile';

describe('protocol: lifecycle, outline and folding', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
  });
  after(async () => {
    await client.stop();
  });

  it('publishes diagnostics for the opened version', async () => {
    await client.open(URI, lines('FROM alpine AS build', 'RUN true', 'FROM alpine', 'COPY --from=build /a /a'), 1);
    const published: PublishDiagnosticsParams = await client.waitForDiagnostics(URI);
    assert.equal(published.version, 1);
    assert.ok(Array.isArray(published.diagnostics));
  });

  it('answers documentSymbol with stages as top-level symbols', async () => {
    const symbols: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepEqual(symbols.map((s) => [s.name, s.detail, s.range]), [
      ['build', 'alpine', range(0, 0, 1, 8)],
      ['stage 1', 'alpine', range(2, 0, 3, 23)],
    ]);
  });

  it('answers foldingRange per stage', async () => {
    const folds: FoldingRange[] = await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 1], [2, 3]]);
  });

  it('applies incremental changes and serves the new version', async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: range(2, 11, 2, 11), text: ' AS runner' }],
    });
    await client.waitForDiagnostics(URI, (p) => p.version === 2);
    const symbols: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepEqual(symbols.map((s) => [s.name, s.selectionRange]), [['build', range(0, 15, 0, 20)], ['runner', range(2, 15, 2, 21)]]);
  });

  it('answers requests for unknown documents with empty results', async () => {
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///nope' } });
    assert.deepEqual(symbols, []);
  });

  it('shuts down cleanly', async () => {
    await client.stop();
    assert.equal(client.process.exitCode, 0);
    assert.equal(client.stderr(), '');
  });
});
