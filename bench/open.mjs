// In-process cost of opening a document at N stages (default 1000), after `npm run build`: node --expose-gc bench/open.mjs [N]
// 25 fresh opens (a new store each, the last model kept meanwhile as a server keeps the open one); prints, over the
// last 20, the median wall time of the model build alone and of model + diagnostics + JSON, their CPU time, and the
// heap one model keeps. OUT_DIR=<another checkout>/out compares another build (run the two alternately).
import { generate } from './generate.mjs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
const require = createRequire(import.meta.url);
const out = process.env.OUT_DIR ?? new URL('../out', import.meta.url).pathname;
const { DocumentStore } = require(`${out}/server/src/documents.js`);
const { computeDiagnostics } = require(`${out}/server/src/features/diagnostics.js`);
const { mergeSettings } = require(`${out}/server/src/settings.js`);
const { TextDocument } = require('vscode-languageserver-textdocument');
// As server.ts sets it.
setFlagsFromString('--heap-growing-percent=50');
const size = Number(process.argv[2] ?? 1000);
const { text } = generate(size);
const settings = mergeSettings({});
const WARM_UP = 5;
const model = [];
const open = [];
const cpu = [];
let kept;
for (let i = 0; i < WARM_UP + 20; i++) {
  const store = new DocumentStore();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const analyzed = store.analyze(TextDocument.create('file:///x', 'dockerfile', 1, text), 1e9);
  const t1 = performance.now();
  JSON.stringify(computeDiagnostics(analyzed, settings));
  const t2 = performance.now();
  const c = process.cpuUsage(c0);
  kept = analyzed;
  if (i < WARM_UP) continue;
  model.push(t1 - t0);
  open.push(t2 - t0);
  cpu.push((c.user + c.system) / 1000);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
kept = undefined;
global.gc?.();
const before = process.memoryUsage().heapUsed;
const models = [];
for (let i = 0; i < 3; i++) models.push(new DocumentStore().analyze(TextDocument.create('file:///x', 'dockerfile', 1, text), 1e9));
global.gc?.();
const after = process.memoryUsage().heapUsed;
console.log(
  `model ${median(model)} ms, model + diagnostics + JSON ${median(open)} ms (CPU ${median(cpu)} ms), ${((after - before) / 3 / 1048576).toFixed(2)} MiB per model`,
);
