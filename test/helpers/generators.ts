// fast-check arbitraries: realistic multistage Dockerfiles, the half-typed states an editor passes through
// (random edits of them), and plain garbage. Reusable by any property test.
import fc from 'fast-check';

/** Stage names drawn from a small pool so that references often hit (or nearly hit) a real stage. */
const NAMES = ['build', 'Builder', 'base', 'deps', 'test', 'runtime', 'final', 'tools', 'web-1', 'a.b_c', 'scratch'];
const IMAGES = [
  'alpine', 'alpine:3.20', 'golang:1.22-alpine', 'python:3.12-slim', 'node:20', 'debian:bookworm-slim', 'ubuntu',
  'gcr.io/distroless/static', 'scratch', 'busybox@sha256:abc123', '${BASE}', '$IMAGE:${TAG:-latest}', 'python:${PY}-alpine',
  'registry.example.com:5000/team/app:1.0', 'musl', 'ALPINE',
];
const PATHS = ['/src', '/app', '.', '/wheels', '/out/bin', '/usr/local/bin/', 'go.mod', '*.txt', 'C:\\app', '"/with space"'];
const WORDS = ['make', 'go build ./...', 'apk add --no-cache gcc', 'pip install -r requirements.txt', 'echo "$HOME"', 'true', "sh -c 'x=1'"];

const name = fc.constantFrom(...NAMES);
const image = fc.constantFrom(...IMAGES);
const path = fc.constantFrom(...PATHS);
const word = fc.constantFrom(...WORDS);
const stageRef = fc.oneof(name, fc.mixedCase(name), fc.nat(6).map(String), image, fc.constantFrom('$STAGE', '${X}', '', '"build"', 'nope'));

const directive = fc.oneof(
  fc.constant('# syntax=docker/dockerfile:1'),
  fc.constant('# escape=`'),
  fc.constant('# escape=\\'),
  fc.constant('# check=skip=all'),
);

const globalArg = fc.oneof(
  fc.tuple(fc.constantFrom('BASE', 'TAG', 'PY', 'IMAGE', 'STAGE'), fc.option(image)).map(([k, v]) => (v === null ? `ARG ${k}` : `ARG ${k}=${v}`)),
  fc.constant('ARG A=1 B="two words"'),
);

const from = fc
  .tuple(fc.option(fc.constantFrom('linux/amd64', '$BUILDPLATFORM', '$TARGETPLATFORM')), fc.oneof(image, name), fc.option(name), fc.constantFrom('FROM', 'from', 'From'), fc.constantFrom('AS', 'as', 'As'))
  .map(([platform, base, alias, keyword, as]) =>
    [keyword, platform === null ? '' : ` --platform=${platform}`, ` ${base}`, alias === null ? '' : ` ${as} ${alias}`].join(''),
  );

/** A continuation in the escape character `e` joins the next line. */
const instruction = (e: string) =>
  fc.oneof(
    fc.tuple(word, fc.option(word)).map(([a, b]) => (b === null ? `RUN ${a}` : `RUN ${a} && ${e}\n    ${b}`)),
    fc.tuple(stageRef, word).map(([ref, w]) => `RUN --mount=type=cache,target=/root/.cache --mount=from=${ref},source=/x,target=/y ${w}`),
    fc.tuple(stageRef, path, path).map(([ref, a, b]) => `COPY --from=${ref} ${a} ${b}`),
    fc.tuple(stageRef, path).map(([ref, a]) => `COPY --link --chown=1000:1000 --from=${ref} ${e}\n     ${a} /dest/`),
    fc.tuple(path, path).map(([a, b]) => `ADD ${a} ${b}`),
    fc.tuple(stageRef, path).map(([ref, a]) => `ONBUILD COPY --from=${ref} ${a} /x`),
    fc.constant('RUN <<EOF\nset -e\necho hi\nEOF'),
    fc.constant('COPY <<-EOT /etc/conf\n\tkey=value\n\tEOT'),
    fc.constant('RUN ["/bin/sh", "-c", "echo exec form"]'),
    fc.constant('CMD ["app", "--flag"]'),
    fc.constant('ENTRYPOINT ["/usr/bin/tini", "--"]'),
    fc.constantFrom('WORKDIR /app', 'USER nobody', 'EXPOSE 8080/tcp', 'ENV PATH=/app/bin:$PATH LANG=C.UTF-8', 'LABEL org.opencontainers.image.title="x"'),
    fc.constantFrom('ARG VERSION', 'ARG PY=3.12', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1', 'SHELL ["/bin/bash", "-c"]', 'STOPSIGNAL SIGTERM'),
    fc.constantFrom('# a comment', '#', '', '   ', 'VOLUME /data', 'MAINTAINER someone'),
  );

const stage = (e: string) => fc.tuple(from, fc.array(instruction(e), { maxLength: 6 })).map(([f, body]) => [f, ...body].join('\n'));

/** A realistic multistage Dockerfile: directives, global ARGs, 1-5 stages; LF, or CRLF and a trailing newline at random. */
export const dockerfile: fc.Arbitrary<string> = fc
  .tuple(fc.array(directive, { maxLength: 2 }), fc.array(globalArg, { maxLength: 3 }), fc.boolean(), fc.boolean())
  .chain(([directives, args, crlf, trailing]) => {
    const escape = directives.find((d) => d.startsWith('# escape='))?.slice('# escape='.length) ?? '\\';
    return fc.array(stage(escape), { minLength: 1, maxLength: 5 }).map((stages) => {
      const text = [...directives, ...args, ...stages].join('\n') + (trailing ? '\n' : '');
      return crlf ? text.replace(/\n/g, '\r\n') : text;
    });
  });

/** Fragments an editor inserts mid-word: continuations, heredoc markers, quotes, variables, unicode. */
const fragment = fc.oneof(
  fc.constantFrom('\\', '\\\n', '`', '`\n', '<<EOF', '<<-EOF\n', '\nEOF', '<<"EOF"', '"', "'", '[', ']', '["', '$', '${', '}', '${X:-', '#', '\n', '\r\n', '\r', '\t', ' '),
  fc.constantFrom('--from=', '--mount=from=', 'AS ', ' as x', 'FROM ', 'COPY --from=', '=', ',', '--platform=$'),
  fc.constantFrom('é', 'ß', '日本', '🐳', '\u0301', '\u200b', '\u2028', '\ufeff', '\ud83d', '\udc33', '\u0000', '\u00a0', 'İ'),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);

export type Edit =
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number };

