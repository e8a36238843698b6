// COPY --from across C libraries: native code built against musl does not load on glibc, nor the reverse.
import { imageLibc, stageLabel, type Instruction, type Libc, type StageModel } from '../model';
import { Memo } from './cache';
import type { Finding, Related, RuleContext } from './types';

// Paths that hold compiled packages: interpreters load these .so files at run time.
const NATIVE_ARTIFACT =
  /(site-packages|dist-packages|\.whl\b|wheels?\b|\.so(\.\d+)*\b|node_modules|\/lib(64)?\b|\/usr\/lib|\/usr\/local\/lib|\/opt\/venv|\.venv|\bvenv\b|vendor\/bundle|\/gems\b|\.gem\b|\.a\b)/;
// A build step that links native code against the stage's C library.
const NATIVE_BUILD = /\b(go\s+(build|install)|cargo\s+(build|install)|gcc|g\+\+|clang|cc\s|make\b|cmake|ninja|meson|pip\s+wheel|python\s+setup\.py\s+build)/;
// ...unless it links statically or targets musl explicitly.
const STATIC_BUILD = /CGO_ENABLED=0|-static\b|static-pie|-extldflags|musl|netgo|osusergo/;

interface StageTraits {
  nativeBuild: boolean;
  staticBuild: boolean;
  root: string;
}

// What a stage's own instructions say; the regular expressions are long, so they run once per version of a stage.
const ownTraits = new Memo<readonly Instruction[], { nativeBuild: boolean; staticBuild: boolean }>();
const imageLibcs = new Map<string, Libc>();
const copiesNative = new WeakMap<Instruction, boolean>();

/** Traits of stage `index`, inherited through `FROM <stage>`; worked out only for the stages a finding needs. */
function traitsOf(model: StageModel, known: (StageTraits | undefined)[], index: number): StageTraits {
  const cached = known[index];
  if (cached) return cached;
  // Walk up to the nearest stage whose traits are known (or the root), then fill in downwards: no recursion.
  const chain: number[] = [];
  let at: number | null = index;
  while (at !== null && known[at] === undefined) {
    chain.push(at);
    at = model.stages[at].parent;
  }
  let base: StageTraits | undefined = at === null ? undefined : known[at];
  for (let k = chain.length - 1; k >= 0; k--) {
    const stage = model.stages[chain[k]];
    const own = ownTraits.get(stage.instructions, [], () => {
      let nativeBuild = false;
      let staticBuild = false;
      for (const instruction of stage.instructions) {
        const text = instruction.argsText;
        if (instruction.keyword === 'RUN' && NATIVE_BUILD.test(text)) nativeBuild = true;
        if ((instruction.keyword === 'RUN' || instruction.keyword === 'ENV' || instruction.keyword === 'ARG') && STATIC_BUILD.test(text)) staticBuild = true;
      }
      return { nativeBuild, staticBuild };
    });
    const from = base ?? { nativeBuild: false, staticBuild: false, root: stage.resolvedImage };
    base = { nativeBuild: from.nativeBuild || own.nativeBuild, staticBuild: from.staticBuild || own.staticBuild, root: from.root };
    known[chain[k]] = base;
  }
  return base!;
}

/** imageLibc, remembered: a build matrix names the same few images over and over. */
function libcOf(image: string): Libc {
  let libc = imageLibcs.get(image);
  if (libc === undefined) {
    if (imageLibcs.size >= 1024) imageLibcs.clear();
    libc = imageLibc(image);
    imageLibcs.set(image, libc);
  }
  return libc;
}

/** model.stageLibcs, with the cached classification. */
function libcsOf(model: StageModel): Libc[] {
  const result: Libc[] = [];
  for (const stage of model.stages) result.push(stage.parent !== null ? result[stage.parent] : libcOf(stage.resolvedImage));
  return result;
}

/** The sources of a COPY/ADD name compiled artifacts. */
function copiesNativeArtifacts(instruction: Instruction): boolean {
  let native = copiesNative.get(instruction);
  if (native === undefined) {
    const sources = instruction.argValues.slice(0, -1).join(' ');
    native = NATIVE_ARTIFACT.test(sources);
    copiesNative.set(instruction, native);
  }
  return native;
}

const isC = (libc: Libc) => libc === 'musl' || libc === 'glibc';

export function libcRule({ model }: RuleContext, out: Finding[]): void {
  const libcs = libcsOf(model);
  if (!libcs.some(isC)) return;
  const known: (StageTraits | undefined)[] = [];
  for (const ref of model.references) {
    if ((ref.kind !== 'copy' && ref.kind !== 'add') || ref.onbuild) continue;
    const here = libcs[ref.stage];
    if (!isC(here)) continue;
    const resolution = ref.resolution;
    let there: Libc;
    let sourceImage: string;
    let sourceLabel: string;
    const related: Related[] = [];
    let looksNative: boolean;
    if (resolution.kind === 'stage') {
      there = libcs[resolution.index];
      if (!isC(there) || there === here) continue;
      const source = model.stages[resolution.index];
      const t = traitsOf(model, known, resolution.index);
      sourceImage = t.root;
      sourceLabel = `stage '${stageLabel(source)}'`;
      related.push({ range: source.fromRange, message: `'${stageLabel(source)}' is based on ${sourceImage} (${there})` });
      looksNative = copiesNativeArtifacts(ref.instruction) || (t.nativeBuild && !t.staticBuild);
    } else if (resolution.kind === 'image') {
      there = libcOf(resolution.image);
      if (!isC(there) || there === here) continue;
      sourceImage = resolution.image;
      sourceLabel = `image '${resolution.image}'`;
      looksNative = copiesNativeArtifacts(ref.instruction);
    } else continue;
    if (!looksNative) continue;
    const hereImage = traitsOf(model, known, ref.stage).root;
    out.push({
      rule: 'LibcMismatch',
      range: ref.range,
      stage: ref.stage,
      message:
        `${sourceLabel} uses ${there} (${sourceImage}) but this stage uses ${here} (${hereImage}): ` +
        `compiled packages (wheels, .so files, node_modules with native addons, dynamically linked binaries) built against ${there} don't load on ${here}. ` +
        `Use the same C library on both sides, or build statically`,
      related,
      data: { from: there, to: here },
    });
  }
}
