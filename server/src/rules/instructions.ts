// Instructions of which a stage keeps only the last (convert.go validateUsedOnce).
import type { Instruction, Stage } from '../model';
import { Memo } from './cache';
import type { Finding, RuleContext } from './types';

const ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

const memo = new Memo<readonly Instruction[], Finding[]>();

export function instructionRules({ model }: RuleContext, out: Finding[]): void {
  for (const stage of model.stages) {
    for (const finding of memo.get(stage.instructions, [stage.index], () => stageFindings(stage))) out.push(finding);
  }
}

function stageFindings(stage: Stage): Finding[] {
  const found: Finding[] = [];
  const last = new Map<string, Instruction>();
  for (const instruction of stage.instructions) {
    if (!ONCE.has(instruction.keyword)) continue;
    const previous = last.get(instruction.keyword);
    // BuildKit reports the earlier one: it is the one that gets ignored.
    if (previous) {
      found.push({
        rule: 'MultipleInstructionsDisallowed',
        range: previous.keywordToken.range,
        stage: stage.index,
        message: `Multiple ${instruction.keyword} instructions should not be used in the same stage because only the last one will be used`,
        related: [{ range: instruction.keywordToken.range, message: `this ${instruction.keyword} replaces it` }],
      });
    }
    last.set(instruction.keyword, instruction);
  }
  return found;
}
