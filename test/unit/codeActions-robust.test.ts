// Half-typed and garbage Dockerfiles with diagnostics that no longer match the text never make a fix throw,
// every edit stays inside the document, and no two edits of an action overlap.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDockerfile } from '../../server/src/model';
import { RULE_NAMES } from '../../server/src/rules/catalog';
import { actionsFor, applyAction, diagnostic } from '../helpers/applyEdit';

function parses(text: string): boolean {
  try {
    parseDockerfile(text);
    return true;
  } catch {
    return false;
  }
}

const PIECES = ['FROM ', 'alpine', ' AS ', 'as', 'b', 'B', '\n', '\r\n', '\r', 'COPY --from=', '0', '1', '"', '$X', 'ARG X', 'RUN ', '--mount=from=', '# check=skip=A', '#', '\\\n', ' ', 'ONBUILD ', '<<EOF\n', 'EOF\n'];

describe('code actions on garbage', () => {
  it('never throw and only edit existing positions', () => {
    const position = fc.record({ line: fc.nat(8), character: fc.nat(30) });
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join('')),
        fc.constantFrom(...RULE_NAMES),
        position,
        position,
        (text, rule, a, b) => {
          // The parser itself overflows on some inputs (e.g. ' RUN $X'); that belongs to the model, not to the fixes.
          fc.pre(parses(text));
          const range = a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a };
          const actions = actionsFor(text, [diagnostic(rule, range, { stage: 99, candidates: ['x', 3] })], range);
          const document = TextDocument.create('file:///test/Dockerfile', 'dockerfile', 1, text);
          for (const action of actions) {
            for (const edit of Object.values(action.edit?.changes ?? {}).flat()) {
              for (const p of [edit.range.start, edit.range.end]) assert.deepEqual(document.positionAt(document.offsetAt(p)), p, action.title);
            }
            // Overlapping edits make applyEdits throw.
            assert.equal(typeof applyAction(text, action), 'string');
          }
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it('ignores codes that are no rule, including Object.prototype names, and other sources', () => {
    const text = 'FROM alpine AS a\nRUN true';
    const at = { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } };
    const foreign = { ...diagnostic('UnusedStage', at), source: 'hadolint' };
    const fake = ['constructor', 'toString', '__proto__', 'NoSuchRule'].map((code) => ({ ...diagnostic('UnusedStage', at), code }));
    assert.deepEqual(actionsFor(text, [foreign, ...fake], at, ['quickfix']), []);
  });

  it('"Name all stages" keeps what every reference resolves to, on generated multi-stage files', () => {
    const stage = fc.record({
      image: fc.constantFrom('golang:1.22', 'alpine', 'node:20', 'scratch', 'golang', 'stage-0', '$BASE', 'a'),
      name: fc.option(fc.constantFrom('a', 'golang', 'alpine-2', 'B'), { nil: undefined }),
      from: fc.array(fc.constantFrom('0', '1', '2', '5', 'a', 'golang', 'alpine'), { maxLength: 3 }),
    });
    const summary = (text: string) =>
      parseDockerfile(text).referencesIn.map((refs) =>
        refs.map((r) => (r.resolution.kind === 'stage' ? r.resolution.index : r.resolution.kind === 'image' ? r.resolution.image : `${r.resolution.reason}:${r.resolution.target}`)),
      );
    fc.assert(
      fc.property(fc.array(stage, { minLength: 1, maxLength: 5 }), (stages) => {
        const text = stages
          .map((s) => [`FROM ${s.image}${s.name ? ` AS ${s.name}` : ''}`, ...s.from.map((f) => `COPY --from=${f} /x /x`)].join('\n'))
          .join('\n');
        const action = actionsFor(text, [], { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source']).find((a) => a.title === 'Name all stages');
        if (!action) return;
        const result = applyAction(text, action);
        assert.deepEqual(summary(result), summary(text), result);
        assert.ok(parseDockerfile(result).stages.every((st) => st.from.args.length !== 1 || st.name !== null), result);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
