// The rule engine: every rule is a pure function of the model, run once per document version.
import { targetIndex, type StageModel } from '../model';
import { fromArgRules, undefinedVarRule } from './args';
import { unusedStageRule } from './hygiene';
import { instructionRules } from './instructions';
import { libcRule } from './libc';
import { nameRules } from './names';
import { platformRules } from './platform';
import { referenceRules } from './references';
import { toolchainRule } from './toolchain';
import type { Finding, Rule, RuleContext } from './types';

export const ALL_RULES: readonly Rule[] = [
  nameRules,
  referenceRules,
  fromArgRules,
  undefinedVarRule,
  instructionRules,
  platformRules,
  unusedStageRule,
  libcRule,
  toolchainRule,
];

export function runRules(model: StageModel, target: string): Finding[] {
  const ctx: RuleContext = { model, target: targetIndex(model, target) };
  const findings: Finding[] = [];
  for (const rule of ALL_RULES) rule(ctx, findings);
  return findings;
}

export type { Finding } from './types';
