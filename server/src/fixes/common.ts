// Shared pieces of the quick fixes: the context they run in, action construction, and model lookups.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import { referenceAt, stageIndexAtLine, type Instruction, type Range, type StageModel, type StageReference } from '../model';
import type { Settings } from '../settings';

export interface FixContext {
  readonly doc: AnalyzedDocument;
  readonly model: StageModel;
  readonly settings: Settings;
  /** Document text split into lines without their line breaks. */
  readonly lines: readonly string[];
  readonly eol: string;
}

export function fixContext(doc: AnalyzedDocument, settings: Settings): FixContext {
  const text = doc.document.getText();
  return { doc, model: doc.model, settings, lines: text.split(/\r\n|\r|\n/), eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

export interface ActionOptions {
  diagnostic?: Diagnostic;
  preferred?: boolean;
  kind?: string;
}

export function makeAction(ctx: FixContext, title: string, edits: TextEdit[], options: ActionOptions = {}): CodeAction {
  const action: CodeAction = {
    title,
    kind: options.kind ?? CodeActionKind.QuickFix,
    edit: { changes: { [ctx.doc.uri]: edits } },
  };
  if (options.diagnostic) action.diagnostics = [options.diagnostic];
  if (options.preferred) action.isPreferred = true;
  return action;
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The reference a diagnostic is about: same range first, then the reference under its start. */
export function referenceFor(model: StageModel, diagnostic: Diagnostic): StageReference | undefined {
  return model.references.find((r) => sameRange(r.range, diagnostic.range)) ?? referenceAt(model, diagnostic.range.start);
}

/** The stage index a diagnostic sits in: its range start line, or `data.stage` when that is all there is. */
export function stageFor(model: StageModel, diagnostic: Diagnostic): number {
  const index = stageIndexAtLine(model, diagnostic.range.start.line);
  if (index >= 0) return index;
  const data = diagnostic.data as { stage?: unknown } | undefined;
  return typeof data?.stage === 'number' && data.stage >= 0 && data.stage < model.stages.length ? data.stage : -1;
}

/** The top-level instruction (FROM included) that covers `line`, in the preamble or a stage. */
export function instructionAtLine(model: StageModel, line: number): Instruction | undefined {
  const index = stageIndexAtLine(model, line);
  const candidates = index < 0 ? model.preamble : [model.stages[index].from, ...model.stages[index].instructions];
  return candidates.find((i) => i.range.start.line <= line && line <= i.range.end.line);
}

/** Writes `word` in the casing of `keyword` as written (`from` -> `as`, `FROM` -> `AS`). Mixed case gets upper case. */
export function matchCase(keyword: string, word: string): string {
  return keyword === keyword.toLowerCase() && keyword !== keyword.toUpperCase() ? word.toLowerCase() : word.toUpperCase();
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

export function isCommentLine(line: string): boolean {
  return line.trimStart().startsWith('#');
}

export function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}
