// Every fix against the real rule engine: take the published diagnostic, apply its fix, analyse again.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { codeActions } from '../../server/src/features/codeActions';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { defaultSettings } from '../../server/src/settings';
import { applyAction, titled } from '../helpers/applyEdit';
import { analyze, lines } from '../helpers/markers';

interface Case {
  rule: string;
  title: string;
  text: string;
  expected: string;
  only?: string[];
}

const diagnose = (text: string): Diagnostic[] => computeDiagnostics(analyze(text), defaultSettings);
const errorCount = (diagnostics: Diagnostic[], code: unknown) => diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error && d.code === code).length;

function check({ rule, title, text, expected, only }: Case): void {
  const before = diagnose(text);
  const target = before.find((d) => d.code === rule);
  assert.ok(target, `${rule} is not reported on:\n${text}\n${JSON.stringify(before.map((d) => d.code))}`);
  const actions = codeActions(analyze(text), target.range, only ? { diagnostics: [], only } : { diagnostics: [target] }, defaultSettings);
  const action = titled(actions, title);
  assert.equal(action.command, undefined);
  assert.deepEqual(action.diagnostics, only ? undefined : [target]);
  const result = applyAction(text, action);
  assert.equal(result, expected);
  const after = diagnose(result);
  assert.deepEqual(after.filter((d) => d.code === rule), [], `${rule} is still reported`);
  for (const d of after) assert.ok(errorCount(after, d.code) <= errorCount(before, d.code), `new Error ${d.code}`);
}

