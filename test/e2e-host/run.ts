// `npm run test:e2e`: the editor suites in code-server, then the UI check with the packaged .vsix.
import { readInstall } from './codeServer';
import { runExtensionTests } from './extensionTests';

async function main(): Promise<number> {
  const install = readInstall();
  const started = Date.now();
  console.log(`editor tests in code-server ${install.version}`);
  const suites = await runExtensionTests(install);
  console.log(`editor tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The plain closing line that CI reads.
  console.log(`e2e: ${suites.passes} passed, ${suites.failures} failed`);
  return suites.failures === 0 && suites.passes > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:e2e failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
