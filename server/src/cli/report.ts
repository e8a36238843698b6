// Diagnostic output formats for `dockerfile-stages check`.
import type { Diagnostic } from 'vscode-languageserver-types';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface FileResult {
  file: string;
  text: string;
  diagnostics: Diagnostic[];
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

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
  throw new Error(`unknown format ${format}`);
}
