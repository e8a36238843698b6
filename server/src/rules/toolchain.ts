// A compiler toolchain installed in the image that ships: what multistage builds exist to avoid.
import type { Instruction, Token } from '../model';
import { Memo } from './cache';
import type { Finding, RuleContext } from './types';

const MANAGERS: Record<string, Set<string>> = {
  apk: new Set(['add']),
  'apt-get': new Set(['install']),
  apt: new Set(['install']),
  yum: new Set(['install']),
  dnf: new Set(['install']),
  microdnf: new Set(['install']),
};
const REMOVE = new Set(['del', 'remove', 'purge', 'autoremove', 'erase']);
const TOOLCHAIN = /^(build-base|alpine-sdk|build-essential|gcc|g\+\+|gcc-c\+\+|clang|make|cmake|musl-dev|libc6?-dev|[a-z0-9.+_-]+-(dev|devel))(=.*)?$/;
// Flags of apk/apt that take a separate value.
const VALUE_FLAGS = new Set(['--virtual', '-t', '--repository', '-X', '-o', '--option', '--setopt', '--enablerepo', '--disablerepo', '-c']);

/** The range of `word` inside the argument it was cut from (quotes and a glued `;`/`&&` left out). */
function narrow(arg: Token, word: string): Token['range'] {
  const { start, end } = arg.range;
  const offset = arg.value.indexOf(word);
  if (offset < 0 || start.line !== end.line) return arg.range;
  return { start: { line: start.line, character: start.character + offset }, end: { line: start.line, character: start.character + offset + word.length } };
}

function isSeparator(word: string): boolean {
  return word === '&&' || word === '||' || word === ';' || word === '|' || word === '\\';
}

const memo = new Memo<readonly Instruction[], Finding[]>();

export function toolchainRule({ model, target }: RuleContext, out: Finding[]): void {
  if (target < 0) return;
  const instructions = model.stages[target].instructions;
  for (const finding of memo.get(instructions, [target], () => findings(instructions, target))) out.push(finding);
}

function findings(instructions: readonly Instruction[], target: number): Finding[] {
  const out: Finding[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword !== 'RUN') continue;
    const installed: Token[] = [];
    const removed = new Set<string>();
    const virtual = new Map<string, Token[]>();
    let manager: string | null = null;
    let mode: 'install' | 'remove' | null = null;
    let group: Token[] | null = null;
    let expectValue: string | null = null;
    for (const arg of instruction.args) {
      let word = arg.value.replace(/^["'[]+|[\]"',]+$/g, '');
      const ends = /[;&|]$/.test(word);
      word = word.replace(/[;&|]+$/, '');
      if (isSeparator(arg.value)) {
        manager = mode = null;
        group = null;
        continue;
      }
      if (expectValue !== null) {
        if (expectValue === '--virtual' || expectValue === '-t') {
          group = [];
          virtual.set(word, group);
        }
        expectValue = null;
      } else if (mode === null) {
        const base = word.split('/').pop() ?? word;
        if (MANAGERS[base]) manager = base;
        else if (manager && MANAGERS[manager].has(word)) mode = 'install';
        else if (manager && REMOVE.has(word)) mode = 'remove';
      } else if (word.startsWith('-')) {
        if (VALUE_FLAGS.has(word)) expectValue = word;
      } else if (mode === 'install' && TOOLCHAIN.test(word)) {
        const token = { value: word, range: narrow(arg, word) };
        if (group) group.push(token);
        else installed.push(token);
      } else if (mode === 'remove') {
        removed.add(word.replace(/=.*$/, ''));
        for (const t of virtual.get(word) ?? []) removed.add(t.value);
      }
      if (ends) {
        manager = mode = null;
        group = null;
      }
    }
    const kept = [...installed, ...[...virtual.values()].flat()].filter((t) => !removed.has(t.value.replace(/=.*$/, '')));
    if (kept.length === 0) continue;
    kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const names = kept.map((t) => t.value).join(', ');
    out.push({
      rule: 'BuildToolchainInFinalStage',
      range: kept[0].range,
      stage: target,
      message: `The final stage installs a build toolchain (${names}); compile in a builder stage and COPY --from it only the result, so the shipped image stays small and has no compiler`,
      data: { packages: kept.map((t) => t.value) },
    });
  }
  return out;
}
