import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { addSkip } from '../../server/src/fixes/silence';
import { parseDockerfile } from '../../server/src/model';
import { actionsFor, applyAction, diagnostic, titled } from '../helpers/applyEdit';
import { lines, mark, range } from '../helpers/markers';

describe('code action: declare a global ARG in the stage', () => {
  it('inserts ARG NAME right after the FROM of the stage that uses it', () => {
    const { text, ranges } = mark(lines('ARG VERSION=1.2', 'ARG OTHER', 'FROM alpine', 'RUN echo one', 'LABEL v=[[$VERSION]]'));
    const action = titled(actionsFor(text, [diagnostic('UndefinedVar', ranges[0])]), 'Declare global ARG VERSION in this stage');
    assert.equal(action.isPreferred, true);
    assert.equal(applyAction(text, action), lines('ARG VERSION=1.2', 'ARG OTHER', 'FROM alpine', 'ARG VERSION', 'RUN echo one', 'LABEL v=$VERSION'));
  });

  it('follows the casing of FROM, handles a FROM continued on the next line and a FROM on the last line', () => {
    const { text, ranges } = mark(lines('ARG V', 'from \\', '  alpine', 'env X=[[${V}]]'));
    const action = titled(actionsFor(text, [diagnostic('UndefinedVar', ranges[0])]), 'Declare global ARG V in this stage');
    assert.equal(applyAction(text, action), lines('ARG V', 'from \\', '  alpine', 'arg V', 'env X=${V}'));
    const data = diagnostic('UndefinedVar', { start: { line: 1, character: 0 }, end: { line: 1, character: 11 } }, { name: 'V' });
    const last = titled(actionsFor(lines('ARG V', 'FROM alpine'), [data]), 'Declare global ARG V in this stage');
    assert.equal(applyAction(lines('ARG V', 'FROM alpine'), last), lines('ARG V', 'FROM alpine', 'ARG V'));
  });

  it('is not offered for a variable that is no global ARG', () => {
    const { text, ranges } = mark(lines('FROM alpine', 'LABEL v=[[$NOPE]]'));
    assert.deepEqual(actionsFor(text, [diagnostic('UndefinedVar', ranges[0])], undefined, ['quickfix']).filter((a) => !a.title.startsWith('Disable')), []);
  });
});

describe('code action: an ARG used in FROM but not declared before it', () => {
  it('offers the close global ARG, or declaring the name after the global ARGs', () => {
    const { text, ranges } = mark(lines('ARG VERSION=1', '', 'FROM alpine:[[$VERSON]]'));
    const actions = actionsFor(text, [diagnostic('UndefinedArgInFrom', ranges[0], { name: 'VERSON' })], undefined, ['quickfix']).filter((a) => !a.title.startsWith('Disable'));
    assert.deepEqual(actions.map((a) => a.title), ['Change VERSON to VERSION', 'Declare ARG VERSON before the first FROM', "Name this stage 'alpine'"]);
    assert.equal(applyAction(text, actions[0]), lines('ARG VERSION=1', '', 'FROM alpine:$VERSION'));
    assert.equal(applyAction(text, actions[1]), lines('ARG VERSION=1', 'ARG VERSON', '', 'FROM alpine:$VERSON'));
  });

  it('declares it below parser directives and above the first stage\'s comments', () => {
    const { text, ranges } = mark(lines('# syntax=docker/dockerfile:1', '# the base', 'from [[${IMG}]]'));
    const action = titled(actionsFor(text, [diagnostic('UndefinedArgInFrom', ranges[0])]), 'Declare ARG IMG before the first FROM');
    assert.equal(applyAction(text, action), lines('# syntax=docker/dockerfile:1', 'arg IMG', '# the base', 'from ${IMG}'));
  });
});

