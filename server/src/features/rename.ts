import type { Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';

export function prepareRename(_doc: AnalyzedDocument, _position: Position): { range: Range; placeholder: string } | null {
  return null; // SCAFFOLD: issue 4
}

/** Throws a RenameError (see ../errors) when the new name is refused. */
export function rename(_doc: AnalyzedDocument, _position: Position, _newName: string): WorkspaceEdit | null {
  return null; // SCAFFOLD: issue 4
}
