// Stage reference rules: what BuildKit rejects, numeric indexes, and typos of stage names.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { defaultSettings } from '../../server/src/settings';
import { analyze, lines, mark } from '../helpers/markers';

const diagnostics = (text: string) => computeDiagnostics(analyze(text), defaultSettings).filter((d) => d.code !== 'UnusedStage');
const codes = (text: string) => diagnostics(text).map((d) => [d.code, d.range, d.severity]);

describe('rules: stage references', () => {
  it('StageReferencedBeforeDefinition: COPY --from and mount from= naming a later stage', () => {
    const { text, ranges } = mark(lines('FROM alpine AS a', 'COPY --from=[[b]] /x /x', 'RUN --mount=type=cache,from=[[b]],target=/c true', 'FROM alpine AS b'));
    assert.deepEqual(codes(text), [
      ['StageReferencedBeforeDefinition', ranges[0], DiagnosticSeverity.Error],
      ['StageReferencedBeforeDefinition', ranges[1], DiagnosticSeverity.Error],
    ]);
    assert.deepEqual(codes(lines('FROM alpine AS b', 'FROM alpine AS a', 'COPY --from=b /x /x')), []);
  });

  it('CircularStageDependency: a self copy, and A -> B -> A with the other edge as related information', () => {
    const self = mark(lines('FROM alpine AS a', 'COPY --from=[[a]] /x /x'));
    assert.deepEqual(codes(self.text), [['CircularStageDependency', self.ranges[0], DiagnosticSeverity.Error]]);
    const cycle = mark(lines('FROM alpine AS a', 'COPY --from=[[b]] /x /x', 'FROM alpine AS b', 'COPY --from=[[a]] /y /y'));
    const [d] = diagnostics(cycle.text);
    assert.deepEqual([d.code, d.range, d.relatedInformation?.map((r) => r.location.range)], ['CircularStageDependency', cycle.ranges[0], [cycle.ranges[1]]]);
  });

  it('ONBUILD triggers resolve in the child build: only a variable is reported', () => {
    const { text, ranges } = mark(lines('FROM alpine AS base', 'ONBUILD COPY --from=later /a /a', 'ONBUILD COPY --from=7 /a /a', 'ONBUILD COPY --from=[[$X]] /a /a', 'FROM alpine AS later', 'COPY --from=base /b /b'));
    assert.deepEqual(codes(text), [['VariableInStageReference', ranges[0], DiagnosticSeverity.Error]]);
  });

  it('InvalidStageIndex: out of range, negative, and any number in mount from=', () => {
    const { text, ranges } = mark(lines('FROM alpine', 'FROM alpine', 'COPY --from=[[5]] /x /x', 'COPY --from=[[-1]] /x /x', 'RUN --mount=from=[[0]],target=/m true'));
    assert.deepEqual(codes(text), [
      ['InvalidStageIndex', ranges[0], DiagnosticSeverity.Error],
      ['InvalidStageIndex', ranges[1], DiagnosticSeverity.Error],
      ['InvalidStageIndex', ranges[2], DiagnosticSeverity.Error],
    ]);
    assert.deepEqual(codes(lines('FROM alpine AS a', 'FROM alpine', 'COPY --from=0 /x /x', 'RUN --mount=from=a,target=/m true')).map((c) => c[0]), ['NumericStageReference']);
  });

  it('VariableInStageReference and CircularStageDependency: clean for names and earlier stages', () => {
    assert.deepEqual(codes(lines('ARG SRC=img:1', 'FROM ${SRC} AS src', 'FROM alpine', 'COPY --from=src /x /x', 'RUN --mount=from=src,target=/m true')), []);
  });

  it('VariableInStageReference: --from=$VAR and from=${VAR}', () => {
    const { text, ranges } = mark(lines('FROM alpine', 'COPY --from=[[$SRC]] /x /x', 'RUN --mount=from=[[${SRC}]],target=/m true'));
    assert.deepEqual(codes(text), [
      ['VariableInStageReference', ranges[0], DiagnosticSeverity.Error],
      ['VariableInStageReference', ranges[1], DiagnosticSeverity.Error],
    ]);
  });

  it('NumericStageReference: Information with the target in data', () => {
    const { text, ranges } = mark(lines('FROM alpine AS build', 'FROM alpine', 'COPY --from=[[0]] /x /x'));
    const [d] = diagnostics(text);
    assert.deepEqual([d.code, d.range, d.severity, d.data], ['NumericStageReference', ranges[0], DiagnosticSeverity.Information, { stage: 1, target: 0, targetName: 'build' }]);
    assert.deepEqual(codes(lines('FROM alpine AS build', 'FROM alpine', 'COPY --from=build /x /x')), []);
  });

  it('FromStageNameCaseMismatch: FROM Builder with only AS builder', () => {
    const { text, ranges } = mark(lines('FROM alpine AS builder', 'FROM [[Builder]]'));
    assert.deepEqual(codes(text), [['FromStageNameCaseMismatch', ranges[0], DiagnosticSeverity.Error]]);
    assert.deepEqual(codes(lines('FROM alpine AS builder', 'FROM builder')), []);
  });

  it('UnknownStageReference: a near-miss of an earlier stage, with candidates best first', () => {
    const { text, ranges } = mark(lines('FROM golang AS builder', 'FROM alpine AS build-tools', 'FROM alpine', 'COPY --from=[[buidler]] /app /app', 'FROM [[biulder]]'));
    const found = diagnostics(text);
    assert.deepEqual(found.map((d) => [d.code, d.range, d.severity, d.data]), [
      ['UnknownStageReference', ranges[0], DiagnosticSeverity.Warning, { stage: 2, candidates: ['builder'] }],
      ['UnknownStageReference', ranges[1], DiagnosticSeverity.Warning, { stage: 3, candidates: ['builder'] }],
    ]);
    assert.equal(found[0].message, "'buidler' is not a stage, so it will be pulled as an image; did you mean 'builder'?");
  });

  it('UnknownStageReference: only earlier stages are candidates; a prefix counts', () => {
    const { text, ranges } = mark(lines('FROM alpine AS builder', 'FROM alpine', 'COPY --from=[[build]] /a /a', 'FROM alpine AS later'));
    assert.deepEqual(diagnostics(text).map((d) => [d.code, d.range, d.data]), [['UnknownStageReference', ranges[0], { stage: 1, candidates: ['builder'] }]]);
    assert.deepEqual(codes(lines('FROM alpine', 'COPY --from=latr /a /a', 'FROM alpine AS later')), []);
  });

  it('UnknownStageReference: FROM naming a stage defined later; a stage named after its own image is clean', () => {
    const { text, ranges } = mark(lines('FROM [[tools]]', 'FROM alpine AS tools'));
    assert.deepEqual(codes(text).filter((c) => c[0] !== 'UnusedStage'), [['UnknownStageReference', ranges[0], DiagnosticSeverity.Warning]]);
    assert.deepEqual(codes(lines('FROM node AS node', 'FROM node', 'COPY --from=node /a /a')), []);
  });

  it('keeps real image references clean, and gives a bare official image at most Information', () => {
    const clean = lines(
      'FROM alpine AS nginx-conf',
      'FROM alpine AS busybox2',
      'FROM alpine',
      'COPY --from=nginx:1.27 /etc/nginx /etc/nginx',
      'COPY --from=docker.io/library/alpine /bin/sh /bin/sh',
      'COPY --from=ghcr.io/org/tool@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef /t /t',
      'COPY --from=busybox:1.36 /bin/busybox /bin/busybox',
    );
    assert.deepEqual(codes(clean), []);
    const { text, ranges } = mark(lines('FROM alpine AS nodes', 'FROM alpine', 'COPY --from=[[node]] /usr/local/bin/node /n'));
    assert.deepEqual(codes(text), [['UnknownStageReference', ranges[0], DiagnosticSeverity.Information]]);
    assert.deepEqual(codes(lines('FROM alpine AS build', 'FROM alpine', 'COPY --from=busybox /bin/busybox /b')), []);
  });
});
