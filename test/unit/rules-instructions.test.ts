// Repeated CMD/ENTRYPOINT/HEALTHCHECK and FROM --platform checks.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { defaultSettings } from '../../server/src/settings';
import { analyze, lines, mark } from '../helpers/markers';

const codes = (text: string) =>
  computeDiagnostics(analyze(text), defaultSettings)
    .filter((d) => d.code !== 'UnusedStage')
    .map((d) => [d.code, d.range, d.severity]);

describe('rules: instructions and platforms', () => {
  it('MultipleInstructionsDisallowed: every earlier CMD, ENTRYPOINT and HEALTHCHECK, on its keyword', () => {
    const { text, ranges } = mark(lines('FROM alpine', '[[CMD]] a', '[[cmd]] b', 'CMD c', '[[ENTRYPOINT]] ["x"]', 'ENTRYPOINT ["y"]', '[[HEALTHCHECK]] NONE', 'HEALTHCHECK CMD true'));
    assert.deepEqual(codes(text), ranges.map((r) => ['MultipleInstructionsDisallowed', r, DiagnosticSeverity.Warning]));
    assert.deepEqual(codes(lines('FROM alpine AS a', 'CMD a', 'FROM alpine', 'CMD b', 'ENTRYPOINT ["x"]')), []);
  });

  it('RedundantTargetPlatform: --platform=$TARGETPLATFORM, on the value', () => {
    const { text, ranges } = mark(lines('FROM --platform=[[$TARGETPLATFORM]] alpine', 'FROM --platform=[[${TARGETPLATFORM}]] alpine'));
    assert.deepEqual(codes(text), ranges.map((r) => ['RedundantTargetPlatform', r, DiagnosticSeverity.Warning]));
    assert.deepEqual(codes(lines('FROM --platform=$BUILDPLATFORM alpine')), []);
  });

  it('FromPlatformFlagConstDisallowed: a constant platform, unless the stage is named after it', () => {
    const { text, ranges } = mark(lines('FROM --platform=[[linux/amd64]] alpine AS build'));
    assert.deepEqual(codes(text), [['FromPlatformFlagConstDisallowed', ranges[0], DiagnosticSeverity.Warning]]);
    assert.deepEqual(codes(lines('FROM --platform=linux/arm64 alpine AS build-arm64', 'FROM --platform=linux/amd64 alpine AS linux-build')), []);
  });
});
