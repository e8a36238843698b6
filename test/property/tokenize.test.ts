// Our argument tokeniser must give exactly what dockerfile-ast's own gives: values and ranges.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { PARAMETERS } from './params';
import { exampleAndFixtureFiles } from '../helpers/files';
import { DockerfileParser } from 'dockerfile-ast';
import { originalTokenize, tokenize } from '../../server/src/model/tokenize';


type Tokenizer = (this: unknown) => { getValue(): string; getRange(): unknown }[];

function compare(text: string): number {
  let instructions = 0;
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const plain = (tokenizer: Tokenizer) => tokenizer.call(instruction).map((a) => ({ value: a.getValue(), range: a.getRange() }));
    assert.deepStrictEqual(plain(tokenize as Tokenizer), plain(originalTokenize as unknown as Tokenizer), JSON.stringify(text));
    instructions++;
  }
  return instructions;
}

// Pieces that exercise every branch: escapes before spaces, newlines, CRLF, `$` and EOF; comment lines
// inside continuations; quotes; the backtick escape directive.
const PIECES = ['RUN', 'COPY', 'FROM', ' ', '  ', '\t', 'a', 'bc', '"q r"', "'s'", '$V', '${W:-x}', '\\', '\\$', '\\ ', '\\  \n', '\\\n', '\\\r\n', '\\ \t\r\n', '\n', '\r\n', '#', '# c\n', '  # c\n', '--from=x', '--mount=type=cache,from=a', '`', '`\n', '[', ']', ',', '<<EOF', 'EOF'];

describe('argument tokeniser', () => {
  it('gives dockerfile-ast\'s arguments on generated instructions', () => {
    let total = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (backtick, parts) => {
        const text = `${backtick ? '# escape=`\n' : ''}FROM a\nRUN ${parts.join('')}\nCOPY ${[...parts].reverse().join('')}`;
        total += compare(text);
      }),
      PARAMETERS(3000),
    );
    assert.ok(total > 3000, `compared ${total} instructions`);
  });

  it('gives dockerfile-ast\'s arguments when escaped blanks come before any argument', () => {
    // A token with no start of its own: dockerfile-ast places it one character before the arguments.
    assert.ok(compare('FROM a\nFROM \\ \\ \\  \n \\[\nRUN \\\r\n \\ a--b\n') === 3);
  });

  it('gives dockerfile-ast\'s arguments on the example and fixture files', () => {
    const files = exampleAndFixtureFiles();
    let total = 0;
    for (const file of files) total += compare(fs.readFileSync(file, 'utf8'));
    assert.ok(total > 100, `compared ${total} instructions in ${files.length} files`);
  });
});
