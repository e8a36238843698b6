// Where the chunk scanner cuts a Dockerfile, and what the builder re-parses after an edit.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ModelBuilder, chunkStartLines, parseDockerfile, splitChunks } from '../../server/src/model';
import { lines } from '../helpers/markers';
import { plain } from '../helpers/plainModel';

describe('chunk scanner', () => {
  it('cuts before every FROM, keeping the global part first', () => {
    const text = lines('# syntax=docker/dockerfile:1', 'ARG V=1', 'FROM a AS one', 'RUN x', '', '# about two', 'from b', 'FROM one');
    assert.deepEqual(chunkStartLines(text, '\\'), [0, 2, 6, 7]);
    assert.deepEqual(
      splitChunks(text, '\\').map((c) => c.line),
      [0, 2, 6, 7],
    );
    assert.equal(splitChunks(text, '\\').map((c) => c.text).join(''), text);
  });

  it('does not cut at a FROM that continues an instruction, across blank and comment lines', () => {
    const text = lines('FROM a', 'RUN x \\  ', '', '# note', 'FROM y', 'FROM b');
    assert.deepEqual(chunkStartLines(text, '\\'), [0, 5]);
  });

  it('uses the escape character from the directive', () => {
    const text = lines('# escape=`', 'FROM a', 'RUN x `', 'FROM y', 'RUN z \\', 'FROM b');
    assert.deepEqual(chunkStartLines(text, '`'), [0, 1, 5]);
  });

  it('does not cut inside heredocs, including several on one line and <<- with tabs', () => {
    const text = lines('FROM a', "RUN <<-'A' cat <<B", 'FROM x', '\tA', 'FROM y', 'B', 'FROM b', 'COPY <<EOF /f', ' EOF', 'FROM z', 'EOF', 'FROM c');
    assert.deepEqual(chunkStartLines(text, '\\'), [0, 6, 11]);
  });

  it('ignores << in instructions that take no heredoc', () => {
    const text = lines('FROM a', 'LABEL x=<<EOF', 'FROM b', 'RUN echo $((1<<3))', 'FROM c');
    assert.deepEqual(chunkStartLines(text, '\\'), [0, 2, 4]);
  });

  it('stops cutting when unsure: a quoted <<, a lone CR, an escape inside a keyword', () => {
    assert.deepEqual(chunkStartLines(lines('FROM a', 'RUN echo "<<EOF"', 'FROM b'), '\\'), [0]);
    assert.deepEqual(chunkStartLines('FROM a\rFROM b\nFROM c', '\\'), [0]);
    assert.deepEqual(chunkStartLines(lines('FROM a', 'FROM\\ b', 'FROM c'), '\\'), [0]);
  });

  it('keeps lines the parser skips after several directives on one line in the first chunk', () => {
    assert.deepEqual(chunkStartLines(lines('# a=1 #b=2', 'FROM x', 'FROM y'), '\\', 2), [0, 2]);
  });
});

