// Checks syntaxes/stages.injection.json: valid JSON, regexes that both Oniguruma and JavaScript accept,
// and the scopes a TextMate tokenizer would give sample lines. vscode-textmate is not installed, so a
// minimal single-line tokenizer stands in: earliest match wins, and on a tie the L: injection wins.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  captures?: Record<string, { name: string }>;
  patterns?: Rule[];
  include?: string;
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const grammarPath = path.resolve(__dirname, '../../../syntaxes/stages.injection.json');
const grammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as Grammar;
const packageJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

/** Oniguruma source to a JS regex; only a leading (?i) needs translating in this grammar. */
function compile(source: string): RegExp {
  const insensitive = source.startsWith('(?i)');
  const body = insensitive ? source.slice(4) : source;
  assert.ok(!/\(\?[a-zA-Z-]+[:)]/.test(body), `inline flags other than a leading (?i) are not portable: ${source}`);
  // Oniguruma needs fixed-length lookbehind.
  for (const lookbehind of body.match(/\(\?<[=!](?:[^()\\]|\\.)*\)/g) ?? []) assert.ok(!/[*+?{]/.test(lookbehind.slice(4, -1).replace(/\\./g, '')), `unbounded lookbehind: ${source}`);
  return new RegExp(body, insensitive ? 'dgi' : 'dg');
}

// The rules of VS Code's built-in Dockerfile grammar (extensions/docker) that compete with the injection.
const base: Rule[] = [
  { match: '(?i)^\\s*\\b(from)\\b.*?\\b(as)\\b', captures: { 1: { name: 'keyword.other.special-method.dockerfile' }, 2: { name: 'keyword.other.special-method.dockerfile' } } },
  { match: '(?i)^\\s*(?:(onbuild)\\s+)?(add|arg|cmd|copy|entrypoint|env|expose|from|healthcheck|label|maintainer|run|shell|stopsignal|user|volume|workdir)\\s', captures: { 1: { name: 'keyword.control.dockerfile' }, 2: { name: 'keyword.other.special-method.dockerfile' } } },
  { begin: '"', end: '"', name: 'string.quoted.double.dockerfile' },
  { begin: "'", end: "'", name: 'string.quoted.single.dockerfile' },
  { match: '^(\\s*)((#).*$)', captures: { 2: { name: 'comment.line.number-sign.dockerfile' } } },
];

const resolve = (rule: Rule): Rule => (rule.include ? grammar.repository[rule.include.slice(1)] : rule);
const injections = grammar.patterns.map(resolve);

type Token = [text: string, scopes: string[]];

/** Tokenizes one line; returns the tokens that carry at least one scope beyond the stack's root. */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  const stack: { rule: Rule; end: RegExp }[] = [];
  const scopes = () => stack.map((s) => s.rule.name).filter((n): n is string => !!n);
  const emit = (from: number, to: number, extra: string[]) => {
    if (to > from) tokens.push([line.slice(from, to), [...scopes(), ...extra]]);
  };
  let pos = 0;
  while (pos < line.length || stack.length > 0) {
    const frame = stack[stack.length - 1];
    const injectable = !scopes().some((s) => s.startsWith('comment') || s.startsWith('string'));
    const candidates: { rule: Rule | null; regex: RegExp }[] = [];
    if (frame) candidates.push({ rule: null, regex: frame.end });
    if (injectable) for (const r of injections) candidates.push({ rule: r, regex: compile(r.match ?? r.begin!) });
    for (const r of frame ? frame.rule.patterns ?? [] : base) candidates.push({ rule: r, regex: compile(r.match ?? r.begin!) });
    let best: { rule: Rule | null; m: RegExpExecArray } | undefined;
    for (const c of candidates) {
      c.regex.lastIndex = pos;
      const m = c.regex.exec(line);
      if (m && (!best || m.index < best.m.index)) best = { rule: c.rule, m };
    }
    if (!best) break;
    const { rule, m } = best;
    const end = m.index + m[0].length;
    emit(pos, m.index, []);
    if (rule === null) {
      emit(m.index, end, []);
      stack.pop();
    } else if (rule.begin) {
      stack.push({ rule, end: compile(rule.end!) });
      emit(m.index, end, []);
    } else if (end > m.index) {
      emitCaptures(m, rule, emit);
    } else {
      // An empty match changes nothing: step over one character, as TextMate does.
      emit(m.index, m.index + 1, []);
      pos = m.index + 1;
      continue;
    }
    pos = end;
  }
  return tokens.filter(([, s]) => s.length > 0);
}

