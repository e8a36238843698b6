// Short markdown descriptions of a stage, shared by hover and completion documentation.
import { stageLibcs, type Libc, type Stage, type StageModel } from '../model';

const LIBC: Record<Libc, string> = { musl: 'musl', glibc: 'glibc', none: 'none (scratch)', unknown: 'unknown' };

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export function stageTitle(stage: Stage): string {
  return stage.name !== null ? `Stage ${stage.index} ${code(stage.name)}` : `Stage ${stage.index} (unnamed)`;
}

export function stageRef(stage: Stage): string {
  return stage.name !== null ? code(stage.name) : `stage ${stage.index}`;
}

/** The image a stage ultimately starts from, following `FROM <stage>` (parents are always earlier). */
export function rootImage(model: StageModel, index: number): string {
  let stage = model.stages[index];
  while (stage.parent !== null) stage = model.stages[stage.parent];
  return stage.resolvedImage;
}

function baseLine(model: StageModel, stage: Stage, libc: Libc): string {
  const family = `libc: ${LIBC[libc]}`;
  if (stage.parent !== null) {
    return `Based on ${stageRef(model.stages[stage.parent])} (image ${code(rootImage(model, stage.index))}) · ${family}`;
  }
  return stage.resolvedImage === '' ? `No base image · ${family}` : `Base image ${code(stage.resolvedImage)} · ${family}`;
}

function list(model: StageModel, indices: readonly number[]): string {
  return indices.length === 0 ? 'none' : indices.map((i) => stageRef(model.stages[i])).join(', ');
}

/** Title, base image and libc, dependencies and dependents, as markdown paragraphs. */
export function stageSummary(model: StageModel, index: number, libcs: readonly Libc[] = stageLibcs(model)): string[] {
  const stage = model.stages[index];
  return [
    `**${stageTitle(stage)}**`,
    baseLine(model, stage, libcs[index]),
    `Depends on: ${list(model, model.dependencies[index])}`,
    `Used by: ${list(model, model.dependents[index])}`,
  ];
}
