// Stage references and their resolution, following BuildKit's dockerfile2llb lookups.
import type { Instruction, InvalidReason, Range, ReferenceKind, Resolution, Stage, StageReference } from './types';
import { hasVariable } from './variables';

interface Site {
  kind: ReferenceKind;
  raw: string;
  range: Range;
  instruction: Instruction;
  onbuild: boolean;
}

/** Collects the COPY/ADD --from and RUN --mount from= sites of one instruction (and its ONBUILD trigger). */
export function referenceSites(instruction: Instruction, onbuild = false, out: Site[] = []): Site[] {
  const keyword = instruction.keyword;
  if (keyword === 'COPY' || keyword === 'ADD') {
    for (const flag of instruction.flags) {
      if (flag.name === 'from' && flag.valueRange) {
        out.push({ kind: keyword === 'COPY' ? 'copy' : 'add', raw: flag.value ?? '', range: flag.valueRange, instruction, onbuild });
      }
    }
  } else if (keyword === 'RUN') {
    for (const flag of instruction.flags) {
      // Options are packed (model/parsed.ts): only from= is built, and only for mounts that may have one.
      if (flag.name !== 'mount' || !flag.value?.includes('from')) continue;
      for (const option of flag.optionsNamed('from')) {
        if (option.valueRange) {
          out.push({ kind: 'mount', raw: option.value ?? '', range: option.valueRange, instruction, onbuild });
        }
      }
    }
  } else if (keyword === 'ONBUILD' && instruction.trigger) {
    referenceSites(instruction.trigger, true, out);
  }
  return out;
}

/**
 * The reference sites of a stage's instructions (after its FROM), in order. Not kept: a stage is read only
 * when it changed or when every stage is (a stage renamed), and a scan of flags costs less than keeping two
 * thousand sites with a big file's model.
 */
export function stageSites(instructions: readonly Instruction[]): Site[] {
  const sites: Site[] = [];
  for (const instruction of instructions) referenceSites(instruction, false, sites);
  return sites;
}

// One frozen resolution per stage index, shared by every reference to that stage in every model: a big
// file's references are mostly to stages, and each object a model keeps costs every collection.
const stageResolutions: Resolution[] = [];

function stageResolution(index: number): Resolution {
  return (stageResolutions[index] ??= Object.freeze({ kind: 'stage', index }));
}

/** Removes one pair of matching quotes and narrows the range to the inside. */
export function unquote(raw: string, range: Range): { text: string; range: Range } {
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0] && range.start.line === range.end.line) {
    return {
      text: raw.slice(1, -1),
      range: { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } },
    };
  }
  return { text: raw, range };
}

export function stageLabel(stage: Stage): string {
  return stage.name ?? String(stage.index);
}

// BuildKit (dockerfile2llb/convert.go) keeps one map from lower-cased name to stage and lets a later stage
// of the same name overwrite an earlier one. FROM is looked up while stages are being added, so it sees the
// latest earlier stage of that name; --from, mounts and --target are looked up after all are added, so they
// see the last stage of that name in the file (and a later one is a forward reference).
export class StageLookup {
  /** Stages by lower-cased name, ascending. */
  private readonly indexesByKey = new Map<string, number[]>();
  /** How messages name each stage: its name, or its index. */
  private readonly labels: string[];

  /** `names[i]`: stage i's name as written after AS, or null. */
  constructor(names: readonly (string | null)[]) {
    this.labels = names.map((name, index) => name ?? String(index));
    names.forEach((name, index) => {
      const key = name?.toLowerCase();
      if (key === undefined) return;
      const list = this.indexesByKey.get(key);
      if (list) list.push(index);
      else this.indexesByKey.set(key, [index]);
    });
  }

  /** First stage whose lower-cased name equals `key` (the one a duplicate name repeats). */
  byKey(key: string): number | undefined {
    return this.indexesByKey.get(key)?.[0];
  }

  /** The stage BuildKit picks for `key` in --from, mount from= and --target: the last of that name. */
  lastByKey(key: string): number | undefined {
    const list = this.indexesByKey.get(key);
    return list?.[list.length - 1];
  }

  /** The stage a FROM in stage `current` picks for `key`: the latest of that name before it. */
  latestBefore(key: string, current: number): number | undefined {
    const list = this.indexesByKey.get(key);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i] < current) return list[i];
    return undefined;
  }

  resolveFlag(site: Site, current: number): StageReference {
    const { text, range } = unquote(site.raw, site.range);
    const numeric = isInteger(text);
    const resolution = this.resolveFlagText(text, numeric, site.kind, current);
    return { kind: site.kind, text, range, stage: current, instruction: site.instruction, onbuild: site.onbuild, numeric, resolution };
  }

  private resolveFlagText(text: string, numeric: boolean, kind: ReferenceKind, current: number): Resolution {
    const flag = kind === 'mount' ? 'from=' : '--from';
    if (text === '') return invalid('empty', null, `${flag} needs a stage name or an image`);
    if (hasVariable(text)) return invalid('variable', null, `variable expansion is not supported for ${flag}`);
    if (numeric) {
      if (kind === 'mount') return invalid('mount-index', null, `RUN --mount from= does not accept a stage index; '${text}' would be pulled as an image`);
      const index = Number(text);
      if (!Number.isSafeInteger(index) || index < 0 || index >= this.labels.length) {
        return invalid('index-out-of-range', null, `invalid stage index ${text}`);
      }
      return this.positional(index, current);
    }
    const index = this.lastByKey(text.toLowerCase());
    return index === undefined ? { kind: 'image', image: text } : this.positional(index, current);
  }

  private positional(index: number, current: number): Resolution {
    const here = this.labels[current];
    if (index === current) return invalid('self', index, `circular dependency: stage '${here}' cannot copy from itself`);
    if (index > current) {
      return invalid('forward', index, `cannot copy from stage '${this.labels[index]}', it needs to be defined before current stage '${here}'`);
    }
    return stageResolution(index);
  }

  /** FROM matches an earlier stage name exactly (after global ARG expansion); anything else is an image. */
  resolveFrom(resolvedImage: string, current: number): Resolution {
    const index = this.latestBefore(resolvedImage, current);
    return index === undefined ? { kind: 'image', image: resolvedImage } : stageResolution(index);
  }
}

/** Matches /^-?\d+$/ without a regular expression: this runs for every reference of every version. */
function isInteger(text: string): boolean {
  let i = text.charCodeAt(0) === 0x2d ? 1 : 0;
  if (i >= text.length) return false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function invalid(reason: InvalidReason, target: number | null, message: string): Resolution {
  return { kind: 'invalid', reason, target, message };
}
