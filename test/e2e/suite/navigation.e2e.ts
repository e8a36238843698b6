// Go to definition and find references on stage names.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { landing, openFixture, positionOf, rangeOf, rangeText } from '../helpers';

describe('navigation', () => {
  it('goes from COPY --from=builder to the AS builder token', async () => {
    const document = await openFixture('Dockerfile');
    const position = positionOf(document, 'COPY --from=builder', 'COPY --from=bui'.length);
    const results = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, position);
    assert.deepEqual(
      results.map(landing).map((r) => [r.uri, rangeText(r.range)]),
      [[document.uri.toString(), rangeText(rangeOf(document, 'AS builder', 'builder'))]],
    );
  });

  it('goes from a RUN --mount from= to the stage', async () => {
    const document = await openFixture('Dockerfile');
    const position = positionOf(document, 'from=tester', 'from='.length);
    const results = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, position);
    assert.deepEqual(results.map(landing).map((r) => rangeText(r.range)), [rangeText(rangeOf(document, 'AS tester', 'tester'))]);
  });

  it('gives no definition for an image name', async () => {
    const document = await openFixture('Dockerfile');
    const position = positionOf(document, 'debian:bookworm-slim', 2);
    const results = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, position);
    assert.deepEqual(results, []);
  });

  it('finds the declaration and every reference of builder', async () => {
    const document = await openFixture('Dockerfile');
    const position = positionOf(document, 'AS builder', 'AS b'.length);
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, position);
    const sorted = locations.map((l) => rangeText(l.range)).sort();
    assert.deepEqual(
      sorted,
      [rangeOf(document, 'AS builder', 'builder'), rangeOf(document, 'FROM builder', 'builder'), rangeOf(document, 'COPY --from=builder', 'builder')].map(rangeText).sort(),
    );
    assert.ok(locations.every((l) => l.uri.toString() === document.uri.toString()));
  });
});
