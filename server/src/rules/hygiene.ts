// Stages that building the target never reaches (BuildKit builds only what the target needs).
import { reachedStages, type Instruction, type Stage } from '../model';
import { Memo } from './cache';
import type { Finding, RuleContext } from './types';

// Nearly every stage of a big build matrix is unused: keep each stage's finding while the stage and target are unchanged.
const memo = new Memo<readonly Instruction[], Finding>();

export function unusedStageRule({ model, target }: RuleContext, out: Finding[]): void {
  if (model.stages.length < 2 || target < 0) return;
  const reached = reachedStages(model, model.stages[target].key);
  const label = (i: number) => (model.stages[i].name ? `'${model.stages[i].name}'` : `stage ${i}`);
  const targetLabel = label(target);
  for (const stage of model.stages) {
    if (reached[stage.index]) continue;
    out.push(memo.get(stage.instructions, [stage.index, stage.from, targetLabel], () => unused(stage, targetLabel)));
  }
}

function unused(stage: Stage, targetLabel: string): Finding {
  return {
    rule: 'UnusedStage',
    range: stage.range,
    stage: stage.index,
    message: `Stage ${stage.name ? `'${stage.name}'` : stage.index} is not used by target ${targetLabel}: BuildKit skips it (${stage.name ? `build it with --target ${stage.name}` : 'name it to build it with --target'}, or remove it)`,
  };
}
