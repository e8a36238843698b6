// Shared by the CLI commands: read a file (or stdin) and analyse it exactly as the server does.
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore, type AnalyzedDocument } from '../documents';
import { defaultSettings } from '../settings';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

export function readInput(file: string): string {
  return readFileSync(file === '-' ? 0 : file, 'utf8');
}

export function analyzeText(file: string, text: string, maxFileSize = defaultSettings.maxFileSize): AnalyzedDocument {
  const uri = file === '-' ? 'untitled:stdin' : pathToFileURL(resolve(file)).toString();
  return new DocumentStore().analyze(TextDocument.create(uri, 'dockerfile', 1, text), maxFileSize);
}
