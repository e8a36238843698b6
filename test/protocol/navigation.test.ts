// Stage navigation over stdio: completion, definition, references, rename and hover, as an editor asks for them.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ErrorCodes, ResponseError, type CompletionItem, type CompletionList, type Hover, type Location, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from '../helpers/lspClient';
import { lines, mark } from '../helpers/markers';

const URI = 'file:///work/nav/Dockerfile';
const { text, ranges } = mark(lines(
  'FROM golang:1.22-alpine AS [[build]]',
  'FROM [[build]] AS test',
  'FROM alpine:3.20',
  'RUN --mount=type=cache,from=[[build]],target=/c true',
  'COPY --from="[[Build]]" /a /a',
  'COPY --from=',
));
const [name, fromRef, mountRef, copyRef] = ranges;
const textDocument = { uri: URI };

describe('protocol: stage navigation', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    await client.open(URI, text);
  });
  after(async () => {
    await client.stop();
  });

  it('completes earlier stages after COPY --from=, never the current one', async () => {
    const result: CompletionItem[] | CompletionList | null = await client.connection.sendRequest('textDocument/completion', {
      textDocument,
      position: { line: 5, character: 12 },
      context: { triggerKind: 2, triggerCharacter: '=' },
    });
    const items = Array.isArray(result) ? result : result?.items ?? [];
    assert.deepEqual(items.map((i) => [i.label, i.detail, i.sortText]), [
      ['test', 'build', '000001'],
      ['build', 'golang:1.22-alpine', '000002'],
    ]);
    const resolved: CompletionItem = await client.connection.sendRequest('completionItem/resolve', items[1]);
    assert.deepEqual(resolved.documentation, {
      kind: 'markdown',
      value: (resolved.documentation as { value: string }).value,
    });
    assert.match((resolved.documentation as { value: string }).value, /^\*\*Stage 0 `build`\*\*/);
    assert.deepEqual({ ...resolved, documentation: undefined }, { ...items[1], documentation: undefined });
  });

  it('goes to the stage name from a mount reference', async () => {
    const result: Location[] = await client.connection.sendRequest('textDocument/definition', { textDocument, position: mountRef.end });
    assert.deepEqual(result, [{ uri: URI, range: name }]);
  });

  it('finds the declaration and all references', async () => {
    const result: Location[] = await client.connection.sendRequest('textDocument/references', {
      textDocument,
      position: copyRef.start,
      context: { includeDeclaration: true },
    });
    assert.deepEqual(result, [name, fromRef, mountRef, copyRef].map((range) => ({ uri: URI, range })));
  });

  it('prepares and performs a rename, and refuses a reserved name', async () => {
    const prepared = await client.connection.sendRequest('textDocument/prepareRename', { textDocument, position: fromRef.start });
    assert.deepEqual(prepared, { range: fromRef, placeholder: 'build' });
    const edit: WorkspaceEdit = await client.connection.sendRequest('textDocument/rename', { textDocument, position: name.end, newName: 'compile' });
    assert.deepEqual(edit, { changes: { [URI]: [name, fromRef, mountRef, copyRef].map((range) => ({ range, newText: 'compile' })) } });
    await assert.rejects(
      client.connection.sendRequest('textDocument/rename', { textDocument, position: name.start, newName: 'scratch' }),
      (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidRequest && /'scratch' is reserved/.test(e.message),
    );
    assert.equal(await client.connection.sendRequest('textDocument/prepareRename', { textDocument, position: { line: 2, character: 7 } }), null);
  });

  it('answers hover with markdown about the stage', async () => {
    const result: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument, position: fromRef.start });
    assert.deepEqual(result.range, fromRef);
    assert.deepEqual(result.contents, {
      kind: 'markdown',
      value: [
        '**Stage 0 `build`**',
        'Base image `golang:1.22-alpine` · libc: musl',
        'Depends on: none',
        'Used by: `test`, stage 2',
        'Built by the target stage 2.',
      ].join('\n\n'),
    });
  });

  it('logs nothing on stderr', () => {
    assert.equal(client.stderr(), '');
  });
});
