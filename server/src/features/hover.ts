// Hover on a stage name or a stage reference: what the stage is, what it needs, who needs it, whether the target builds it.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import { reachedStages, targetIndex } from '../model';
import type { Settings } from '../settings';
import { stageRef, stageSummary } from './stageInfo';
import { stageTargetAt } from './stageTargets';

export function hover(doc: AnalyzedDocument, position: Position, settings: Settings): Hover | null {
  const model = doc.model;
  const target = stageTargetAt(model, position);
  if (!target) return null;
  const paragraphs = stageSummary(model, target.index);
  const built = targetIndex(model, settings.target);
  const targetText = `the target ${stageRef(model.stages[built])}`;
  if (built === target.index) paragraphs.push(`This is ${targetText}.`);
  else if (reachedStages(model, settings.target)[target.index]) paragraphs.push(`Built by ${targetText}.`);
  else paragraphs.push(`Not built by ${targetText}.`);
  const resolution = target.reference?.resolution;
  if (resolution?.kind === 'invalid') paragraphs.push(`⚠ ${resolution.message}`);
  return { contents: { kind: MarkupKind.Markdown, value: paragraphs.join('\n\n') }, range: target.range };
}
