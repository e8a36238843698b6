// The lean reader (model/lean.ts) must give exactly the parsed data that dockerfile-ast's typed
// instructions give (parseTextWithAst): tokens, flags, mount options, exec form, variables, heredocs, positions. Chunks
// parsed away from their lines are covered by chunks.test.ts, which compares them with whole-file parses.
// Compared by what they read (plain), not by how they store it: the lean reader keeps an argument's value as
// bounds in argsText where it can, the typed reading as a string.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { PARAMETERS } from './params';
import { exampleAndFixtureFiles } from '../helpers/files';
import { plain } from '../helpers/plainModel';
import { parseText, parseTextWithAst } from '../../server/src/model/extract';
import type { Flag, ParsedText } from '../../server/src/model/types';


const KEYWORDS = ['FROM', 'COPY', 'ADD', 'RUN', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'WORKDIR', 'USER', 'LABEL', 'EXPOSE', 'STOPSIGNAL', 'MAINTAINER', 'ARG', 'ENV', 'ONBUILD', 'copy', 'Run', 'BOGUS'];
// Flags of every shape getFlags handles (no value, empty value, options, escapes inside, stray dashes),
// exec-form pieces (brackets, quotes, commas, escapes), and line continuations with CRLF and comments.
const PIECES = [' ', '  ', '\t', 'a', 'bc', 'CMD', 'none', '--from=x', '--link', '--chmod=755', '--a=', '--', '---x', '-\\\n-x=y', '--a\\\n=b', '--mount=type=cache,target=/c', '--mount=type=bind,from=a,source=/o', '--mount=,a=b,', '--mount=a=,=b', '--m=x=y', 'a--b', '[', ']', '[]', '"a"', '"b c"', '"', ',', '\\[', '\\"', '\\\\', '\\ ', '\\  \n', '\\\n', '\\\r\n', '\\\r', '\\ \t\r\n', '\n', '\r\n', '# c\n', '  # c\n', '`', '`\n', '=', 'x=1', '$V', '${W:-x}', '\\$', "'$q'", '<<EOF', '<<-EOT', '<<"A"', 'EOF', '\tEOT', 'A', '<x'];

function compare(text: string): void {
  const lean = parseText(text);
  assert.deepStrictEqual(plain(lean), plain(parseTextWithAst(text)), JSON.stringify(text));
  // optionsNamed matches names in the flag's value without building the others (parsed.ts): it must pick
  // what `options` has, which the line above compares with dockerfile-ast's. Asked of a fresh parse, whose
  // flags have not built their options yet.
  const flags = flagsOf(lean);
  const fresh = flagsOf(parseText(text));
  flags.forEach((flag, k) => {
    for (const name of new Set(['from', '=', '', ...flag.options.map((o) => o.name)])) {
      assert.deepStrictEqual(fresh[k].optionsNamed(name), flag.options.filter((o) => o.name === name), JSON.stringify([text, name]));
    }
  });
}

function flagsOf(parsed: ParsedText): Flag[] {
  const instructions = [...parsed.preamble, ...parsed.stages.flatMap((s) => [s.from, ...s.instructions])];
  return [...instructions, ...instructions.flatMap((i) => (i.trigger ? [i.trigger] : []))].flatMap((i) => [...i.flags]);
}

