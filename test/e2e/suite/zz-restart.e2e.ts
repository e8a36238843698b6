// Crash handling of the thin client in the real extension host: a server that dies on every didOpen is restarted up
// to the library's limit, then given up on with one message; "Restart Server" brings it back, also after a failed
// start. The crashes come from the server's DOCKERFILE_STAGES_TEST_CRASH hook. Named zz- to run last, and after()
// restores a running server anyway.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
// The module object itself (not an import-star copy), so that replacing fork is seen by the client's bundle.
import childProcess = require('node:child_process');
import { CloseAction, LanguageClient } from 'vscode-languageclient/node';
import { EXTENSION_ID, WAIT_MS, codeOf, fixtureUri, openFixture, waitForDiagnostics, withTimeout } from '../helpers';

const CRASH_ENV = 'DOCKERFILE_STAGES_TEST_CRASH';
const RESTART_COMMAND = 'dockerfileStages.restartServer';

/** How many crashes in a row the library's default error handler answers with Restart. */
async function libraryRestartLimit(): Promise<number> {
  // Never started: only its default error handler is used. A bound guards against a policy that always restarts.
  const probe = new LanguageClient('probe', 'probe', { command: 'never-started' }, {});
  const handler = probe.createDefaultErrorHandler();
  for (let restarts = 0; restarts < 100; restarts++) {
    if ((await handler.closed()).action !== CloseAction.Restart) return restarts;
  }
  throw new Error('the default error handler restarts more than 100 times');
}

interface ServerProcess {
  exitCode: Promise<number | null>;
}

type Notify = (message: string, ...rest: unknown[]) => Thenable<unknown>;
const METHODS = { error: 'showErrorMessage', warning: 'showWarningMessage', information: 'showInformationMessage' } as const;
type Method = (typeof METHODS)[keyof typeof METHODS];
interface Shown {
  kind: keyof typeof METHODS;
  message: string;
  items: string[];
}

/**
 * The `vscode` API object that the extension's bundle uses. The extension host answers require('vscode') with an
 * object per extension, chosen by the requiring module's path; asking through the bundle's own module gets the
 * bundle's object wherever the suites live (today, under the extension's folder, it is also this file's).
 */
function extensionApi(): typeof vscode {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const main = require.resolve(path.join(extension.extensionPath, String(extension.packageJSON.main)));
  const bundle = require.cache[main];
  if (!bundle) throw new Error(`${main} is not in the module cache: the extension host loaded it some other way`);
  return bundle.require('vscode') as typeof vscode;
}

