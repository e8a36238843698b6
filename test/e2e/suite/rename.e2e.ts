// Renaming a stage rewrites its declaration and every reference, and nothing else.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, positionOf, revertAndClose } from '../helpers';

describe('rename', () => {
  it('renames builder to compile from a COPY --from reference', async () => {
    const document = await openFixture('Dockerfile');
    try {
      const position = positionOf(document, 'COPY --from=builder', 'COPY --from='.length);
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, position, 'compile');
      assert.ok(edit, 'no rename edit');
      assert.ok(await vscode.workspace.applyEdit(edit), 'the rename edit did not apply');
      assert.equal(
        document.getText(),
        [
          '# A Go service: build, test, then ship the binary in a small image.',
          'FROM golang:1.22 AS compile',
          'WORKDIR /src',
          'COPY . .',
          'RUN go build -o /out/app ./cmd/app',
          '',
          'FROM compile AS tester',
          'RUN go test ./...',
          '',
          'FROM debian:bookworm-slim AS runtime',
          'RUN --mount=type=bind,from=tester,source=/src/go.sum,target=/tmp/go.sum true',
          'COPY --from=compile /out/app /usr/local/bin/app',
          'ENTRYPOINT ["/usr/local/bin/app"]',
          '',
        ].join('\n'),
      );
    } finally {
      await revertAndClose(document);
    }
  });

  it('refuses a name that another stage already has', async () => {
    const document = await openFixture('Dockerfile');
    const position = positionOf(document, 'AS builder', 'AS '.length);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, position, 'runtime')),
      /runtime/,
    );
  });
});
