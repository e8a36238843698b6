// In-process cost of one keystroke at N stages (default 1000), after `npm run build`: node bench/phases.mjs [N]
// Prints mean ms per edit for analyze (model build), computeDiagnostics, JSON encoding, and each rule.
import { generate } from './generate.mjs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { DocumentStore } = require('../out/server/src/documents.js');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { computeDiagnostics } = require('../out/server/src/features/diagnostics.js');
const { mergeSettings } = require('../out/server/src/settings.js');
const rules = require('../out/server/src/rules/index.js');
const m = require('../out/server/src/model/index.js');
const size = Number(process.argv[2] ?? 1000);
const { text, positions } = generate(size);
const settings = mergeSettings({});
const store = new DocumentStore();
let doc = TextDocument.create('file:///x', 'dockerfile', 1, text);
store.analyze(doc, 1e9);
const names = ['nameRules','referenceRules','fromArgRules','undefinedVarRule','instructionRules','platformRules','unusedStageRule','libcRule','toolchainRule'];
const sum = { analyze: 0, diagnostics: 0, json: 0 }; const per = {};
const N = Number(process.env.N ?? 30), W = 10;
for (let i = 0; i < N + W; i++) {
  const { line, character } = positions.edit;
  doc = TextDocument.update(doc, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: i % 2 ? 'o' : '0' }], 2 + i);
  const t0 = performance.now(); const a = store.analyze(doc, 1e9); const t1 = performance.now();
  const d = computeDiagnostics(a, settings); const t2 = performance.now(); JSON.stringify(d); const t3 = performance.now();
  if (i >= W) { sum.analyze += t1 - t0; sum.diagnostics += t2 - t1; sum.json += t3 - t2; }
  if (i >= W) rules.ALL_RULES.forEach((rule, k) => { const t = performance.now(); rule({ model: a.model, target: m.targetIndex(a.model, '') }, []); per[names[k]] = (per[names[k]] ?? 0) + performance.now() - t; });
}
for (const k in sum) sum[k] = +(sum[k] / N).toFixed(2);
for (const k in per) per[k] = +(per[k] / N).toFixed(2);
console.log(JSON.stringify(sum), JSON.stringify(per));
