// Abuse over stdio: after each kind of bad input the server still answers, and answers correctly.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, ResponseError, type DocumentSymbol, type Position, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startClient, type TestClient } from '../helpers/lspClient';
import { lines, range } from '../helpers/markers';

const GOOD = 'file:///work/good/Dockerfile';
const GOOD_TEXT = lines('FROM alpine AS build', 'RUN make', 'FROM build AS test', 'COPY --from=build /a /b', 'FROM alpine', 'COPY --from=test /c /d');
const GOOD_OUTLINE = [['build', range(0, 15, 0, 20)], ['test', range(2, 14, 2, 18)], ['stage 2', range(4, 5, 4, 11)]];

/** Every request the server answers, with the empty answer it gives when there is nothing to say. */
const POSITION_REQUESTS = ['textDocument/completion', 'textDocument/definition', 'textDocument/references', 'textDocument/documentHighlight', 'textDocument/prepareRename', 'textDocument/rename', 'textDocument/hover'];
const params = (method: string, uri: string, position: Position) => ({
  textDocument: { uri },
  position,
  ...(method === 'textDocument/references' ? { context: { includeDeclaration: true } } : {}),
  ...(method === 'textDocument/rename' ? { newName: 'renamed' } : {}),
});

describe('protocol: robustness', { timeout: 60_000 }, () => {
  let client: TestClient;
  const logged: string[] = [];
  const request = <R>(method: string, p: unknown) => client.connection.sendRequest(method, p) as Promise<R>;
  const outline = async (uri: string) =>
    (await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } })).map((s) => [s.name, s.selectionRange]);
  const healthy = async () => assert.deepEqual(await outline(GOOD), GOOD_OUTLINE);
  const change = (uri: string, version: number, contentChanges: unknown[]) =>
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });

  before(async () => {
    // Pull configuration, as VS Code does: settings arrive asynchronously, which is where races live.
    client = await startClient({ configuration: () => ({}) });
    // The guard turns exceptions into empty answers and logs them; a robust server logs none.
    client.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => {
      if (m.type <= 2) logged.push(m.message);
    });
    await client.open(GOOD, GOOD_TEXT);
    await client.waitForDiagnostics(GOOD);
  });
  after(async () => {
    await client.stop();
  });

  it('answers requests for unknown documents with empty results', async () => {
    const uri = 'file:///work/never-opened/Dockerfile';
    assert.deepEqual(await request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.deepEqual(await request('textDocument/foldingRange', { textDocument: { uri } }), []);
    assert.deepEqual(await request('textDocument/codeLens', { textDocument: { uri } }), []);
    assert.deepEqual(await request('textDocument/codeAction', { textDocument: { uri }, range: range(0, 0, 0, 0), context: { diagnostics: [] } }), []);
    for (const method of POSITION_REQUESTS) {
      const answer = await request(method, params(method, uri, { line: 0, character: 0 }));
      assert.ok(answer === null || (Array.isArray(answer) && answer.length === 0), `${method}: ${JSON.stringify(answer)}`);
    }
    await healthy();
  });

  it('forgets closed documents, clears their diagnostics, and serves them fresh when reopened', async () => {
    const uri = 'file:///work/closed/Dockerfile';
    await client.open(uri, lines('FROM alpine AS old'));
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const cleared = await client.waitForDiagnostics(uri, (p) => p.version === undefined);
    assert.deepEqual(cleared.diagnostics, []);
    assert.deepEqual(await outline(uri), []);
    await client.open(uri, lines('FROM alpine AS new'));
    assert.deepEqual(await outline(uri), [['new', range(0, 15, 0, 18)]]);
    await healthy();
  });

  it('answers positions past the end of a line or the file as at the clamped position', async () => {
    const lastLine = GOOD_TEXT.split('\n').length - 1;
    const cases: [Position, Position][] = [
      [{ line: 2, character: 500 }, { line: 2, character: 18 }],
      [{ line: 0, character: 10_000 }, { line: 0, character: 20 }],
      [{ line: 999, character: 0 }, { line: lastLine, character: 22 }],
      [{ line: lastLine, character: 23 }, { line: lastLine, character: 22 }],
    ];
    for (const method of POSITION_REQUESTS) {
      for (const [past, clamped] of cases) {
        assert.deepEqual(await request(method, params(method, GOOD, past)), await request(method, params(method, GOOD, clamped)), `${method} at ${JSON.stringify(past)}`);
      }
    }
    await healthy();
  });

  it('survives $/cancelRequest: cancelled requests answer or report RequestCancelled; stray cancels are ignored', async () => {
    const answers = await Promise.all(
      ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens'].map(async (method) => {
        const source = new CancellationTokenSource();
        const pending = client.connection.sendRequest(method, { textDocument: { uri: GOOD } }, source.token);
        source.cancel();
        try {
          return await pending;
        } catch (error) {
          assert.ok(error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled, String(error));
          return 'cancelled';
        }
      }),
    );
    assert.equal(answers.length, 3);
    await client.connection.sendNotification('$/cancelRequest', { id: 987_654 });
    await client.connection.sendNotification('$/cancelRequest', { id: 'no-such-request' });
    await healthy();
  });

  it('publishes diagnostics in version order after a burst of 200 edits, ending with the last version', async (t) => {
    const uri = 'file:///work/burst/Dockerfile';
    const typed = `${lines('FROM golang AS tools', 'RUN go install x', 'FROM alpine AS out', 'COPY --from=tools /go/bin/x /x', 'COPY --from=tool /a /b', 'FROM nope')}\n`;
    let text = lines('FROM alpine AS base', '');
    await client.open(uri, text);
    for (let version = 2; version <= 201; version++) {
      const char = typed[(version - 2) % typed.length];
      const end = TextDocument.create(uri, 'dockerfile', 0, text).positionAt(text.length);
      void change(uri, version, [{ range: { start: end, end }, text: char }]);
      text += char;
    }
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 201);
    await outline(uri); // a round trip: anything the server published before answering has arrived
    const versions = client.diagnostics.get(uri)!.map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'a stale version was published after a newer one');
    assert.equal(new Set(versions).size, versions.length, 'a version was published twice');
    assert.equal(versions.at(-1), 201);
    t.diagnostic(`versions published for the burst: ${versions.join(', ')}`);
    // The final state matches the same text opened fresh.
    const fresh = 'file:///work/burst-fresh/Dockerfile';
    await client.open(fresh, text);
    const expected = await client.waitForDiagnostics(fresh);
    assert.deepEqual(last.diagnostics, JSON.parse(JSON.stringify(expected.diagnostics).replaceAll(fresh, uri)));
    assert.deepEqual(await outline(uri), await outline(fresh));
    assert.equal(client.diagnostics.get(uri)!.at(-1), last, 'published again after the last version');
  });

  it('gives exact ranges for CRLF line endings and a byte-order mark', async () => {
    const uri = 'file:///work/crlf/Dockerfile';
    const text = '\ufeffFROM alpine AS build\r\nRUN make \\\r\n  && true\r\nFROM build AS test\r\nCOPY --from=nope /a /b\r\n';
    await client.open(uri, text);
    const published: PublishDiagnosticsParams = await client.waitForDiagnostics(uri);
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    // The BOM is a character of the document, so columns on line 0 are one greater than without it.
    assert.deepEqual(symbols.map((s) => [s.name, s.range, s.selectionRange]), [
      ['build', range(0, 1, 2, 9), range(0, 16, 0, 21)],
      ['test', range(3, 0, 4, 22), range(3, 14, 3, 18)],
    ]);
    const folds = await request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 2], [1, 2], [3, 4]]);
    const document = TextDocument.create(uri, 'dockerfile', 1, text);
    for (const d of published.diagnostics) {
      assert.ok(!document.getText(d.range).includes('\r'), `diagnostic ${d.code} covers a line ending`);
      assert.deepEqual(document.positionAt(document.offsetAt(d.range.end)), d.range.end, `diagnostic ${d.code} ends outside its line`);
    }
    await healthy();
  });

  it('survives binary content', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + (i >> 3)) % 256));
    for (const [n, text] of [bytes.toString('latin1'), bytes.toString('utf8'), `FROM alpine\0AS x\n\udc00\ud800`].entries()) {
      const uri = `file:///work/binary-${n}/Dockerfile`;
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, (p) => p.version === 1);
      await outline(uri);
      await request('textDocument/foldingRange', { textDocument: { uri } });
      for (const method of POSITION_REQUESTS) await request(method, params(method, uri, { line: 3, character: 7 }));
    }
    await healthy();
  });

  it('honours an `# escape=`` directive', async () => {
    const uri = 'file:///work/windows/Dockerfile';
    const text = lines('# escape=`', 'FROM mcr.microsoft.com/windows/servercore AS build', 'RUN echo a `', '    && echo b', 'COPY C:\\src C:\\dst', 'FROM build', 'COPY --from=build C:\\app C:\\app');
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => [s.name, s.range, s.children?.map((c) => c.range)]), [
      ['build', range(1, 0, 4, 18), [range(2, 0, 3, 13), range(4, 0, 4, 18)]],
      ['stage 1', range(5, 0, 6, 31), [range(6, 0, 6, 31)]],
    ]);
    await healthy();
  });

  it('survives out-of-order and out-of-range notifications', async () => {
    const uri = 'file:///work/odd/Dockerfile';
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await change(uri, 5, [{ range: range(0, 0, 0, 0), text: 'FROM x' }]);
    await client.open(uri, lines('FROM alpine AS a'));
    await client.open(uri, lines('FROM alpine AS reopened'));
    await change(uri, 2, [{ range: range(40, 3, 99, 99), text: '\nFROM a AS tail' }]);
    await change(uri, 3, [{ range: range(0, 999, 0, 999), text: ' ' }]);
    await client.waitForDiagnostics(uri, (p) => p.version === 3);
    assert.deepEqual(await outline(uri), [['reopened', range(0, 15, 0, 23)], ['tail', range(1, 10, 1, 14)]]);
    await healthy();
  });

  it('logged no handler failure and wrote nothing to stderr', () => {
    assert.deepEqual(logged, []);
    assert.equal(client.stderr(), '');
  });

  it('answers malformed requests with empty results and logs them', async () => {
    const malformed: unknown[] = [{}, { textDocument: null }, { textDocument: { uri: GOOD } }, { textDocument: { uri: GOOD }, position: { line: 'x' } }];
    for (const p of malformed) {
      for (const method of [...POSITION_REQUESTS, 'textDocument/documentSymbol', 'textDocument/codeAction']) {
        const answer = await request(method, p);
        assert.ok(answer === null || Array.isArray(answer), `${method} ${JSON.stringify(p)}: ${JSON.stringify(answer)}`);
      }
    }
    await healthy();
    assert.ok(logged.every((m) => / failed for /.test(m)), logged.join('\n'));
  });
});
