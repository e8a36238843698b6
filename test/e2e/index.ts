// Mocha entry that VS Code's extension host loads (extensionTestsPath): runs every suite/*.e2e.js in this folder.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Printed once at the end so the drivers can count results without parsing the reporter. */
export const RESULT_PREFIX = 'E2E-RESULT ';

export async function run(): Promise<void> {
  // mocha 12 is an ES module; a real dynamic import works in every extension host (Node >= 20).
  const { default: Mocha } = (await import('mocha')) as unknown as { default: typeof import('mocha') };
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30_000 });
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);
  const dir = path.join(__dirname, 'suite');
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.e2e.js')).sort();
  if (files.length === 0) throw new Error(`no *.e2e.js suites in ${dir}`);
  for (const file of files) mocha.addFile(path.join(dir, file));
  await mocha.loadFilesAsync();
  const failures = await new Promise<{ failures: number; passes: number; tests: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ failures: runner.stats?.failures ?? 0, passes: runner.stats?.passes ?? 0, tests: runner.total }));
  });
  console.log(`${RESULT_PREFIX}${JSON.stringify(failures)}`);
  if (failures.failures > 0 || failures.passes === 0) throw new Error(`${failures.failures} editor test(s) failed`);
}