/** Emits the text of a match split at capture boundaries, each piece with the scopes of the captures covering it. */
function emitCaptures(m: RegExpExecArray, rule: Rule, emit: (from: number, to: number, extra: string[]) => void) {
  const start = m.index;
  const end = start + m[0].length;
  const spans = Object.entries(rule.captures ?? {})
    .map(([group, c]) => ({ range: m.indices![Number(group)], name: c.name }))
    .filter((s): s is { range: [number, number]; name: string } => s.range !== undefined);
  const cuts = [...new Set([start, end, ...spans.flatMap((s) => s.range)])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    emit(a, b, spans.filter((s) => s.range[0] <= a && b <= s.range[1]).map((s) => s.name));
  }
}

const STAGE = 'entity.name.type.stage.dockerfile';
const stageNames = (line: string) => tokenize(line).filter(([, s]) => s.includes(STAGE)).map(([t]) => t);

describe('stage-name grammar injection', () => {
  it('is contributed as an injection into source.dockerfile', () => {
    assert.deepEqual(packageJson.contributes.grammars, [
      { scopeName: grammar.scopeName, path: './syntaxes/stages.injection.json', injectTo: ['source.dockerfile'] },
    ]);
    assert.equal(grammar.injectionSelector, 'L:source.dockerfile -comment -string');
  });

  it('compiles every regex', () => {
    const all = (rules: Rule[]): string[] => rules.flatMap((r) => [r.match, r.begin, r.end, ...all(r.patterns ?? [])].filter((x): x is string => !!x));
    const sources = all(Object.values(grammar.repository));
    assert.equal(sources.length, 6);
    for (const source of sources) assert.ok(compile(source));
  });

  it('scopes the AS name and keeps the keyword scopes of the built-in grammar, leaving the image plain', () => {
    assert.deepEqual(tokenize('FROM --platform=$BUILDPLATFORM golang:1.22 AS Build'), [
      ['FROM', ['keyword.other.special-method.dockerfile']],
      ['AS', ['keyword.other.special-method.dockerfile']],
      ['Build', [STAGE]],
    ]);
    assert.deepEqual(stageNames('  from alpine as base'), ['base']);
    assert.deepEqual(tokenize('FROM alpine'), [['FROM', ['keyword.other.special-method.dockerfile']]]);
  });

  it('scopes --from names of COPY and ADD, quoted or not, also under ONBUILD', () => {
    assert.deepEqual(tokenize('ONBUILD COPY --link --from=build /a /a'), [
      ['ONBUILD', ['keyword.control.dockerfile']],
      ['COPY', ['keyword.other.special-method.dockerfile']],
      ['build', [STAGE]],
    ]);
    assert.deepEqual(tokenize('COPY --from="build" /a /a').slice(1), [
      ['"', ['string.quoted.double.dockerfile', 'punctuation.definition.string.begin.dockerfile']],
      ['build', ['string.quoted.double.dockerfile', STAGE]],
      ['"', ['string.quoted.double.dockerfile', 'punctuation.definition.string.end.dockerfile']],
    ]);
    assert.deepEqual(stageNames("ADD --from='Base' a b"), ['Base']);
  });

  it('scopes from= in every --mount of a RUN', () => {
    assert.deepEqual(stageNames('RUN --mount=type=cache,from=deps,target=/c --mount=from=build,source=/s true'), ['deps', 'build']);
    assert.deepEqual(stageNames('RUN --mount=type=bind,from="build",target=/x true'), ['build']);
    assert.deepEqual(stageNames('RUN --mount="type=bind,from=build" true'), ['build']);
  });

  it('leaves images, indexes, variables, comments, strings and arguments alone', () => {
    for (const line of [
      'COPY --from=nginx:1.27 /a /a',
      'COPY --from=0 /a /a',
      'COPY --from=$STAGE /a /a',
      'COPY src --from=build /a',
      '# COPY --from=build /a /a',
      'RUN echo "--mount=from=build"',
      'RUN --mount=type=cache,target=/from=x true',
      'FROM alpine AS $NAME',
      'FROM alpine AS 1st',
    ]) {
      assert.deepEqual(stageNames(line), [], line);
    }
  });
});
