// `dockerfile-stages check` output: SARIF 2.1.0 for code scanning, next to text.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { formatDiagnostics } from '../../server/src/cli/report';
import { RULE_NAMES } from '../../server/src/rules/catalog';
import { defaultSettings } from '../../server/src/settings';
import { analyze, lines } from '../helpers/markers';

const text = lines('FROM alpine AS build', 'FROM alpine', 'COPY --from=9 /a /a', 'COPY --from=build /b /b');
const results = [{ file: './Dockerfile', text, diagnostics: computeDiagnostics(analyze(text), defaultSettings) }];

describe('check report', () => {
  it('prints file:line:col: severity Rule: message', () => {
    assert.equal(formatDiagnostics(results, 'text'), './Dockerfile:3:13: error InvalidStageIndex: invalid stage index 9');
  });

  it('writes SARIF 2.1.0 with rule metadata, helpUri and 1-based regions', () => {
    const sarif = JSON.parse(formatDiagnostics(results, 'sarif'));
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), RULE_NAMES);
    const rule = run.tool.driver.rules[RULE_NAMES.indexOf('InvalidStageIndex')];
    assert.deepEqual([rule.helpUri, rule.defaultConfiguration], ['https://github.com/dockerfile-stages/dockerfile-stages/blob/main/docs/rules/InvalidStageIndex.md', { level: 'error' }]);
    assert.deepEqual(run.results, [
      {
        ruleId: 'InvalidStageIndex',
        ruleIndex: RULE_NAMES.indexOf('InvalidStageIndex'),
        level: 'error',
        message: { text: 'invalid stage index 9' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'Dockerfile' }, region: { startLine: 3, startColumn: 13, endLine: 3, endColumn: 14 } } }],
      },
    ]);
  });

  it('gives absolute paths as file URIs', () => {
    const sarif = JSON.parse(formatDiagnostics([{ ...results[0], file: '/work/app/Dockerfile' }], 'sarif'));
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'file:///work/app/Dockerfile');
  });

  it('has a doc page for every rule', () => {
    const dir = path.resolve(__dirname, '../../../docs/rules');
    assert.deepEqual(RULE_NAMES.filter((name) => !fs.existsSync(path.join(dir, `${name}.md`))), []);
  });
});