describe('model builder', () => {
  const stages = (n: number) => Array.from({ length: n }, (_, i) => lines(`FROM alpine AS s${i}`, `COPY --from=s${Math.max(0, i - 1)} /a /b`, 'RUN make')).join('\n');

  it('re-parses only the stage an edit touches', () => {
    const builder = new ModelBuilder();
    const text = lines('ARG V=1', stages(5));
    builder.build(text);
    assert.deepEqual(builder.stats, { chunks: 6, parsed: 6 });
    const edited = text.replace('RUN make\nFROM alpine AS s3', 'RUN make -j\nFROM alpine AS s3');
    assert.deepStrictEqual(plain(builder.build(edited)), plain(parseDockerfile(edited)));
    assert.deepEqual(builder.stats, { chunks: 6, parsed: 1 });
  });

  it('reuses stages that only moved to other lines', () => {
    const builder = new ModelBuilder();
    const text = lines('ARG V=1', stages(4));
    builder.build(text);
    const moved = `# new first line\n${text}`;
    assert.deepStrictEqual(plain(builder.build(moved)), plain(parseDockerfile(moved)));
    assert.deepEqual(builder.stats, { chunks: 5, parsed: 1 });
  });

  it('re-parses every stage when the escape character changes', () => {
    const builder = new ModelBuilder();
    const text = stages(3);
    builder.build(`# escape=\\\n${text}`);
    const changed = `# escape=\`\n${text}`;
    assert.deepStrictEqual(plain(builder.build(changed)), plain(parseDockerfile(changed)));
    assert.deepEqual(builder.stats, { chunks: 4, parsed: 4 });
  });

  it('merges the stages an edit swallows into a heredoc, and splits them again when it closes', () => {
    const builder = new ModelBuilder();
    const text = stages(4);
    builder.build(text);
    const opened = text.replace('RUN make\nFROM alpine AS s1', 'RUN make <<EOF\nFROM alpine AS s1');
    assert.deepStrictEqual(plain(builder.build(opened)), plain(parseDockerfile(opened)));
    assert.deepEqual(builder.stats, { chunks: 1, parsed: 1 });
    const closed = `${opened}\nEOF\nFROM alpine AS s9`;
    assert.deepStrictEqual(plain(builder.build(closed)), plain(parseDockerfile(closed)));
    assert.deepEqual(builder.stats, { chunks: 2, parsed: 2 });
  });

  it('keeps the stages of untouched chunks, with their references', () => {
    const builder = new ModelBuilder();
    const text = lines('ARG V=1', stages(4));
    const before = builder.build(text);
    const edited = text.replace('RUN make\nFROM alpine AS s2', 'RUN make -j\nFROM alpine AS s2');
    const after = builder.build(edited);
    assert.deepStrictEqual(plain(after), plain(parseDockerfile(edited)));
    assert.deepEqual(after.stages.map((s, i) => s === before.stages[i]), [true, false, true, true]);
    assert.equal(after.referencesIn[3], before.referencesIn[3]);
  });

  it('re-resolves untouched stages when a global ARG or a stage name changes', () => {
    const builder = new ModelBuilder();
    const text = lines('ARG BASE=s0', 'FROM alpine AS s0', 'FROM alpine AS s1', 'FROM ${BASE}', 'COPY --from=s1 /a /b');
    builder.build(text);
    const argChanged = text.replace('ARG BASE=s0', 'ARG BASE=s1');
    assert.equal(builder.build(argChanged).stages[2].parent, 1);
    assert.deepStrictEqual(plain(builder.build(argChanged)), plain(parseDockerfile(argChanged)));
    const renamed = argChanged.replace('FROM alpine AS s1', 'FROM alpine AS other');
    const model = builder.build(renamed);
    assert.deepStrictEqual(plain(model), plain(parseDockerfile(renamed)));
    assert.deepEqual(model.referencesIn[2].map((r) => r.resolution.kind), ['image', 'image']);
  });

  it('rewrites messages of untouched stages when only the casing of a name changes', () => {
    const builder = new ModelBuilder();
    const text = lines('FROM alpine', 'COPY --from=Later /a /b', 'FROM alpine AS Later');
    builder.build(text);
    const recased = text.replace('AS Later', 'AS LATER');
    const resolution = builder.build(recased).referencesIn[0][1].resolution;
    assert.ok(resolution.kind === 'invalid' && resolution.message.includes("'LATER'"), JSON.stringify(resolution));
  });

  it('forks: another text reuses the parsed stages, and the builder stays as it was', () => {
    const builder = new ModelBuilder();
    const text = lines('ARG V=1', stages(4));
    const model = builder.build(text);
    const fork = builder.fork();
    const other = text.replace('RUN make\nFROM alpine AS s2', 'RUN make -j\nFROM alpine AS s2');
    assert.deepStrictEqual(plain(fork.build(other)), plain(parseDockerfile(other)));
    assert.deepEqual(fork.stats, { chunks: 5, parsed: 1 });
    assert.equal(builder.build(text), model);
    assert.deepEqual(builder.stats, { chunks: 5, parsed: 5 });
  });

  it('returns the same model for the same text', () => {
    const builder = new ModelBuilder();
    const text = stages(2);
    assert.equal(builder.build(text), builder.build(`${text}`));
  });
});
