// Highlights a stage's declaration (Write) and its references (Read) when the cursor is on any of them.
import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import { declarationRange, referencesOf, stageTargetAt } from './stageTargets';

export function documentHighlights(doc: AnalyzedDocument, position: Position): DocumentHighlight[] {
  const target = stageTargetAt(doc.model, position);
  if (!target) return [];
  return [
    { range: declarationRange(doc.model.stages[target.index]), kind: DocumentHighlightKind.Write },
    ...referencesOf(doc.model, target.index).map((ref) => ({ range: ref.range, kind: DocumentHighlightKind.Read })),
  ];
}
