// Side-by-side LSP benchmark over stdio: our server vs the reference docker-langserver, same inputs, same run.
// Usage (after `npm run build`): node bench/bench.mjs [--sizes 10,100,1000] [--iterations N] [--out file]
//   [--only ours|reference] [--node-args "--cpu-prof --cpu-prof-dir=/tmp/prof"] (profiles the servers)
//   [--ours path/to/server.js] (another build of ours, e.g. to compare before and after a change)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import protocol from 'vscode-languageserver-protocol/node';
import { generate } from './generate.mjs';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = protocol;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVERS = {
  ours: path.join(root, 'server/out/server.js'),
  reference: path.join(root, 'node_modules/dockerfile-language-server-nodejs/bin/docker-langserver'),
};
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
SERVERS.ours = path.resolve(option('ours', SERVERS.ours));
const SIZES = option('sizes', '10,100,1000').split(',').map(Number);
// Fewer repetitions on big inputs keep a full run to a few minutes; the reference takes ~0.2-0.4 s per request there.
const ITERATIONS = (size) => Number(option('iterations', size >= 1000 ? 9 : size >= 100 ? 15 : 25));
const STARTUPS = 7;
const NODE_ARGS = option('node-args', '').split(' ').filter(Boolean);
const ONLY = option('only', '');
const SERVER_NAMES = ONLY ? [ONLY] : ['ours', 'reference'];
const TIMEOUT_MS = 60_000;
const URI = 'file:///bench/Dockerfile';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), TIMEOUT_MS))),
  ]);
}

function peakRssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

/** CPU seconds (user + system) the process has used so far; less sensitive to machine load than wall time. */
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** Spawns a server and initializes it; resolves with the connection and the startup time. */
async function start(server) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...NODE_ARGS, SERVERS[server], '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const listeners = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    for (const listener of [...listeners]) listener(params);
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await withTimeout(
    connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          rename: { prepareSupport: true },
          // As VS Code declares it (vscode-languageclient 10).
          completion: {
            completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
            completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    }),
    `${server} initialize`,
  );
  const startup = performance.now() - t0;
  await connection.sendNotification('initialized', {});
  /** The next diagnostics for URI that `accept` takes, arriving after this call. */
  const nextDiagnostics = (accept) =>
    withTimeout(
      new Promise((resolve) => {
        const listener = (params) => {
          if (params.uri !== URI || !accept(params)) return;
          listeners.splice(listeners.indexOf(listener), 1);
          resolve(params);
        };
        listeners.push(listener);
      }),
      `${server} diagnostics`,
    );
  const stop = async () => {
    try {
      await withTimeout(connection.sendRequest('shutdown'), 'shutdown');
      await connection.sendNotification('exit');
    } catch {
      // measured already; a server that does not stop cleanly is killed below
    }
    // Let it exit by itself (a profiler writes its file then); kill it if it does not.
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    connection.dispose();
    child.kill();
  };
  return { child, connection, startup, nextDiagnostics, stop };
}

async function timed(fn) {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

/** All measurements for one server and one input size, in a fresh process. */
async function measure(server, size) {
  const { text, positions } = generate(size);
  const iterations = ITERATIONS(size);
  const s = await start(server);
  const out = { open: [], edit: [], completion: [], definition: [], references: [], hover: [], documentSymbol: [], rename: [] };
  const counts = {};
  const td = { uri: URI };

  // open -> diagnostics: reopen the document each time so the whole file is analysed again.
  for (let i = 0; i < iterations; i++) {
    const published = s.nextDiagnostics((p) => p.version === undefined || p.version === 1);
    const t0 = performance.now();
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text } });
    await published;
    out.open.push(performance.now() - t0);
    const cleared = s.nextDiagnostics(() => true);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: td });
    await cleared.catch(() => undefined);
  }
  const opened = s.nextDiagnostics(() => true);
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text } });
  await opened;

  // edit -> diagnostics: a one-character incremental change inside one stage. The reference publishes
  // without a version, so its answer is the first publication that arrives after the change.
  let version = 1;
  const { line, character } = positions.edit;
  for (let i = 0; i < iterations; i++) {
    version++;
    const v = version;
    const published = s.nextDiagnostics((p) => p.version === undefined || p.version === v);
    const t0 = performance.now();
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: v },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: v % 2 ? 'o' : '0' }],
    });
    const params = await published;
    out.edit.push(performance.now() - t0);
    counts.diagnostics = params.diagnostics.length;
  }

  const requests = {
    completion: ['textDocument/completion', { textDocument: td, position: positions.afterFrom }],
    definition: ['textDocument/definition', { textDocument: td, position: positions.fromValue }],
    references: ['textDocument/references', { textDocument: td, position: positions.stageName, context: { includeDeclaration: true } }],
    hover: ['textDocument/hover', { textDocument: td, position: positions.fromValue }],
    documentSymbol: ['textDocument/documentSymbol', { textDocument: td }],
    rename: ['textDocument/rename', { textDocument: td, position: positions.stageName, newName: 'renamed-stage' }],
  };
  for (let i = 0; i < iterations; i++) {
    for (const [name, [method, params]] of Object.entries(requests)) {
      const { ms, result } = await timed(() => withTimeout(s.connection.sendRequest(method, params), `${server} ${name}`).catch(() => null));
      out[name].push(ms);
      counts[name] = resultSize(result);
    }
  }
  const rss = peakRssMiB(s.child.pid);
  const cpu = cpuSeconds(s.child.pid);
  await s.stop();
  const medians = Object.fromEntries(Object.entries(out).map(([k, xs]) => [k, median(xs)]));
  return { medians, samples: out, rss, cpu, resultSizes: counts, lines: text.split('\n').length, bytes: Buffer.byteLength(text) };
}

