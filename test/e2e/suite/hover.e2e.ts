// Hover on a stage reference describes the stage.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, positionOf } from '../helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

describe('hover', () => {
  it('shows the stage, its base image and the stages that use it', async () => {
    const document = await openFixture('Dockerfile');
    const position = positionOf(document, 'COPY --from=builder', 'COPY --from=bu'.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hoverText(hovers);
    assert.match(text, /builder/);
    assert.match(text, /golang:1\.22/);
    assert.match(text, /tester/);
    assert.match(text, /runtime/);
  });

  it('says nothing on a plain instruction argument', async () => {
    const document = await openFixture('Dockerfile');
    const position = positionOf(document, 'WORKDIR /src', 'WORKDIR /s'.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    assert.equal(hoverText(hovers), '');
  });
});
