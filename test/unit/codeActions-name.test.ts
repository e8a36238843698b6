import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CodeActionKind, CodeActionTriggerKind } from 'vscode-languageserver-types';
import { nameFromImage, StageNames } from '../../server/src/fixes/nameStage';
import { parseDockerfile } from '../../server/src/model';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from '../../server/src/documents';
import { codeActions } from '../../server/src/features/codeActions';
import { defaultSettings } from '../../server/src/settings';
import { actionsFor, applyAction, diagnostic, TEST_URI, titled } from '../helpers/applyEdit';
import { analyze, lines, mark, range } from '../helpers/markers';

describe('nameFromImage', () => {
  it('keeps the repository name, lower-cased and valid', () => {
    assert.deepEqual(
      ['golang:1.22', 'python:3.12-alpine', 'gcr.io/distroless/base', 'gcr.io/distroless/base@sha256:abc', 'localhost:5000/My_App:1', '9front', 'scratch', '${BASE}', ''].map(nameFromImage),
      ['golang', 'python', 'base', 'base', 'my_app', 'front', null, null, null],
    );
  });

  it('adds -2, -3 until the name is free, and a claimed name is taken', () => {
    const names = new StageNames(parseDockerfile(lines('FROM golang AS golang', 'FROM alpine AS golang-2', 'FROM node', 'COPY --from=busybox /a /a')));
    assert.equal(names.claim('golang', 0), 'golang-3');
    assert.equal(names.claim('golang-3', 1), 'golang-3-2');
    // `FROM node` in stage 2 would pick up a stage named node before it, not stage 2 itself.
    assert.deepEqual([names.isFree('node', 1), names.isFree('node', 2), names.isFree('busybox', 2), names.isFree('scratch', 2)], [false, true, false, false]);
  });
});

