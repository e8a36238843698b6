import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { completion, completionList, resolveCompletion } from '../../server/src/features/completion';
import { analyze, lines, mark, range } from '../helpers/markers';

function complete(source: string): CompletionItem[] {
  const { text, cursor } = mark(source);
  return completion(analyze(text), cursor!);
}

/** Completion followed by completionItem/resolve of every item, as an editor showing each one would do. */
function completeResolved(source: string): CompletionItem[] {
  const { text, cursor } = mark(source);
  const doc = analyze(text);
  return completion(doc, cursor!).map((item) => resolveCompletion(doc, item));
}

/** [label, sortText, textEdit range] per item. */
function summary(items: CompletionItem[]) {
  return items.map((i) => [i.label, i.sortText, i.textEdit && 'range' in i.textEdit ? i.textEdit.range : undefined]);
}

const STAGES = ['FROM golang:1.22-alpine AS build', 'FROM alpine:3.20', 'FROM debian:12 AS tools'];

describe('completion', () => {
  it('offers earlier stages after COPY --from=, nearest first, never the current or a later one', () => {
    const items = complete(lines(...STAGES, 'COPY --from=|', 'FROM alpine AS later'));
    assert.deepEqual(summary(items), [
      ['1', '000001', range(3, 12, 3, 12)],
      ['build', '000002', range(3, 12, 3, 12)],
    ]);
  });

  it('describes each item: kind, base image, markdown summary, and the note on unnamed stages', () => {
    const [unnamed, build] = completeResolved(lines(...STAGES, 'COPY --from=|'));
    assert.equal(build.kind, CompletionItemKind.Reference);
    assert.equal(build.detail, 'golang:1.22-alpine');
    assert.deepEqual(build.documentation, {
      kind: 'markdown',
      value: '**Stage 0 `build`**\n\nBase image `golang:1.22-alpine` · libc: musl\n\nDepends on: none\n\nUsed by: none',
    });
    assert.equal(unnamed.detail, 'alpine:3.20');
    assert.match((unnamed.documentation as { value: string }).value, /^\*\*Stage 1 \(unnamed\)\*\*[\s\S]*no name, so it is offered by index\. Naming it/);
  });

  it('defers documentation to resolve, and leaves an item alone when its stage has changed since', () => {
    const { text, cursor } = mark(lines(...STAGES, 'COPY --from=|'));
    const [, build] = completion(analyze(text), cursor!);
    assert.equal(build.documentation, undefined);
    assert.deepEqual(build.data, { uri: 'file:///test/Dockerfile' });
    const renamed = analyze(text.replace('AS build', 'AS compile'));
    assert.deepEqual(resolveCompletion(renamed, build), build);
    assert.deepEqual(resolveCompletion(analyze(text), { label: 'x', data: 'garbage' }), { label: 'x', data: 'garbage' });
  });

  it('moves the shared edit range and data to itemDefaults when the client supports them', () => {
    const items = complete(lines(...STAGES, 'COPY --from=bu| /a /a'));
    assert.deepEqual(completionList(items, false), items);
    assert.deepEqual(completionList(items, true), {
      isIncomplete: false,
      itemDefaults: { editRange: range(3, 12, 3, 14), data: { uri: 'file:///test/Dockerfile' } },
      items: [
        { label: '1', kind: CompletionItemKind.Reference, detail: 'alpine:3.20', sortText: '000001' },
        { label: 'build', kind: CompletionItemKind.Reference, detail: 'golang:1.22-alpine', sortText: '000002' },
      ],
    });
    assert.deepEqual(completionList([], true), []);
  });

  it('replaces the partial name, including the part after the cursor', () => {
    assert.deepEqual(summary(complete(lines(...STAGES, 'COPY --from=bu| /a /a')))[1], ['build', '000002', range(3, 12, 3, 14)]);
    assert.deepEqual(summary(complete(lines(...STAGES, 'COPY --from=b|ui /a /a')))[1], ['build', '000002', range(3, 12, 3, 15)]);
    assert.deepEqual(summary(complete(lines(...STAGES, 'COPY --from=|bui /a /a')))[1], ['build', '000002', range(3, 12, 3, 15)]);
  });

  it('keeps quotes intact', () => {
    assert.deepEqual(summary(complete(lines(...STAGES, 'COPY --from="|"'))).map((s) => s[2]), [range(3, 13, 3, 13), range(3, 13, 3, 13)]);
    assert.deepEqual(summary(complete(lines(...STAGES, "COPY --from='bu|' /a /a")))[1], ['build', '000002', range(3, 13, 3, 15)]);
  });

  it('works after other flags, in ONBUILD, and across line continuations', () => {
    assert.deepEqual(complete(lines(...STAGES, 'COPY --link --chown=1:1 --from=|')).map((i) => i.label), ['1', 'build']);
    assert.deepEqual(complete(lines(...STAGES, 'ONBUILD COPY --from=|')).map((i) => i.label), ['1', 'build']);
    assert.deepEqual(summary(complete(lines(...STAGES, 'COPY \\', '    --from=b|'))), [['1', '000001', range(4, 11, 4, 12)], ['build', '000002', range(4, 11, 4, 12)]]);
  });

  it('offers only named stages after from= in any RUN --mount type', () => {
    for (const mount of ['--mount=from=|', '--mount=type=cache,from=|', '--mount=type=bind,target=/src,from=|,source=/x', '--mount="type=secret,from=|']) {
      const { text, cursor } = mark(lines(...STAGES, `RUN ${mount} true`));
      const items = completion(analyze(text), cursor!);
      assert.deepEqual(summary(items), [['build', '000002', range(3, cursor!.character, 3, cursor!.character)]], mount);
    }
    assert.deepEqual(summary(complete(lines(...STAGES, 'RUN --mount=type=bind,from="bu|",target=/x true'))), [['build', '000002', range(3, 28, 3, 30)]]);
  });

  it('offers earlier named stages after FROM, by their lower-cased name, for inheritance', () => {
    const items = completeResolved(lines('FROM alpine AS Base', 'FROM alpine', 'FROM base AS mid', 'FROM --platform=$BUILDPLATFORM |', 'FROM alpine AS after'));
    assert.deepEqual(summary(items), [['mid', '000001', range(3, 31, 3, 31)], ['base', '000003', range(3, 31, 3, 31)]]);
    assert.equal(items[0].detail, 'base');
    assert.match((items[0].documentation as { value: string }).value, /Based on `Base` \(image `alpine`\)/);
  });

  it('replaces the whole image token when the cursor is inside it', () => {
    assert.deepEqual(summary(complete(lines('FROM alpine AS a', 'FROM al|pine AS b'))), [['a', '000001', range(1, 5, 1, 11)]]);
  });

  it('offers a duplicated name once, for the stage BuildKit would take', () => {
    // --from takes the last stage of a name, FROM the latest earlier one.
    const copy = complete(lines('FROM alpine AS a', 'FROM debian AS a', 'FROM scratch', 'COPY --from=|'));
    assert.deepEqual(copy.map((i) => [i.label, i.detail]), [['a', 'debian']]);
    const from = complete(lines('FROM alpine AS a', 'FROM debian AS a', 'FROM |'));
    assert.deepEqual(from.map((i) => [i.label, i.detail]), [['a', 'debian']]);
    // Here `a` would name the current stage itself.
    assert.deepEqual(complete(lines('FROM alpine AS a', 'FROM debian AS a', 'COPY --from=|')), []);
  });

  it('returns nothing where no stage name is expected', () => {
    const cases = [
      lines(...STAGES, 'COPY |'),
      lines(...STAGES, 'COPY --from=build |'),
      lines(...STAGES, 'COPY --chown=|'),
      lines(...STAGES, 'COPY src --from=|'),
      lines(...STAGES, 'COPY --from=$|'),
      lines(...STAGES, 'COPY --from="build"|'),
      lines(...STAGES, '# COPY --from=|'),
      lines(...STAGES, 'RUN --mount=type=cache,target=|'),
      lines(...STAGES, 'RUN --mount=type=cache,from=build |'),
      lines(...STAGES, 'RUN echo from=|'),
      lines(...STAGES, 'RUN <<EOF', 'COPY --from=|', 'EOF'),
      lines('FROM alpine AS first', 'COPY --from=|'),
      lines('COPY --from=|', 'FROM alpine AS a'),
      lines('FROM alpine AS a', 'FROM alpine AS |'),
      '',
    ];
    for (const source of cases) {
      const { text, cursor } = mark(source);
      assert.deepEqual(completion(analyze(text), cursor ?? { line: 0, character: 0 }), [], source);
    }
  });
});
