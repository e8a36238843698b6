// Keeps the safety promise true: the server executes nothing, opens no connection, reads no file.
// Only the CLI (server/src/cli.ts, server/src/cli/**) reads files, and the server never imports it.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../server/src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Module specifiers of static imports, re-exports, require() and import(). */
function imports(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) found.push(match[1]);
  return found;
}

const FORBIDDEN_EVERYWHERE = ['child_process', 'cluster', 'worker_threads', 'vm', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'inspector'];
const FILE_ACCESS = ['fs', 'fs/promises'];
const bare = (specifier: string) => specifier.replace(/^node:/, '');
const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const isCli = (file: string) => relative(file) === 'cli.ts' || relative(file).startsWith('cli/');

describe('safety: server sources', () => {
  const files = sources(ROOT);

  it('finds the server sources', () => {
    assert.ok(files.some((f) => relative(f) === 'startServer.ts') && files.length >= 10, `scanned ${files.length} files under ${ROOT}`);
  });

  it('import no process, network or code-loading module; only the CLI imports fs', () => {
    const violations: string[] = [];
    for (const file of files) {
      for (const specifier of imports(fs.readFileSync(file, 'utf8')).map(bare)) {
        if (FORBIDDEN_EVERYWHERE.includes(specifier)) violations.push(`${relative(file)} imports ${specifier}`);
        if (FILE_ACCESS.includes(specifier) && !isCli(file)) violations.push(`${relative(file)} imports ${specifier} (only the CLI may)`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('contain no eval, new Function, or process spawning by other means', () => {
    const violations: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [name, pattern] of [
        ['eval(', /\beval\s*\(/],
        ['new Function', /\bnew\s+Function\b/],
        ['Function(', /(?<![\w.])Function\s*\(/],
        ['process.binding', /process\s*\.\s*(binding|dlopen)\b/],
        ['dynamic require', /\brequire\s*\(\s*[^'"\s]/],
        ['dynamic import', /\bimport\s*\(\s*[^'"\s]/],
      ] as const) {
        if (pattern.test(text)) violations.push(`${relative(file)}: ${name}`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('the language server never reaches the CLI through its imports', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of imports(fs.readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const base = path.resolve(path.dirname(file), specifier);
        const target = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
        assert.ok(target, `${relative(file)}: cannot resolve ${specifier}`);
        visit(target);
      }
    };
    visit(path.join(ROOT, 'server.ts'));
    assert.deepEqual([...seen].filter(isCli).map(relative), []);
    assert.ok(seen.has(path.join(ROOT, 'startServer.ts')));
  });
});