describe('code action: name this stage', () => {
  it('names the stage a numeric --from points at and rewrites only the references to it', () => {
    const { text, ranges } = mark(lines(
      'FROM golang:1.22',
      'RUN go build -o /app',
      'FROM node:20',
      'RUN npm ci',
      'FROM alpine',
      'COPY --from=[[0]] /app /app',
      'COPY --from=1 /x /x',
      'RUN --mount=from="0",target=/m true',
      'COPY --from="0" /b /b',
    ));
    const actions = actionsFor(text, [diagnostic('NumericStageReference', ranges[0])]);
    const action = titled(actions, "Name this stage 'golang'");
    assert.equal(action.kind, CodeActionKind.QuickFix);
    assert.equal(action.isPreferred, true);
    assert.equal(applyAction(text, action), lines(
      'FROM golang:1.22 AS golang',
      'RUN go build -o /app',
      'FROM node:20',
      'RUN npm ci',
      'FROM alpine',
      'COPY --from=golang /app /app',
      'COPY --from=1 /x /x',
      'RUN --mount=from="0",target=/m true',
      'COPY --from="golang" /b /b',
    ));
  });

  it('follows the casing of FROM and avoids taken names, images used as references and reserved words', () => {
    const { text, ranges } = mark(lines(
      'from golang:1.22 as golang',
      'from golang:1.21',
      'from scratch',
      'copy --from=[[1]] /a /a',
      'copy --from=golang-2 /b /b',
    ));
    const action = titled(actionsFor(text, [diagnostic('NumericStageReference', ranges[0])]), "Name this stage 'golang-3'");
    assert.equal(applyAction(text, action), lines(
      'from golang:1.22 as golang',
      'from golang:1.21 as golang-3',
      'from scratch',
      'copy --from=golang-3 /a /a',
      'copy --from=golang-2 /b /b',
    ));
  });

  it('offers one action for several diagnostics it fixes together', () => {
    const { text, ranges } = mark(lines('FROM golang', 'FROM alpine', 'COPY --from=[[0]] /a /a', 'COPY --from=[[0]] /b /b'));
    const diagnostics = ranges.map((r) => diagnostic('NumericStageReference', r));
    const actions = actionsFor(text, diagnostics, undefined, [CodeActionKind.QuickFix]);
    assert.deepEqual(actions.map((a) => [a.title, a.diagnostics]), [
      ["Name this stage 'golang'", diagnostics],
      ['Disable NumericStageReference for this instruction (# check=skip)', [diagnostics[0]]],
      ['Disable NumericStageReference for this file (# check=skip)', diagnostics],
      ['Disable NumericStageReference for this instruction (# check=skip)', [diagnostics[1]]],
    ]);
  });

  it('does not refer to a stage by an invalid name', () => {
    const { text, ranges } = mark(lines('FROM golang AS 1st', 'FROM alpine', 'COPY --from=[[0]] /a /a'));
    assert.deepEqual(actionsFor(text, [diagnostic('NumericStageReference', ranges[0])], undefined, [CodeActionKind.QuickFix]).filter((a) => !a.title.startsWith('Disable')), []);
  });

  it('uses the existing name when the stage already has one', () => {
    const { text, ranges } = mark(lines('FROM golang AS build', 'FROM alpine', 'COPY --from=[[0]] /a /a', 'COPY --from=0 /b /b'));
    const action = titled(actionsFor(text, [diagnostic('NumericStageReference', ranges[0])]), "Refer to stage 'build' by name");
    assert.equal(applyAction(text, action), lines('FROM golang AS build', 'FROM alpine', 'COPY --from=build /a /a', 'COPY --from=build /b /b'));
  });

  it('is offered on an unnamed FROM line without a diagnostic, resolving ARG images or falling back to stage-N', () => {
    const { text, cursor } = mark(lines('ARG BASE=python:3.12-alpine', 'FROM ${BASE}', 'FROM $NOPE|', 'RUN true'));
    const actions = actionsFor(text, [], { start: cursor!, end: cursor! });
    const action = titled(actions, "Name this stage 'stage-1'");
    assert.equal(action.diagnostics, undefined);
    assert.equal(action.isPreferred, undefined);
    assert.equal(applyAction(text, action), lines('ARG BASE=python:3.12-alpine', 'FROM ${BASE}', 'FROM $NOPE AS stage-1', 'RUN true'));
    const first = titled(actionsFor(text, [], range(1, 0, 1, 0)), "Name this stage 'python'");
    assert.equal(applyAction(text, first), lines('ARG BASE=python:3.12-alpine', 'FROM ${BASE} AS python', 'FROM $NOPE', 'RUN true'));
  });

  it('inserts AS after the image, past a --platform flag and a FROM continued over lines', () => {
    const text = lines('FROM --platform=$BUILDPLATFORM \\', '  golang:1.22', 'RUN true');
    const action = titled(actionsFor(text, [], range(0, 0, 0, 0), [CodeActionKind.QuickFix]), "Name this stage 'golang'");
    assert.equal(applyAction(text, action), lines('FROM --platform=$BUILDPLATFORM \\', '  golang:1.22 AS golang', 'RUN true'));
  });

  it('is not offered below the FROM line, on a named stage, or on a FROM with extra arguments', () => {
    const text = lines('FROM alpine', 'RUN true', 'FROM alpine AS b', 'FROM alpine as');
    for (const line of [1, 2, 3]) {
      assert.deepEqual(actionsFor(text, [], range(line, 0, line, 0), [CodeActionKind.QuickFix]), [], `line ${line}`);
    }
  });

  it('"Name all stages" is a source action naming every unnamed stage with unique names', () => {
    const text = lines(
      'FROM golang:1.22',
      'FROM golang:1.21',
      'FROM gcr.io/distroless/base AS final',
      'COPY --from=0 /a /a',
      'COPY --from=1 /b /b',
    );
    const actions = actionsFor(text, [], range(2, 0, 2, 0), [CodeActionKind.Source]);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Name all stages', 'source.nameAllStages']]);
    const result = applyAction(text, actions[0]);
    assert.equal(result, lines(
      'FROM golang:1.22 AS golang',
      'FROM golang:1.21 AS golang-2',
      'FROM gcr.io/distroless/base AS final',
      'COPY --from=golang /a /a',
      'COPY --from=golang-2 /b /b',
    ));
    const model = parseDockerfile(result);
    assert.deepEqual(model.dependencies, [[], [], [0, 1]]);
  });

  it('offers nothing for a document that was too large to analyse, and filters by kind', () => {
    const text = lines('FROM alpine', 'FROM alpine', 'COPY --from=0 /a /a');
    assert.deepEqual(actionsFor(text, [], range(0, 0, 0, 0), ['refactor']), []);
    // On a cursor move (Automatic) no source action is built: editors only show those when asked.
    const automatic = codeActions(analyze(text), range(0, 0, 0, 0), { diagnostics: [], triggerKind: CodeActionTriggerKind.Automatic }, defaultSettings);
    assert.deepEqual(automatic.map((a) => a.title), ["Name this stage 'alpine-2'"]);
    // `alpine` is taken: the second `FROM alpine` would start building from the named stage.
    assert.deepEqual(actionsFor(text, [], range(0, 0, 0, 0)).map((a) => a.title), ["Name this stage 'alpine-2'", 'Name all stages']);
    const limited = new DocumentStore().analyze(TextDocument.create(TEST_URI, 'dockerfile', 1, text), 5);
    const context = { diagnostics: [diagnostic('NumericStageReference', range(2, 12, 2, 13))] };
    assert.deepEqual(codeActions(limited, range(0, 0, 0, 0), context, defaultSettings), []);
  });
});