function resultSize(result) {
  if (result === null || result === undefined) return 0;
  if (Array.isArray(result)) return result.length;
  if (Array.isArray(result.items)) return result.items.length;
  if (result.changes) return Object.values(result.changes).reduce((n, edits) => n + edits.length, 0);
  if (result.documentChanges) return result.documentChanges.reduce((n, c) => n + (c.edits?.length ?? 0), 0);
  return 1;
}

async function startups(server) {
  const times = [];
  for (let i = 0; i < STARTUPS; i++) {
    const s = await start(server);
    times.push(s.startup);
    await s.stop();
  }
  return median(times);
}

const ROWS = [
  ['startup', 'startup (spawn → initialize)'],
  ['open', 'open → diagnostics'],
  ['openFirst', '  of which the first open (cold)'],
  ['openWarm', '  of which the last third (warm)'],
  ['edit', 'edit → diagnostics'],
  ['completion', 'completion after --from='],
  ['definition', 'definition'],
  ['references', 'references'],
  ['hover', 'hover'],
  ['documentSymbol', 'documentSymbol'],
  ['rename', 'rename'],
  ['rss', 'peak RSS (MiB)'],
  ['cpu', 'server CPU, whole session (s)'],
];

function table(results) {
  const fmt = (x) => (Number.isNaN(x) ? '-' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const head = ['metric (median ms)'];
  for (const size of SIZES) head.push(`ours ${size}`, `ref ${size}`, `ratio ${size}`);
  if (SIZES.includes(100) && SIZES.includes(1000)) head.push('ours 1000/100');
  const rows = [head, head.map(() => '---')];
  for (const [key, label] of ROWS) {
    const row = [label];
    for (const size of SIZES) {
      const ours = value(results, 'ours', size, key);
      const ref = value(results, 'reference', size, key);
      row.push(fmt(ours), fmt(ref), `${fmt(ref / ours)}×`);
    }
    if (SIZES.includes(100) && SIZES.includes(1000)) {
      row.push(key === 'startup' ? '-' : `${fmt(value(results, 'ours', 1000, key) / value(results, 'ours', 100, key))}×`);
    }
    rows.push(row);
  }
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function value(results, server, size, key) {
  if (key === 'startup') return results.startup[server];
  const r = results.sizes[size][server];
  if (key === 'rss' || key === 'cpu') return r[key];
  // Read from the same open samples as the median: the first one, in a fresh process, runs unoptimised
  // code (JIT warm-up) on a young heap; the last third shows what the optimised code costs.
  if (key === 'openFirst') return r.samples.open[0];
  if (key === 'openWarm') return median(r.samples.open.slice(-Math.ceil(r.samples.open.length / 3)));
  return r.medians[key];
}

async function main() {
  for (const [name, file] of Object.entries(SERVERS)) {
    if (!fs.existsSync(file)) throw new Error(`${name} server not found at ${file}; run npm run build first`);
  }
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.type()} ${os.release()}` },
    iterations: Object.fromEntries(SIZES.map((s) => [s, ITERATIONS(s)])),
    startup: {},
    sizes: {},
  };
  // Alternate the servers so that background load on the machine hits both alike.
  for (const server of SERVER_NAMES) results.startup[server] = await startups(server);
  for (const size of SIZES) {
    results.sizes[size] = {};
    for (const server of SERVER_NAMES) {
      process.stderr.write(`measuring ${server} at ${size} stages...\n`);
      results.sizes[size][server] = await measure(server, size);
    }
  }
  const out = option('out', path.join(root, 'bench/results', `bench-${results.date.replace(/[:.]/g, '-')}.json`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  const sizes = SIZES.map((s) => `${s} stages: ${results.sizes[s][SERVER_NAMES[0]].lines} lines, ${(results.sizes[s][SERVER_NAMES[0]].bytes / 1024).toFixed(0)} KiB`).join('; ');
  if (ONLY) {
    console.log(JSON.stringify(Object.fromEntries(SIZES.map((s) => [s, { ...results.sizes[s][ONLY].medians, rss: results.sizes[s][ONLY].rss, cpu: results.sizes[s][ONLY].cpu }]))));
    return;
  }
  console.log(`${sizes}\nratio = reference / ours (higher is better for us)\n`);
  console.log(table(results));
  console.log(`\nresult sizes at ${SIZES[SIZES.length - 1]} stages: ours ${JSON.stringify(results.sizes[SIZES[SIZES.length - 1]].ours.resultSizes)}, reference ${JSON.stringify(results.sizes[SIZES[SIZES.length - 1]].reference.resultSizes)}`);
  console.log(`\nJSON: ${path.relative(root, out)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
