// ARG scoping rules: FROM variables, their defaults, and global ARGs used in stages that did not redeclare them.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { defaultSettings } from '../../server/src/settings';
import { analyze, lines, mark } from '../helpers/markers';

const diagnostics = (text: string) => computeDiagnostics(analyze(text), defaultSettings).filter((d) => d.code !== 'UnusedStage');
const codes = (text: string) => diagnostics(text).map((d) => [d.code, d.range, d.severity]);

describe('rules: ARG scoping', () => {
  it('UndefinedArgInFrom: an undeclared variable in FROM, with a suggestion', () => {
    const { text, ranges } = mark(lines('ARG VERSION=3.20', 'FROM alpine:[[${VERSON}]]'));
    const [d] = diagnostics(text);
    assert.deepEqual([d.code, d.range, d.severity, d.data], ['UndefinedArgInFrom', ranges[0], DiagnosticSeverity.Warning, { stage: 0, name: 'VERSON' }]);
    assert.match(String(d.message), /did you mean VERSION\?/);
  });

  it('UndefinedArgInFrom: in an indented FROM too', () => {
    const { text, ranges } = mark(lines('ARG REG=docker.io', '  FROM ${REG}/node:20 AS app', '  FROM alpine:[[${TAG}]]'));
    assert.deepEqual(
      diagnostics(text).filter((d) => d.code === 'UndefinedArgInFrom').map((d) => [d.range, d.data]),
      [[ranges[0], { stage: 1, name: 'TAG' }]],
    );
  });

  it('UndefinedArgInFrom: clean for declared and automatic platform ARGs', () => {
    assert.deepEqual(codes(lines('ARG VERSION=3.20', 'FROM --platform=$BUILDPLATFORM alpine:${VERSION}')), []);
  });

  it('InvalidDefaultArgInFrom: a default that leaves an invalid image name', () => {
    const { text, ranges } = mark(lines('ARG TAG', 'ARG IMAGE', 'FROM alpine:[[${TAG}]]', 'FROM [[$IMAGE]]'));
    assert.deepEqual(codes(text), [
      ['InvalidDefaultArgInFrom', ranges[0], DiagnosticSeverity.Warning],
      ['InvalidDefaultArgInFrom', ranges[1], DiagnosticSeverity.Warning],
    ]);
    assert.deepEqual(codes(lines('ARG TAG=3.20', 'ARG REG=docker.io', 'FROM ${REG}/library/alpine:${TAG}')), []);
  });

  it('UndefinedVar: a global ARG used in a stage that did not redeclare it', () => {
    const { text, ranges } = mark(lines('ARG APP=/app', 'FROM alpine', 'WORKDIR [[$APP]]', 'ARG APP', 'COPY . $APP'));
    const [d, ...rest] = diagnostics(text);
    assert.deepEqual([d.code, d.range, d.severity, d.data, rest.length], ['UndefinedVar', ranges[0], DiagnosticSeverity.Warning, { stage: 0, name: 'APP' }, 0]);
  });

  it('UndefinedVar: inherited from the parent stage through ARG or ENV', () => {
    const text = lines('ARG APP=/app', 'ARG PORT=80', 'FROM alpine AS base', 'ARG APP', 'ENV PORT=8080', 'FROM base', 'WORKDIR $APP', 'EXPOSE $PORT');
    assert.deepEqual(codes(text), []);
  });

  it('UndefinedVar: shell-form RUN sees only the environment', () => {
    const { text, ranges } = mark(lines('ARG VERSION=1', 'FROM alpine', 'RUN echo [[$VERSION]]', 'RUN VERSION=2; echo $VERSION', 'RUN ["echo", "$VERSION"]'));
    assert.deepEqual(codes(text), [['UndefinedVar', ranges[0], DiagnosticSeverity.Warning]]);
  });

  it('UndefinedVar: automatic platform ARGs must be declared in the stage too', () => {
    const { text, ranges } = mark(lines('FROM golang', 'RUN GOARCH=[[$TARGETARCH]] go build', 'FROM golang', 'ARG TARGETARCH', 'RUN GOARCH=$TARGETARCH go build'));
    assert.deepEqual(codes(text), [['UndefinedVar', ranges[0], DiagnosticSeverity.Warning]]);
  });

  it('UndefinedVar: a RUN in a stage whose image is named after the ARG stays clean (the image sets that ENV)', () => {
    assert.deepEqual(codes(lines('ARG PYTHON_VERSION=3.12', 'FROM python:${PYTHON_VERSION}-slim AS base', 'RUN echo $PYTHON_VERSION', 'FROM base', 'LABEL python=$PYTHON_VERSION')), []);
  });
});
