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

const PIECES = ['FROM ', 'alpine', ' AS ', 'as', 'b', 'B', '\n', '\r\n', 'COPY --from=', '0', '1', '"', '$X', 'ARG X', 'RUN ', '--mount=from=', '# check=skip=A', '#', '\\\n', ' ', 'ONBUILD ', '<<EOF\n', 'EOF\n'];

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
});
