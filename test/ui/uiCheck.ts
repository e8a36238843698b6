// Drives the code-server workbench like a person, with the packaged .vsix installed: squiggle and Problems entry,
// the Outline view, the COPY --from= suggestion list, go to definition, and the "Name this stage" quick fix.
// Screenshots go to E2E_SCREENSHOTS (docs/images when refreshing the README's pictures) or .vscode-test/screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e-host/browser';
import { freshDir, installExtension, startCodeServer, type Install } from '../e2e-host/codeServer';
import { CACHE, WORKSPACE } from '../e2e-host/paths';

const STEP_TIMEOUT_MS = 30_000;
const IS_MAC = process.platform === 'darwin';
const MOD = IS_MAC ? 'Meta' : 'Control';

export interface UiResult {
  passed: string[];
  screenshots: string[];
}

export async function runUiCheck(install: Install, vsix: string): Promise<UiResult> {
  const home = freshDir('ui');
  const shots = path.resolve(process.env.E2E_SCREENSHOTS ?? path.join(CACHE, 'screenshots'));
  fs.mkdirSync(shots, { recursive: true });
  // A copy, so typing and quick fixes never touch the fixtures in the repository.
  const workspace = path.join(home, 'workspace');
  fs.cpSync(WORKSPACE, workspace, { recursive: true });

  await installExtension(install, home, vsix);
  const server = await startCodeServer(install, home);
  const context = await launchBrowser(home).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const result: UiResult = { passed: [], screenshots: [] };
  let ok = false;
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const step = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
      result.passed.push(name);
      console.log(`    ✔ ${name}`);
    } catch (error) {
      const failure = path.join(home, `failure-${result.passed.length + 1}.png`);
      await page.screenshot({ path: failure }).catch(() => undefined);
      throw new Error(`UI step '${name}' failed (screenshot ${failure}): ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const shoot = async (name: string) => {
    const file = path.join(shots, `${name}.png`);
    await page.screenshot({ path: file });
    result.screenshots.push(file);
  };

  try {
    console.log('  UI check (packaged .vsix in code-server)');
    await step('the workbench opens the folder', async () => {
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
      await page.locator('.monaco-workbench .part.statusbar').waitFor();
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mistakes.Dockerfile' }).waitFor();
    });

    await step('a mistake is squiggled and listed in Problems', async () => {
      await openFile(page, 'mistakes.Dockerfile');
      await page.locator('.monaco-editor .squiggly-error').first().waitFor();
      await page.keyboard.press(`${MOD}+Shift+M`);
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'StageReferencedBeforeDefinition' }).first().waitFor();
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'UnknownStageReference' }).first().waitFor();
      await shoot('diagnostics');
      await runCommand(page, 'View: Hide Panel');
    });

    await step('the Outline view lists the stages', async () => {
      const pane = page.locator('.split-view-view .pane', { has: page.locator('.pane-header', { hasText: 'Outline' }) });
      await pane.locator('.pane-header').click();
      // Collapse the file list, as a person would, so the whole outline fits.
      await page.locator('.split-view-view .pane-header', { hasText: 'Workspace' }).click();
      await page.mouse.move(900, 600);
      const outline = pane.locator('.pane-body');
      for (const stage of ['base', 'assets', 'builder', 'final']) {
        await outline.locator('.monaco-list-row', { hasText: stage }).first().waitFor();
      }
      await shoot('outline');
    });

    await step('go to definition moves the cursor to the stage name', async () => {
      await openFile(page, 'mistakes.Dockerfile');
      await goToLine(page, 12, 14); // COPY --from=as|sets, in the final stage
      await expectCursor(page, 12, 14);
      await page.keyboard.press('F12');
      await expectCursor(page, 4, 24); // FROM node:22-alpine AS |assets
      await shoot('definition');
    });

    await step('typing COPY --from= suggests the earlier stages', async () => {
      await goToLine(page, 12, 30);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('COPY --from=', { delay: 20 });
      const suggest = page.locator('.editor-widget.suggest-widget.visible');
      for (const stage of ['builder', 'assets', 'base']) {
        await suggest.locator('.monaco-list-row', { hasText: stage }).first().waitFor();
      }
      await shoot('completion');
      await page.keyboard.press('Escape');
    });

    await step('the quick fix names an unnamed stage', async () => {
      await openFile(page, 'unnamed.Dockerfile');
      await goToLine(page, 1, 8);
      await page.keyboard.press(`${MOD}+Period`);
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: /Name this stage/i }).first();
      await fix.waitFor();
      await shoot('quick-fix');
      await fix.click();
      await page.locator('.monaco-editor .view-lines', { hasText: 'FROM golang:1.22 AS golang' }).waitFor();
      await page.locator('.monaco-editor .view-lines', { hasText: 'COPY --from=golang' }).waitFor();
    });
    ok = true;
    return result;
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
    // Kept after a failure, for its screenshot and code-server's logs.
    if (ok) fs.rmSync(home, { recursive: true, force: true });
  }
}

async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press(`${MOD}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor();
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
}

async function runCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor();
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G'); // Go to Line is Ctrl+G on every platform.
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The status bar's "Ln 12, Col 14" is what a person reads to know where the cursor is. */
async function expectCursor(page: Page, line: number, column: number): Promise<void> {
  const status = page.locator('[id="status.editor.selection"]');
  const want = new RegExp(`^Ln ${line}, Col ${column}\\b`);
  try {
    await status.filter({ hasText: want }).waitFor({ timeout: 10_000 });
  } catch {
    throw new Error(`the cursor is not at Ln ${line}, Col ${column}: the status bar says '${await status.textContent()}'`);
  }
}
