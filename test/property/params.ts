// Shared run parameters (fixed seed, bounded runs) and arbitraries that need the server's types.
import fc from 'fast-check';
import type { Position } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../../server/src/documents';
import { RULE_NAMES } from '../../server/src/rules/catalog';
import type { RuleLevel, Settings } from '../../server/src/settings';

/** PROPERTY_SEED replays a failure; PROPERTY_SCALE multiplies the run counts for a longer local run. */
const SEED = Number(process.env.PROPERTY_SEED ?? 20261128);
const SCALE = Number(process.env.PROPERTY_SCALE ?? 1);

export function PARAMETERS(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: Math.max(1, Math.round(numRuns * SCALE)) };
}

const level = fc.constantFrom<RuleLevel>('off', 'error', 'warning', 'information', 'hint');

export const settingsArb: fc.Arbitrary<Settings> = fc.record({
  rules: fc.dictionary(fc.constantFrom(...RULE_NAMES), level, { maxKeys: 4 }),
  target: fc.constantFrom('', '', 'build', 'BUILD', 'final', 'nope', '0'),
  codeLens: fc.boolean(),
  // Mostly unlimited; sometimes small enough that the document is "limited" and analysis is skipped.
  maxFileSize: fc.oneof({ arbitrary: fc.constant(2_000_000), weight: 9 }, { arbitrary: fc.integer({ min: 1, max: 200 }), weight: 1 }),
});

/** Where features have something to say: both ends of every reference, stage name, image and AS keyword. */
export function interestingPositions(doc: AnalyzedDocument): Position[] {
  const out: Position[] = [];
  const add = (range: { start: Position; end: Position } | null) => {
    if (range) out.push(range.start, range.end, { line: range.start.line, character: range.start.character + 1 });
  };
  for (const reference of doc.model.references) add(reference.range);
  for (const stage of doc.model.stages) {
    add(stage.nameRange);
    add(stage.imageRange);
    add(stage.asRange);
  }
  for (const arg of doc.model.globalArgs) add(arg.nameRange);
  return out.slice(0, 40);
}
