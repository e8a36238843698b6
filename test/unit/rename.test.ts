import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { RefusedError } from '../../server/src/errors';
import { prepareRename, rename } from '../../server/src/features/rename';
import { analyze, lines, mark } from '../helpers/markers';

const URI = 'file:///test/Dockerfile';
const { text, ranges } = mark(lines(
  'FROM golang:1.22 AS [[build]]',
  'RUN echo build',
  'FROM [[build]] AS test',
  'COPY --from=[[Build]] /a /a',
  'ADD --from=[[build]] /b /b',
  'FROM alpine',
  'RUN --mount=type=cache,from="[[build]]",target=/c true',
  'ONBUILD COPY --from=[[build]] /x /x',
  'COPY --from=[[0]] /y /y',
  'COPY --from=build:1 /n /n',
  'COPY --from=[[2]] /z /z',
));
const [name, fromRef, copyRef, addRef, mountRef, onbuildRef, numericRef, unnamedRef] = ranges;
const doc = analyze(text, URI);

// A refusal is a RefusedError, and what the client receives is a ResponseError with InvalidRequest.
const refused = (message: RegExp) => (e: unknown) =>
  e instanceof RefusedError && e instanceof ResponseError && e.code === ErrorCodes.InvalidRequest && message.test(e.message);

function renamed(position: Position, newName: string, d = doc): string {
  const edit = rename(d, position, newName);
  assert.ok(edit?.changes);
  return TextDocument.applyEdits(d.document, edit.changes[URI]);
}

describe('prepareRename', () => {
  it('offers the token under the cursor, from the name and from every reference, at both ends', () => {
    for (const token of [name, fromRef, copyRef, addRef, mountRef, onbuildRef]) {
      for (const position of [token.start, token.end]) {
        const expected = { range: token, placeholder: doc.document.getText(token) };
        assert.deepEqual(prepareRename(doc, position), expected, JSON.stringify(position));
      }
    }
  });

  it('offers the stage name from a numeric reference', () => {
    assert.deepEqual(prepareRename(doc, numericRef.start), { range: numericRef, placeholder: 'build' });
  });

  it('returns null off stage tokens: images, keywords, plain words, image references', () => {
    for (const [line, character] of [[0, 7], [0, 17], [1, 11], [9, 14], [6, 28], [3, 2]]) {
      assert.equal(prepareRename(doc, { line, character }), null, `${line}:${character}`);
    }
  });

  it('refuses an unnamed stage, saying how to name it', () => {
    assert.throws(() => prepareRename(doc, unnamedRef.start), refused(/Stage 2 has no name.*FROM alpine AS <name>/));
  });
});

describe('rename', () => {
  const expected = lines(
    'FROM golang:1.22 AS compile',
    'RUN echo build',
    'FROM compile AS test',
    'COPY --from=compile /a /a',
    'ADD --from=compile /b /b',
    'FROM alpine',
    'RUN --mount=type=cache,from="compile",target=/c true',
    'ONBUILD COPY --from=compile /x /x',
    'COPY --from=0 /y /y',
    'COPY --from=build:1 /n /n',
    'COPY --from=2 /z /z',
  );

  it('rewrites the name and every reference, keeps indexes, images and other words', () => {
    for (const position of [name.start, copyRef.end, mountRef.start, onbuildRef.start, numericRef.end, fromRef.start]) {
      assert.equal(renamed(position, 'compile'), expected, JSON.stringify(position));
    }
  });

  it('writes FROM references lower-cased, since FROM matches the lower-cased name exactly', () => {
    const result = renamed(name.start, 'Compile').split('\n');
    assert.deepEqual([result[0], result[2], result[3]], ['FROM golang:1.22 AS Compile', 'FROM compile AS test', 'COPY --from=Compile /a /a']);
  });

  it('allows changing only the case of the name', () => {
    assert.equal(renamed(name.start, 'BUILD').split('\n')[0], 'FROM golang:1.22 AS BUILD');
  });

  it('refuses invalid, reserved and used names with a clear message', () => {
    const cases: [string, RegExp][] = [
      ['1st', /'1st' is not a valid stage name/],
      ['my stage', /not a valid stage name/],
      ['', /not a valid stage name/],
      ['a/b', /not a valid stage name/],
      ['scratch', /'scratch' is reserved/],
      ['Context', /'Context' is reserved/],
      ['TEST', /'TEST' is already used by stage 1 \(test\)/],
    ];
    for (const [newName, message] of cases) {
      assert.throws(() => rename(doc, name.start, newName), refused(message), newName);
    }
  });

  it('refuses a name that an image reference already uses, as it would start naming the stage', () => {
    const d = analyze(lines('FROM alpine AS a', 'FROM nginx', 'COPY --from=Redis:7 /a /a', 'COPY --from=a /b /b'), URI);
    assert.throws(() => rename(d, { line: 0, character: 15 }, 'nginx'), refused(/'nginx' is already used as an image on line 2/));
    assert.throws(() => rename(d, { line: 0, character: 15 }, 'redis:7'), refused(/not a valid stage name/));
    assert.equal(renamed({ line: 0, character: 15 }, 'Nginx2', d).split('\n')[3], 'COPY --from=Nginx2 /b /b');
  });

  it('refuses when a FROM names the stage through a variable', () => {
    const d = analyze(lines('ARG BASE=base', 'FROM alpine AS base', 'FROM ${BASE}'), URI);
    assert.throws(() => rename(d, { line: 1, character: 16 }, 'root'), refused(/line 3 names it through a variable \(\$\{BASE\}\)/));
  });

  it('returns null off stage tokens', () => {
    assert.equal(rename(doc, { line: 1, character: 11 }, 'x'), null);
  });
});
