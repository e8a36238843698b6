// In-process cost of opening a document at N stages (default 1000), after `npm run build`: node --expose-gc bench/open.mjs [N]
// Prints the median and minimum wall time of a fresh model build, its CPU time, and the heap one model keeps.
import { generate } from './generate.mjs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { DocumentStore } = require(process.env.OUT_DIR ? process.env.OUT_DIR + '/server/src/documents.js' : '../out/server/src/documents.js');
const { TextDocument } = require('vscode-languageserver-textdocument');
const size = Number(process.argv[2] ?? 1000);
const { text } = generate(size);
const times = [];
const cpu = [];
const kept = [];
for (let i = 0; i < 9; i++) {
  const store = new DocumentStore();
  const doc = TextDocument.create('file:///x', 'dockerfile', 1, text);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const a = store.analyze(doc, 1e9);
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  if (i === 8) kept.push(a);
}
times.sort((a,b)=>a-b);
cpu.sort((a,b)=>a-b);
global.gc?.(); const before = process.memoryUsage().heapUsed;
const models = [];
for (let i = 0; i < 3; i++) { const s = new DocumentStore(); models.push(s.analyze(TextDocument.create('file:///x','dockerfile',1,text), 1e9)); }
global.gc?.(); const after = process.memoryUsage().heapUsed;
console.log('median open ms', times[4].toFixed(1), 'min', times[0].toFixed(1), 'median cpu ms', cpu[4].toFixed(1), 'MiB per model', ((after-before)/3/1048576).toFixed(2));
