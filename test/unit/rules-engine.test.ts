// The engine around the rules: diagnostic shape, # check= directives, settings, limits, false-positive guards, scale.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from '../../server/src/documents';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { parseCheckOptions } from '../../server/src/rules/checkDirective';
import { defaultSettings, type Settings } from '../../server/src/settings';
import { analyze, lines, mark, range } from '../helpers/markers';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');
const run = (text: string, settings: Settings = defaultSettings) => computeDiagnostics(analyze(text), settings);
const codes = (text: string, settings?: Settings) => run(text, settings).map((d) => [d.code, d.severity]);

describe('rule engine', () => {
  it('gives every diagnostic its code, source, doc link and stage', () => {
    const { text, ranges } = mark(lines('FROM alpine AS [[Build]]'));
    const d: Diagnostic = run(text)[0];
    assert.deepEqual(d, {
      range: ranges[0],
      severity: DiagnosticSeverity.Warning,
      code: 'StageNameCasing',
      codeDescription: { href: 'https://github.com/dockerfile-stages/dockerfile-stages/blob/main/docs/rules/StageNameCasing.md' },
      source: 'dockerfile-stages',
      message: "Stage name 'Build' should be lowercase",
      data: { stage: 0 },
    });
  });

  it('parses # check= as BuildKit does', () => {
    assert.deepEqual(parseCheckOptions('skip=A, B;error=true'), { skipAll: false, skip: new Set(['A', 'B']), error: true });
    assert.deepEqual(parseCheckOptions(' skip = all '), { skipAll: true, skip: new Set(), error: false });
    assert.equal(parseCheckOptions('skip'), null);
    assert.equal(parseCheckOptions('error=maybe'), null);
    assert.equal(parseCheckOptions('level=2'), null);
    assert.deepEqual(parseCheckOptions('experimental=all;skip=A;error=false'), { skipAll: false, skip: new Set(['A']), error: false });
    // SplitN(";", 3): a third `;` stays inside the last part; a later skip= replaces the earlier one.
    assert.deepEqual(parseCheckOptions('skip=A;error=true;skip=B;x'), { skipAll: false, skip: new Set(['B;x']), error: true });
  });

  it('# check=skip= drops the named rules, skip=all drops every build check but not build failures', () => {
    const body = ['FROM alpine AS Build', 'FROM alpine', 'COPY --from=9 /a /a', 'COPY --from=buld /b /b', 'COPY --from=Build /c /c'];
    assert.deepEqual(codes(lines('# check=skip=StageNameCasing,UnknownStageReference', ...body)), [['InvalidStageIndex', DiagnosticSeverity.Error]]);
    assert.deepEqual(codes(lines('# check=skip=all', ...body)), [
      ['InvalidStageIndex', DiagnosticSeverity.Error],
      ['UnknownStageReference', DiagnosticSeverity.Warning],
    ]);
    assert.deepEqual(codes(lines('# check=skip=InvalidStageIndex', ...body)).map((c) => c[0]), ['StageNameCasing', 'InvalidStageIndex', 'UnknownStageReference']);
  });

  it('# check=error=true raises build checks to errors, not our own rules', () => {
    assert.deepEqual(codes(lines('# check=error=true', 'FROM alpine AS Build', 'FROM alpine', 'COPY --from=0 /a /a')), [
      ['StageNameCasing', DiagnosticSeverity.Error],
      ['NumericStageReference', DiagnosticSeverity.Information],
    ]);
  });

  it('a # check=skip= comment directly above an instruction skips rules for that instruction only', () => {
    const text = lines('FROM alpine', '# allowed: the old entrypoint is kept for docs', '# check=skip=MultipleInstructionsDisallowed', 'CMD a', 'CMD b', '', '# check=skip=MultipleInstructionsDisallowed', '', 'CMD c', 'CMD d');
    assert.deepEqual(run(text).map((d) => [d.code, d.range.start.line]), [
      ['MultipleInstructionsDisallowed', 4],
      ['MultipleInstructionsDisallowed', 8],
    ]);
  });

  it('per-instruction: the first check= comment of the block counts, and its value ends at a space', () => {
    const text = lines(
      'FROM alpine',
      '# check=skip=MultipleInstructionsDisallowed // kept for the docs image',
      '# check=skip=StageNameCasing',
      'CMD a',
      '# check=skip=StageNameCasing',
      '# check=skip=MultipleInstructionsDisallowed',
      'CMD b',
      'CMD c',
    );
    assert.deepEqual(run(text).map((d) => [d.code, d.range.start.line]), [['MultipleInstructionsDisallowed', 6]]);
  });

  it('a per-instruction skip=all skips the BuildKit checks on that instruction, and keeps our own rules', () => {
    const text = lines('FROM alpine AS a', 'FROM alpine', '# check=skip=all', 'CMD x', '# check=skip=all', 'COPY --from=0 /a /a', 'CMD y');
    assert.deepEqual(run(text).map((d) => [d.code, d.range.start.line]), [['NumericStageReference', 5]]);
  });

  it('settings override severities, and off removes a rule', () => {
    const text = lines('FROM alpine AS Build', 'FROM alpine', 'COPY --from=0 /a /a');
    assert.deepEqual(codes(text, { ...defaultSettings, rules: { StageNameCasing: 'off', NumericStageReference: 'error', UnusedStage: 'warning' } }), [
      ['NumericStageReference', DiagnosticSeverity.Error],
    ]);
    assert.deepEqual(codes(lines('FROM alpine AS a', 'FROM alpine'), { ...defaultSettings, rules: { UnusedStage: 'warning' } }), [['UnusedStage', DiagnosticSeverity.Warning]]);
  });

  it('a document over maxFileSize gets exactly one AnalysisLimited diagnostic', () => {
    const doc = new DocumentStore().analyze(TextDocument.create('file:///big', 'dockerfile', 1, 'FROM alpine AS Build\n'.repeat(10)), 50);
    const diagnostics = computeDiagnostics(doc, { ...defaultSettings, maxFileSize: 50 });
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range, d.severity]), [['AnalysisLimited', range(0, 0, 0, 0), DiagnosticSeverity.Information]]);
    assert.match(String(diagnostics[0].message), /dockerfileStages\.maxFileSize/);
  });

  it('stays silent on heredocs, line continuations, and escape/syntax directives', () => {
    const text = lines(
      '# syntax=docker/dockerfile:1.7',
      '# escape=`',
      'ARG VERSION=3.20',
      'FROM alpine:${VERSION} AS build',
      'ARG VERSION',
      'RUN <<EOF',
      'echo "$VERSION" > /v',
      'COPY --from=nope /a /a',
      'EOF',
      'RUN apk add `',
      '      curl `',
      '      jq',
      'FROM alpine:3.20',
      'COPY --from=build `',
      '     /v /v',
      'COPY <<EOF /etc/motd',
      'FROM Builder',
      'EOF',
    );
    assert.deepEqual(run(text), []);
  });

  it('keeps realistic Go, Node, Python, Rust and Java multistage files at zero diagnostics', () => {
    const dir = path.join(FIXTURES, 'realistic');
    const files = fs.readdirSync(dir).sort();
    assert.deepEqual(files, ['go.Dockerfile', 'java.Dockerfile', 'node.Dockerfile', 'python.Dockerfile', 'rust.Dockerfile']);
    for (const file of files) assert.deepEqual([file, run(fs.readFileSync(path.join(dir, file), 'utf8'))], [file, []]);
  });

  it('handles 1000 stages with typos, duplicates and global ARGs in linear passes', () => {
    const rows = ['ARG V=1'];
    for (let i = 0; i < 1000; i++) rows.push(`FROM alpine:3.20 AS s${i}`, `COPY --from=s${Math.max(0, i - 1)} /a /a`, `WORKDIR $V`);
    rows.push('FROM alpine AS s5', 'COPY --from=s99x /a /a');
    const diagnostics = run(lines(...rows));
    const count = (code: string) => diagnostics.filter((d) => d.code === code).length;
    assert.deepEqual([count('UndefinedVar'), count('DuplicateStageName'), count('UnknownStageReference')], [1000, 1, 1]);
  });
});