/** One random edit; `at` is reduced modulo the text's length (or line count) when applied, so edits fit any text. */
export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fragment }), weight: 3 },
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function applyEdit(text: string, e: Edit): string {
  if (e.kind === 'delete-line' || e.kind === 'duplicate-line') {
    const rows = text.split('\n');
    const i = e.at % rows.length;
    if (e.kind === 'delete-line') rows.splice(i, 1);
    else rows.splice(i, 0, rows[i]);
    return rows.join('\n');
  }
  const at = e.at % (text.length + 1);
  if (e.kind === 'cut') return text.slice(0, at) + text.slice(at + e.length);
  if (e.kind === 'insert') return text.slice(0, at) + e.text + text.slice(at);
  return text.slice(0, at);
}

/** A realistic Dockerfile after 1-6 random edits: the half-typed states a server sees. */
export const editedDockerfile: fc.Arbitrary<string> = fc
  .tuple(dockerfile, fc.array(edit, { minLength: 1, maxLength: 6 }))
  .map(([text, edits]) => edits.reduce(applyEdit, text));

/** Random bytes read as Latin-1 or as UTF-8 (with replacement characters), and arbitrary UTF-16 (lone surrogates included). */
export const garbage: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('FROM', ' ', 'AS', '\n', '\\', '--from=', '=', '$', '{', '}', '"', '<<', 'EOF', 'a', '0'), maxLength: 60 }),
);

export const whitespace: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(' ', '\t', '\n', '\r', '\r\n', '\f', '\v', '\u00a0', '\u3000', '\\\n'),
  maxLength: 40,
});

/** What a server may be sent: mostly edited realistic files, some intact ones, garbage and blank files. */
export const anyDocument: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: editedDockerfile, weight: 5 },
  { arbitrary: dockerfile, weight: 2 },
  { arbitrary: garbage, weight: 2 },
  { arbitrary: whitespace, weight: 1 },
);

/** A position as raw numbers; `probePosition` maps it into (or just past) a text's lines. */
export const probe: fc.Arbitrary<[number, number]> = fc.tuple(fc.nat(), fc.nat());

/** Lines and characters up to two past the end, so requests past the end of a line or the file are covered. */
export function probePosition(text: string, [line, character]: [number, number]): { line: number; character: number } {
  const rows = text.split(/\r\n|\r|\n/);
  const l = line % (rows.length + 2);
  const length = rows[l]?.length ?? 0;
  return { line: l, character: character % (length + 3) };
}

/** New names for rename: valid, differently-cased, taken, and invalid ones. */
export const newName: fc.Arbitrary<string> = fc.oneof(
  name,
  fc.mixedCase(name),
  fc.constantFrom('renamed', 'x', 'stage-2', 'a_b.c', '', ' ', 'has space', '1abc', '-x', 'a/b', '$X', 'ÄÖ', 'scratch', 'context'),
);
