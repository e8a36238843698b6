// `npm run test:e2e`: installs what is missing (scripts/install-e2e-deps.sh), runs the editor suites in code-server,
// packages the extension (`npm run package`) and runs the UI check against the installed .vsix.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runUiCheck } from '../ui/uiCheck';
import { readInstall } from './codeServer';
import { runExtensionTests } from './extensionTests';
import { ROOT } from './paths';

const INSTALL_TIMEOUT_MS = 15 * 60_000;
const PACKAGE_TIMEOUT_MS = 5 * 60_000;

function run(what: string, command: string, args: string[], timeout: number): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout, killSignal: 'SIGKILL' });
  if (result.error) throw new Error(`${what} failed: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} exited with ${result.status ?? result.signal}`);
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  run('installing the editor test dependencies', 'bash', [path.join(ROOT, 'scripts', 'install-e2e-deps.sh')], INSTALL_TIMEOUT_MS);
  const install = readInstall();
  let passed = 0;
  let failed = 0;

  let started = Date.now();
  console.log(`editor tests in code-server ${install.version}`);
  try {
    const suites = await runExtensionTests(install);
    passed += suites.passes;
    failed += suites.failures;
  } catch (error) {
    failed += 1;
    console.error(`editor tests: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`editor tests took ${seconds(started)}`);

  started = Date.now();
  try {
    run('npm run package', 'npm', ['run', 'package'], PACKAGE_TIMEOUT_MS);
    const vsix = path.join(ROOT, 'dockerfile-stages.vsix');
    if (!fs.existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
    const ui = await runUiCheck(install, vsix);
    passed += ui.passed.length;
    console.log(`screenshots: ${ui.screenshots.map((file) => path.relative(ROOT, file)).join(', ')}`);
  } catch (error) {
    failed += 1;
    console.error(`UI check: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`UI check took ${seconds(started)}`);

  // The plain closing line that CI reads.
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

// On a signal, exit through process.exit so the 'exit' hooks kill code-server's process groups.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(1));

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:e2e failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
