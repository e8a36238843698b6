// Sample Dockerfiles shipped with the repository, for tests that check a property on real files.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** Every file under examples/ and test/fixtures/, recursively. */
export function exampleAndFixtureFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(path.join(ROOT, 'examples'));
  walk(path.join(ROOT, 'test/fixtures'));
  return files;
}
