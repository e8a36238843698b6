// Random incremental edits over stdio: what the server serves for the final version equals a fresh analysis of the
// final text. This covers document sync, the store's per-version cache and the model builder's reuse across versions.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DocumentSymbol, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from '../../server/src/documents';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { documentSymbols } from '../../server/src/features/symbols';
import { defaultSettings } from '../../server/src/settings';
import { anyDocument, dockerfile } from '../helpers/generators';
import { startClient, type TestClient } from '../helpers/lspClient';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261128);
const RUNS = Math.round(40 * Number(process.env.PROPERTY_SCALE ?? 1));

/** An edit as fractions of the current text, so that it applies to any text: replace [at, at+length) with text. */
const change = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
  text: fc.oneof(fc.constant(''), fc.constantFrom('\n', '\r\n', '\\\n', ' AS x', '--from=', 'FROM alpine AS y\n', 'COPY --from=0 / /\n', '"', '<<EOF\n', '🐳'), anyDocument.map((s) => s.slice(0, 40))),
});

describe('protocol: random incremental edits', { timeout: 120_000 }, () => {
  let client: TestClient;
  // A failure the guard swallowed (logged as an error) may leave a version unpublished: fail the run at once instead.
  let onError: (message: string) => void = () => undefined;
  before(async () => {
    client = await startClient();
    client.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => {
      if (m.type === 1) onError(m.message);
    });
  });
  after(async () => {
    await client.stop();
  });

  it('serve the same outline and diagnostics as a fresh analysis of the final text', async (t) => {
    let run = 0;
    let edits = 0;
    await fc.assert(
      fc.asyncProperty(dockerfile, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), async (initial, batches) => {
        const uri = `file:///work/edits-${++run}/Dockerfile`;
        const failed = new Promise<never>((_, reject) => (onError = (message) => reject(new Error(`the server logged an error: ${message}`))));
        failed.catch(() => undefined);
        let mirror = TextDocument.create(uri, 'dockerfile', 1, initial);
        await client.open(uri, initial);
        for (const batch of batches) {
          // Each change of a batch applies to the result of the previous one, as LSP specifies.
          const contentChanges: TextDocumentContentChangeEvent[] = batch.map((c) => {
            const text = mirror.getText();
            const start = Math.floor(c.at * text.length);
            const range = { start: mirror.positionAt(start), end: mirror.positionAt(start + c.length) };
            mirror = TextDocument.update(mirror, [{ range, text: c.text }], mirror.version);
            return { range, text: c.text };
          });
          edits += contentChanges.length;
          mirror = TextDocument.update(mirror, [], mirror.version + 1);
          void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: mirror.version }, contentChanges });
        }
        const published: PublishDiagnosticsParams = await Promise.race([client.waitForDiagnostics(uri, (p) => p.version === mirror.version), failed]);
        const served: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });

        const fresh = new DocumentStore().analyze(TextDocument.create(uri, 'dockerfile', mirror.version, mirror.getText()), defaultSettings.maxFileSize);
        const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));
        assert.deepEqual(served, json(documentSymbols(fresh.model)));
        assert.deepEqual(published.diagnostics, json(computeDiagnostics(fresh, defaultSettings)));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    t.diagnostic(`documents: ${run}, incremental changes: ${edits}`);
  });
});
