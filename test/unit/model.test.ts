// One test per BuildKit fact the stage model encodes (moby/buildkit frontend/dockerfile).
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDockerfile, reachedStages, referenceAt, stageIndexAtLine, targetIndex, type Resolution } from '../../server/src/model';
import { lines, mark, range } from '../helpers/markers';

const resolutions = (text: string) => parseDockerfile(text).references.map((r) => [r.kind, r.text, r.resolution] as const);

describe('stage model', () => {
  it('records directives and global ARGs with their defaults', () => {
    const model = parseDockerfile(lines('# syntax=docker/dockerfile:1', '# check=skip=StageNameCasing', 'ARG PY=3.12', 'ARG DEBUG', 'FROM python:${PY}-alpine'));
    assert.deepEqual(model.directives.map((d) => [d.name, d.value]), [['syntax', 'docker/dockerfile:1'], ['check', 'skip=StageNameCasing']]);
    assert.deepEqual(model.globalArgs.map((a) => [a.name, a.value, a.nameRange]), [['PY', '3.12', range(2, 4, 2, 6)], ['DEBUG', null, range(3, 4, 3, 9)]]);
  });

  it('resolves the base image with global ARG defaults', () => {
    const model = parseDockerfile(lines('ARG PY=3.12', 'ARG TAG=${PY}-alpine', 'FROM python:${TAG} AS a', 'FROM python:$PY', 'FROM ${REG:-docker.io}/x:${MISSING}'));
    assert.deepEqual(model.stages.map((s) => [s.image, s.resolvedImage]), [
      ['python:${TAG}', 'python:3.12-alpine'],
      ['python:$PY', 'python:3.12'],
      ['${REG:-docker.io}/x:${MISSING}', 'docker.io/x:'],
    ]);
  });

  it('gives each stage its index, name, key and exact ranges', () => {
    const { text, ranges } = mark(lines('[[FROM --platform=[[linux/amd64]] golang:1.22 [[AS]] [[Builder]]', 'RUN go build]]', '', '# trailing', '[[FROM scratch]]'));
    const [stage0, platform, as, name, stage1] = ranges;
    const model = parseDockerfile(text);
    const [a, b] = model.stages;
    assert.deepEqual([a.index, a.name, a.key, a.nameRange, a.asRange, a.range], [0, 'Builder', 'builder', name, as, stage0]);
    assert.deepEqual(a.fromRange, range(0, 0, 0, 50));
    assert.deepEqual(a.platform, { value: 'linux/amd64', range: platform });
    assert.deepEqual([b.index, b.name, b.key, b.nameRange, b.range, b.image], [1, null, null, null, stage1, 'scratch']);
  });

  it('looks COPY --from up case-insensitively, and strips quotes', () => {
    const model = parseDockerfile(lines('FROM alpine AS Builder', 'FROM alpine', 'COPY --from=BUILDER /a /a', 'COPY --from="builder" /b /b'));
    const refs = model.references.filter((r) => r.kind === 'copy');
    assert.deepEqual(refs.map((r) => [r.text, r.range, r.resolution]), [
      ['BUILDER', range(2, 12, 2, 19), { kind: 'stage', index: 0 }],
      ['builder', range(3, 13, 3, 20), { kind: 'stage', index: 0 }],
    ]);
  });

  it('looks FROM up exactly as written, so FROM Builder is an image', () => {
    const model = parseDockerfile(lines('FROM alpine AS builder', 'FROM Builder', 'FROM builder'));
    assert.deepEqual(model.stages.map((s) => s.parent), [null, null, 0]);
    assert.deepEqual(model.references.filter((r) => r.kind === 'from').map((r) => r.resolution), [
      { kind: 'image', image: 'alpine' },
      { kind: 'image', image: 'Builder' },
      { kind: 'stage', index: 0 },
    ]);
  });

  it('counts only earlier stages: FROM a later name is an image, COPY from a later stage is invalid', () => {
    const refs = resolutions(lines('FROM later AS first', 'COPY --from=later /a /a', 'RUN --mount=type=bind,from=later,target=/m true', 'FROM alpine AS later'));
    assert.deepEqual(refs[0], ['from', 'later', { kind: 'image', image: 'later' }]);
    for (const [, , resolution] of refs.slice(1, 3)) {
      assert.equal(resolution.kind, 'invalid');
      assert.equal((resolution as Extract<Resolution, { kind: 'invalid' }>).reason, 'forward');
      assert.match((resolution as Extract<Resolution, { kind: 'invalid' }>).message, /cannot copy from stage 'later', it needs to be defined before current stage 'first'/);
    }
  });

  it('resolves a repeated name as BuildKit does: FROM takes the latest earlier stage, --from, mounts and the target the last', () => {
    // convert.go: one map from lower-cased name to stage, a later stage overwriting an earlier one; FROM is looked up
    // while stages are added, --from (toCommand), mounts and --target (findStateByName) after all are.
    const text = lines(
      'FROM alpine AS dup', // 0
      'FROM dup AS middle', // 1: FROM sees stage 0
      'COPY --from=dup /a /a', // the last `dup` is stage 2, defined later
      'FROM debian AS dup', // 2
      'FROM dup', // 3: FROM sees stage 2
      'COPY --from=DUP /a /a',
      'RUN --mount=from=dup,target=/m true',
    );
    const refs = resolutions(text);
    assert.deepEqual(refs[0][2], { kind: 'image', image: 'alpine' });
    assert.deepEqual(refs[1][2], { kind: 'stage', index: 0 });
    const forward = refs[2][2] as Extract<Resolution, { kind: 'invalid' }>;
    assert.deepEqual([forward.kind, forward.reason, forward.target], ['invalid', 'forward', 2]);
    assert.deepEqual(refs.slice(4).map((r) => r[2]), [{ kind: 'stage', index: 2 }, { kind: 'stage', index: 2 }, { kind: 'stage', index: 2 }]);
    assert.equal(targetIndex(parseDockerfile(text), 'Dup'), 2);
  });

  it('treats --from=N as a zero-based index; out of range and negative are invalid, the current one is circular', () => {
    const refs = resolutions(lines('FROM alpine', 'FROM alpine', 'COPY --from=0 /a /a', 'COPY --from=2 /a /a', 'COPY --from=-1 /a /a', 'COPY --from=1 /a /a'));
    const copies = refs.filter(([kind]) => kind === 'copy').map(([, , r]) => (r.kind === 'invalid' ? [r.reason, r.message] : r));
    assert.deepEqual(copies, [
      { kind: 'stage', index: 0 },
      ['index-out-of-range', 'invalid stage index 2'],
      ['index-out-of-range', 'invalid stage index -1'],
      ['self', "circular dependency: stage '1' cannot copy from itself"],
    ]);
  });

  it('rejects numbers in mount from= and variables in --from / from=', () => {
    const refs = resolutions(lines('ARG SRC=a', 'FROM alpine AS a', 'FROM alpine', 'RUN --mount=from=0,target=/m true', 'COPY --from=$SRC /a /a', 'RUN --mount=type=cache,from=${SRC},target=/c true'));
    const reasons = refs.filter(([kind]) => kind !== 'from').map(([, text, r]) => [text, r.kind === 'invalid' ? r.reason : r.kind]);
    assert.deepEqual(reasons, [['0', 'mount-index'], ['$SRC', 'variable'], ['${SRC}', 'variable']]);
  });

  it('pulls a --from that names no stage as an image', () => {
    assert.deepEqual(resolutions(lines('FROM alpine', 'COPY --from=nginx:1.27 /a /a'))[1], ['copy', 'nginx:1.27', { kind: 'image', image: 'nginx:1.27' }]);
  });

  it('records references inside ONBUILD, outside the dependency graph', () => {
    const model = parseDockerfile(lines('FROM alpine AS base', 'FROM alpine', 'ONBUILD COPY --from=base /a /a'));
    const ref = model.references.find((r) => r.onbuild);
    assert.deepEqual([ref?.kind, ref?.range, ref?.resolution], ['copy', range(2, 20, 2, 24), { kind: 'stage', index: 0 }]);
    assert.deepEqual(model.dependencies, [[], []]);
    assert.deepEqual(model.referencesTo[0], [ref]);
  });

  it('builds the dependency graph and what the target reaches', () => {
    const model = parseDockerfile(lines(
      'FROM alpine AS deps', 'FROM deps AS build', 'RUN --mount=type=cache,from=cache,target=/c true', 'FROM alpine AS cache',
      'FROM alpine AS unused', 'FROM alpine AS test', 'COPY --from=build /a /a', 'FROM alpine AS final', 'COPY --from=build /a /a',
    ));
    assert.deepEqual(model.dependencies, [[], [0], [], [], [1], [1]]);
    assert.deepEqual(model.dependents, [[1], [4, 5], [], [], [], []]);
    assert.deepEqual(reachedStages(model), [true, true, false, false, false, true]);
    assert.deepEqual(reachedStages(model, 'TEST'), [true, true, false, false, true, false]);
    assert.equal(targetIndex(model, 'nope'), 5);
  });

  it('finds the stage at a line and the reference under the cursor, ends inclusive', () => {
    const { text, cursor } = mark(lines('FROM alpine AS a', 'FROM alpine', 'COPY --from=a| /x /x'));
    const model = parseDockerfile(text);
    assert.equal(stageIndexAtLine(model, 0), 0);
    assert.equal(stageIndexAtLine(model, 2), 1);
    assert.equal(referenceAt(model, cursor!)?.text, 'a');
    assert.equal(referenceAt(model, { line: 2, character: 11 }), undefined);
  });

  it('keeps an empty model for empty and garbage documents', () => {
    for (const text of ['', '\n\n', '\u0000\u0001garbage{{{', 'FROM', 'COPY --from= /a']) {
      const model = parseDockerfile(text);
      assert.ok(Array.isArray(model.stages));
    }
    assert.deepEqual(parseDockerfile('').stages, []);
  });
});
