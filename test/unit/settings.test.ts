// Settings from the client are untrusted input: wrong types fall back to defaults, never throw.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from '../../server/src/documents';
import { defaultSettings, mergeSettings } from '../../server/src/settings';

describe('settings', () => {
  it('gives the defaults for missing or non-object input', () => {
    for (const raw of [undefined, null, 42, 'x', [], true]) assert.deepEqual(mergeSettings(raw), defaultSettings);
  });

  it('keeps well-typed values and drops the rest', () => {
    assert.deepEqual(
      mergeSettings({ rules: { UnusedStage: 'off', LibcMismatch: 'ERROR', DuplicateStageName: 3, X: 'hint' }, target: '  runner ', codeLens: false, maxFileSize: 10 }),
      { rules: { UnusedStage: 'off', X: 'hint' }, target: 'runner', codeLens: false, maxFileSize: 10 },
    );
    assert.deepEqual(mergeSettings({ rules: 'off', target: 7, codeLens: 'no', maxFileSize: -1 }), defaultSettings);
    assert.deepEqual(mergeSettings({ maxFileSize: Number.NaN }).maxFileSize, defaultSettings.maxFileSize);
  });
});

describe('size limit', () => {
  const document = TextDocument.create('file:///d/Dockerfile', 'dockerfile', 1, 'FROM alpine AS build\nFROM build\n');

  it('marks a document larger than maxFileSize as limited, with an empty model', () => {
    const doc = new DocumentStore().analyze(document, 10);
    assert.deepEqual([doc.limited, doc.model.stages.length], [true, 0]);
  });

  it('re-evaluates the limit of an already analysed version when the setting changes', () => {
    const store = new DocumentStore();
    const limited = store.analyze(document, 10);
    const full = store.analyze(document, 1_000);
    assert.deepEqual([limited.limited, full.limited, full.model.stages.map((s) => s.name)], [true, false, ['build', null]]);
    assert.equal(store.analyze(document, 1_000), full, 'the same version and limit reuse the model');
  });

  it('drops a document on close', () => {
    const store = new DocumentStore();
    store.analyze(document, 1_000);
    store.close(document.uri);
    assert.equal(store.size, 0);
  });
});
