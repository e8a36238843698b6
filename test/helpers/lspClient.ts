// A real LSP client over stdio for protocol tests: spawns the bundled server as editors do.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type InitializeParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER_PATH = path.resolve(__dirname, '../../../server/out/server.js');

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Diagnostics as published, in order, per URI. */
  diagnostics: Map<string, PublishDiagnosticsParams[]>;
  /** Resolves with the first publication for `uri` that satisfies `predicate` (already received ones included). */
  waitForDiagnostics(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, version?: number): Promise<void>;
  stop(): Promise<void>;
  stderr(): string;
}

export interface StartOptions {
  /** Answers workspace/configuration requests; omit to leave the client without pull support. */
  configuration?: (section: string | undefined, scopeUri: string | undefined) => unknown;
  env?: NodeJS.ProcessEnv;
  initializationOptions?: unknown;
}

export async function startClient(options: StartOptions = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const list = diagnostics.get(params.uri) ?? [];
    list.push(params);
    diagnostics.set(params.uri, list);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.predicate(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string; scopeUri?: string }[] }) =>
    params.items.map((item) => options.configuration?.(item.section, item.scopeUri) ?? null),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();

  const init: InitializeParams = {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: { configuration: options.configuration !== undefined },
      textDocument: {
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
        rename: { prepareSupport: true },
        completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
      },
    },
    initializationOptions: options.initializationOptions,
    workspaceFolders: null,
  };
  await connection.sendRequest('initialize', init);
  await connection.sendNotification('initialized', {});

  return {
    connection,
    process: child,
    diagnostics,
    waitForDiagnostics(uri, predicate = () => true) {
      const seen = (diagnostics.get(uri) ?? []).find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ uri, predicate, resolve }));
    },
    async open(uri, text, version = 1) {
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
          await connection.sendRequest('shutdown');
          await connection.sendNotification('exit');
        } catch {
          child.kill();
        }
        await exited;
      }
      connection.dispose();
    },
    stderr: () => stderr,
  };
}
