// The stage model: one per document version, shared by every request and every rule.
import type { Comment, Directive, GlobalArg, Instruction, ParsedText, Position, Range, RawStage, Stage, StageReference, Token } from './types';
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
  /**
   * Everything a stage's fields and its references' resolutions read besides the stage's own instructions:
   * the escape character, the global ARGs, and every stage's name in order. Equal signatures let the next
   * version keep the stages an edit did not touch.
   */
  readonly signature: string;
}

/**
 * Builds the model of `parsed`. With the `previous` version's model, a stage whose FROM and instruction
 * objects are the same ones (model/chunks.ts hands back the parse of every untouched stage) is kept with
 * its references, as long as the signature is unchanged; while typing in one stage, only that stage is rebuilt.
 */
export function buildModel(parsed: ParsedText, previous?: StageModel): StageModel {
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
  const named = parsed.stages.map((raw) => stageName(raw.from));
  const names = named.map((n) => n.token?.value ?? null);
  const signature = [parsed.escapeChar, JSON.stringify([...globalArgValues]), ...names].join('\n');
  const reusable = previous !== undefined && previous.signature === signature ? previous : undefined;
  // The lookup reads nothing but the names.
  const lookup = reusable?.lookup ?? new StageLookup(names);
  const stages: Stage[] = [];
  const referencesIn: (readonly StageReference[])[] = [];
  let allKept = reusable !== undefined && reusable.stages.length === parsed.stages.length;
  parsed.stages.forEach((raw, index) => {
    const kept = reusable?.stages[index];
    if (kept !== undefined && kept.from === raw.from && kept.instructions === raw.instructions) {
      stages.push(kept);
      referencesIn.push(reusable!.referencesIn[index]);
      return;
    }
    allKept = false;
    const { stage, references } = newStage(raw, index, named[index], globalArgValues, parsed.escapeChar, lookup);
    stages.push(stage);
    referencesIn.push(references);
  });

  const graph = allKept ? reusable! : referenceGraph(stages.length, referencesIn);
  return {
    directives: parsed.directives,
    escapeChar: parsed.escapeChar,
    lineCount: parsed.lineCount,
    globalArgs,
    preamble: parsed.preamble,
    stages,
    comments: parsed.comments,
    references: allKept ? reusable!.references : referencesIn.flat(),
    dependencies: graph.dependencies,
    dependents: graph.dependents,
    referencesIn,
    referencesTo: graph.referencesTo,
    lookup,
    globalArgValues,
    signature,
  };
}

interface StageName {
  hasAs: boolean;
  token: Token | null;
}

function stageName(from: Instruction): StageName {
  const args = from.args;
  const hasAs = args.length >= 3 && args[1].value.toLowerCase() === 'as';
  return { hasAs, token: hasAs ? args[2] : null };
}

/** A stage and the references written in it: its FROM base, then COPY/ADD --from and mounts in order. */
function newStage(
  raw: RawStage,
  index: number,
  { hasAs, token: nameToken }: StageName,
  globalArgValues: ReadonlyMap<string, string | null>,
  escapeChar: string,
  lookup: StageLookup,
): { stage: Stage; references: StageReference[] } {
  const from = raw.from;
  const args = from.args;
  const imageToken = args[0] ?? null;
  const last = raw.instructions.length > 0 ? raw.instructions[raw.instructions.length - 1] : from;
  const platformFlag = from.flags.find((f) => f.name === 'platform');
  const image = imageToken?.value ?? '';
  const resolvedImage = expandVariables(image, globalArgValues, escapeChar);
  const base = imageToken && image !== '' ? lookup.resolveFrom(resolvedImage, index) : null;
  const stage: Stage = {
    index,
    name: nameToken?.value ?? null,
    key: nameToken ? nameToken.value.toLowerCase() : null,
    nameRange: nameToken?.range ?? null,
    asRange: hasAs ? args[1].range : null,
    fromRange: from.range,
    range: { start: from.range.start, end: last.range.end },
    image,
    imageRange: imageToken?.range ?? null,
    resolvedImage,
    platform: platformFlag && platformFlag.valueRange ? { value: platformFlag.value ?? '', range: platformFlag.valueRange } : null,
    parent: base?.kind === 'stage' ? base.index : null,
    from,
    instructions: raw.instructions,
  };
  const references: StageReference[] = [];
  if (base && imageToken) {
    references.push({ kind: 'from', text: image, range: imageToken.range, stage: index, instruction: from, onbuild: false, numeric: false, resolution: base });
  }
  for (const site of stageSites(raw.instructions)) references.push(lookup.resolveFlag(site, index));
  // Kept at their length (see extract.ts's convert).
  return { stage, references: references.slice() };
}

function referenceGraph(count: number, referencesIn: readonly (readonly StageReference[])[]) {
  const dependencies: Set<number>[] = [];
  const referencesTo: StageReference[][] = [];
  for (let i = 0; i < count; i++) {
    dependencies.push(new Set());
    referencesTo.push([]);
  }
  for (const refs of referencesIn) {
    for (const ref of refs) {
      if (ref.resolution.kind !== 'stage') continue;
      referencesTo[ref.resolution.index].push(ref);
      if (!ref.onbuild) dependencies[ref.stage].add(ref.resolution.index);
    }
  }
  const dependents: number[][] = dependencies.map(() => []);
  const sorted = dependencies.map((set, i) => {
    const list = [...set].sort((a, b) => a - b);
    for (const d of list) dependents[d].push(i);
    return list;
  });
  // Kept at their length (see extract.ts's convert).
  return { dependencies: sorted, dependents: dependents.map((list) => list.slice()), referencesTo: referencesTo.map((list) => list.slice()) };
}

/** The stage to build: the (last) one named `target`, case-insensitive, else the last stage. -1 when there are no stages. */
export function targetIndex(model: StageModel, target?: string | null): number {
  if (target) {
    const index = model.lookup.lastByKey(target.toLowerCase());
    if (index !== undefined) return index;
  }
  return model.stages.length - 1;
}

/**
 * The earlier stage that `key` would name where `ref` is written, as BuildKit looks it up (model/references.ts):
 * FROM sees the latest earlier stage of that name, --from and mounts the last one in the file.
 */
export function stageNamedFrom(model: StageModel, key: string, ref: Pick<StageReference, 'kind' | 'stage'>): number | undefined {
  const index = ref.kind === 'from' ? model.lookup.latestBefore(key, ref.stage) : model.lookup.lastByKey(key);
  return index !== undefined && index < ref.stage ? index : undefined;
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
