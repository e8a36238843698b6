#!/usr/bin/env node
// dockerfile-stages: the server's analysis on the command line, for CI.
import { analyzeText, readInput } from './cli/analyze';
import { formatDiagnostics, type OutputFormat } from './cli/report';
import { formatStageTable, stageRows } from './cli/stages';
import { computeDiagnostics } from './features/diagnostics';
import { defaultSettings } from './settings';

const USAGE = `Usage:
  dockerfile-stages stages <file|-> [--target NAME] [--format text|json]
  dockerfile-stages check <files...> [--target NAME] [--format text|json|sarif]

stages  prints each stage: index, name, base image, dependencies, dependents,
        and whether building the target builds it.
check   prints the diagnostics of the rule engine; exits 1 when any is an error.`;

interface Options {
  files: string[];
  format: string;
  target: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { files: [], format: 'text', target: '' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--format') options.format = value();
    else if (arg.startsWith('--format=')) options.format = arg.slice('--format='.length);
    else if (arg === '--target') options.target = value();
    else if (arg.startsWith('--target=')) options.target = arg.slice('--target='.length);
    else if (arg.startsWith('--') ) throw new UsageError(`unknown option ${arg}`);
    else options.files.push(arg);
  }
  return options;
}

class UsageError extends Error {}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const options = parseArgs(rest);
  if (options.files.length === 0) throw new UsageError(`${command} needs a file (or - for stdin)`);
  if (command === 'stages') {
    if (options.format !== 'text' && options.format !== 'json') throw new UsageError(`unknown format ${options.format}`);
    const outputs = options.files.map((file) => {
      const rows = stageRows(analyzeText(file, readInput(file)).model, options.target);
      return { file, rows };
    });
    if (options.format === 'json') {
      const json = outputs.length === 1 ? outputs[0].rows : outputs;
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      const text = outputs.map((o) => (outputs.length > 1 ? `${o.file}\n` : '') + formatStageTable(o.rows));
      process.stdout.write(`${text.join('\n\n')}\n`);
    }
    return 0;
  }
  if (command === 'check') {
    const settings = { ...defaultSettings, target: options.target };
    const results = options.files.map((file) => {
      const text = readInput(file);
      const doc = analyzeText(file, text, settings.maxFileSize);
      return { file, text, diagnostics: computeDiagnostics(doc, settings) };
    });
    const report = formatDiagnostics(results, options.format as OutputFormat);
    if (report) process.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
    return results.some((r) => r.diagnostics.some((d) => d.severity === 1)) ? 1 : 0;
  }
  throw new UsageError(`unknown command ${command}`);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`dockerfile-stages: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    const err = error as NodeJS.ErrnoException;
    process.stderr.write(`dockerfile-stages: ${err.code === 'ENOENT' ? `no such file: ${err.path}` : err.message}\n`);
    process.exitCode = 2;
  }
}
