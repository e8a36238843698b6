import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { codeLenses } from '../../server/src/features/codeLens';
import { defaultSettings } from '../../server/src/settings';
import { analyze, lines, range } from '../helpers/markers';

const doc = analyze(lines(
  'FROM golang:1.22 AS build',
  'FROM alpine',
  'RUN --mount=from=build,target=/m true',
  'from build AS test',
  'FROM alpine AS unused',
  'ONBUILD COPY --from=build /a /a',
  'FROM alpine AS runner',
  'COPY --from=build /a /a',
  'COPY --from=1 /b /b',
));

describe('codeLenses', () => {
  it('puts a lens above each FROM saying who uses the stage and how often it is named', () => {
    assert.deepEqual(codeLenses(doc, defaultSettings), [
      { range: range(0, 0, 0, 4), command: { title: 'used by: stage 1, test, runner · 4 references', command: '' } },
      { range: range(1, 0, 1, 4), command: { title: 'used by: runner · 1 reference', command: '' } },
      { range: range(3, 0, 3, 4), command: { title: 'unused', command: '' } },
      { range: range(4, 0, 4, 4), command: { title: 'unused', command: '' } },
      { range: range(6, 0, 6, 4), command: { title: 'build target', command: '' } },
    ]);
  });

  it('calls the stage named by the target setting the build target', () => {
    const titles = codeLenses(doc, { ...defaultSettings, target: 'test' }).map((l) => l.command!.title);
    assert.deepEqual(titles.slice(2), ['build target', 'unused', 'unused']);
  });

  it('is turned off by the codeLens setting', () => {
    assert.deepEqual(codeLenses(doc, { ...defaultSettings, codeLens: false }), []);
  });

  it('gives no lens without stages', () => {
    assert.deepEqual(codeLenses(analyze(''), defaultSettings), []);
  });
});
