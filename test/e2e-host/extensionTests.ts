// Runs the mocha suites (test/e2e) inside code-server's extension host, the way VS Code's own web integration
// tests do: the workbench URL carries extensionDevelopmentPath/extensionTestsPath, and the workbench reports
// through window.codeAutomationLog (everything the extension host prints) and window.codeAutomationExit.
import * as fs from 'node:fs';
import { format } from 'node:util';
import { RESULT_PREFIX } from '../e2e/index';
import { launchBrowser } from './browser';
import { freshDir, startCodeServer, type Install } from './codeServer';
import { ROOT, TESTS_ENTRY, WORKSPACE } from './paths';

const RUN_TIMEOUT_MS = 240_000;

export interface SuiteResult {
  passes: number;
  failures: number;
  tests: number;
}

/** The workbench's remote authority, read from the configuration code-server embeds in the page. */
async function remoteAuthority(url: string): Promise<string> {
  const html = await (await fetch(`${url}/`, { signal: AbortSignal.timeout(10_000) })).text();
  const match = /id="vscode-workbench-web-configuration" data-settings="([^"]*)"/.exec(html);
  if (!match) throw new Error(`no workbench configuration in ${url}/`);
  const json = match[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const authority = (JSON.parse(json) as { remoteAuthority?: string }).remoteAuthority;
  if (!authority) throw new Error('the workbench configuration has no remoteAuthority');
  return authority;
}

export async function runExtensionTests(install: Install): Promise<SuiteResult> {
  const home = freshDir('extension-tests');
  const server = await startCodeServer(install, home);
  const context = await launchBrowser(home).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  let succeeded = false;
  try {
    const page = await context.newPage();
    let result: SuiteResult | undefined;
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The extension host forwards console.* arguments unformatted (mocha's reporter uses %s/%d).
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (text.startsWith(RESULT_PREFIX)) result = JSON.parse(text.slice(RESULT_PREFIX.length)) as SuiteResult;
      // The workbench's own complaints (no network for the marketplace, no GitHub auth) are noise here: one line each.
      else if (type === 'error' || type === 'warn') console.error(`[${type}] ${text.split('\n')[0]}`);
      else console.log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));

    const authority = await remoteAuthority(server.url);
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${ROOT}`],
      ['extensionTestsPath', `vscode-remote://${authority}${TESTS_ENTRY}`],
      ['skipWelcome', 'true'],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url, { timeout: 60_000 });

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the extension tests did not finish within ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
    });
    const code = await Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
    if (!result) throw new Error(`the extension host exited with ${code} before the suites reported (see the log above)`);
    if (code !== 0 && result.failures === 0) throw new Error(`the extension host exited with ${code}`);
    succeeded = result.failures === 0;
    return result;
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
    // Kept after a failure, for code-server's logs.
    if (succeeded) fs.rmSync(home, { recursive: true, force: true });
  }
}
