// Chunked, incremental parsing must give exactly the model that parsing the whole file gives.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { PARAMETERS } from './params';
import { ModelBuilder, parseDockerfile } from '../../server/src/model';
import { plain } from '../helpers/plainModel';

const NAMES = ['base', 'Builder', 'deps', 'test', 'BUILD', 'runner', 'a-b', 'x'];
const IMAGES = ['alpine:3.20', 'golang:1.22', 'python:${PY}-slim', 'scratch', '${REG:-docker.io}/node:20', 'debian'];

interface Shape {
  escape: '\\' | '`';
  directive: boolean;
  eol: '\n' | '\r\n';
}

const piece = (esc: string): fc.Arbitrary<string[]> =>
  fc.oneof(
    fc.constantFrom<string[]>(['RUN make'], ['# a comment'], [''], ['   '], ['WORKDIR /src'], ['ENV A=1 B=$A'], ['ARG V=2'], ['CMD ["run"]']),
    fc.record({ name: fc.constantFrom(...NAMES), kw: fc.constantFrom('COPY', 'ADD', 'copy') }).map(({ name, kw }) => [`${kw} --from=${name} /a /b`]),
    fc.constantFrom(...NAMES, '0', '1', '$X').map((name) => [`RUN --mount=type=cache,from=${name},target=/c true`]),
    fc.constantFrom(...NAMES).map((name) => [`ONBUILD COPY --from=${name} /a /b`]),
    // Continuations, with blank and comment lines inside and FROM-looking continuation lines.
    fc
      .array(fc.constantFrom('  apk add x', '', '# inner comment', 'FROM inside', '  && make', 'from y AS z'), { minLength: 1, maxLength: 4 })
      .chain((rest) =>
        fc.constantFrom(' ', '', '  \t').map((ws) => {
          const out = [`RUN echo start ${esc}${ws}`];
          rest.forEach((line, i) => {
            const content = line !== '' && !line.startsWith('#');
            out.push(content && i < rest.length - 1 ? `${line} ${esc}` : line);
          });
          if (!out[out.length - 1].trim() || out[out.length - 1].startsWith('#') || out[out.length - 1].endsWith(esc)) out.push('  done');
          return out;
        }),
      ),
    // Heredocs: plain, dashed, quoted, two on one line; bodies that look like instructions.
    fc
      .record({
        open: fc.constantFrom('RUN <<EOF', 'RUN <<-EOT bash', 'COPY <<"EOF" /x', "RUN <<'A' cat <<B", 'RUN cat <<EOF > /f', 'ONBUILD RUN <<EOF'),
        body: fc.array(fc.constantFrom('FROM evil', 'echo hi', '# not a comment', 'EOFX', '\tEOT', ''), { maxLength: 3 }),
      })
      .map(({ open, body }) => {
        if (open.includes('<<B')) return [open, ...body, 'A', 'FROM b', 'B'];
        if (open.includes('EOT')) return [open, ...body, '\tEOT'];
        if (open.includes("'A'")) return [open, ...body, 'A'];
        return [open, ...body, 'EOF'];
      }),
  );

const stage = (esc: string) =>
  fc.record({
    kw: fc.constantFrom('FROM', 'FROM', 'from', '  FROM'),
    platform: fc.boolean(),
    base: fc.oneof(fc.constantFrom(...IMAGES), fc.constantFrom(...NAMES)),
    name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
    body: fc.array(piece(esc), { maxLength: 6 }),
  });

const dockerfile = fc
  .record({
    escape: fc.constantFrom<'\\' | '`'>('\\', '`'),
    directive: fc.boolean(),
    eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
  })
  .chain((shape: Shape) =>
    fc
      .record({
        syntax: fc.boolean(),
        args: fc.array(fc.constantFrom('ARG PY=3.12', 'ARG REG', 'ARG TAG=${PY}-alpine', '# global comment', ''), { maxLength: 3 }),
        stages: fc.array(stage(shape.escape), { maxLength: 8 }),
        trailingEol: fc.boolean(),
      })
      .map(({ syntax, args, stages, trailingEol }) => {
        const rows: string[] = [];
        if (syntax) rows.push('# syntax=docker/dockerfile:1');
        if (shape.escape === '`' || shape.directive) rows.push(`# escape=${shape.escape}`);
        rows.push(...args);
        for (const s of stages) {
          const platform = s.platform ? ' --platform=$BUILDPLATFORM' : '';
          rows.push(`${s.kw}${platform} ${s.base}${s.name ? ` AS ${s.name}` : ''}`);
          for (const p of s.body) rows.push(...p);
        }
        const text = rows.join(shape.eol);
        return trailingEol ? text + shape.eol : text;
      }),
  );