describe('code action: delete an unused stage', () => {
  it('deletes the block with its leading comments and shifts later numeric references', () => {
    const { text, ranges } = mark(lines(
      'FROM golang AS tools',
      '',
      '# old experiment',
      '[[FROM alpine AS unused',
      'RUN true]]',
      '',
      'FROM alpine AS final',
      'COPY --from=0 /a /a',
      'FROM final',
      'COPY --from=2 /b /b',
    ));
    const action = titled(actionsFor(text, [diagnostic('UnusedStage', ranges[0])]), "Delete unused stage 'unused'");
    assert.equal(action.isPreferred, undefined);
    const result = applyAction(text, action);
    assert.equal(result, lines('FROM golang AS tools', '', 'FROM alpine AS final', 'COPY --from=0 /a /a', 'FROM final', 'COPY --from=1 /b /b'));
    assert.deepEqual(parseDockerfile(result).dependencies, [[], [0], [1]]);
  });

  it('deletes a first or last stage without leaving blank lines behind', () => {
    const first = lines('FROM alpine AS unused', '', 'FROM alpine', 'COPY --from=1 /a /a', 'FROM busybox');
    const d = diagnostic('UnusedStage', { start: { line: 0, character: 0 }, end: { line: 0, character: 21 } });
    assert.equal(applyAction(first, titled(actionsFor(first, [d]), "Delete unused stage 'unused'")), lines('FROM alpine', 'COPY --from=0 /a /a', 'FROM busybox'));
    const last = lines('FROM alpine AS final', '', 'FROM busybox AS dev', 'RUN true', '');
    const dev = diagnostic('UnusedStage', { start: { line: 2, character: 0 }, end: { line: 3, character: 8 } });
    assert.equal(applyAction(last, titled(actionsFor(last, [dev]), "Delete unused stage 'dev'")), lines('FROM alpine AS final', ''));
  });

  it('is not offered while another stage still refers to it', () => {
    const text = lines('FROM alpine AS a', 'FROM alpine AS b', 'COPY --from=a /a /a', 'FROM alpine AS c');
    const d = diagnostic('UnusedStage', { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } });
    assert.deepEqual(actionsFor(text, [d]).filter((a) => a.title.startsWith('Delete')), []);
  });
});

describe('code action: silence a rule with # check=skip', () => {
  it('merges into a check directive value the way BuildKit parses it', () => {
    assert.deepEqual(
      [addSkip('skip=A', 'B'), addSkip('error=true', 'B'), addSkip('skip=A;error=true', 'B'), addSkip('skip = A ', 'B'), addSkip('skip=A,B', 'B'), addSkip('skip=all', 'B'), addSkip('', 'B')],
      ['skip=A,B', 'skip=B;error=true', 'skip=A,B;error=true', 'skip = A,B', null, null, 'skip=B'],
    );
  });

  it('adds the directive at the top, after existing parser directives, or merges into one', () => {
    const d = diagnostic('StageNameCasing', { start: { line: 2, character: 15 }, end: { line: 2, character: 20 } });
    const title = 'Disable StageNameCasing for this file (# check=skip)';
    const plain = lines('# Build file', '', 'FROM alpine AS Build');
    assert.equal(applyAction(plain, titled(actionsFor(plain, [d]), title)), lines('# check=skip=StageNameCasing', '# Build file', '', 'FROM alpine AS Build'));
    const syntax = lines('# syntax=docker/dockerfile:1', '', 'FROM alpine AS Build');
    assert.equal(applyAction(syntax, titled(actionsFor(syntax, [d]), title)), lines('# syntax=docker/dockerfile:1', '# check=skip=StageNameCasing', '', 'FROM alpine AS Build'));
    const merged = lines('# syntax=docker/dockerfile:1', '# check=skip=FromAsCasing;error=true', 'FROM alpine AS Build');
    assert.equal(
      applyAction(merged, titled(actionsFor(merged, [d]), title)),
      lines('# syntax=docker/dockerfile:1', '# check=skip=FromAsCasing,StageNameCasing;error=true', 'FROM alpine AS Build'),
    );
  });

  it('adds a comment above the instruction, or merges into the one already there', () => {
    const { text, ranges } = mark(lines('FROM alpine', '  # check=skip=JSONArgsRecommended', '  COPY --from=[[buidler]] /a /a', 'FROM alpine AS builder'));
    const d = diagnostic('UnknownStageReference', ranges[0]);
    const title = 'Disable UnknownStageReference for this instruction (# check=skip)';
    assert.equal(
      applyAction(text, titled(actionsFor(text, [d]), title)),
      lines('FROM alpine', '  # check=skip=JSONArgsRecommended,UnknownStageReference', '  COPY --from=buidler /a /a', 'FROM alpine AS builder'),
    );
    const plain = lines('FROM alpine', '    LABEL a=$X');
    const undefinedVar = diagnostic('UndefinedVar', { start: { line: 1, character: 12 }, end: { line: 1, character: 14 } });
    assert.equal(
      applyAction(plain, titled(actionsFor(plain, [undefinedVar]), 'Disable UndefinedVar for this instruction (# check=skip)')),
      lines('FROM alpine', '    # check=skip=UndefinedVar', '    LABEL a=$X'),
    );
  });

  it('offers no per-instruction comment where it would parse as a parser directive', () => {
    const d = diagnostic('FromAsCasing', { start: { line: 1, character: 12 }, end: { line: 1, character: 14 } });
    const titles = actionsFor(lines('# syntax=docker/dockerfile:1', 'FROM alpine as base'), [d]).map((a) => a.title);
    assert.deepEqual(titles, ["Change 'as' to 'AS'", 'Disable FromAsCasing for this file (# check=skip)']);
  });

  it('does not offer to skip a build failure, which no # check= can silence', () => {
    const { text, ranges } = mark(lines('FROM alpine AS a', 'COPY --from=[[b]] /b /b', 'FROM alpine AS b', 'COPY --from=a /a /a'));
    const titles = actionsFor(text, [diagnostic('CircularStageDependency', ranges[0])]).map((a) => a.title);
    assert.deepEqual(titles, []);
  });
});

