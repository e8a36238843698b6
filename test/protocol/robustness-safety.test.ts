// At run time, over a whole session, the server spawns nothing, connects nowhere and reads no file but its own code.
// A preload (NODE_OPTIONS=--require) wraps the process, network and file APIs and reports every call on stderr.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVER_PATH, startClient, type TestClient } from '../helpers/lspClient';
import { lines } from '../helpers/markers';

const PRELOAD = `
const report = (what) => process.stderr.write('SAFETY ' + what + '\\n');
const wrap = (name, names) => {
  const target = require(name);
  for (const key of names) {
    const original = target[key];
    if (typeof original !== 'function') continue;
    target[key] = function (...args) { report(name + '.' + key + ' ' + String(args[0])); return original.apply(this, args); };
  }
};
wrap('child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
wrap('net', ['connect', 'createConnection', 'createServer']);
wrap('http', ['request', 'get', 'createServer']);
wrap('https', ['request', 'get', 'createServer']);
wrap('tls', ['connect']);
wrap('dgram', ['createSocket']);
wrap('dns', ['lookup', 'resolve']);
const fs = require('fs');
wrap('fs', Object.keys(fs).filter((k) => /^(read|open|createReadStream|exists|stat|lstat|access|opendir|watch|realpath|cp|copy|write|append|mkdir|rm|unlink|rename)/.test(k)));
wrap('fs/promises', Object.keys(fs.promises));
`;

const DOCKERFILE = lines('# syntax=docker/dockerfile:1', 'ARG BASE=alpine', 'FROM $BASE AS build', 'RUN --mount=type=cache,target=/c make', 'FROM build', 'COPY --from=build /a /b', 'COPY --from=../../etc/passwd /x /y', 'ADD https://example.com/x /x');

describe('protocol: the server executes nothing, connects nowhere, reads nothing', { timeout: 60_000 }, () => {
  let dir: string;
  let client: TestClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-safety-'));
    const preload = path.join(dir, 'preload.js');
    fs.writeFileSync(preload, PRELOAD);
    client = await startClient({ configuration: () => ({}), env: { NODE_OPTIONS: `--require ${preload}` } });
  });
  after(async () => {
    if (client.process.exitCode === null) await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes no such call during a session with every request', async () => {
    const uri = 'file:///etc/Dockerfile';
    await client.open(uri, DOCKERFILE);
    await client.waitForDiagnostics(uri);
    const at = { textDocument: { uri }, position: { line: 5, character: 14 } };
    for (const [method, extra] of [
      ['textDocument/completion', {}], ['textDocument/definition', {}], ['textDocument/references', { context: { includeDeclaration: true } }],
      ['textDocument/documentHighlight', {}], ['textDocument/prepareRename', {}], ['textDocument/rename', { newName: 'b2' }], ['textDocument/hover', {}],
    ] as const) await client.connection.sendRequest(method, { ...at, ...extra });
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens']) await client.connection.sendRequest(method, { textDocument: { uri } });
    await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } }, context: { diagnostics: [] } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${DOCKERFILE}\nCOPY --from=/etc/shadow / /` }] });
    await client.waitForDiagnostics(uri, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.stop();
    // Loading the bundle itself is the only file access allowed.
    const calls = client.stderr().split('\n').filter((line) => line.startsWith('SAFETY '));
    const own = (line: string) => /^SAFETY fs\.(readFileSync|realpathSync|statSync|existsSync) /.test(line) && line.includes(path.dirname(SERVER_PATH));
    assert.ok(calls.some(own), 'the preload did not run: expected it to see the bundle being loaded');
    assert.deepEqual(calls.filter((line) => !own(line)), []);
  });
});
