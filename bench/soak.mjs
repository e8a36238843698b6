// Soak test: 10,000 LSP operations (opens, incremental edits, every request, closes) against the built server.
// Prints RSS and heap after a forced GC (before, along the way, after) and the count of errors; exits 1 on any error.
//   node bench/soak.mjs [--ops 10000] [--seed 1]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const fc = require('fast-check');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const OPS = arg('ops', 10_000);
const SEED = arg('seed', 1);

// Realistic documents from the property tests' generator (compiled by `tsc -b` into out/).
const { dockerfile } = require(path.join(root, 'out/test/helpers/generators.js'));
const corpus = fc.sample(dockerfile, { seed: SEED, numRuns: 200 });

let state = SEED >>> 0 || 1;
const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = (list) => list[Math.floor(random() * list.length)];

// The preload lets the soak force a GC in the server and read its memory, without any hook in the server itself.
const preload = `data:text/javascript,process.on('SIGUSR2',()=>{globalThis.gc();const m=process.memoryUsage();process.stderr.write('MEM '+JSON.stringify({rss:m.rss,heapUsed:m.heapUsed})+'\\n')})`;
const server = spawn(process.execPath, ['--expose-gc', '--import', preload, path.join(root, 'server/out/server.js'), '--stdio'], { stdio: 'pipe' });
let stderr = '';
let partial = '';
const memoryWaiters = [];
server.stderr.on('data', (chunk) => {
  const lines = (partial + chunk.toString()).split('\n');
  partial = lines.pop();
  for (const line of lines) {
    if (line.startsWith('MEM ')) memoryWaiters.shift()?.(JSON.parse(line.slice(4)));
    else if (line.trim()) stderr += `${line}\n`;
  }
});
const measure = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  const result = new Promise((resolve) => memoryWaiters.push(resolve));
  server.kill('SIGUSR2');
  return result;
};

const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const errors = [];
const published = new Map();
connection.onNotification('window/logMessage', (m) => m.type === 1 && errors.push(`log: ${m.message}`));
connection.onNotification('textDocument/publishDiagnostics', (p) => published.set(p.uri, p.version));
connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
connection.onRequest('client/registerCapability', () => null);
connection.listen();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
await connection.sendNotification('initialized', {});

const FRAGMENTS = ['a', ' ', '\n', '\\\n', '--from=', 'build', '"', '<<EOF\n', 'EOF\n', '${', '}', '🐳', 'FROM alpine AS x\n', 'COPY --from=base /a /b\n'];
const open = new Map();
let uriCounter = 0;
const counts = { opens: 0, closes: 0, edits: 0, requests: 0, refusals: 0 };

async function request(method, params) {
  counts.requests++;
  try {
    await connection.sendRequest(method, params);
  } catch (error) {
    // A refused rename is an answer, not an error.
    if (method === 'textDocument/rename' && error?.code === -32600) counts.refusals++;
    else errors.push(`${method}: ${error?.message ?? error}`);
  }
}

async function step() {
  if (open.size === 0 || (open.size < 5 && random() < 0.03)) {
    const uri = `file:///soak/${++uriCounter}/Dockerfile`;
    const doc = TextDocument.create(uri, 'dockerfile', 1, pick(corpus));
    open.set(uri, doc);
    counts.opens++;
    return connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: doc.getText() } });
  }
  const doc = pick([...open.values()]);
  const uri = doc.uri;
  const roll = random();
  if (roll < 0.02) {
    open.delete(uri);
    counts.closes++;
    return connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  const text = doc.getText();
  const at = doc.positionAt(Math.floor(random() * (text.length + 1)));
  if (roll < 0.5) {
    const end = random() < 0.3 ? doc.positionAt(doc.offsetAt(at) + Math.floor(random() * 8)) : at;
    const change = { range: { start: at, end }, text: random() < 0.8 ? pick(FRAGMENTS) : '' };
    TextDocument.update(doc, [change], doc.version + 1);
    counts.edits++;
    return connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [change] });
  }
  const past = { line: at.line + (random() < 0.1 ? 3 : 0), character: at.character + (random() < 0.1 ? 50 : 0) };
  const method = pick(['completion', 'definition', 'references', 'documentHighlight', 'prepareRename', 'rename', 'hover', 'documentSymbol', 'foldingRange', 'codeLens', 'codeAction']);
  const params = { textDocument: { uri }, position: past, context: { includeDeclaration: true, diagnostics: [] }, newName: pick(['renamed', 'Build', 'scratch', '1x']), range: { start: at, end: at } };
  return request(`textDocument/${method}`, params);
}

async function settle() {
  // A round trip per open document: every queued edit has been applied and validated.
  for (const uri of open.keys()) await request('textDocument/documentSymbol', { textDocument: { uri } });
}

const started = Date.now();
for (let i = 1; i <= 1000; i++) {
  await step(); // warm-up, not counted: JIT and the parser's code paths, so that growth below is growth per use
  if (i % 50 === 0) await settle();
}
await settle();
const warm = { ...counts };
const before = await measure();
const samples = [];
for (let i = 1; i <= OPS; i++) {
  await step();
  if (i % 50 === 0) await settle();
  if (i % Math.max(1, Math.floor(OPS / 5)) === 0) samples.push({ ops: i, closed: counts.closes - warm.closes, ...(await measure()) });
}
for (const uri of [...open.keys()]) {
  open.delete(uri);
  counts.closes++;
  await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}
await request('textDocument/documentSymbol', { textDocument: { uri: 'file:///soak/none' } });
const after = await measure();
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
const exitCode = await new Promise((resolve) => (server.exitCode !== null ? resolve(server.exitCode) : server.once('exit', resolve)));
if (exitCode !== 0) errors.push(`server exit code ${exitCode}`);
if (stderr) errors.push(`server stderr: ${stderr.slice(0, 500)}`);

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log(`soak: ${OPS} operations in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`);
const measured = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v - warm[k]]));
console.log(`  after a 1,000-operation warm-up: documents opened ${measured.opens}, closed ${measured.closes}; edits (versions) ${measured.edits}; requests ${measured.requests} (rename refusals ${measured.refusals})`);
console.log(`  after GC  before: rss ${mb(before.rss)}, heap ${mb(before.heapUsed)}`);
for (const s of samples) console.log(`  after GC  ${String(s.ops).padStart(6)} ops (${s.closed} documents closed): rss ${mb(s.rss)}, heap ${mb(s.heapUsed)}`);
console.log(`  after GC  after closing all: rss ${mb(after.rss)}, heap ${mb(after.heapUsed)}`);
// Growth from the first sample on: what is left of the warm-up (code, inline caches) is not per-document growth.
const first = samples[0] ?? before;
const closedSince = measured.closes - (samples[0]?.closed ?? 0);
console.log(`  heap growth since the first sample: ${mb(after.heapUsed - first.heapUsed)} over ${closedSince} more closed documents (${((after.heapUsed - first.heapUsed) / Math.max(1, closedSince)).toFixed(0)} bytes each)`);
console.log(`  errors: ${errors.length}`);
for (const error of errors.slice(0, 20)) console.log(`    ${error}`);
process.exit(errors.length === 0 ? 0 : 1);
