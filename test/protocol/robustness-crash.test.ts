// The crash hook the client's restart policy is tested with: DOCKERFILE_STAGES_TEST_CRASH makes the server die.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { SERVER_PATH, startClient } from '../helpers/lspClient';
import { lines } from '../helpers/markers';

const URI = 'file:///work/crash/Dockerfile';
const TEXT = lines('FROM alpine AS build', 'FROM build');

describe('protocol: crash hook', { timeout: 60_000 }, () => {
  it('on-open: the server exits with code 1 on didOpen, and a fresh server then serves normally', async () => {
    const crashing = await startClient({ env: { DOCKERFILE_STAGES_TEST_CRASH: 'on-open' } });
    const exited = new Promise<number | null>((resolve) => crashing.process.once('exit', (code) => resolve(code)));
    await crashing.open(URI, TEXT);
    assert.equal(await exited, 1);
    await crashing.stop();

    const fresh = await startClient({ env: { DOCKERFILE_STAGES_TEST_CRASH: '' } });
    await fresh.open(URI, TEXT);
    await fresh.waitForDiagnostics(URI);
    const symbols: DocumentSymbol[] = await fresh.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepEqual(symbols.map((s) => s.name), ['build', 'stage 1']);
    await fresh.stop();
    assert.equal(fresh.process.exitCode, 0);
  });

  it('on-start: the server exits with code 1 before it answers anything', async () => {
    const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: 'pipe', env: { ...process.env, DOCKERFILE_STAGES_TEST_CRASH: 'on-start' } });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
  });
});
