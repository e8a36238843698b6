// Silence a rule with BuildKit's own syntax: the `# check=skip=` parser directive for the file, or a
// `# check=skip=` comment directly above one instruction.
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { BUILD_FAILURES, isRuleName, type RuleName } from '../rules/catalog';
import { indentOf, instructionAtLine, makeAction, replace, type FixContext } from './common';

/** `value` of a check directive with `rule` added to its skip list; null when it already skips the rule. */
export function addSkip(value: string, rule: string): string | null {
  const parts = value.split(';');
  const at = parts.findIndex((p) => p.split('=')[0].trim() === 'skip');
  if (at < 0) return value.trim() === '' ? `skip=${rule}` : `skip=${rule};${value}`;
  const part = parts[at];
  const eq = part.indexOf('=');
  const list = part.slice(eq + 1);
  const rules = list.split(',').map((r) => r.trim());
  if (rules.includes('all') || rules.includes(rule)) return null;
  parts[at] = `${part.slice(0, eq + 1)}${list.trim() === '' ? '' : `${list.trimEnd()},`}${rule}`;
  return parts.join(';');
}

/** Build failures cannot be skipped: `# check=skip` only silences checks, the build still fails. */
export function silenceable(code: string): code is RuleName {
  return isRuleName(code) && code !== 'AnalysisLimited' && !BUILD_FAILURES.has(code);
}

function fileEdit(ctx: FixContext, rule: string): TextEdit | null {
  const { model, lines, eol } = ctx;
  const check = model.directives.find((d) => d.name === 'check');
  if (check) {
    const value = addSkip(check.value, rule);
    return value === null ? null : replace(check.valueRange, value);
  }
  const comment = `# check=skip=${rule}`;
  // Parser directives must come first; a new one goes right after the existing ones (or before a BOM's successor).
  const last = Math.max(-1, ...model.directives.map((d) => d.range.end.line));
  if (last + 1 < lines.length || last < 0) {
    const character = last < 0 && lines[0].charCodeAt(0) === 0xfeff ? 1 : 0;
    const at = { line: last + 1, character };
    return { range: { start: at, end: at }, newText: comment + eol };
  }
  const end = { line: last, character: lines[last].length };
  return { range: { start: end, end }, newText: eol + comment };
}

function instructionEdit(ctx: FixContext, rule: string, diagnostic: Diagnostic): TextEdit | null {
  const { model, lines, eol } = ctx;
  const instruction = instructionAtLine(model, diagnostic.range.start.line);
  if (!instruction) return null;
  const line = instruction.range.start.line;
  // Above the first line, or below nothing but directives, the comment would itself parse as a directive.
  const directives = new Set(model.directives.map((d) => d.range.start.line));
  let above = 0;
  while (above < line && directives.has(above)) above++;
  if (above >= line) return null;
  const previous = model.comments.find((c) => c.range.start.line === line - 1 && /^check\s*=/.test(c.text));
  if (previous) {
    const value = addSkip(previous.text.slice(previous.text.indexOf('=') + 1), rule);
    return value === null ? null : replace(previous.range, `# check=${value}`);
  }
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indentOf(lines[line])}# check=skip=${rule}${eol}` };
}

export function silenceActions(ctx: FixContext, diagnostic: Diagnostic): CodeAction[] {
  const rule = diagnostic.code;
  if (typeof rule !== 'string' || !silenceable(rule)) return [];
  const actions: CodeAction[] = [];
  const instruction = instructionEdit(ctx, rule, diagnostic);
  if (instruction) actions.push(makeAction(ctx, `Disable ${rule} for this instruction (# check=skip)`, [instruction], { diagnostic }));
  const file = fileEdit(ctx, rule);
  if (file) actions.push(makeAction(ctx, `Disable ${rule} for this file (# check=skip)`, [file], { diagnostic }));
  return actions;
}
