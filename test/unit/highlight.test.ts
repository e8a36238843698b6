import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import { documentHighlights } from '../../server/src/features/highlight';
import { analyze, lines, mark } from '../helpers/markers';

const { text, ranges } = mark(lines(
  'FROM alpine AS [[base]]',
  'FROM [[base]] AS app',
  'COPY --from="[[BASE]]" /a /a',
  'RUN --mount=from=[[base]],target=/m true',
  'FROM alpine',
  'COPY --from=app /b /b',
));
const [name, ...refs] = ranges;
const doc = analyze(text);

describe('documentHighlights', () => {
  const expected = [{ range: name, kind: DocumentHighlightKind.Write }, ...refs.map((range) => ({ range, kind: DocumentHighlightKind.Read }))];

  it('marks the declaration as Write and the references as Read, from any of them', () => {
    for (const position of [name.start, name.end, ...refs.map((r) => r.start), ...refs.map((r) => r.end)]) {
      assert.deepEqual(documentHighlights(doc, position), expected, JSON.stringify(position));
    }
  });

  it('highlights another stage independently', () => {
    assert.deepEqual(documentHighlights(doc, { line: 5, character: 13 }), [
      { range: { start: { line: 1, character: 13 }, end: { line: 1, character: 16 } }, kind: DocumentHighlightKind.Write },
      { range: { start: { line: 5, character: 12 }, end: { line: 5, character: 15 } }, kind: DocumentHighlightKind.Read },
    ]);
  });

  it('gives nothing on the image, keywords, or inside the quotes but outside the name', () => {
    for (const position of [{ line: 0, character: 7 }, { line: 2, character: 2 }, { line: 2, character: 12 }, { line: 2, character: 19 }]) {
      assert.deepEqual(documentHighlights(doc, position), [], JSON.stringify(position));
    }
  });
});
