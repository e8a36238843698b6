import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { hover } from '../../server/src/features/hover';
import { defaultSettings } from '../../server/src/settings';
import { analyze, lines, mark } from '../helpers/markers';

const { text, ranges } = mark(lines(
  'FROM python:3.12-alpine AS [[deps]]',
  'FROM [[deps]] AS build',
  'FROM debian:bookworm-slim',
  'FROM scratch AS test',
  'COPY --from="[[build]]" /a /a',
  'FROM gcr.io/distroless/base-debian12 AS final',
  'COPY --from=[[build]] /a /a',
  'COPY --from=[[2]] /b /b',
  'COPY --from=[[final]] /c /c',
));
const [depsName, depsRef, buildInTest, buildInFinal, indexRef, selfRef] = ranges;
const doc = analyze(text);
const value = (h: Hover | null) => (h?.contents as { kind: string; value: string }).value;

describe('hover', () => {
  it('describes a stage from its name: index, base image, libc, dependencies, users, and the target', () => {
    const h = hover(doc, depsName.start, defaultSettings);
    assert.deepEqual(h, {
      contents: {
        kind: 'markdown',
        value: [
          '**Stage 0 `deps`**',
          'Base image `python:3.12-alpine` · libc: musl',
          'Depends on: none',
          'Used by: `build`',
          'Built by the target `final`.',
        ].join('\n\n'),
      },
      range: depsName,
    });
  });

  it('describes the referenced stage from a reference, inherited libc included, at both ends and inside quotes', () => {
    const expected = [
      '**Stage 1 `build`**',
      'Based on `deps` (image `python:3.12-alpine`) · libc: musl',
      'Depends on: `deps`',
      'Used by: `test`, `final`',
      'Built by the target `final`.',
    ].join('\n\n');
    for (const position of [buildInTest.start, buildInTest.end, buildInFinal.start]) assert.equal(value(hover(doc, position, defaultSettings)), expected);
    assert.deepEqual(hover(doc, buildInTest.start, defaultSettings)?.range, buildInTest);
    assert.match(value(hover(doc, depsRef.end, defaultSettings)), /^\*\*Stage 0 `deps`\*\*/);
  });

  it('follows the target setting', () => {
    assert.equal(value(hover(doc, depsName.start, { ...defaultSettings, target: 'TEST' })).split('\n\n')[4], 'Built by the target `test`.');
    assert.equal(value(hover(doc, indexRef.start, { ...defaultSettings, target: 'test' })).split('\n\n')[4], 'Not built by the target `test`.');
    assert.equal(value(hover(doc, { line: 3, character: 17 }, { ...defaultSettings, target: 'test' })).split('\n\n')[4], 'This is the target `test`.');
  });

  it('describes an unnamed stage reached by index', () => {
    assert.equal(value(hover(doc, indexRef.end, defaultSettings)), [
      '**Stage 2 (unnamed)**',
      'Base image `debian:bookworm-slim` · libc: glibc',
      'Depends on: none',
      'Used by: `final`',
      'Built by the target `final`.',
    ].join('\n\n'));
  });

  it('warns on a reference BuildKit rejects', () => {
    const paragraphs = value(hover(doc, selfRef.start, defaultSettings)).split('\n\n');
    assert.deepEqual(paragraphs.slice(-2), ['This is the target `final`.', "⚠ circular dependency: stage 'final' cannot copy from itself"]);
    assert.equal(paragraphs[1], 'Base image `gcr.io/distroless/base-debian12` · libc: glibc');
  });

  it('gives nothing on images, keywords and plain text', () => {
    for (const [line, character] of [[0, 8], [0, 25], [4, 2], [4, 12], [2, 6]]) {
      assert.equal(hover(doc, { line, character }, defaultSettings), null, `${line}:${character}`);
    }
    assert.equal(hover(analyze(''), { line: 0, character: 0 }, defaultSettings), null);
  });
});
