import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Position } from 'vscode-languageserver-types';
import { definition } from '../../server/src/features/definition';
import { analyze, lines, mark, range } from '../helpers/markers';

const URI = 'file:///test/Dockerfile';
const { text, ranges } = mark(lines(
  'FROM golang:1.22 AS [[Build]]',
  'FROM [[build]] AS test',
  'COPY --from=[[BUILD]] /a /a',
  '[[FROM alpine]]',
  'RUN --mount=type=cache,from="[[build]]",target=/c true',
  'ONBUILD COPY --from=[[build]] /x /x',
  'COPY --from=[[0]] /y /y',
  'FROM nginx AS final',
  'COPY --from=[[2]] /z /z',
  'COPY --from=nginx:1 /n /n',
));
const [name, fromRef, copyRef, unnamedFrom, mountRef, onbuildRef, numericRef, indexRef] = ranges;
const doc = analyze(text, URI);
const at = (line: number, character: number): Position => ({ line, character });

describe('definition', () => {
  it('goes from every kind of reference to the stage name, at both ends of the token', () => {
    for (const ref of [fromRef, copyRef, mountRef, onbuildRef, numericRef]) {
      for (const position of [ref.start, ref.end]) {
        assert.deepEqual(definition(doc, position), [{ uri: URI, range: name }], JSON.stringify(position));
      }
    }
  });

  it('answers on the name itself with the name', () => {
    assert.deepEqual(definition(doc, name.start), [{ uri: URI, range: name }]);
    assert.deepEqual(definition(doc, name.end), [{ uri: URI, range: name }]);
  });

  it('goes to the FROM line of an unnamed stage reached by index', () => {
    assert.deepEqual(definition(doc, indexRef.start), [{ uri: URI, range: unnamedFrom }]);
  });

  it('gives nothing for images, keywords, quotes and other words', () => {
    for (const position of [at(0, 7), at(9, 14), at(7, 7), at(2, 2), at(2, 11), at(4, 28), at(4, 35), at(2, 20), at(1, 12)]) {
      assert.deepEqual(definition(doc, position), [], JSON.stringify(position));
    }
  });

  it('follows a reference BuildKit rejects for naming a later stage', () => {
    const { text: t, ranges: [later], cursor } = mark(lines('FROM alpine', 'COPY --from=la|ter /a /a', 'FROM alpine AS [[later]]'));
    assert.deepEqual(definition(analyze(t, URI), cursor!), [{ uri: URI, range: later }]);
  });

  it('returns nothing on empty and garbage documents', () => {
    assert.deepEqual(definition(analyze(''), at(0, 0)), []);
    assert.deepEqual(definition(analyze('COPY --from=\u0000 x'), at(0, 12)), []);
  });
});
