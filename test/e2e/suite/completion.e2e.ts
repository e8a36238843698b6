// COPY --from= completion through VS Code's completion provider command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { labelOf, openFixture, positionOf } from '../helpers';

describe('completion', () => {
  it('offers the earlier stages after COPY --from=, nearest first, never the current or a later one', async () => {
    const document = await openFixture('completion.Dockerfile');
    const position = positionOf(document, 'COPY --from= ', 'COPY --from='.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, '=');
    const ours = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Reference || item.kind === vscode.CompletionItemKind.Module);
    const labels = ours.map(labelOf);
    assert.deepEqual([...labels].sort(), ['assets', 'builder']);
    const bySort = [...ours].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b))).map(labelOf);
    assert.deepEqual(bySort, ['assets', 'builder']);
    const builder = ours.find((item) => labelOf(item) === 'builder')!;
    assert.equal(builder.detail, 'golang:1.22');
  });
});
