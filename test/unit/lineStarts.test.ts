// Line starts found with indexOf (model/lineStarts.ts) must be the ones TextDocument finds a character at a time.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { installLineStarts, lineStarts } from '../../server/src/model/lineStarts';

/** vscode-languageserver-textdocument's computeLineOffsets, as the reference. */
function reference(text: string): number[] {
  const result = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      result.push(i + 1);
    }
  }
  return result;
}

describe('lineStarts', () => {
  it('finds the line starts computeLineOffsets finds, with \\n, \\r\\n and lone \\r', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'bc', ' ', '\n', '\r\n', '\r', '\n\r', '\r\r\n'), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.deepStrictEqual(lineStarts(text), reference(text), JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('is what every TextDocument uses once installed, with the same positions', () => {
    assert.equal(installLineStarts(), true, 'TextDocument no longer keeps _content and _lineOffsets: lineStarts is not installed');
    const text = 'FROM a AS b\r\nRUN x \\\r  y\nCOPY --from=b / /\n';
    const document = TextDocument.create('file:///x', 'dockerfile', 1, text);
    assert.deepStrictEqual(document.positionAt(text.indexOf('y')), { line: 2, character: 2 });
    assert.deepStrictEqual(document.positionAt(text.indexOf('COPY')), { line: 3, character: 0 });
    assert.equal(document.offsetAt({ line: 1, character: 4 }), text.indexOf('x'));
    assert.equal(document.lineCount, 5);
    // An incremental change keeps working on the installed line starts.
    TextDocument.update(document, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }], 2);
    assert.deepStrictEqual(document.positionAt(document.getText().indexOf('COPY')), { line: 2, character: 0 });
  });
});
