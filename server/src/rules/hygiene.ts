// Stages that building the target never reaches (BuildKit builds only what the target needs).
import { reachedStages } from '../model';
import type { Finding, RuleContext } from './types';

export function unusedStageRule({ model, target }: RuleContext, out: Finding[]): void {
  if (model.stages.length < 2 || target < 0) return;
  const reached = reachedStages(model, model.stages[target].key);
  const label = (i: number) => (model.stages[i].name ? `'${model.stages[i].name}'` : `stage ${i}`);
  const targetLabel = label(target);
  for (const stage of model.stages) {
    if (reached[stage.index]) continue;
    out.push({
      rule: 'UnusedStage',
      range: stage.range,
      stage: stage.index,
      message: `Stage ${stage.name ? `'${stage.name}'` : stage.index} is not used by target ${targetLabel}: BuildKit skips it (${stage.name ? `build it with --target ${stage.name}` : 'name it to build it with --target'}, or remove it)`,
    });
  }
}
