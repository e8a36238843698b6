// The outline and folding, through VS Code's own provider commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, rangeOf, rangeText } from '../helpers';

describe('outline and folding', () => {
  it('lists one symbol per stage, named by AS, with the base image as detail', async () => {
    const document = await openFixture('Dockerfile');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.ok(symbols, 'no document symbol provider answered');
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.detail, symbol.kind, rangeText(symbol.selectionRange)]),
      [
        ['builder', 'golang:1.22', vscode.SymbolKind.Class, rangeText(rangeOf(document, 'AS builder', 'builder'))],
        ['tester', 'builder', vscode.SymbolKind.Class, rangeText(rangeOf(document, 'AS tester', 'tester'))],
        ['runtime', 'debian:bookworm-slim', vscode.SymbolKind.Class, rangeText(rangeOf(document, 'AS runtime', 'runtime'))],
      ],
    );
    assert.deepEqual(
      symbols[2].children.map((child) => child.name.split(' ')[0]),
      ['RUN', 'COPY', 'ENTRYPOINT'],
    );
    assert.equal(symbols[2].children[1].name, 'COPY --from=builder /out/app /usr/local/bin/app');
  });

  it('folds each stage', async () => {
    const document = await openFixture('Dockerfile');
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    assert.deepEqual(
      ranges.map((range) => [range.start, range.end]),
      [
        [1, 4],
        [6, 7],
        [9, 12],
      ],
    );
  });
});
