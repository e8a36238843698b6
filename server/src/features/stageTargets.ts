// Which stage the cursor names, and every place that names a stage. Shared by definition, references,
// highlight, rename and hover so that they agree on what counts as a reference.
import type { Location, Range } from 'vscode-languageserver-types';
import { referenceAt, referenceTarget, stageNameAt, type Position, type Stage, type StageModel, type StageReference } from '../model';

export interface StageTarget {
  index: number;
  /** The token under the cursor: the AS name or the reference text (inside quotes). */
  range: Range;
  /** The reference under the cursor; null on the AS name. */
  reference: StageReference | null;
}

export function stageTargetAt(model: StageModel, position: Position): StageTarget | undefined {
  const named = stageNameAt(model, position);
  if (named?.nameRange) return { index: named.index, range: named.nameRange, reference: null };
  const ref = referenceAt(model, position);
  const index = ref ? referenceTarget(ref) : null;
  return ref && index !== null ? { index, range: ref.range, reference: ref } : undefined;
}

/** Every reference naming stage `index`, in document order. */
export function referencesOf(model: StageModel, index: number): StageReference[] {
  return model.references.filter((ref) => referenceTarget(ref) === index);
}

/** The AS name token, or the whole FROM instruction for an unnamed stage. */
export function declarationRange(stage: Stage): Range {
  return stage.nameRange ?? stage.fromRange;
}

export function location(uri: string, range: Range): Location {
  return { uri, range };
}
