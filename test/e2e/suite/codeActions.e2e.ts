// The "Name this stage" quick fix, applied through VS Code's workspace edit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, positionOf, revertAndClose } from '../helpers';

describe('code actions', () => {
  it('names an unnamed stage after its image and rewrites its numeric references', async () => {
    const document = await openFixture('unnamed.Dockerfile');
    try {
      const position = positionOf(document, 'FROM golang', 'FROM go'.length);
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        new vscode.Range(position, position),
      );
      const nameIt = actions.filter((a) => /name this stage/i.test(a.title)) as vscode.CodeAction[];
      assert.equal(nameIt.length, 1, `actions offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(nameIt[0].kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.ok(nameIt[0].edit, 'the action carries no edit');
      assert.ok(await vscode.workspace.applyEdit(nameIt[0].edit), 'the edit did not apply');
      assert.equal(
        document.getText(),
        [
          'FROM golang:1.22 AS golang',
          'WORKDIR /src',
          'RUN go build -o /out/app .',
          '',
          'FROM alpine:3.20',
          'COPY --from=golang /out/app /usr/local/bin/app',
          '',
        ].join('\n'),
      );
    } finally {
      await revertAndClose(document);
    }
  });
});
