// The thin client: start the server over IPC, render what it sends, offer a restart.
import * as path from 'node:path';
import { commands, window, type ExtensionContext } from 'vscode';
import {
  CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, State, TransportKind,
  type ErrorHandler, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let policy: ErrorHandler | undefined;

/** One message when the server is given up on, with the way back; never one per crash or failed request. */
function giveUp(what: string): void {
  void window.showErrorMessage(`Dockerfile Stages: the language server ${what}.`, 'Restart Server', 'Show Output').then((choice) => {
    if (choice === 'Restart Server') void commands.executeCommand('dockerfileStages.restartServer');
    else if (choice === 'Show Output') client?.outputChannel.show(true);
  });
}

/** The library's restart policy (restart up to its default limit), reporting quietly to the output channel. */
const errorHandler: ErrorHandler = {
  async error() {
    // A write to a server that just died fails before the close arrives: the close decides about restarting.
    return { action: ErrorAction.Continue, handled: true };
  },
  async closed() {
    // A server that dies while starting will die again: the library reports the failed start itself.
    if (client?.state === State.Starting) return { action: CloseAction.DoNotRestart, handled: true };
    const result = await (policy ??= client!.createDefaultErrorHandler()).closed();
    if (result.action === CloseAction.DoNotRestart) giveUp('crashed repeatedly and was not restarted');
    return { ...result, handled: true };
  },
};

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'dockerfile' }],
    synchronize: { configurationSection: 'dockerfileStages' },
    errorHandler,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // A server that fails to initialize is reported once, by the failed start; not also with the raw error.
    initializationFailedHandler: () => false,
  };
  client = new LanguageClient('dockerfileStages', 'Dockerfile Stages', serverOptions, clientOptions);
  context.subscriptions.push(
    commands.registerCommand('dockerfileStages.restartServer', async () => {
      if (!client) return;
      policy = undefined; // a manual restart gets a fresh crash budget
      // restart() only works on a running client; after a failed start, start() is the way back.
      // A failure is reported by the library; rejecting too would add a second message.
      await (client.isRunning() ? client.restart() : client.start()).catch(() => undefined);
    }),
  );
  // A failed start has been reported by the library; activation still succeeds so that "Restart Server" is there.
  await client.start().catch(() => undefined);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
