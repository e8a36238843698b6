import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { editDistance } from '../../server/src/fixes/didYouMean';
import { parseDockerfile } from '../../server/src/model';
import { actionsFor, applyAction, diagnostic, titled } from '../helpers/applyEdit';
import { lines, mark } from '../helpers/markers';

// The fixes proper; the `# check=skip` actions offered alongside are tested with the silencing fixes.
const quickFixes = (text: string, d: ReturnType<typeof diagnostic>) =>
  actionsFor(text, [d], undefined, ['quickfix']).filter((a) => !a.title.startsWith('Disable '));

describe('code action: did you mean', () => {
  it('measures transpositions as one edit', () => {
    assert.deepEqual([editDistance('buidler', 'builder'), editDistance('', 'ab'), editDistance('kitten', 'sitting')], [1, 2, 3]);
  });

  it('replaces a misspelt --from with the closest earlier stage', () => {
    const { text, ranges } = mark(lines('FROM golang AS builder', 'FROM alpine AS runtime', 'COPY --from=[[buidler]] /app /app'));
    const actions = quickFixes(text, diagnostic('UnknownStageReference', ranges[0]));
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [["Replace 'buidler' with stage 'builder'", true]]);
    assert.equal(applyAction(text, actions[0]), lines('FROM golang AS builder', 'FROM alpine AS runtime', 'COPY --from=builder /app /app'));
  });

  it('offers one action per candidate from data.candidates, keeping only earlier stages', () => {
    const { text, ranges } = mark(lines('FROM alpine AS build-a', 'FROM alpine AS build-b', 'FROM alpine', 'RUN --mount=from=[[build]],target=/x true', 'FROM alpine AS build-c'));
    const d = diagnostic('UnknownStageReference', ranges[0], { candidates: ['build-b', 'build-c', 'build-a'] });
    const actions = quickFixes(text, d);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ["Replace 'build' with stage 'build-b'", undefined],
      ["Replace 'build' with stage 'build-a'", undefined],
    ]);
    assert.equal(applyAction(text, actions[1]), lines('FROM alpine AS build-a', 'FROM alpine AS build-b', 'FROM alpine', 'RUN --mount=from=build-a,target=/x true', 'FROM alpine AS build-c'));
  });

  it('respects an empty data.candidates list (the rule found no near miss)', () => {
    const { text, ranges } = mark(lines('FROM alpine AS build', 'FROM alpine', 'COPY --from=[[buid]] /a /a'));
    assert.deepEqual(quickFixes(text, diagnostic('UnknownStageReference', ranges[0], { candidates: [] })), []);
    assert.equal(quickFixes(text, diagnostic('UnknownStageReference', ranges[0])).length, 1);
  });

  it('fixes FROM <Stage> with the lower-cased name BuildKit matches exactly', () => {
    const { text, ranges } = mark(lines('FROM golang AS builder', 'FROM [[Builder]]', 'RUN true'));
    const action = titled(quickFixes(text, diagnostic('FromStageNameCaseMismatch', ranges[0])), "Replace 'Builder' with stage 'builder'");
    const result = applyAction(text, action);
    assert.equal(result, lines('FROM golang AS builder', 'FROM builder', 'RUN true'));
    assert.equal(parseDockerfile(result).stages[1].parent, 0);
  });

  it('offers nothing for a clean image name', () => {
    const { text, ranges } = mark(lines('FROM golang AS builder', 'FROM alpine', 'COPY --from=[[nginx:1.27]] /a /a'));
    assert.deepEqual(quickFixes(text, diagnostic('UnknownStageReference', ranges[0])), []);
  });
});

describe('code action: casing', () => {
  it('StageNameCasing lower-cases the name and every reference to it', () => {
    const { text, ranges } = mark(lines(
      'FROM golang AS [[Build]]',
      'FROM Build',
      'FROM alpine',
      'COPY --from=BUILD /a /a',
      'RUN --mount=from="Build",target=/m true',
      'COPY --from=other /b /b',
    ));
    const action = titled(quickFixes(text, diagnostic('StageNameCasing', ranges[0])), "Change stage name to 'build'");
    assert.equal(action.isPreferred, true);
    const result = applyAction(text, action);
    assert.equal(result, lines(
      'FROM golang AS build',
      'FROM build',
      'FROM alpine',
      'COPY --from=build /a /a',
      'RUN --mount=from="build",target=/m true',
      'COPY --from=other /b /b',
    ));
    assert.deepEqual(parseDockerfile(result).dependencies, [[], [0], [0]]);
  });

  it('FromAsCasing makes AS follow FROM', () => {
    for (const [from, as, expected] of [['FROM', 'as', 'AS'], ['from', 'AS', 'as'], ['from', 'As', 'as']]) {
      const { text, ranges } = mark(`${from} alpine [[${as}]] base`);
      const action = titled(quickFixes(text, diagnostic('FromAsCasing', ranges[0])), `Change '${as}' to '${expected}'`);
      assert.equal(applyAction(text, action), `${from} alpine ${expected} base`);
    }
  });
});

