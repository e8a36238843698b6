// Seeded, realistic multistage Dockerfiles for the benchmark: global ARGs, FROM a previous stage,
// COPY --from, RUN --mount from=, comments, continuations and heredocs. About 13 lines per stage.

/** mulberry32: a small seeded PRNG, so every run benchmarks the same text. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IMAGES = ['alpine:${ALPINE_VERSION}', 'golang:${GO_VERSION}-alpine', 'python:${PYTHON_VERSION}-slim', 'node:20-bookworm', 'debian:bookworm-slim', 'gcr.io/distroless/static', 'scratch'];
const PACKAGES = ['build-base', 'git', 'curl', 'ca-certificates', 'openssl-dev', 'libffi-dev', 'make', 'pkgconf'];

/**
 * Returns { text, positions } where positions name the cursor spots the benchmark uses
 * (0-based line/character): fromValue (inside a --from= value late in the file), afterFrom (just
 * after `--from=`), stageName (inside the `AS name` that fromValue refers to), edit (a character
 * inside a RUN of the middle stage).
 */
export function generate(stages, seed = 7) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const lines = [
    '# syntax=docker/dockerfile:1',
    '# Generated build matrix: every service builds in its own stages.',
    'ARG ALPINE_VERSION=3.20',
    'ARG GO_VERSION=1.22',
    'ARG PYTHON_VERSION=3.12',
    'ARG REGISTRY=docker.io',
    '',
  ];
  const positions = {};
  const middle = Math.floor(stages / 2);
  const nameAt = [];
  let lastCopied = 0;
  for (let i = 0; i < stages; i++) {
    const name = `stage-${i}`;
    const previous = i > 0 ? `stage-${Math.floor(rnd() * i)}` : null;
    lines.push(`# ${name}: part ${i % 7} of the matrix`);
    const base = previous && rnd() < 0.4 ? previous : pick(IMAGES);
    const from = `FROM ${rnd() < 0.2 ? '--platform=$BUILDPLATFORM ' : ''}${base} AS ${name}`;
    nameAt.push({ line: lines.length, character: from.length - 2 });
    lines.push(from);
    lines.push(`WORKDIR /src/${name}`);
    lines.push(`RUN apk add --no-cache ${pick(PACKAGES)} ${pick(PACKAGES)} \\`);
    lines.push(`    && mkdir -p /out/${name} \\`);
    lines.push(`    && echo "building ${name}" > /out/${name}/build.log`);
    if (i === middle) positions.edit = { line: lines.length - 1, character: 10 };
    lines.push(`ENV SERVICE=${name} PORT=${8000 + i}`);
    if (previous) {
      const copy = `COPY --from=${previous} /out/ /deps/`;
      if (i >= stages - 2 || positions.fromValue === undefined) {
        positions.fromValue = { line: lines.length, character: 'COPY --from='.length + 2 };
        positions.afterFrom = { line: lines.length, character: 'COPY --from='.length };
        lastCopied = Number(previous.slice('stage-'.length));
      }
      lines.push(copy);
      lines.push(`RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=${previous},source=/out,target=/in \\`);
      lines.push('    cp -r /in /deps/in');
    } else {
      lines.push('COPY . .');
      lines.push('RUN make -j4 all');
    }
    if (rnd() < 0.3) {
      lines.push('RUN <<EOF');
      lines.push('set -eux');
      lines.push(`echo "${name}" > /etc/service`);
      lines.push('EOF');
    } else {
      lines.push(`LABEL org.opencontainers.image.title="${name}"`);
    }
    lines.push(`CMD ["/out/${name}/run"]`);
    lines.push('');
  }
  // References and rename start from the `AS name` of the stage that the late COPY --from names.
  positions.stageName = nameAt[lastCopied];
  return { text: lines.join('\n'), positions };
}
