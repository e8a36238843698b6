import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { SymbolKind } from 'vscode-languageserver-types';
import { parseDockerfile } from '../../server/src/model';
import { documentSymbols } from '../../server/src/features/symbols';
import { foldingRanges } from '../../server/src/features/folding';
import { lines, mark, range } from '../helpers/markers';

describe('documentSymbols', () => {
  it('lists global ARGs, then stages with exact ranges, named and unnamed', () => {
    const { text, ranges } = mark(lines(
      '[[ARG [[PY]]=3.12]]',
      '[[FROM python:${PY}-alpine AS [[builder]]',
      'RUN pip wheel -w /wheels .]]',
      '# between stages',
      '[[FROM [[python:${PY}-slim]]',
      'COPY --from=builder /wheels /wheels',
      'CMD python]]',
    ));
    const [argRange, argName, builderRange, builderName, runnerRange, runnerImage] = ranges;
    const symbols = documentSymbols(parseDockerfile(text));
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, s.kind, s.range, s.selectionRange]),
      [
        ['PY', '= 3.12', SymbolKind.Variable, argRange, argName],
        ['builder', 'python:3.12-alpine', SymbolKind.Class, builderRange, builderName],
        ['stage 1', 'python:3.12-slim', SymbolKind.Class, runnerRange, runnerImage],
      ],
    );
    assert.deepEqual(symbols[2].children!.map((c) => [c.name, c.range]), [
      ['COPY --from=builder /wheels /wheels', range(5, 0, 5, 35)],
      ['CMD python', range(6, 0, 6, 10)],
    ]);
  });

  it('shortens long instruction summaries', () => {
    const symbols = documentSymbols(parseDockerfile(`FROM alpine\nRUN ${'x '.repeat(80)}`));
    const name = symbols[0].children![0].name;
    assert.equal(name, `RUN ${'x '.repeat(26)}x...`);
    assert.equal(name.length, 60);
  });

  it('gives an empty outline for garbage', () => {
    assert.deepEqual(documentSymbols(parseDockerfile('}{ not a dockerfile \u0000')), []);
    assert.deepEqual(documentSymbols(parseDockerfile('')), []);
  });
});

describe('foldingRanges', () => {
  it('folds stages, multi-line instructions and comment blocks', () => {
    const text = lines('# one', '# two', 'FROM alpine AS a', 'RUN apk add \\', '    curl', 'FROM alpine', '# only');
    const folds = foldingRanges(parseDockerfile(text)).map((f) => [f.startLine, f.endLine, f.kind]);
    assert.deepEqual(folds, [[0, 1, 'comment'], [2, 4, undefined], [3, 4, undefined]]);
  });
});
