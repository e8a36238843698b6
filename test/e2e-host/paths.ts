// Where things are, seen from out/test/e2e-host/ (tsc output) or test/e2e-host/.
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CACHE = path.join(ROOT, '.vscode-test');
export const WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');
/** The compiled mocha entry (test/e2e/index.ts) that the extension host loads. */
export const TESTS_ENTRY = path.join(ROOT, 'out', 'test', 'e2e', 'index.js');
