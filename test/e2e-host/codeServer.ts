// Starts the pinned code-server (installed by scripts/install-code-server.sh) in its own process group and stops
// the whole group: code-server leaves helper processes (extension host, pty host, language server) behind otherwise.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CACHE } from './paths';

export interface Install {
  version: string;
  /** Node 24, which code-server >= 4.133 requires. */
  node: string;
  /** code-server's CLI entry (out/node/entry.js). */
  entry: string;
}

export interface CodeServer {
  url: string;
  userDataDir: string;
  /** Everything code-server printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const INSTALL_EXTENSION_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export function readInstall(): Install {
  const file = path.join(CACHE, 'code-server.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run scripts/install-code-server.sh first`);
  const install = JSON.parse(fs.readFileSync(file, 'utf8')) as Install;
  for (const binary of [install.node, install.entry]) {
    if (!fs.existsSync(binary)) throw new Error(`${binary} is missing: run scripts/install-code-server.sh again`);
  }
  return install;
}

/** A fresh folder under .vscode-test/runs/ for one run's user data, extensions, XDG folders and browser profile. */
export function freshDir(name: string): string {
  const dir = path.join(CACHE, 'runs', `${name}-${process.pid}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function privateEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, dir] of [['XDG_CONFIG_HOME', 'config'], ['XDG_DATA_HOME', 'data'], ['XDG_CACHE_HOME', 'cache']] as const) {
    env[key] = path.join(home, dir);
    fs.mkdirSync(env[key]!, { recursive: true });
  }
  // code-server would otherwise read these from the environment that started it.
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

function serverFlags(home: string): string[] {
  return [
    '--user-data-dir', path.join(home, 'user-data'),
    '--extensions-dir', path.join(home, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Starts code-server in its own process group (detached: setsid), collecting what it prints. */
function spawnCodeServer(install: Install, home: string, args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(install.node, [install.entry, ...args], { env: privateEnv(home), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Runs `code-server --install-extension <vsix>` against the run's folders; bounded. */
export async function installExtension(install: Install, home: string, vsix: string): Promise<void> {
  const { child, output } = spawnCodeServer(install, home, [...serverFlags(home), '--install-extension', vsix]);
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new Error(`code-server --install-extension did not finish in ${INSTALL_EXTENSION_TIMEOUT_MS} ms:\n${output()}`));
    }, INSTALL_EXTENSION_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  killGroup(child, 'SIGKILL');
  if (code !== 0) throw new Error(`code-server --install-extension ${vsix} exited with ${code}:\n${output()}`);
  if (!/was successfully installed/.test(output())) throw new Error(`code-server did not confirm installing ${vsix}:\n${output()}`);
}

export async function startCodeServer(install: Install, home: string): Promise<CodeServer> {
  const port = await freePort();
  const config = path.join(home, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const userDataDir = path.join(home, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'workbench.enableExperiments': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
      null,
      2,
    ),
  );
  // detached: a new session and process group (setsid), so stop() can signal every process code-server started.
  // VS Code >= 1.138 (built) ignores the extension-test payload unless developmentOptions.enableSmokeTestDriver is
  // set, which VS Code's server does for --enable-smoke-test-driver. code-server's own parser rejects that flag but
  // passes it through with --vscode-option, so the workbench page is served unmodified.
  const flags = ['--config', config, ...serverFlags(home), '--vscode-option', 'enable-smoke-test-driver'];
  const { child, output } = spawnCodeServer(install, home, flags);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  // Last resort if the driver dies between start and stop (an uncaught error, a signal).
  const onExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', onExit);

  const stop = async () => {
    process.removeListener('exit', onExit);
    killGroup(child, 'SIGTERM');
    const grace = new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
    await Promise.race([exit, grace]);
    // Helpers may outlive the main process: always sweep the group.
    killGroup(child, 'SIGKILL');
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      if (exited) throw new Error(`code-server exited during startup:\n${output()}`);
      if (Date.now() > deadline) throw new Error(`code-server did not answer ${url}/healthz within ${START_TIMEOUT_MS} ms:\n${output()}`);
      const healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, userDataDir, output, stop };
}