const EDIT_TEXT = ['x', '\\', '`', '\n', '\r\n', '\r', '#', '<<EOF', 'EOF\n', 'FROM a AS b\n', ' ', '\t', '"', 'from', '-'];
const edits = fc.array(
  fc.record({ at: fc.nat(), remove: fc.nat({ max: 8 }), insert: fc.constantFrom(...EDIT_TEXT) }),
  { minLength: 1, maxLength: 4 },
);

function applyEdit(text: string, edit: { at: number; remove: number; insert: string }): string {
  const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
  return text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
}

describe('chunked parsing equals whole-file parsing', () => {
  it('on generated multistage files and after random edits', () => {
    fc.assert(
      fc.property(dockerfile, edits, (text, changes) => {
        const builder = new ModelBuilder();
        assert.deepStrictEqual(plain(builder.build(text)), plain(parseDockerfile(text)));
        let current = text;
        for (const change of changes) {
          current = applyEdit(current, change);
          assert.deepStrictEqual(plain(builder.build(current)), plain(parseDockerfile(current)));
        }
      }),
      PARAMETERS(150),
    );
  });

  // Whole-line replacements that change what untouched stages resolve against: global ARG values, stage names.
  const LINES = ['ARG PY=3.11', 'ARG REG=ghcr.io', 'ARG TAG', 'FROM alpine AS base', 'FROM debian AS Builder', 'FROM debian AS builder', 'FROM debian AS TEST', 'FROM base AS x', 'FROM scratch', 'from deps', 'RUN make', '# escape=`', ''];
  const lineEdits = fc.array(fc.record({ line: fc.nat(), text: fc.constantFrom(...LINES) }), { minLength: 1, maxLength: 4 });

  it('after replacing lines that rename stages or change global ARGs', () => {
    fc.assert(
      fc.property(dockerfile, lineEdits, (text, changes) => {
        const builder = new ModelBuilder();
        builder.build(text);
        let current = text;
        for (const change of changes) {
          const rows = current.split('\n');
          rows[change.line % rows.length] = change.text;
          current = rows.join('\n');
          assert.deepStrictEqual(plain(builder.build(current)), plain(parseDockerfile(current)));
        }
      }),
      PARAMETERS(300),
    );
  });

  it('on arbitrary text made of Dockerfile fragments', () => {
    const fragment = fc.constantFrom('FROM a', 'from b AS c', 'RUN x', '\\', '`', '# escape=`', '#', '<<EOF', '<<-E', 'EOF', '\tE', '\n', '\r\n', '\r', ' ', 'COPY --from=c . .', '"');
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        assert.deepStrictEqual(plain(new ModelBuilder().build(text)), plain(parseDockerfile(text)));
      }),
      PARAMETERS(300),
    );
  });

  it('with keywords that upper-case to RUN, COPY, ADD or ONBUILD only outside ASCII', () => {
    // `ı` upper-cases to `I`: dockerfile-ast takes `onbuıld` for ONBUILD, so the heredoc's FROM line is not a stage.
    for (const text of ['FROM a\nonbuıld RUN <<EOF\nFROM b\nEOF\nRUN x\n', 'FROM a\nONBUILD ruN <<EOF\nFROM b\nEOF\n', 'FROM a\nAdd <<EOF /x\nFROM b\nEOF\n']) {
      assert.deepStrictEqual(plain(new ModelBuilder().build(text)), plain(parseDockerfile(text)), text);
    }
  });

  it('on the example files', () => {
    const dir = path.resolve(__dirname, '../../../examples');
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.deepStrictEqual(plain(new ModelBuilder().build(text)), plain(parseDockerfile(text)), file);
    }
  });
});