describe('server crashes', () => {
  // Node's module cache gives the client's bundle and this file the same child_process, and extensionApi() the same
  // window object as the bundle: wrapping these lets the suite watch the server processes the LanguageClient forks
  // and the messages the client shows.
  const servers: ServerProcess[] = [];
  const shown: Shown[] = [];
  const waiters: Array<() => void> = [];
  const originalFork = childProcess.fork;
  let window: typeof vscode.window;
  let originals: Partial<Record<Method, Notify>> = {};
  let healthy = true;

  before(async () => {
    await openFixture('Dockerfile'); // activates the extension
    window = extensionApi().window;
    const fork = (...args: Parameters<typeof originalFork>) => {
      const child = originalFork(...args);
      if (String(args[0]).endsWith('server.js')) {
        servers.push({ exitCode: new Promise((resolve) => child.once('exit', (code) => resolve(code))) });
      }
      return child;
    };
    childProcess.fork = fork as typeof originalFork;
    const wrapped = window as unknown as Record<Method, Notify>;
    for (const kind of Object.keys(METHODS) as Array<Shown['kind']>) {
      const original = (originals[METHODS[kind]] = wrapped[METHODS[kind]]);
      wrapped[METHODS[kind]] = (message: string, ...rest: unknown[]) => {
        shown.push({ kind, message, items: rest.filter((item): item is string => typeof item === 'string') });
        for (const wake of waiters.splice(0)) wake();
        return original.call(window, message, ...rest);
      };
    }
  });

  after(async () => {
    childProcess.fork = originalFork;
    if (window) Object.assign(window, originals);
    delete process.env[CRASH_ENV];
    // A failure above may have left the client given up: the suites after this one need a server.
    if (!healthy) await restart();
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  const restart = () => withTimeout(Promise.resolve(vscode.commands.executeCommand(RESTART_COMMAND)), 'the restart command');
  const symbolNames = async (uri: vscode.Uri) =>
    (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri))?.map((s) => s.name) ?? [];
  const messageShown = () => new Promise<void>((resolve) => (shown.length > 0 ? resolve() : waiters.push(resolve)));

  it('restarts a crashing server up to the library limit, then gives up with one message', async () => {
    const limit = await libraryRestartLimit();
    await openFixture('Dockerfile');
    healthy = false;
    process.env[CRASH_ENV] = 'on-open';
    // The LanguageClient forks the server with this process's env: the next server dies on the Dockerfile's didOpen.
    await restart();
    await withTimeout(messageShown(), `a message after ${limit + 1} crashes`);

    // The first crashing server and `limit` restarts, every one exiting with the crash hook's code.
    const codes = await withTimeout(Promise.all(servers.map((server) => server.exitCode)), 'the crashed servers to exit');
    assert.deepEqual(codes, Array<number>(limit + 1).fill(1), `server exit codes (library limit: ${limit} restarts)`);
    assert.deepEqual(shown, [
      {
        kind: 'error',
        message: 'Dockerfile Stages: the language server crashed repeatedly and was not restarted.',
        items: ['Restart Server', 'Show Output'],
      },
    ]);
  });

  it('"Restart Server" brings the server back after it was given up on', async () => {
    const document = await openFixture('Dockerfile');
    // Given up means no provider is registered. VS Code has no event for a provider going away (the client's state
    // is not exported), so this polls with a deadline; each round trip goes through the workbench.
    const deadline = Date.now() + WAIT_MS;
    while ((await symbolNames(document.uri)).length > 0) {
      if (Date.now() > deadline) throw new Error(`the given-up server's document symbols were still answered after ${WAIT_MS} ms`);
    }
    const mistakes = fixtureUri('mistakes.Dockerfile');
    assert.deepEqual(vscode.languages.getDiagnostics(mistakes).filter((d) => d.source === 'dockerfile-stages'), []);
    const crashed = servers.length;

    delete process.env[CRASH_ENV];
    await restart();
    assert.equal(servers.length, crashed + 1, 'one new server process');
    assert.deepEqual(await symbolNames(document.uri), ['builder', 'tester', 'runtime']);

    await openFixture('mistakes.Dockerfile');
    const expected = ['StageReferencedBeforeDefinition', 'UnknownStageReference', 'UnusedStage'];
    await waitForDiagnostics(mistakes, (current) => expected.every((code) => current.some((d) => codeOf(d) === code)), `${expected.join(', ')} after the restart`);
    healthy = true;
    // The restart added no message to the one shown when the client gave up.
    assert.equal(shown.length, 1, `messages shown: ${JSON.stringify(shown)}`);
  });

  it('"Restart Server" starts the server after a failed start', async () => {
    const document = await openFixture('Dockerfile');
    const [serversBefore, shownBefore] = [servers.length, shown.length];
    healthy = false;
    process.env[CRASH_ENV] = 'on-start';
    // The server exits before it connects: the start fails, and is not retried (it would fail again).
    await restart();
    const codes = await withTimeout(Promise.all(servers.slice(serversBefore).map((server) => server.exitCode)), 'the server to exit');
    assert.deepEqual(codes, [1]);
    assert.deepEqual(await symbolNames(document.uri), []);

    delete process.env[CRASH_ENV];
    await restart();
    assert.equal(servers.length, serversBefore + 2, 'one new server process');
    assert.deepEqual(await symbolNames(document.uri), ['builder', 'tester', 'runtime']);
    healthy = true;
    // One message for the failed start (the library's own), none for the restart.
    assert.deepEqual(shown.slice(shownBefore).map((message) => message.kind), ['error'], `messages shown: ${JSON.stringify(shown.slice(shownBefore))}`);
  });
});