describe('code action: move a stage above its first user', () => {
  it('moves the referenced block with its leading comments above the stage that uses it', () => {
    const { text, ranges } = mark(lines(
      'ARG V=1',
      '# the runtime',
      'FROM alpine AS runtime',
      'COPY --from=[[build]] /app /app',
      '',
      '# compiles',
      '# the app',
      'FROM golang AS build',
      'RUN go build',
      '',
    ));
    const action = titled(quickFixes(text, diagnostic('StageReferencedBeforeDefinition', ranges[0])), "Move stage 'build' above stage 'runtime'");
    assert.equal(action.isPreferred, true);
    const result = applyAction(text, action);
    assert.equal(result, lines(
      'ARG V=1',
      '# compiles',
      '# the app',
      'FROM golang AS build',
      'RUN go build',
      '',
      '# the runtime',
      'FROM alpine AS runtime',
      'COPY --from=build /app /app',
      '',
    ));
    assert.deepEqual(parseDockerfile(result).dependencies, [[], [0]]);
  });

  it('is not offered when the moved stage itself needs a stage it would jump over', () => {
    const { text, ranges } = mark(lines(
      'FROM alpine AS base',
      'COPY --from=[[tool]] /t /t',
      'FROM golang AS tool',
      'COPY --from=base /b /b',
    ));
    assert.deepEqual(quickFixes(text, diagnostic('StageReferencedBeforeDefinition', ranges[0])), []);
  });

  it('is not offered when a numeric reference would change its target', () => {
    const { text, ranges } = mark(lines('FROM alpine AS a', 'FROM alpine AS b', 'COPY --from=[[c]] /c /c', 'FROM alpine AS c', 'FROM alpine AS d', 'COPY --from=1 /b /b'));
    assert.deepEqual(quickFixes(text, diagnostic('StageReferencedBeforeDefinition', ranges[0])), []);
  });

  it('moves a later stage above a FROM that names it (FROM sees only earlier stages)', () => {
    const { text, ranges } = mark(lines('FROM alpine AS base', 'FROM [[app]]', 'RUN true', 'FROM base AS app', 'RUN make'));
    const d = diagnostic('UnknownStageReference', ranges[0], { candidates: [] });
    const action = titled(quickFixes(text, d), "Move stage 'app' above stage 1");
    const result = applyAction(text, action);
    assert.equal(result, lines('FROM alpine AS base', 'FROM base AS app', 'RUN make', 'FROM app', 'RUN true'));
    assert.deepEqual(parseDockerfile(result).stages.map((s) => s.parent), [null, 0, 1]);
  });

  it('moves a heredoc body with its stage', () => {
    const { text, ranges } = mark(lines('FROM alpine AS a', 'COPY --from=[[b]] /b /b', 'FROM alpine AS b', 'RUN <<EOF', '# not a comment', 'echo hi', 'EOF', '# tail', ''));
    const action = titled(quickFixes(text, diagnostic('StageReferencedBeforeDefinition', ranges[0])), "Move stage 'b' above stage 'a'");
    assert.equal(applyAction(text, action), lines('FROM alpine AS b', 'RUN <<EOF', '# not a comment', 'echo hi', 'EOF', '# tail', 'FROM alpine AS a', 'COPY --from=b /b /b', ''));
  });

  it('keeps CRLF line breaks', () => {
    const text = ['FROM alpine AS a', 'COPY --from=b /b /b', '', 'FROM alpine AS b', 'RUN true', ''].join('\r\n');
    const action = titled(quickFixes(text, diagnostic('StageReferencedBeforeDefinition', { start: { line: 1, character: 12 }, end: { line: 1, character: 13 } })), "Move stage 'b' above stage 'a'");
    assert.equal(applyAction(text, action), ['FROM alpine AS b', 'RUN true', '', 'FROM alpine AS a', 'COPY --from=b /b /b', ''].join('\r\n'));
  });

  it('keeps the file ending as it was when the last stage moves', () => {
    const { text, ranges } = mark(lines('FROM alpine AS a', 'COPY --from=[[b]] /b /b', 'FROM alpine AS b', 'RUN true'));
    const action = titled(quickFixes(text, diagnostic('StageReferencedBeforeDefinition', ranges[0])), "Move stage 'b' above stage 'a'");
    assert.equal(applyAction(text, action), lines('FROM alpine AS b', 'RUN true', 'FROM alpine AS a', 'COPY --from=b /b /b'));
  });
});
