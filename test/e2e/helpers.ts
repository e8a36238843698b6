// Shared by the editor suites: open fixtures, find positions by text, and wait for diagnostics on events.
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'dockerfile-stages.dockerfile-stages';
/** Every wait in the suites is bounded by this; a timeout names what it was waiting for. */
export const WAIT_MS = 15_000;

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder: the host must open test/fixtures/workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a fixture in an editor and returns once the extension's language client is running. */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(document);
  if (document.languageId !== 'dockerfile') throw new Error(`${name} opened as ${document.languageId}, not dockerfile`);
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  // activate() resolves after client.start(), so the server's providers are registered from here on.
  await extension.activate();
  return document;
}

/** Throws away unsaved edits a test made to a fixture and closes its editor. */
export async function revertAndClose(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** The position `delta` characters into the `occurrence`-th (0-based) match of `needle`. */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 0, occurrence = 0): vscode.Position {
  const text = document.getText();
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`'${needle}' (occurrence ${occurrence}) not found in ${path.basename(document.uri.path)}`);
  }
  return document.positionAt(offset + delta);
}

/** The range of `token` inside the first match of `context`. */
export function rangeOf(document: vscode.TextDocument, context: string, token: string = context): vscode.Range {
  if (context.indexOf(token) < 0) throw new Error(`'${token}' is not inside '${context}'`);
  const start = positionOf(document, context, context.indexOf(token));
  return new vscode.Range(start, start.translate(0, token.length));
}

export function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves with the document's diagnostics from our server once `ready` accepts them. Event-driven, bounded. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  ready: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'dockerfile-stages');
  let subscription: vscode.Disposable | undefined;
  const arrived = new Promise<vscode.Diagnostic[]>((resolve) => {
    const check = () => {
      const current = ours();
      if (ready(current)) resolve(current);
    };
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    check();
  });
  return withTimeout(arrived, what).catch((error: Error) => {
    const seen = ours().map((d) => `${d.code && typeof d.code === 'object' ? d.code.value : d.code}@${d.range.start.line}`);
    throw new Error(`${error.message}; diagnostics seen: [${seen.join(', ')}]`);
  }).finally(() => subscription?.dispose());
}

export function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return code !== undefined && typeof code === 'object' ? code.value : code;
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Definition results come as Location or LocationLink; both reduce to uri + the range the cursor lands on. */
export function landing(result: vscode.Location | vscode.LocationLink): { uri: string; range: vscode.Range } {
  if ('targetUri' in result) return { uri: result.targetUri.toString(), range: result.targetSelectionRange ?? result.targetRange };
  return { uri: result.uri.toString(), range: result.range };
}

export function rangeText(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