describe('code action: instructions BuildKit ignores or warns about', () => {
  const fixes = (text: string, d: ReturnType<typeof diagnostic>) => actionsFor(text, [d], undefined, ['quickfix']).filter((a) => !a.title.startsWith('Disable'));

  it('removes an overridden CMD, continuation lines included', () => {
    const { text, ranges } = mark(lines('FROM alpine', '[[CMD]] ["a", \\', '  "b"]', 'RUN true', 'CMD ["c"]'));
    const action = titled(fixes(text, diagnostic('MultipleInstructionsDisallowed', ranges[0])), 'Remove the overridden CMD');
    assert.equal(applyAction(text, action), lines('FROM alpine', 'RUN true', 'CMD ["c"]'));
  });

  it('removes a redundant --platform=$TARGETPLATFORM', () => {
    const { text, ranges } = mark(lines('FROM --platform=[[$TARGETPLATFORM]]  alpine AS a', 'RUN true'));
    const action = titled(fixes(text, diagnostic('RedundantTargetPlatform', ranges[0])), 'Remove --platform=$TARGETPLATFORM');
    assert.equal(action.isPreferred, true);
    assert.equal(applyAction(text, action), lines('FROM alpine AS a', 'RUN true'));
  });

  it('renames a duplicate stage with the references that reach it', () => {
    // BuildKit takes the last stage of a name for --from: the COPY reaches the second `build`, and keeps it.
    const { text, ranges } = mark(lines('FROM alpine AS build', 'FROM alpine AS [[build]]', 'FROM alpine AS build-2', 'COPY --from=build /a /a'));
    assert.deepEqual(parseDockerfile(text).dependencies, [[], [], [1]]);
    const action = titled(fixes(text, diagnostic('DuplicateStageName', ranges[0])), "Rename this stage to 'build-3'");
    const result = applyAction(text, action);
    assert.equal(result, lines('FROM alpine AS build', 'FROM alpine AS build-3', 'FROM alpine AS build-2', 'COPY --from=build-3 /a /a'));
    assert.deepEqual(parseDockerfile(result).dependencies, [[], [], [1]]);
    const first = diagnostic('DuplicateStageName', range(0, 15, 0, 20));
    assert.deepEqual(fixes(text, first), []);
  });
});