const CASES: Case[] = [
  {
    rule: 'NumericStageReference',
    title: "Name this stage 'golang'",
    text: lines('FROM golang:1.22', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=0 /app /app'),
    expected: lines('FROM golang:1.22 AS golang', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=golang /app /app'),
  },
  {
    rule: 'NumericStageReference',
    title: 'Name all stages',
    only: ['source'],
    text: lines('FROM golang:1.22', 'RUN go build -o /app', 'FROM node:20', 'RUN npm ci', 'FROM alpine:3.20', 'COPY --from=0 /app /app', 'COPY --from=1 /n /n'),
    expected: lines(
      'FROM golang:1.22 AS golang',
      'RUN go build -o /app',
      'FROM node:20 AS node',
      'RUN npm ci',
      'FROM alpine:3.20 AS alpine',
      'COPY --from=golang /app /app',
      'COPY --from=node /n /n',
    ),
  },
  {
    rule: 'UnknownStageReference',
    title: "Replace 'buidler' with stage 'builder'",
    text: lines('FROM golang:1.22 AS builder', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=buidler /app /app'),
    expected: lines('FROM golang:1.22 AS builder', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=builder /app /app'),
  },
  {
    rule: 'FromStageNameCaseMismatch',
    title: "Replace 'Builder' with stage 'builder'",
    text: lines('FROM golang:1.22 AS builder', 'RUN go build -o /app', 'FROM Builder', 'RUN true'),
    expected: lines('FROM golang:1.22 AS builder', 'RUN go build -o /app', 'FROM builder', 'RUN true'),
  },
  {
    rule: 'StageNameCasing',
    title: "Change stage name to 'builder'",
    text: lines('FROM golang:1.22 AS Builder', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=Builder /app /app'),
    expected: lines('FROM golang:1.22 AS builder', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=builder /app /app'),
  },
  {
    rule: 'FromAsCasing',
    title: "Change 'as' to 'AS'",
    text: lines('FROM golang:1.22 as builder', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=builder /app /app'),
    expected: lines('FROM golang:1.22 AS builder', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=builder /app /app'),
  },
  {
    rule: 'StageReferencedBeforeDefinition',
    title: "Move stage 'builder' above stage 'runtime'",
    text: lines('# runtime', 'FROM alpine:3.20 AS runtime', 'COPY --from=builder /app /app', '', '# compiles the app', 'FROM alpine:3.20 AS builder', 'RUN make', '', 'FROM runtime'),
    expected: lines('# compiles the app', 'FROM alpine:3.20 AS builder', 'RUN make', '', '# runtime', 'FROM alpine:3.20 AS runtime', 'COPY --from=builder /app /app', '', 'FROM runtime'),
  },
  {
    rule: 'UnknownStageReference',
    title: "Move stage 'app' above stage 1",
    text: lines('FROM alpine:3.20 AS base', 'FROM app', 'RUN true', 'FROM base AS app', 'RUN make'),
    expected: lines('FROM alpine:3.20 AS base', 'FROM base AS app', 'RUN make', 'FROM app', 'RUN true'),
  },
  {
    rule: 'UndefinedVar',
    title: 'Declare global ARG VERSION in this stage',
    text: lines('ARG VERSION=1.2', 'FROM alpine:3.20', 'LABEL version=$VERSION'),
    expected: lines('ARG VERSION=1.2', 'FROM alpine:3.20', 'ARG VERSION', 'LABEL version=$VERSION'),
  },
  {
    rule: 'UndefinedArgInFrom',
    title: 'Change TAGG to TAG',
    text: lines('ARG TAG=3.20', 'FROM alpine:${TAGG}', 'RUN true'),
    expected: lines('ARG TAG=3.20', 'FROM alpine:${TAG}', 'RUN true'),
  },
  {
    rule: 'UnusedStage',
    title: "Delete unused stage 'docs'",
    text: lines('FROM alpine:3.20 AS docs', 'RUN echo docs', '', 'FROM alpine:3.20 AS app', 'RUN echo app'),
    expected: lines('FROM alpine:3.20 AS app', 'RUN echo app'),
  },
  {
    rule: 'StageNameCasing',
    title: 'Disable StageNameCasing for this file (# check=skip)',
    text: lines('# syntax=docker/dockerfile:1', '# check=error=true', 'FROM alpine:3.20 AS Base', 'RUN true'),
    expected: lines('# syntax=docker/dockerfile:1', '# check=skip=StageNameCasing;error=true', 'FROM alpine:3.20 AS Base', 'RUN true'),
  },
  {
    rule: 'UnusedStage',
    title: 'Disable UnusedStage for this instruction (# check=skip)',
    text: lines('FROM alpine:3.20 AS app', 'RUN true', 'FROM alpine:3.20 AS docs', 'RUN echo docs', 'FROM app'),
    expected: lines('FROM alpine:3.20 AS app', 'RUN true', '# check=skip=UnusedStage', 'FROM alpine:3.20 AS docs', 'RUN echo docs', 'FROM app'),
  },
  {
    rule: 'UndefinedVar',
    title: 'Disable UndefinedVar for this file (# check=skip)',
    text: lines('ARG V=1', 'FROM alpine:3.20', 'LABEL a=$V'),
    expected: lines('# check=skip=UndefinedVar', 'ARG V=1', 'FROM alpine:3.20', 'LABEL a=$V'),
  },
  {
    rule: 'MultipleInstructionsDisallowed',
    title: 'Remove the overridden CMD',
    text: lines('FROM alpine:3.20', 'CMD ["echo", "a"]', 'CMD ["echo", "b"]'),
    expected: lines('FROM alpine:3.20', 'CMD ["echo", "b"]'),
  },
  {
    rule: 'RedundantTargetPlatform',
    title: 'Remove --platform=$TARGETPLATFORM',
    text: lines('FROM --platform=$TARGETPLATFORM alpine:3.20', 'RUN true'),
    expected: lines('FROM alpine:3.20', 'RUN true'),
  },
  {
    rule: 'DuplicateStageName',
    title: "Rename this stage to 'build-2'",
    text: lines('FROM alpine:3.20 AS build', 'RUN echo a', 'FROM alpine:3.20 AS build', 'RUN echo b', 'FROM alpine:3.20', 'COPY --from=build /a /a'),
    // BuildKit takes the last stage of a name for --from, so the COPY reaches the renamed one and follows it.
    expected: lines('FROM alpine:3.20 AS build', 'RUN echo a', 'FROM alpine:3.20 AS build-2', 'RUN echo b', 'FROM alpine:3.20', 'COPY --from=build-2 /a /a'),
  },
];

describe('code actions applied and re-analysed with the rule engine', () => {
  for (const c of CASES) it(`${c.rule}: ${c.title}`, () => check(c));
});
