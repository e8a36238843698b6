import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { references } from '../../server/src/features/references';
import { analyze, lines, mark } from '../helpers/markers';

const URI = 'file:///test/Dockerfile';
const { text, ranges } = mark(lines(
  'FROM golang:1.22 AS [[build]]',
  'FROM [[build]] AS test',
  'COPY --from=[[Build]] /a /a',
  '[[FROM alpine]]',
  'RUN --mount=type=cache,from="[[build]]",target=/c true',
  'ONBUILD COPY --from=[[build]] /x /x',
  'COPY --from=[[0]] /y /y',
  'COPY --from=[[1]] /y /y',
  'FROM nginx AS final',
  'COPY --from=[[2]] /z /z',
  'COPY --from=nginx:1 /n /n',
));
const [name, fromRef, copyRef, unnamedFrom, mountRef, onbuildRef, numericRef, testRef, indexRef] = ranges;
const doc = analyze(text, URI);
const loc = (range: (typeof ranges)[number]) => ({ uri: URI, range });

describe('references', () => {
  const all = [fromRef, copyRef, mountRef, onbuildRef, numericRef].map(loc);

  it('lists the declaration and every reference, from the name and from any reference', () => {
    for (const position of [name.start, name.end, fromRef.start, copyRef.end, mountRef.start, onbuildRef.end, numericRef.start]) {
      assert.deepEqual(references(doc, position, true), [loc(name), ...all], JSON.stringify(position));
    }
  });

  it('leaves the declaration out when asked to', () => {
    assert.deepEqual(references(doc, copyRef.start, false), all);
  });

  it('uses the FROM line as the declaration of an unnamed stage', () => {
    assert.deepEqual(references(doc, indexRef.start, true), [loc(unnamedFrom), loc(indexRef)]);
    assert.deepEqual(references(doc, testRef.end, true), [{ uri: URI, range: { start: { line: 1, character: 14 }, end: { line: 1, character: 18 } } }, loc(testRef)]);
  });

  it('includes references BuildKit rejects for naming the current stage', () => {
    const { text: t, ranges: [n, self] } = mark(lines('FROM alpine AS [[a]]', 'COPY --from=[[a]] /a /a'));
    assert.deepEqual(references(analyze(t, URI), n.start, true), [loc(n), loc(self)]);
  });

  it('gives nothing off stage tokens', () => {
    assert.deepEqual(references(doc, { line: 10, character: 14 }, true), []);
    assert.deepEqual(references(doc, { line: 0, character: 2 }, true), []);
    assert.deepEqual(references(analyze(''), { line: 0, character: 0 }, true), []);
  });
});
