// The stage chunk reader (model/stageChunk.ts) must read a chunk exactly as dockerfile-ast's parse does
// (what chunks.ts's parseAt did before it, and still does where it answers null), and must answer for the
// chunks real files are made of.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { PARAMETERS } from './params';
import { exampleAndFixtureFiles } from '../helpers/files';
import { plain } from '../helpers/plainModel';
import { parseText } from '../../server/src/model/extract';
import { directiveInfo, splitChunks } from '../../server/src/model/scanner';
import { parseStageChunk } from '../../server/src/model/stageChunk';
import type { ParsedText } from '../../server/src/model/types';

/** dockerfile-ast's parse of a chunk standing at `line` of a file whose escape character is `escape`. */
function astChunk(chunk: string, escape: string, line: number): ParsedText {
  const directive = escape === '\\' ? '' : `# escape=${escape}\n`;
  return { ...parseText(directive + chunk, false, directive === '' ? line : line - 1), directives: [] };
}

/** Whether the reader answered for the chunk; when it does, it must equal dockerfile-ast's parse. */
function check(chunk: string, escape: string, line: number): boolean {
  const lean = parseStageChunk(chunk, escape, line);
  if (lean === null) return false;
  assert.deepStrictEqual(plain(lean), plain(astChunk(chunk, escape, line)), JSON.stringify({ chunk, escape, line }));
  return true;
}

const KEYWORDS = ['FROM', 'COPY', 'ADD', 'RUN', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'LABEL', 'ARG', 'ENV', 'ONBUILD', 'copy', 'Run', 'BOGUS', 'WORKDIR'];
// Arguments, flags, continuations (blank, comment and CRLF lines inside), heredoc openers and bodies, comments.
const PIECES = [' ', '  ', '\t', 'a', 'bc', '--from=x', '--mount=type=bind,from=a,source=/o', '--', 'a--b', '["x", "y"]', '"b c"', '$V', '${W:-x}', '=', 'x=1', '\\\n', '\\ \n', '\\\r\n', '\\\r', '\\  ', '`\n', '`', '\n', '\r\n', '\r', '# c\n', '\n  # c\n', '\n\n', '<<EOF', '<<-EOT', '<<"A"', "<<'B'", '<<', '<x', '> out', 'EOF', '\tEOT', 'A', 'B', '\nEOF\n', '\n\tEOT\n', '\nFROM b AS c\n', '\n  from d\n', '#'];

const chunkArb = fc.record({
  escape: fc.constantFrom('\\', '`'),
  line: fc.nat(40).map((n) => n + 1),
  indent: fc.constantFrom('', '  ', '\t'),
  instructions: fc.array(fc.record({ keyword: fc.constantFrom(...KEYWORDS), parts: fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }) }), { maxLength: 5 }),
  eol: fc.constantFrom('\n', '\r\n', ''),
});

describe('stage chunk reader', () => {
  it("reads generated chunks as dockerfile-ast's parse does, or leaves them to it", () => {
    let answered = 0;
    fc.assert(
      fc.property(chunkArb, ({ escape, line, indent, instructions, eol }) => {
        const body = instructions.map(({ keyword, parts }) => `${keyword} ${parts.join('')}`).join('\n');
        if (check(`${indent}FROM a AS s\n${body}${eol}`, escape, line)) answered++;
      }),
      PARAMETERS(3000),
    );
    // Without this the property would hold for a reader that always gives up.
    assert.ok(answered > PARAMETERS(3000).numRuns! / 4, `answered ${answered}`);
  });

  it('reads the chunks of realistic stages itself', () => {
    const chunks = [
      'FROM golang:1.22 AS build\nWORKDIR /src\nRUN --mount=type=cache,target=/root/.cache go build ./...\n',
      'FROM --platform=$BUILDPLATFORM alpine:${ALPINE_VERSION} AS stage-6\n# a comment\nRUN apk add --no-cache make curl \\\n    && mkdir -p /out \\\n    # inside\n    && echo done\nENV SERVICE=a PORT=8000\n',
      'FROM a AS b\nRUN <<EOF\nset -eux\n# not a comment\nFROM not-a-stage\nEOF\nCMD ["/run"]\n',
      'FROM a AS b\r\nCOPY <<-"EOT" /etc/x\r\n\tbody\r\n\tEOT\r\nRUN cat <<A <<B\nx\nA\ny\nB\n',
      '  from a\nLABEL org.opencontainers.image.title="x"\nUSER app\nHEALTHCHECK --interval=5s CMD true\nRUN echo $HOME\n',
      // the tokeniser splits `<<" A"` at the blank: `<<"` opens a heredoc with an empty name, which no line ends
      'FROM a\nRUN <<" A"\nA\n A\nRUN x\n',
    ];
    for (const chunk of chunks) {
      assert.ok(check(chunk, '\\', 10), chunk);
      assert.ok(check(chunk.replace(/\\$/gm, '`'), '`', 10), chunk);
    }
  });

  it('leaves to dockerfile-ast what it does not cover', () => {
    // ONBUILD, an escape character inside a keyword, flags before a heredoc, a quoted ENV, LABEL with a variable
    for (const chunk of ['FROM a\nONBUILD RUN x\n', 'FROM a\nRU\\\nN x\n', 'FROM a\nRUN --network=none <<EOF\nx\nEOF\n', 'FROM a\nENV A="b c"\n', 'FROM a\nLABEL a=$B\n']) {
      assert.equal(parseStageChunk(chunk, '\\', 3), null, chunk);
    }
  });

  it("reads the example and fixture files' stage chunks as dockerfile-ast does", () => {
    let answered = 0;
    let chunks = 0;
    for (const file of exampleAndFixtureFiles()) {
      const text = fs.readFileSync(file, 'utf8');
      const { escapeChar, count } = directiveInfo(text);
      for (const chunk of splitChunks(text, escapeChar, count).slice(1)) {
        chunks++;
        if (check(chunk.text, escapeChar, chunk.line)) answered++;
      }
    }
    assert.ok(answered > chunks / 2, `answered ${answered} of ${chunks}`);
  });
});
