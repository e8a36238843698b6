// Diagnostic output formats for `dockerfile-stages check`.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { RULE_NAMES, RULES, ruleDocUrl } from '../rules/catalog';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface FileResult {
  file: string;
  text: string;
  diagnostics: Diagnostic[];
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
// SARIF levels: hints become notes too, since SARIF has no lower level that code scanning shows.
const SARIF_LEVEL = ['', 'error', 'warning', 'note', 'note'];

export function formatDiagnostics(results: FileResult[], format: OutputFormat): string {
  if (format === 'json') {
    return JSON.stringify(
      results.map((r) => ({ file: r.file, diagnostics: r.diagnostics })),
      null,
      2,
    );
  }
  if (format === 'text') {
    const lines: string[] = [];
    for (const r of results) {
      for (const d of r.diagnostics) {
        const { line, character } = d.range.start;
        lines.push(`${r.file}:${line + 1}:${character + 1}: ${SEVERITY[d.severity ?? 1]} ${d.code ?? ''}: ${d.message}`);
      }
    }
    return lines.join('\n');
  }
  if (format === 'sarif') return JSON.stringify(toSarif(results), null, 2);
  throw new Error(`unknown format ${format}`);
}

/** SARIF 2.1.0, as GitHub code scanning accepts it: 1-based lines and columns, rules with helpUri. */
export function toSarif(results: FileResult[]): object {
  const ruleIndex = new Map<string, number>(RULE_NAMES.map((name, i) => [name, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockerfile-stages',
            informationUri: 'https://github.com/dockerfile-stages/dockerfile-stages',
            rules: RULE_NAMES.map((name) => ({
              id: name,
              name,
              helpUri: ruleDocUrl(name),
              shortDescription: { text: name.replace(/([a-z])([A-Z])/g, '$1 $2') },
              defaultConfiguration: { level: SARIF_LEVEL[RULES[name]] },
            })),
          },
        },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => {
            const code = String(d.code ?? '');
            const index = ruleIndex.get(code);
            return {
              ruleId: code,
              ...(index !== undefined ? { ruleIndex: index } : {}),
              level: SARIF_LEVEL[d.severity ?? 1],
              message: { text: d.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: toUri(r.file) },
                    region: {
                      startLine: d.range.start.line + 1,
                      startColumn: d.range.start.character + 1,
                      endLine: d.range.end.line + 1,
                      endColumn: d.range.end.character + 1,
                    },
                  },
                },
              ],
            };
          }),
        ),
      },
    ],
  };
}

/** Relative paths stay relative (code scanning resolves them against the checkout); absolute ones become file URIs. */
function toUri(file: string): string {
  if (file === '-') return 'stdin';
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}
