// The stage model: one per document version, shared by every request and every rule.
import type { Comment, Directive, GlobalArg, Instruction, ParsedText, Position, Range, Stage, StageReference } from './types';
import { StageLookup, stageSites } from './references';
import { expandVariables } from './variables';

export interface StageModel {
  readonly directives: readonly Directive[];
  readonly escapeChar: string;
  readonly lineCount: number;
  readonly globalArgs: readonly GlobalArg[];
  /** Instructions before the first FROM: global ARGs, and anything misplaced there. */
  readonly preamble: readonly Instruction[];
  readonly stages: readonly Stage[];
  readonly comments: readonly Comment[];
  /** Every stage reference: FROM bases, COPY/ADD --from, RUN --mount from=, also inside ONBUILD. */
  readonly references: readonly StageReference[];
  /** dependencies[i]: the stages stage i needs (FROM parent, COPY --from, mounts), ascending. */
  readonly dependencies: readonly (readonly number[])[];
  /** dependents[i]: the stages that need stage i, ascending. */
  readonly dependents: readonly (readonly number[])[];
  /** referencesIn[i]: the references written inside stage i (including its FROM). */
  readonly referencesIn: readonly (readonly StageReference[])[];
  /** referencesTo[i]: the references that resolve to stage i. */
  readonly referencesTo: readonly (readonly StageReference[])[];
  readonly lookup: StageLookup;
  /** Value of a global ARG default, as BuildKit substitutes it into FROM. */
  readonly globalArgValues: ReadonlyMap<string, string | null>;
}

export function buildModel(parsed: ParsedText): StageModel {
  const globalArgs: GlobalArg[] = [];
  const globalArgValues = new Map<string, string | null>();
  for (const instruction of parsed.preamble) {
    if (instruction.keyword !== 'ARG') continue;
    for (const p of instruction.properties.filter((property) => property.name !== '')) {
      const value = p.value === null ? null : expandVariables(p.value, globalArgValues, parsed.escapeChar);
      globalArgs.push({ name: p.name, value, nameRange: p.nameRange, instruction });
      globalArgValues.set(p.name, value);
    }
  }

  const stages: Stage[] = parsed.stages.map((raw, index) => {
    const from = raw.from;
    const args = from.args;
    const imageToken = args[0] ?? null;
    const hasAs = args.length >= 3 && args[1].value.toLowerCase() === 'as';
    const nameToken = hasAs ? args[2] : null;
    const last = raw.instructions.length > 0 ? raw.instructions[raw.instructions.length - 1] : from;
    const platformFlag = from.flags.find((f) => f.name === 'platform');
    const image = imageToken?.value ?? '';
    return {
      index,
      name: nameToken?.value ?? null,
      key: nameToken ? nameToken.value.toLowerCase() : null,
      nameRange: nameToken?.range ?? null,
      asRange: hasAs ? args[1].range : null,
      fromRange: from.range,
      range: { start: from.range.start, end: last.range.end },
      image,
      imageRange: imageToken?.range ?? null,
      resolvedImage: expandVariables(image, globalArgValues, parsed.escapeChar),
      platform: platformFlag && platformFlag.valueRange ? { value: platformFlag.value ?? '', range: platformFlag.valueRange } : null,
      parent: null,
      from,
      instructions: raw.instructions,
    };
  });

  const lookup = new StageLookup(stages);
  const references: StageReference[] = [];
  const dependencies: Set<number>[] = stages.map(() => new Set());
  const referencesTo: StageReference[][] = stages.map(() => []);
  const referencesIn: StageReference[][] = stages.map(() => []);
  const record = (ref: StageReference) => {
    references.push(ref);
    referencesIn[ref.stage].push(ref);
    const target = ref.resolution.kind === 'stage' ? ref.resolution.index : null;
    if (target === null) return;
    referencesTo[target].push(ref);
    if (!ref.onbuild) dependencies[ref.stage].add(target);
  };

  for (const stage of stages) {
    if (stage.imageRange && stage.image !== '') {
      const resolution = lookup.resolveFrom(stage.resolvedImage, stage.index);
      if (resolution.kind === 'stage') stage.parent = resolution.index;
      record({
        kind: 'from',
        text: stage.image,
        range: stage.imageRange,
        stage: stage.index,
        instruction: stage.from,
        onbuild: false,
        numeric: false,
        resolution,
      });
    }
    for (const site of stageSites(stage.instructions)) record(lookup.resolveFlag(site, stage.index));
  }

  const dependents: number[][] = stages.map(() => []);
  const sortedDeps = dependencies.map((set, i) => {
    const list = [...set].sort((a, b) => a - b);
    for (const d of list) dependents[d].push(i);
    return list;
  });

  return {
    directives: parsed.directives,
    escapeChar: parsed.escapeChar,
    lineCount: parsed.lineCount,
    globalArgs,
    preamble: parsed.preamble,
    stages,
    comments: parsed.comments,
    references,
    dependencies: sortedDeps,
    dependents,
    referencesIn,
    referencesTo,
    lookup,
    globalArgValues,
  };
}

/** The stage to build: the one named `target` (case-insensitive), else the last stage. -1 when there are no stages. */
export function targetIndex(model: StageModel, target?: string | null): number {
  if (target) {
    const index = model.lookup.byKey(target.toLowerCase());
    if (index !== undefined) return index;
  }
  return model.stages.length - 1;
}

/** reached[i] is true when building the target builds stage i. */
export function reachedStages(model: StageModel, target?: string | null): boolean[] {
  const reached = model.stages.map(() => false);
  const start = targetIndex(model, target);
  if (start < 0) return reached;
  const stack = [start];
  reached[start] = true;
  while (stack.length > 0) {
    const i = stack.pop()!;
    for (const d of model.dependencies[i]) {
      if (!reached[d]) {
        reached[d] = true;
        stack.push(d);
      }
    }
  }
  return reached;
}

export function contains(range: Range, position: Position): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character > end.character) return false;
  return true;
}

/** Index of the stage whose FROM..end span covers `line` (or the last FROM at or above it); -1 above the first FROM. */
export function stageIndexAtLine(model: StageModel, line: number): number {
  const stages = model.stages;
  let lo = 0;
  let hi = stages.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (stages[mid].fromRange.start.line <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The reference whose token contains `position` (ends inclusive, so a cursor just after the token counts). */
export function referenceAt(model: StageModel, position: Position): StageReference | undefined {
  const index = stageIndexAtLine(model, position.line);
  if (index < 0) return undefined;
  return model.referencesIn[index].find((r) => contains(r.range, position));
}

/** The stage whose `AS name` token contains `position`. */
export function stageNameAt(model: StageModel, position: Position): Stage | undefined {
  const index = stageIndexAtLine(model, position.line);
  const stage = index >= 0 ? model.stages[index] : undefined;
  return stage?.nameRange && contains(stage.nameRange, position) ? stage : undefined;
}

/**
 * The stage a reference names, valid or not: a reference BuildKit rejects for naming the current or a later
 * stage still names that stage, so navigation, rename and fixes follow it. Null for images and bad values.
 */
export function referenceTarget(ref: StageReference): number | null {
  if (ref.resolution.kind === 'stage') return ref.resolution.index;
  if (ref.resolution.kind === 'invalid') return ref.resolution.target;
  return null;
}
