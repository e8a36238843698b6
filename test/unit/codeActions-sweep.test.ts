// Every action offered to fix a diagnostic of the rule fixtures and the example: applied, it removes a
// diagnostic of its rule and adds no Error.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { codeActions } from '../../server/src/features/codeActions';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { defaultSettings } from '../../server/src/settings';
import { applyAction } from '../helpers/applyEdit';
import { analyze } from '../helpers/markers';

const ROOT = path.resolve(__dirname, '../../..');
const FILES = [
  ...fs.readdirSync(path.join(ROOT, 'test/fixtures/rules')).filter((f) => f.endsWith('.bad.Dockerfile')).sort().map((f) => path.join('test/fixtures/rules', f)),
  'examples/Dockerfile',
];

const count = (diagnostics: Diagnostic[], predicate: (d: Diagnostic) => boolean) => diagnostics.filter(predicate).length;

describe('every offered fix on the rule fixtures', () => {
  let offered = 0;
  for (const file of FILES) {
    it(file, () => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const doc = analyze(text);
      const before = computeDiagnostics(doc, defaultSettings);
      for (const diagnostic of before) {
        const actions = codeActions(doc, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }, defaultSettings);
        // Only the actions that claim to fix it ("Name this stage" is also offered on any FROM line).
        for (const action of actions.filter((a) => a.diagnostics?.includes(diagnostic))) {
          offered++;
          const after = computeDiagnostics(analyze(applyAction(text, action)), defaultSettings);
          const label = `${action.title} (${diagnostic.code} line ${diagnostic.range.start.line + 1})`;
          const sameRule = (d: Diagnostic) => d.code === diagnostic.code;
          assert.ok(count(after, sameRule) < count(before, sameRule), `${label} leaves every ${diagnostic.code}`);
          for (const code of new Set(after.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code))) {
            const isCode = (d: Diagnostic) => d.code === code && d.severity === DiagnosticSeverity.Error;
            assert.ok(count(after, isCode) <= count(before, isCode), `${label} adds an Error ${code}`);
          }
        }
      }
    });
  }
  it('offered fixes at all', () => assert.ok(offered > FILES.length, `only ${offered} actions`));
});
