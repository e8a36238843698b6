// A lens above each FROM: which stages use it and how many references name it, or that nothing does.
import type { CodeLens } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import { referenceTarget, targetIndex } from '../model';
import type { Settings } from '../settings';

export function codeLenses(doc: AnalyzedDocument, settings: Settings): CodeLens[] {
  if (!settings.codeLens) return [];
  const model = doc.model;
  const target = targetIndex(model, settings.target);
  const counts = model.stages.map(() => 0);
  for (const ref of model.references) {
    const index = referenceTarget(ref);
    if (index !== null) counts[index]++;
  }
  return model.stages.map((stage) => {
    const count = counts[stage.index];
    const users = model.dependents[stage.index].map((i) => model.stages[i].name ?? `stage ${i}`);
    const parts: string[] = [];
    if (users.length > 0) parts.push(`used by: ${users.join(', ')}`);
    if (count > 0) parts.push(`${count} reference${count === 1 ? '' : 's'}`);
    // The stage being built needs no users; calling it unused would be misleading.
    const title = parts.length > 0 ? parts.join(' · ') : stage.index === target ? 'build target' : 'unused';
    // An empty command id renders as a plain label: the lens informs, it does not act.
    return { range: stage.from.keywordToken.range, command: { title, command: '' } };
  });
}
