// Wires the LSP connection to the document store, the settings cache and the feature functions.
import {
  CodeActionKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type CompletionItem,
  type InitializeResult,
  type Position,
  type TextDocumentIdentifier,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore, type AnalyzedDocument } from './documents';
import { createGuard } from './guard';
import { SettingsCache, type Settings } from './settings';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { completion, completionList, isResolveData, resolveCompletion } from './features/completion';
import { definition } from './features/definition';
import { computeDiagnostics } from './features/diagnostics';
import { foldingRanges } from './features/folding';
import { documentHighlights } from './features/highlight';
import { hover } from './features/hover';
import { references } from './features/references';
import { prepareRename, rename } from './features/rename';
import { documentSymbols } from './features/symbols';

export const SERVER_NAME = 'dockerfile-stages';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const store = new DocumentStore();
  const settings = new SettingsCache(connection);
  const guard = createGuard(connection);
  const pending = new Map<string, NodeJS.Immediate>();

  const analyzed = async (id: TextDocumentIdentifier): Promise<{ doc: AnalyzedDocument; settings: Settings } | undefined> => {
    const document = documents.get(id.uri);
    if (!document) return undefined;
    const resolved = await settings.get(id.uri);
    const current = documents.get(id.uri);
    if (!current) return undefined;
    return { doc: store.analyze(current, resolved.maxFileSize), settings: resolved };
  };

  // offsetAt clamps positions past the end of a line or the file; it cannot make sense of non-numbers.
  const clampPosition = (doc: AnalyzedDocument, position: Position): Position => {
    if (!Number.isFinite(position?.line) || !Number.isFinite(position?.character)) throw new TypeError(`invalid position ${JSON.stringify(position)}`);
    return doc.document.positionAt(doc.document.offsetAt(position));
  };

  // Every scheduled validation takes a new generation; one that finds a newer generation when its settings
  // arrive publishes nothing. Without this, validations queued behind the first settings fetch all publish.
  const generations = new Map<string, number>();
  let generationCounter = 0;

  const validate = async (uri: string, generation: number) => {
    if (!documents.get(uri)) return;
    const resolved = await settings.get(uri);
    const document = documents.get(uri);
    if (!document || generations.get(uri) !== generation) return;
    let diagnostics: Diagnostic[] = [];
    try {
      diagnostics = computeDiagnostics(store.analyze(document, resolved.maxFileSize), resolved);
    } catch (error) {
      // Still publish (nothing) for this version: the previous version's diagnostics would sit at stale positions.
      connection.console.error(`diagnostics failed for ${uri}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  };

  // Coalesces a burst of edits. The connection handles one queued message per event-loop turn, after the callbacks
  // scheduled while handling the previous one; so validation waits until a whole turn has passed without a new edit
  // of the document (the first check never validates). While edits are queued, stale versions are never analysed.
  const scheduleValidation = (uri: string) => {
    generations.set(uri, ++generationCounter);
    if (pending.has(uri)) return;
    const waitForQuietTurn = (seen: number) => {
      pending.set(
        uri,
        setImmediate(() => {
          const generation = generations.get(uri);
          if (generation === undefined) return void pending.delete(uri);
          if (generation !== seen) return waitForQuietTurn(generation);
          pending.delete(uri);
          validate(uri, generation).catch((error) => connection.console.error(`diagnostics failed for ${uri}: ${error?.stack ?? error}`));
        }),
      );
    };
    waitForQuietTurn(-1);
  };

  let itemDefaults = false;

  connection.onInitialize((params): InitializeResult => {
    settings.setPullSupported(params.capabilities.workspace?.configuration === true);
    const defaults = params.capabilities.textDocument?.completion?.completionList?.itemDefaults ?? [];
    itemDefaults = defaults.includes('editRange') && defaults.includes('data');
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: { label: 'Dockerfile stages' },
        foldingRangeProvider: true,
        completionProvider: { triggerCharacters: ['=', ' ', ',', '"', "'"], resolveProvider: true },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source] },
      },
      serverInfo: { name: SERVER_NAME },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    for (const document of documents.all()) scheduleValidation(document.uri);
  });

  documents.onDidOpen((event) => scheduleValidation(event.document.uri));
  documents.onDidChangeContent((event) => scheduleValidation(event.document.uri));
  documents.onDidClose((event) => {
    const timer = pending.get(event.document.uri);
    if (timer) clearImmediate(timer);
    pending.delete(event.document.uri);
    generations.delete(event.document.uri);
    store.close(event.document.uri);
    settings.forget(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  const uriOf = <P extends { textDocument: TextDocumentIdentifier }>(params: P) => params.textDocument?.uri;

  connection.onDocumentSymbol(
    guard('documentSymbol', uriOf, [], async (params) => {
      const result = await analyzed(params.textDocument);
      return result ? documentSymbols(result.doc.model) : [];
    }),
  );
  connection.onFoldingRanges(
    guard('foldingRange', uriOf, [], async (params) => {
      const result = await analyzed(params.textDocument);
      return result ? foldingRanges(result.doc.model) : [];
    }),
  );
  connection.onCompletion(
    guard('completion', uriOf, [], async (params) => {
      const result = await analyzed(params.textDocument);
      return result ? completionList(completion(result.doc, clampPosition(result.doc, params.position)), itemDefaults) : [];
    }),
  );
  connection.onCompletionResolve(
    guard('completionResolve', (item: CompletionItem) => (isResolveData(item.data) ? item.data.uri : undefined), (item: CompletionItem) => item, async (item) => {
      const result = isResolveData(item.data) ? await analyzed({ uri: item.data.uri }) : undefined;
      return result ? resolveCompletion(result.doc, item) : item;
    }),
  );
  connection.onDefinition(
    guard('definition', uriOf, [], async (params) => {
      const result = await analyzed(params.textDocument);
      return result ? definition(result.doc, clampPosition(result.doc, params.position)) : [];
    }),
  );
  connection.onReferences(
    guard('references', uriOf, [], async (params) => {
      const result = await analyzed(params.textDocument);
      const include = params.context?.includeDeclaration === true;
      return result ? references(result.doc, clampPosition(result.doc, params.position), include) : [];
    }),
  );
  connection.onDocumentHighlight(
    guard('documentHighlight', uriOf, [], async (params) => {
      const result = await analyzed(params.textDocument);
      return result ? documentHighlights(result.doc, clampPosition(result.doc, params.position)) : [];
    }),
  );
  connection.onPrepareRename(
    guard('prepareRename', uriOf, null, async (params) => {
      const result = await analyzed(params.textDocument);
      return result ? prepareRename(result.doc, clampPosition(result.doc, params.position)) : null;
    }),
  );
  connection.onRenameRequest(
    guard('rename', uriOf, null, async (params) => {
      const result = await analyzed(params.textDocument);
      return result ? rename(result.doc, clampPosition(result.doc, params.position), params.newName) : null;
    }),
  );
  connection.onHover(
    guard('hover', uriOf, null, async (params) => {
      const result = await analyzed(params.textDocument);
      return result ? hover(result.doc, clampPosition(result.doc, params.position), result.settings) : null;
    }),
  );
  connection.onCodeLens(
    guard('codeLens', uriOf, [], async (params) => {
      const result = await analyzed(params.textDocument);
      return result ? codeLenses(result.doc, result.settings) : [];
    }),
  );
  connection.onCodeAction(
    guard('codeAction', uriOf, [], async (params) => {
      const result = await analyzed(params.textDocument);
      return result ? codeActions(result.doc, params.range, params.context, result.settings) : [];
    }),
  );

  documents.listen(connection);
  connection.listen();
}
