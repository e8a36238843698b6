// textDocument/codeAction over stdio: fixes come back with their WorkspaceEdit inline.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { applyAction, diagnostic } from '../helpers/applyEdit';
import { startClient, type TestClient } from '../helpers/lspClient';
import { lines, range } from '../helpers/markers';

const URI = 'file:///work/fixes/Dockerfile';
const TEXT = lines('FROM golang:1.22', 'RUN go build -o /app', 'FROM alpine', 'COPY --from=0 /app /app');

describe('protocol: code actions', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    await client.open(URI, TEXT);
    await client.waitForDiagnostics(URI);
  });
  after(async () => {
    await client.stop();
  });

  it('answers a diagnostic with a preferred quick fix that carries its edit', async () => {
    const numeric = diagnostic('NumericStageReference', range(3, 12, 3, 13));
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: numeric.range,
      context: { diagnostics: [numeric], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix.title, "Name this stage 'golang'");
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.command, undefined);
    assert.deepEqual(fix.diagnostics, [numeric]);
    assert.equal(applyAction(TEXT, fix, URI), lines('FROM golang:1.22 AS golang', 'RUN go build -o /app', 'FROM alpine', 'COPY --from=golang /app /app'));
  });

  it('offers "Name all stages" when source actions are asked for', async () => {
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: range(0, 0, 0, 0),
      context: { diagnostics: [], only: ['source'] },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Name all stages', 'source.nameAllStages']]);
    assert.equal(
      applyAction(TEXT, actions[0], URI),
      lines('FROM golang:1.22 AS golang', 'RUN go build -o /app', 'FROM alpine AS alpine', 'COPY --from=golang /app /app'),
    );
  });

  it('fixes a published diagnostic in one round trip, and the next publication drops it', async () => {
    const uri = 'file:///work/fixes/published/Dockerfile';
    const text = lines('FROM golang:1.22 AS Builder', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=Builder /app /app');
    await client.open(uri, text, 1);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const casing = published.diagnostics.find((d) => d.code === 'StageNameCasing');
    assert.ok(casing, JSON.stringify(published.diagnostics));
    // As an editor does: the diagnostics overlapping the requested range, exactly as published.
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: casing.range,
      context: { diagnostics: [casing], triggerKind: 1 },
    });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.title, "Change stage name to 'builder'");
    assert.deepEqual(fix.diagnostics, [casing]);
    const fixed = applyAction(text, fix, uri);
    assert.equal(fixed, lines('FROM golang:1.22 AS builder', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=builder /app /app'));
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const next = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(next.diagnostics.map((d) => d.code), []);
  });

  it('answers with an empty list for unknown documents and out-of-range positions', async () => {
    const none = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: 'file:///nope' },
      range: range(0, 0, 0, 0),
      context: { diagnostics: [] },
    });
    assert.deepEqual(none, []);
    const far = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: range(99, 0, 99, 0),
      context: { diagnostics: [diagnostic('UnusedStage', range(99, 0, 99, 5))], only: ['quickfix'] },
    });
    assert.deepEqual(far, []);
    assert.equal(client.stderr(), '');
  });
});
