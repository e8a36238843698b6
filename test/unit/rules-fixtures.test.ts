// Every rule's doc example, kept as fixtures: the bad file fires the rule, the good file has no diagnostics at all.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { RULE_NAMES } from '../../server/src/rules/catalog';
import { defaultSettings } from '../../server/src/settings';
import { analyze } from '../helpers/markers';

const DIR = path.resolve(__dirname, '../../../test/fixtures/rules');
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');
const codesOf = (text: string) => computeDiagnostics(analyze(text), defaultSettings).map((d) => d.code);

describe('rule fixtures', () => {
  for (const rule of RULE_NAMES.filter((name) => name !== 'AnalysisLimited')) {
    it(`${rule}: bad fires, good is clean`, () => {
      assert.ok(codesOf(read(`${rule}.bad.Dockerfile`)).includes(rule), `${rule}.bad.Dockerfile should report ${rule}`);
      assert.deepEqual(codesOf(read(`${rule}.good.Dockerfile`)), []);
    });
  }
});
