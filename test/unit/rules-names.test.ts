// Stage naming rules: each fires on its failing fixture with the exact range, and stays silent on the clean one.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { defaultSettings } from '../../server/src/settings';
import { analyze, lines, mark, range } from '../helpers/markers';

const codes = (text: string, only?: string) =>
  computeDiagnostics(analyze(text), defaultSettings)
    .filter((d) => (only ? d.code === only : d.code !== 'UnusedStage'))
    .map((d) => [d.code, d.range, d.severity]);

describe('rules: stage names', () => {
  it('InvalidStageName: a name BuildKit rejects, on the name', () => {
    const { text, ranges } = mark(lines('FROM alpine AS [[1build]]', 'FROM alpine AS [[my@stage]]'));
    assert.deepEqual(codes(text, 'InvalidStageName'), [
      ['InvalidStageName', ranges[0], DiagnosticSeverity.Error],
      ['InvalidStageName', ranges[1], DiagnosticSeverity.Error],
    ]);
    assert.deepEqual(codes(lines('FROM alpine AS build-1.x_y', 'FROM alpine AS b')), []);
  });

  it('ReservedStageName: scratch and context, case-insensitively', () => {
    const { text, ranges } = mark(lines('FROM alpine AS [[scratch]]', 'FROM alpine AS [[Context]]'));
    assert.deepEqual(codes(text, 'ReservedStageName'), [
      ['ReservedStageName', ranges[0], DiagnosticSeverity.Warning],
      ['ReservedStageName', ranges[1], DiagnosticSeverity.Warning],
    ]);
    assert.deepEqual(codes(lines('FROM scratch AS base', 'FROM base')), []);
  });

  it('DuplicateStageName: case-insensitive, with the first definition as related information', () => {
    const { text, ranges } = mark(lines('FROM alpine AS [[build]]', 'FROM alpine AS [[BUILD]]'));
    const [d] = computeDiagnostics(analyze(text), defaultSettings).filter((x) => x.code === 'DuplicateStageName');
    assert.deepEqual([d.range, d.severity, d.data], [ranges[1], DiagnosticSeverity.Warning, { stage: 1 }]);
    assert.deepEqual(d.relatedInformation, [{ location: { uri: 'file:///test/Dockerfile', range: ranges[0] }, message: "'build' is first defined here" }]);
    assert.deepEqual(codes(lines('FROM alpine AS build', 'FROM alpine AS build2'), 'DuplicateStageName'), []);
  });

  it('StageNameCasing and FromAsCasing', () => {
    const { text, ranges } = mark(lines('FROM alpine AS [[Build]]', 'from alpine [[AS]] run'));
    assert.deepEqual(codes(text), [
      ['StageNameCasing', ranges[0], DiagnosticSeverity.Warning],
      ['FromAsCasing', ranges[1], DiagnosticSeverity.Warning],
    ]);
    assert.deepEqual(codes(lines('FROM alpine AS build', 'from alpine as run', 'From alpine as mixed')), []);
  });

  it('FromArgumentCount: two or four words, on the FROM instruction', () => {
    const { text, ranges } = mark(lines('[[FROM alpine build]]', '[[FROM alpine AS a b]]'));
    assert.deepEqual(codes(text, 'FromArgumentCount'), [
      ['FromArgumentCount', ranges[0], DiagnosticSeverity.Error],
      ['FromArgumentCount', ranges[1], DiagnosticSeverity.Error],
    ]);
    assert.deepEqual(codes(lines('FROM alpine', 'FROM --platform=$BUILDPLATFORM alpine AS x'), 'FromArgumentCount'), []);
    assert.deepEqual(ranges[0], range(0, 0, 0, 17));
  });
});
