// Public entry to the model layer. Features import from here, never from dockerfile-ast.
import { parseText } from './extract';
import { buildModel, type StageModel } from './model';

export * from './types';
export * from './model';
export { expandVariables, hasVariable } from './variables';
export { stageLabel, unquote } from './references';

/** Parses a whole document into a stage model. */
export function parseDockerfile(text: string): StageModel {
  // A byte-order mark becomes a space so that every later position keeps its column.
  return buildModel(parseText(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text));
}

/**
 * Builds models for successive versions of one document. Holding one per document lets
 * the builder reuse work from the previous version.
 */
export class ModelBuilder {
  build(text: string): StageModel {
    return parseDockerfile(text);
  }
}
export { imageLibc, stageLibcs, type Libc } from './libc';
