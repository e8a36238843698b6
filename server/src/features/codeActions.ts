// Quick fixes for our diagnostics, "Name this stage" on an unnamed FROM, and the "Name all stages" source action.
// Every action carries its WorkspaceEdit, so applying it needs no second round trip.
import { CodeActionTriggerKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import { stageIndexAtLine } from '../model';
import { DIAGNOSTIC_SOURCE } from '../rules/catalog';
import type { Settings } from '../settings';
import { fixContext, type FixContext } from '../fixes/common';
import { fixFromAsCasing, fixStageNameCasing } from '../fixes/casing';
import { fixDidYouMean } from '../fixes/didYouMean';
import { fixDuplicateName, fixOverriddenInstruction, fixRedundantPlatform } from '../fixes/instructions';
import { fixForwardReference, fixFromForwardReference } from '../fixes/moveStage';
import { fixNumericReference, NAME_ALL_STAGES_KIND, nameAllStagesAction, nameStageAction } from '../fixes/nameStage';
import { fixUndefinedArgInFrom, fixUndefinedGlobalArg } from '../fixes/redeclareArg';
import { silenceActions } from '../fixes/silence';
import { fixUnusedStage } from '../fixes/unusedStage';

type Fix = (ctx: FixContext, diagnostic: Diagnostic) => CodeAction[];

const FIXES = new Map<string, Fix>(Object.entries({
  NumericStageReference: fixNumericReference,
  UnknownStageReference: (ctx: FixContext, d: Diagnostic) => [...fixDidYouMean(ctx, d), ...fixFromForwardReference(ctx, d)],
  FromStageNameCaseMismatch: fixDidYouMean,
  StageNameCasing: fixStageNameCasing,
  FromAsCasing: fixFromAsCasing,
  StageReferencedBeforeDefinition: fixForwardReference,
  UndefinedVar: fixUndefinedGlobalArg,
  UndefinedArgInFrom: fixUndefinedArgInFrom,
  UnusedStage: fixUnusedStage,
  MultipleInstructionsDisallowed: fixOverriddenInstruction,
  RedundantTargetPlatform: fixRedundantPlatform,
  DuplicateStageName: fixDuplicateName,
}));

function wanted(kind: string | undefined, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return kind !== undefined && only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Several diagnostics can yield the same edit (two `--from=0`, one rule twice): offer it once, fixing all of them. */
function dedupe(actions: CodeAction[]): CodeAction[] {
  const seen = new Map<string, CodeAction>();
  for (const action of actions) {
    const key = `${action.title}\u0000${JSON.stringify(action.edit)}`;
    const first = seen.get(key);
    if (!first) seen.set(key, action);
    else if (action.diagnostics) first.diagnostics = [...(first.diagnostics ?? []), ...action.diagnostics];
  }
  return [...seen.values()];
}

export function codeActions(doc: AnalyzedDocument, range: Range, context: CodeActionContext, settings: Settings): CodeAction[] {
  if (doc.limited) return [];
  const ctx = fixContext(doc, settings);
  const fixes: CodeAction[] = [];
  const silences: CodeAction[] = [];
  for (const diagnostic of context.diagnostics ?? []) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
    // A stale diagnostic from a longer version of the text describes nothing here.
    if (diagnostic.range.start.line >= ctx.lines.length) continue;
    fixes.push(...(FIXES.get(diagnostic.code)?.(ctx, diagnostic) ?? []));
    silences.push(...silenceActions(ctx, diagnostic));
  }

  // "Name this stage" is offered on an unnamed FROM line even without a diagnostic.
  const index = stageIndexAtLine(doc.model, range.start.line);
  const stage = index >= 0 ? doc.model.stages[index] : undefined;
  if (stage && stage.name === null && range.start.line <= stage.fromRange.end.line) {
    const action = nameStageAction(ctx, index);
    if (action && !fixes.some((f) => f.title === action.title)) fixes.push(action);
  }

  const all = dedupe([...fixes, ...silences]);
  // Editors ask for code actions on every cursor move (Automatic) but show source actions only when asked for;
  // build the whole-file action only then.
  const automatic = context.triggerKind === CodeActionTriggerKind.Automatic && !context.only;
  if (!automatic && wanted(NAME_ALL_STAGES_KIND, context.only)) {
    const nameAll = nameAllStagesAction(ctx);
    if (nameAll) all.push(nameAll);
  }
  return all.filter((a) => wanted(a.kind, context.only));
}
