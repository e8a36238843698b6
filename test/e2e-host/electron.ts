// `npm run test:e2e:electron`: the same editor suites in VS Code desktop through @vscode/test-electron.
// Uses VSCODE_EXECUTABLE_PATH when set (an installed VS Code); otherwise downloads one, which needs network access.
import * as fs from 'node:fs';
import { runTests } from '@vscode/test-electron';
import { ROOT, TESTS_ENTRY, WORKSPACE } from './paths';

const DOWNLOAD_TIMEOUT_MS = 30_000;

async function main(): Promise<number> {
  if (!fs.existsSync(TESTS_ENTRY)) throw new Error(`${TESTS_ENTRY} is missing: run 'npm run build' first`);
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (executable && !fs.existsSync(executable)) throw new Error(`VSCODE_EXECUTABLE_PATH=${executable} does not exist`);
  if (!executable) console.log(`VSCODE_EXECUTABLE_PATH is not set: downloading VS Code (idle timeout ${DOWNLOAD_TIMEOUT_MS / 1000} s)`);
  try {
    return await runTests({
      vscodeExecutablePath: executable,
      timeout: DOWNLOAD_TIMEOUT_MS,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS_ENTRY,
      launchArgs: [WORKSPACE, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (error) {
    if (!executable) {
      throw new Error(
        `could not download VS Code (${error instanceof Error ? error.message : String(error)}). ` +
          'Without network access, point VSCODE_EXECUTABLE_PATH at an installed VS Code, or run `npm run test:e2e` (code-server).',
      );
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:e2e:electron failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
