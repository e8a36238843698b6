// Go to definition: from a stage reference (or the AS name itself) to the stage's name, or its FROM line when unnamed.
import type { Location, Position } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import { declarationRange, location, stageTargetAt } from './stageTargets';

export function definition(doc: AnalyzedDocument, position: Position): Location[] {
  const target = stageTargetAt(doc.model, position);
  return target ? [location(doc.uri, declarationRange(doc.model.stages[target.index]))] : [];
}
