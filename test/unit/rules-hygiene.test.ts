// Multistage hygiene: unused stages, libc mismatches across COPY --from, and toolchains in the shipped stage.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { defaultSettings, type Settings } from '../../server/src/settings';
import { analyze, lines, mark } from '../helpers/markers';

const run = (text: string, settings: Settings = defaultSettings) => computeDiagnostics(analyze(text), settings);
const only = (text: string, code: string, settings?: Settings) => run(text, settings).filter((d) => d.code === code);

describe('rules: multistage hygiene', () => {
  it('UnusedStage: a Hint with the Unnecessary tag over the whole stage', () => {
    const { text, ranges } = mark(lines('[[FROM alpine AS tools', 'RUN true]]', 'FROM alpine AS build', 'FROM alpine', 'COPY --from=build /a /a'));
    assert.deepEqual(only(text, 'UnusedStage').map((d) => [d.range, d.severity, d.tags, d.data]), [[ranges[0], DiagnosticSeverity.Hint, [DiagnosticTag.Unnecessary], { stage: 0 }]]);
  });

  it('UnusedStage: stages reached through FROM, --from=N and mounts count as used; the target setting moves the root', () => {
    const text = lines('FROM alpine AS a', 'FROM alpine AS b', 'FROM a AS c', 'COPY --from=1 /x /x', 'RUN --mount=from=b,target=/m true');
    assert.deepEqual(only(text, 'UnusedStage'), []);
    const { text: t2, ranges } = mark(lines('FROM alpine AS dev', 'RUN true', '[[FROM alpine AS prod]]'));
    assert.deepEqual(only(t2, 'UnusedStage', { ...defaultSettings, target: 'dev' }).map((d) => d.range), [ranges[0]]);
  });

  it('LibcMismatch: compiled packages copied across libc, with the source FROM as related information', () => {
    const { text, ranges } = mark(lines('[[FROM python:3.12-alpine AS build]]', 'RUN pip install -r r.txt', 'FROM python:3.12-slim', 'COPY --from=[[build]] /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages'));
    const [d] = only(text, 'LibcMismatch');
    assert.deepEqual([d.range, d.severity, d.relatedInformation?.map((r) => r.location.range)], [ranges[1], DiagnosticSeverity.Warning, [ranges[0]]]);
    assert.match(String(d.message), /musl \(python:3\.12-alpine\).*glibc \(python:3\.12-slim\)/);
  });

  it('LibcMismatch: from an image reference, and a dynamically linked binary', () => {
    const { text, ranges } = mark(lines('FROM golang:1.22-bookworm AS build', 'RUN go build -o /app .', 'FROM alpine:3.20', 'COPY --from=[[build]] /app /app', 'COPY --from=[[node:20-slim]] /usr/local/lib/node_modules /n'));
    assert.deepEqual(only(text, 'LibcMismatch').map((d) => d.range), ranges);
  });

  it('LibcMismatch: clean for a static Go binary, same libc, unknown images and plain files', () => {
    const text = lines(
      'FROM golang:1.22-bookworm AS build',
      'ENV CGO_ENABLED=0',
      'RUN go build -o /app .',
      'FROM node:20-bookworm AS web',
      'RUN npm ci && npm run build',
      'FROM alpine:3.20',
      'COPY --from=build /app /app',
      'COPY --from=web /src/dist /srv',
      'COPY --from=mycorp/tools /usr/lib/x.so /x.so',
      'FROM gcr.io/distroless/static-debian12',
      'COPY --from=build /app /app',
    );
    assert.deepEqual(only(text, 'LibcMismatch'), []);
  });

  it('BuildToolchainInFinalStage: on the first toolchain package of the target stage', () => {
    const { text, ranges } = mark(lines('FROM alpine AS build', 'RUN apk add gcc', 'FROM debian', 'RUN apt-get update && apt-get install -y --no-install-recommends curl [[build-essential]] libssl-dev'));
    const [d] = only(text, 'BuildToolchainInFinalStage');
    assert.deepEqual([d.range, d.severity, d.data], [ranges[0], DiagnosticSeverity.Information, { stage: 1, packages: ['build-essential', 'libssl-dev'] }]);
  });

  it('BuildToolchainInFinalStage: the range leaves out a glued separator', () => {
    const { text, ranges } = mark(lines('FROM alpine', 'RUN apk add [[gcc]]; echo done'));
    assert.deepEqual(only(text, 'BuildToolchainInFinalStage').map((d) => d.range), [ranges[0]]);
  });

  it('BuildToolchainInFinalStage: clean when removed in the same RUN, or in a builder stage', () => {
    const text = lines(
      'FROM alpine AS build',
      'RUN apk add --no-cache build-base',
      'FROM alpine',
      'RUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install x && apk del .build-deps',
      'RUN apt-get install -y make && apt-get purge -y make',
      'RUN apk add --no-cache curl ca-certificates',
    );
    assert.deepEqual(only(text, 'BuildToolchainInFinalStage'), []);
  });
});
