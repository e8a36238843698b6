// Find references: the stage's declaration (when asked for) and every reference to it, in document order.
import type { Location, Position } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import { declarationRange, location, referencesOf, stageTargetAt } from './stageTargets';

export function references(doc: AnalyzedDocument, position: Position, includeDeclaration: boolean): Location[] {
  const target = stageTargetAt(doc.model, position);
  if (!target) return [];
  const result = referencesOf(doc.model, target.index).map((ref) => location(doc.uri, ref.range));
  if (includeDeclaration) result.unshift(location(doc.uri, declarationRange(doc.model.stages[target.index])));
  return result;
}
