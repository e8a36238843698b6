// Rules keep per-stage results between versions (rules/cache.ts): the diagnostics of a model built
// incrementally, edit after edit, must equal those of a model parsed afresh, which shares nothing cached.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DocumentStore } from '../../server/src/documents';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { Memo } from '../../server/src/rules/cache';
import { defaultSettings, type Settings } from '../../server/src/settings';
import { applyEdit, dockerfile, edit } from '../helpers/generators';

const URI = 'file:///cache/Dockerfile';

/** Diagnostics of each version, all analysed by one store (so the model builder reuses unchanged stages). */
function incremental(versions: readonly string[], settings: Settings = defaultSettings): Diagnostic[][] {
  const store = new DocumentStore();
  return versions.map((text, i) => computeDiagnostics(store.analyze(TextDocument.create(URI, 'dockerfile', i + 1, text), Infinity), settings));
}

function fresh(text: string, settings: Settings = defaultSettings): Diagnostic[] {
  return computeDiagnostics(new DocumentStore().analyze(TextDocument.create(URI, 'dockerfile', 1, text), Infinity), settings);
}

/** Every version's incremental diagnostics equal the fresh ones; returns them for further checks. */
function checkVersions(versions: readonly string[], settings: Settings = defaultSettings): Diagnostic[][] {
  const got = incremental(versions, settings);
  versions.forEach((text, i) => assert.deepStrictEqual(got[i], fresh(text, settings), `version ${i + 1}:\n${text}`));
  return got;
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code}@${d.range.start.line}`);
const messages = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code).map((d) => String(d.message));

describe('rules cache: an unchanged stage is re-judged when what it depends on changes', () => {
  it('a global ARG default changes the FROM check of a later, untouched stage', () => {
    const stage = 'FROM ${BASE} AS app\nRUN true\n';
    const [before, after] = checkVersions([`ARG BASE=alpine\n${stage}`, `ARG BASE=Bad:Image\n${stage}`]);
    assert.deepStrictEqual(codes(before), []);
    assert.deepStrictEqual(codes(after), ['InvalidDefaultArgInFrom@1']);
  });

  it('a RUN turned into a FROM, with no line added, moves the stage indexes below it', () => {
    const top = 'FROM alpine AS a\nRUN make\n';
    const bottom = 'FROM alpine AS b\nCMD ["x"]\nCMD ["y"]\nFROM alpine AS c\n';
    const [before, after] = checkVersions([`${top}RUN true\n${bottom}`, `${top}FROM d\n${bottom}`]);
    assert.deepStrictEqual(before.find((d) => d.code === 'MultipleInstructionsDisallowed')?.data, { stage: 1 });
    assert.deepStrictEqual(after.find((d) => d.code === 'MultipleInstructionsDisallowed')?.data, { stage: 2 });
  });

  it('renaming the target stage rewrites the UnusedStage message of an untouched stage', () => {
    const unused = 'FROM alpine AS old\nRUN true\n';
    const [before, after] = checkVersions([`${unused}FROM alpine AS final\n`, `${unused}FROM alpine AS ship\n`]);
    assert.deepStrictEqual(messages(before, 'UnusedStage').map((m) => m.includes("target 'final'")), [true]);
    assert.deepStrictEqual(messages(after, 'UnusedStage').map((m) => m.includes("target 'ship'")), [true]);
  });

  it('an ARG added to the parent stage settles UndefinedVar in the untouched child', () => {
    const child = 'FROM base AS child\nRUN echo $VERSION\n';
    const [before, after] = checkVersions([`ARG VERSION=1\nFROM alpine AS base\nRUN true\n${child}`, `ARG VERSION=1\nFROM alpine AS base\nARG VERSION\n${child}`]);
    assert.deepStrictEqual(codes(before).filter((c) => c.startsWith('UndefinedVar')), ['UndefinedVar@4']);
    assert.deepStrictEqual(codes(after).filter((c) => c.startsWith('UndefinedVar')), []);
  });

  it('a new base image for the source stage changes LibcMismatch in the untouched copying stage', () => {
    const copier = 'FROM python:3.12-slim AS app\nCOPY --from=deps /wheels /wheels\n';
    const [before, after] = checkVersions([`FROM python:3.12-alpine AS deps\n${copier}`, `FROM python:3.12-bookworm AS deps\n${copier}`]);
    assert.deepStrictEqual(codes(before), ['LibcMismatch@2']);
    assert.deepStrictEqual(codes(after), []);
  });

  it('a stage renamed to an earlier name makes the untouched later one a duplicate', () => {
    const later = 'FROM alpine AS b\nRUN true\n';
    const [before, after] = checkVersions([`FROM alpine AS a\n${later}COPY --from=a /x /y\n`, `FROM alpine AS b\n${later}COPY --from=a /x /y\n`]);
    assert.deepStrictEqual(messages(before, 'DuplicateStageName'), []);
    assert.deepStrictEqual(messages(after, 'DuplicateStageName').length, 1);
  });

  it('the target setting changes which untouched stages are unused', () => {
    const text = 'FROM alpine AS build\nRUN make\nFROM alpine AS final\nCOPY --from=build /a /b\n';
    const [all] = checkVersions([text]);
    const [built] = checkVersions([text], { ...defaultSettings, target: 'build' });
    assert.deepStrictEqual(codes(all), []);
    assert.deepStrictEqual(codes(built), ['UnusedStage@2']);
  });
});

describe('rules cache: property', () => {
  it('diagnostics after each of a series of edits equal those of a fresh parse', () => {
    let versions = 0;
    fc.assert(
      fc.property(
        dockerfile,
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('', 'build', 'final', 'base'),
        (text, edits, target) => {
          const texts = [text];
          for (const e of edits) texts.push(applyEdit(texts[texts.length - 1], e));
          versions += texts.length;
          checkVersions(texts, { ...defaultSettings, target });
        },
      ),
      { seed: 20261128, numRuns: 150 },
    );
    assert.ok(versions >= 300);
  });
});

describe('Memo', () => {
  it('keeps a value while every dep is the same one, and recomputes when any dep or their number differs', () => {
    const memo = new Memo<object, number>();
    const key = {};
    let calls = 0;
    const compute = () => ++calls;
    assert.equal(memo.get(key, [1, 'a', null, key], compute), 1);
    assert.equal(memo.get(key, [1, 'a', null, key], compute), 1);
    assert.equal(memo.get(key, [1, 'a', null, {}], compute), 2);
    assert.equal(memo.get(key, [1, 'a', null], compute), 3);
    assert.equal(memo.get(key, [1, 'a', undefined], compute), 4);
    assert.equal(memo.get(key, [1, 'a', undefined, undefined], compute), 5);
    assert.equal(memo.get(key, [], compute), 6);
    assert.equal(memo.get(key, [], compute), 6);
    assert.equal(memo.get({}, [], compute), 7);
    assert.throws(() => memo.get(key, [1, 2, 3, 4, 5], compute), RangeError);
  });

  it('keeps one value per memo for the same key, also when one memo computes with another', () => {
    const outer = new Memo<object, string>();
    const inner = new Memo<object, string>();
    const key = {};
    let calls = 0;
    const value = outer.get(key, [1], () => `outer:${inner.get(key, [1], () => `inner${++calls}`)}`);
    assert.equal(value, 'outer:inner1');
    assert.equal(inner.get(key, [1], () => `inner${++calls}`), 'inner1');
    assert.equal(outer.get(key, [1], () => 'again'), 'outer:inner1');
    assert.equal(calls, 1);
  });
});
