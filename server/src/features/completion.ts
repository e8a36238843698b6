// Stage-name completion after `COPY --from=`, `RUN --mount=...,from=` and `FROM `, offering earlier stages only.
// Works from the line text, because half-typed lines often yield no flag in the parse.
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import { stageIndexAtLine, stageLibcs, stageNamedFrom, contains, type Instruction, type Stage, type StageModel } from '../model';
import { stageSummary } from './stageInfo';

type Context = 'copy' | 'mount' | 'from';

interface Site {
  context: Context;
  keyword: string;
  /** The part of the name already typed, before the cursor. */
  partial: string;
}

// Flags before the cursor are `--name[=value]` words; the name being typed never contains quotes, spaces or `$`.
const PATTERNS: { context: Context; keyword: string; pattern: RegExp }[] = [
  { context: 'copy', keyword: 'COPY', pattern: /^\s*(?:ONBUILD\s+)?COPY\s+(?:--\S+\s+)*--from=["']?([^\s"'$]*)$/i },
  { context: 'mount', keyword: 'RUN', pattern: /^\s*(?:ONBUILD\s+)?RUN\s+(?:--\S+\s+)*--mount=["']?(?:[^\s,]*,)*from=["']?([^\s"',$]*)$/i },
  { context: 'from', keyword: 'FROM', pattern: /^\s*FROM\s+(?:--\S+\s+)*(?!-)([^\s"'$]*)$/i },
];
const MAX_CONTINUATION_LINES = 50;
const UNNAMED_NOTE =
  'This stage has no name, so it is offered by index. Naming it (`FROM … AS name`) is better: an index changes meaning when stages are added or moved.';

export function completion(doc: AnalyzedDocument, position: Position): CompletionItem[] {
  const model = doc.model;
  const site = siteAt(doc, position);
  if (!site) return [];
  const current = stageIndexAtLine(model, position.line);
  if (current < 0) return [];
  const instruction = instructionAt(model, current, position);
  // Inside a heredoc body, or any instruction other than the one the text looks like, nothing applies.
  if (instruction && effectiveKeyword(instruction) !== site.keyword) return [];

  const range = tokenRange(doc, position, site.partial.length);
  const data: ResolveData = { uri: doc.uri };
  const items: CompletionItem[] = [];
  for (const stage of model.stages.slice(0, current).reverse()) {
    const label = labelFor(model, stage, site.context, current);
    if (label === null) continue;
    items.push({
      label,
      kind: CompletionItemKind.Reference,
      detail: stage.resolvedImage,
      sortText: String(current - stage.index).padStart(6, '0'),
      textEdit: { range, newText: label },
      data,
    });
  }
  return items;
}

/**
 * With a client that supports `itemDefaults`, the shared edit range and data move to the list, which
 * shrinks a completion of hundreds of stages to a third of its size on the wire.
 */
export function completionList(items: CompletionItem[], itemDefaults: boolean): CompletionItem[] | CompletionList {
  const first = items[0];
  if (!itemDefaults || !first?.textEdit || !('range' in first.textEdit)) return items;
  return {
    isIncomplete: false,
    itemDefaults: { editRange: first.textEdit.range, data: first.data },
    items: items.map(({ textEdit: _edit, data: _data, ...rest }) => rest),
  };
}

/** What completionItem/resolve needs to find the item's document; the label names the stage. */
export interface ResolveData {
  uri: string;
}

export function isResolveData(data: unknown): data is ResolveData {
  return typeof (data as Partial<ResolveData> | null)?.uri === 'string';
}

/**
 * Adds the stage summary to an item. Deferred to completionItem/resolve because building markdown for
 * every earlier stage dominated completion time in files with hundreds of stages; the editor resolves
 * only the item it shows.
 */
export function resolveCompletion(doc: AnalyzedDocument, item: CompletionItem): CompletionItem {
  if (!isResolveData(item.data) || typeof item.label !== 'string') return item;
  // Labels are stage names (which start with a letter) or, for unnamed stages, indexes.
  const index = /^\d+$/.test(item.label) ? Number(item.label) : doc.model.lookup.lastByKey(item.label.toLowerCase());
  const stage = index === undefined ? undefined : doc.model.stages[index];
  // The document may have changed since the list was made; then the label may no longer name that stage.
  if (!stage || (stage.name === null) !== /^\d+$/.test(item.label)) return item;
  const summary = stageSummary(doc.model, stage.index, stageLibcs(doc.model));
  if (stage.name === null) summary.push(UNNAMED_NOTE);
  return { ...item, documentation: { kind: MarkupKind.Markdown, value: summary.join('\n\n') } };
}

/** What to insert for `stage`, or null when it cannot be named from stage `current`. */
function labelFor(model: StageModel, stage: Stage, context: Context, current: number): string | null {
  if (stage.key === null) return context === 'copy' ? String(stage.index) : null; // only COPY --from takes an index
  // A repeated name reaches one of its stages: the latest earlier one from FROM, the last one from --from.
  if (stageNamedFrom(model, stage.key, { kind: context === 'from' ? 'from' : 'copy', stage: current }) !== stage.index) return null;
  // FROM matches the lower-cased name exactly; --from and from= ignore case, so keep the name as written.
  return context === 'from' ? stage.key : stage.name;
}

function siteAt(doc: AnalyzedDocument, position: Position): Site | undefined {
  const prefix = logicalPrefix(doc, position);
  for (const { context, keyword, pattern } of PATTERNS) {
    const match = pattern.exec(prefix);
    if (match) return { context, keyword, partial: match[1] };
  }
  return undefined;
}

function lineText(doc: AnalyzedDocument, line: number): string {
  return doc.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

/** The instruction text up to the cursor, with continuation lines joined by a space. */
function logicalPrefix(doc: AnalyzedDocument, position: Position): string {
  const escape = doc.model.escapeChar;
  let prefix = lineText(doc, position.line).slice(0, position.character);
  for (let line = position.line - 1; line >= 0 && position.line - line <= MAX_CONTINUATION_LINES; line--) {
    const text = lineText(doc, line).trimEnd();
    if (!text.endsWith(escape)) break;
    prefix = `${text.slice(0, -escape.length)} ${prefix}`;
  }
  return prefix;
}

/** From the start of the typed name to the end of the name token (quotes, commas and spaces excluded). */
function tokenRange(doc: AnalyzedDocument, position: Position, typed: number): Range {
  const rest = /^[^\s"',]*/.exec(lineText(doc, position.line).slice(position.character))![0];
  return {
    start: { line: position.line, character: position.character - typed },
    end: { line: position.line, character: position.character + rest.length },
  };
}

function instructionAt(model: StageModel, stage: number, position: Position): Instruction | undefined {
  const { from, instructions } = model.stages[stage];
  return [from, ...instructions].find((i) => contains(i.range, position));
}

function effectiveKeyword(instruction: Instruction): string {
  return instruction.keyword === 'ONBUILD' && instruction.trigger ? instruction.trigger.keyword : instruction.keyword;
}