describe('lean instruction reader', () => {
  it("gives dockerfile-ast's parse on generated instructions", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.record({ keyword: fc.constantFrom(...KEYWORDS), parts: fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }) }), { minLength: 1, maxLength: 4 }),
        (backtick, instructions) => {
          const body = instructions.map(({ keyword, parts }) => `${keyword} ${parts.join('')}`).join('\n');
          compare(`${backtick ? '# escape=`\n' : ''}FROM a\n${body}\n`);
        },
      ),
      PARAMETERS(3000),
    );
  });

  it("gives dockerfile-ast's parse on edge cases of its readers", () => {
    const cases = [
      // exec form: an escaped bracket that is still "[]", a quoted bracket, escapes inside quotes
      'CMD \\[]',
      'CMD ["a]',
      'CMD ["a]"]',
      'CMD ["a\\\r"]',
      'CMD ["a\\\r\nb"]',
      'CMD ["a\\ \t\nb"]',
      'CMD ] ["a"]',
      'CMD \\ \n ["a"]',
      'RUN --mount=a=b ["x"]',
      'COPY [ "a" , "b" ]',
      // option positions counted in the unescaped value land inside the escaped line break
      'RUN --mount=a=b\\\r\ncd x',
      'RUN --mount=a=b,c\\\r\nde=f x',
      'HEALTHCHECK --interval=5s none',
      'HEALTHCHECK --interval=5s cmd true',
      // escaped blanks before any argument: a token with no start of its own starts just before the arguments
      'FROM \\ \\ \\  \n \\[',
      'RUN \\\r\n \\ a--b',
      // plain ARG and ENV (leanProperties.ts): one property per `name=value` token, or `name` then the rest as its value
      'ARG a',
      'ARG a=',
      'ARG =b',
      'ARG a b',
      'ENV a=b c=d',
      'ENV a=b c',
      'ENV a b',
      'ENV a b c',
      'env a  b\tc=d ',
      'ENV a b=c d',
      // and ones that are not plain: a variable whose default has a space is one property argument but two tokens
      'ENV a=${b:-x y}',
      'ARG a=${b:-x y} c',
      // triggers are read like any instruction
      'ONBUILD COPY --from=a /x /y',
      'ONBUILD RUN --mount=type=cache,from=b,target=/c make $V',
      'ONBUILD ADD ["a", "b"]',
    ];
    for (const text of cases) compare(`FROM a\n${text}\n`);
    // exec form behind the other escape character: the tokeniser unescapes it, the bracket scan does not
    compare('# escape=`\nFROM a\nCMD `[]\nCMD `[ `]\nCMD `["a"]\n');
  });

  it("gives dockerfile-ast's variables on edge cases of parseVariables", () => {
    const cases = [
      // a `$` that starts nothing: at the end of an argument, before a blank, escaped
      'FROM a\nRUN echo a$ $ b \\$A',
      // braces: modifiers, blanks after the colon, no closing brace (the rest of the argument is not read)
      'FROM a\nRUN echo ${A:} ${A:-} ${A:+x} ${A: -x} ${A:  } ${A:-x:y}',
      'FROM a\nRUN echo ${A ${B} $C',
      'FROM a\nRUN echo x${A}y${B',
      // the escape character inside braces skips to the next line break in the argument, or only itself
      'FROM a\nRUN echo ${A\\\nB} ${A\\B} ${A\\B\\\nC}',
      'FROM a\nRUN echo "${A\\\n  B}"',
      // and in a bare name: on after the next line break, or the end of the variable
      'FROM a\nRUN echo $A\\\nB $A\\ $A\\B\\\nC',
      'FROM a\nRUN echo $A\\',
      // what ends a bare name
      "FROM a\nRUN echo $A'b' \"$C\" $D$E $F-g $G.h $_i9",
      // another escape character
      '# escape=`\nFROM a\nRUN echo ${A`\nB} $C`\nD $E`',
      // CRLF, and FROM itself (resolved against the global ARGs)
      'ARG V=1\r\nFROM a:${V} AS $B\r\nRUN echo $A\r\n',
      '  FROM a:$V\nRUN echo $A',
      // before the first FROM dockerfile-ast's resolution can throw (an indented line), leaving no variables
      'ARG A\nRUN echo $A\nFROM a',
      'ARG A\n  RUN echo $A\nFROM a',
      '  ARG B=$A\nFROM a',
      'RUN echo ${A}\n# c\n  LABEL x=$A\nFROM a',
    ];
    for (const text of cases) compare(`${text}\n`);
  });

  it("gives dockerfile-ast's parse on the example and fixture files", () => {
    const files = exampleAndFixtureFiles();
    for (const file of files) compare(fs.readFileSync(file, 'utf8'));
    assert.ok(files.length > 20, `compared ${files.length} files`);
  });
});
