// `dockerfile-stages stages`: the stage table, a richer `docker build --call=targets`.
import { reachedStages, stageLabel, type StageModel } from '../model';

export interface StageRow {
  index: number;
  name: string | null;
  base: string;
  platform: string | null;
  dependsOn: string[];
  usedBy: string[];
  reached: boolean;
  line: number;
}

export function stageRows(model: StageModel, target?: string): StageRow[] {
  const reached = reachedStages(model, target);
  const label = (i: number) => stageLabel(model.stages[i]);
  return model.stages.map((stage) => ({
    index: stage.index,
    name: stage.name,
    base: stage.resolvedImage,
    platform: stage.platform?.value ?? null,
    dependsOn: model.dependencies[stage.index].map(label),
    usedBy: model.dependents[stage.index].map(label),
    reached: reached[stage.index],
    line: stage.fromRange.start.line + 1,
  }));
}

export function formatStageTable(rows: StageRow[]): string {
  const header = ['#', 'NAME', 'BASE', 'DEPENDS ON', 'USED BY', 'BUILT'];
  const body = rows.map((r) => [
    String(r.index),
    r.name ?? '-',
    r.base || '-',
    r.dependsOn.join(', ') || '-',
    r.usedBy.join(', ') || '-',
    r.reached ? 'yes' : 'no',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), ...body.map(line)].join('\n');
}
