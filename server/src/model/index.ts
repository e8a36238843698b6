// Public entry to the model layer. Features import from here, never from dockerfile-ast.
import { ChunkedParser } from './chunks';
import { parseText } from './extract';
import { buildModel, type StageModel } from './model';

export * from './types';
export * from './model';
export { expandVariables, hasVariable } from './variables';
export { stageLabel, unquote } from './references';

/** Parses a whole document into a stage model. */
export function parseDockerfile(text: string): StageModel {
  return buildModel(parseText(withoutBom(text)));
}

// A byte-order mark becomes a space so that every later position keeps its column.
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/**
 * Builds models for successive versions of one document. Holding one per document lets
 * the builder reuse work from the previous version: only the stages whose text changed are re-parsed.
 */
export class ModelBuilder {
  private parser = new ChunkedParser();
  private lastText: string | undefined;
  private lastModel: StageModel | undefined;

  /** A builder that reuses this one's work for another text without changing this one (see ChunkedParser.fork). */
  fork(): ModelBuilder {
    const fork = new ModelBuilder();
    fork.parser = this.parser.fork();
    fork.lastText = this.lastText;
    fork.lastModel = this.lastModel;
    return fork;
  }

  build(text: string): StageModel {
    if (text === this.lastText && this.lastModel) return this.lastModel;
    const model = buildModel(this.parser.parse(withoutBom(text)), this.lastModel);
    this.lastText = text;
    this.lastModel = model;
    return model;
  }

  /** Chunks in the last build, and how many of them were parsed rather than reused. */
  get stats(): { readonly chunks: number; readonly parsed: number } {
    return this.parser.stats;
  }
}
export { imageLibc, stageLibcs, type Libc } from './libc';
export { splitChunks, chunkStartLines, type Chunk } from './scanner';
