// A closed document's model must become garbage: module-level caches (rule memos, the typo index)
// may keep names and per-stage results, but nothing that reaches the model itself.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from '../../server/src/documents';
import { codeActions } from '../../server/src/features/codeActions';
import { completion } from '../../server/src/features/completion';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { documentSymbols } from '../../server/src/features/symbols';
import { defaultSettings } from '../../server/src/settings';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const URI = 'file:///memory/Dockerfile';
// A typo (did-you-mean), a forward reference, an unused stage and a mount: every rule family runs.
const TEXT = [
  'ARG BASE=alpine:3.20',
  'FROM ${BASE} AS builder',
  'RUN --mount=type=cache,from=deps,target=/c make',
  'FROM alpine AS deps',
  'FROM builder AS unused',
  'FROM debian AS runner',
  'COPY --from=buidler /out /app',
  '',
].join('\n');

/** Opens, uses and closes a document in `store`; returns a weak reference to the model it built. */
function openUseClose(store: DocumentStore): WeakRef<object> {
  const analyzed = store.analyze(TextDocument.create(URI, 'dockerfile', 1, TEXT), Infinity);
  const diagnostics = computeDiagnostics(analyzed, defaultSettings);
  assert.ok(diagnostics.some((d) => d.code === 'UnknownStageReference'));
  documentSymbols(analyzed.model);
  completion(analyzed, { line: 6, character: 12 });
  codeActions(analyzed, { start: { line: 6, character: 12 }, end: { line: 6, character: 19 } }, { diagnostics }, defaultSettings);
  store.close(URI);
  return new WeakRef(analyzed.model);
}

describe('memory', () => {
  it('lets go of a closed document’s model', async () => {
    const store = new DocumentStore();
    const model = openUseClose(store);
    // A WeakRef keeps its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    assert.equal(model.deref(), undefined);
    assert.equal(store.size, 0);
  });
});
