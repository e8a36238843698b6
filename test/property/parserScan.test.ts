// dockerfile-ast's Parser with our processArguments, processComment, processInstruction and createInstruction (model/parserScan.ts)
// must parse exactly as with its own: the same instructions at the same ranges, the same comments.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { PARAMETERS } from './params';
import { exampleAndFixtureFiles } from '../helpers/files';
import { Parser } from 'dockerfile-ast/lib/parser';
import type { Dockerfile } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fastScan, isUTF8BOM, originalIsUTF8BOM, originalScan } from '../../server/src/model/parserScan';
import { Positions } from '../../server/src/model/positions';

const prototype = Parser.prototype as unknown as typeof originalScan;

function parseWith(scan: typeof originalScan, text: string) {
  const saved = { processArguments: prototype.processArguments, processComment: prototype.processComment, processInstruction: prototype.processInstruction, createInstruction: prototype.createInstruction };
  Object.assign(prototype, scan);
  try {
    const dockerfile = new Parser().parse(text) as unknown as Dockerfile;
    return {
      instructions: dockerfile.getInstructions().map((i) => [i.getInstruction(), i.getInstructionRange(), i.getRange()]),
      comments: dockerfile.getComments().map((c) => c.getRange()),
      directives: dockerfile.getDirectives().map((d) => d.getRange()),
    };
  } finally {
    Object.assign(prototype, saved);
  }
}

function compare(text: string): number {
  const expected = parseWith(originalScan, text);
  assert.deepStrictEqual(parseWith(fastScan, text), expected, JSON.stringify(text));
  return expected.instructions.length;
}

// Escapes before blanks, line breaks (LF, CRLF, lone CR), other characters and the end; comment lines inside
// continuations; heredocs; both escape characters.
const PIECES = ['RUN ', 'COPY ', 'FROM ', 'ONBUILD RUN ', ' ', '\t', 'a', 'bc', '"q r"', '$V', '\\', '\\\\', '\\ ', '\\  \n', '\\\n', '\\\r\n', '\\\r', '\\ \t\r\n', '\\ x', '\\ #', '\n', '\r\n', '\r', '#', '# c\n', '  # c\n', '\\\n# c\n', '\\\n  # c\r\n', '`', '`\n', '` \n', '<<EOF', '<<-EOF', 'EOF', '\tEOF'];

describe('parser scan (processArguments, processComment, processInstruction, createInstruction)', () => {
  it('parses generated files as dockerfile-ast does', () => {
    let total = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (backtick, parts) => {
        total += compare(`${backtick ? '# escape=`\n' : ''}FROM a\n${parts.join('')}`);
      }),
      PARAMETERS(3000),
    );
    assert.ok(total > 3000, `compared ${total} instructions`);
  });

  it('parses the example and fixture files as dockerfile-ast does', () => {
    const files = exampleAndFixtureFiles();
    let total = 0;
    for (const file of files) total += compare(fs.readFileSync(file, 'utf8'));
    assert.ok(total > 100, `compared ${total} instructions in ${files.length} files`);
  });

  it('parses edge cases as dockerfile-ast does', () => {
    for (const text of ['RUN a \\', 'RUN a \\ ', 'RUN a \\  \t', 'RUN a\\\n#c', 'RUN a\\\n#c\n b', 'RUN a\\\r\n\r\n#c\r\nb', '#only', '# c\rRUN a\r', 'RUN \\ x\\\n# c\nd',
      // keywords: at the end, before a tab or a line break, with an escape character inside or at their end
      'RUN', 'R', 'FROM\ta', 'FROM\r\nRUN', 'a#b c', 'R\\\nUN a', 'RU\\ N a', 'RU\\  \nN a', 'RUN\\', '# escape=`\nR`\nUN a\nRU\\N b']) {
      compare(text);
    }
  });
});

describe('positions', () => {
  it('gives the positions TextDocument.positionAt gives, asked in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'bc', ' ', '\n', '\r\n', '\r'), { maxLength: 20 }), fc.array(fc.integer({ min: -2, max: 45 }), { maxLength: 20 }), (parts, offsets) => {
        const document = TextDocument.create('file:///x', 'dockerfile', 1, parts.join(''));
        const cursor = new Positions(document as unknown as ConstructorParameters<typeof Positions>[0]);
        for (const offset of offsets) assert.deepStrictEqual(cursor.at(offset), document.positionAt(offset), `${JSON.stringify(parts.join(''))} at ${offset}`);
      }),
      PARAMETERS(2000),
    );
  });
});

describe('byte-order mark check (Util.isUTF8BOM)', () => {
  it('answers as dockerfile-ast does', () => {
    for (const text of ['\ufeff', '\ufeffFROM a', 'F', '', ' ', '\ufffe', '\ufeff'.repeat(2), '\ud800', '\udc00\ufeff', 'é', '\u00ef\u00bb\u00bf']) {
      assert.equal(isUTF8BOM(text), originalIsUTF8BOM(text), JSON.stringify(text));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3 }), (text) => isUTF8BOM(text) === originalIsUTF8BOM(text)),
      PARAMETERS(2000),
    );
  });
});
