// Renames a stage: its AS name and every reference (COPY/ADD --from, mount from=, FROM, ONBUILD), nothing else.
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import { RefusedError } from '../errors';
import { hasVariable, stageLabel, type Stage, type StageModel, type StageReference } from '../model';
import { referencesOf, stageTargetAt } from './stageTargets';

// BuildKit lower-cases a stage name, then requires this (frontend/dockerfile/instructions/parse.go).
const VALID_NAME = /^[a-z][a-z0-9-_.]*$/;
const RESERVED = new Set(['scratch', 'context']);

export function prepareRename(doc: AnalyzedDocument, position: Position): { range: Range; placeholder: string } | null {
  const target = stageTargetAt(doc.model, position);
  if (!target) return null;
  const stage = namedStage(doc.model.stages[target.index]);
  const placeholder = target.reference && !target.reference.numeric ? target.reference.text : stage.name;
  return { range: target.range, placeholder };
}

/** Throws a RefusedError when the new name is invalid, reserved or already used. */
export function rename(doc: AnalyzedDocument, position: Position, newName: string): WorkspaceEdit | null {
  const target = stageTargetAt(doc.model, position);
  if (!target) return null;
  const model = doc.model;
  const stage = namedStage(model.stages[target.index]);
  const name = newName.trim();
  const key = name.toLowerCase();
  checkName(model, stage, name, key);

  const edits: TextEdit[] = [{ range: stage.nameRange, newText: name }];
  for (const ref of referencesOf(model, stage.index)) {
    // An index keeps pointing at the same stage, so it stays as written.
    if (ref.numeric) continue;
    if (hasVariable(ref.text)) {
      throw new RefusedError(`Cannot rename stage '${stage.name}': line ${ref.range.start.line + 1} names it through a variable (${ref.text}).`);
    }
    // FROM matches the lower-cased stage name exactly; --from and from= ignore case.
    edits.push({ range: ref.range, newText: ref.kind === 'from' ? key : name });
  }
  edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { changes: { [doc.uri]: edits } };
}

type NamedStage = Stage & { name: string; nameRange: Range };

function namedStage(stage: Stage): NamedStage {
  if (stage.name === null || stage.nameRange === null) {
    throw new RefusedError(`Stage ${stage.index} has no name to rename. Name it first: FROM ${stage.image || '<image>'} AS <name>.`);
  }
  return stage as NamedStage;
}

function checkName(model: StageModel, stage: NamedStage, name: string, key: string): void {
  if (!VALID_NAME.test(key)) {
    throw new RefusedError(
      `'${name}' is not a valid stage name: it must start with a letter and contain only letters, digits, '-', '_' and '.'.`,
    );
  }
  if (RESERVED.has(key)) throw new RefusedError(`'${name}' is reserved by BuildKit and cannot name a stage.`);
  const other = model.stages.find((s) => s.index !== stage.index && s.key === key);
  if (other) throw new RefusedError(`'${name}' is already used by stage ${other.index} (${stageLabel(other)}).`);
  // A reference that names an image today would start naming the renamed stage.
  const captured = model.references.find((ref) => capturesImage(ref, key));
  if (captured) {
    throw new RefusedError(`'${name}' is already used as an image on line ${captured.range.start.line + 1}; renaming would change what it refers to.`);
  }
}

function capturesImage(ref: StageReference, key: string): boolean {
  if (ref.resolution.kind !== 'image') return false;
  const image = ref.resolution.image;
  return ref.kind === 'from' ? image === key : image.toLowerCase() === key;
}
