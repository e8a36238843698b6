// COPY --from across C libraries: native code built against musl does not load on glibc, nor the reverse.
import { imageLibc, stageLabel, stageLibcs, type Libc, type StageModel } from '../model';
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

function traits(model: StageModel): StageTraits[] {
  const result: StageTraits[] = [];
  for (const stage of model.stages) {
    const base = stage.parent !== null ? result[stage.parent] : { nativeBuild: false, staticBuild: false, root: stage.resolvedImage };
    let nativeBuild = base.nativeBuild;
    let staticBuild = base.staticBuild;
    for (const instruction of stage.instructions) {
      const text = instruction.argsText;
      if (instruction.keyword === 'RUN' && NATIVE_BUILD.test(text)) nativeBuild = true;
      if ((instruction.keyword === 'RUN' || instruction.keyword === 'ENV' || instruction.keyword === 'ARG') && STATIC_BUILD.test(text)) staticBuild = true;
    }
    result.push({ nativeBuild, staticBuild, root: base.root });
  }
  return result;
}

const isC = (libc: Libc) => libc === 'musl' || libc === 'glibc';

export function libcRule({ model }: RuleContext, out: Finding[]): void {
  const libcs = stageLibcs(model);
  if (!libcs.some(isC)) return;
  let stageTraits: StageTraits[] | undefined;
  for (const ref of model.references) {
    if ((ref.kind !== 'copy' && ref.kind !== 'add') || ref.onbuild) continue;
    const here = libcs[ref.stage];
    if (!isC(here)) continue;
    const resolution = ref.resolution;
    let there: Libc;
    let sourceImage: string;
    let sourceLabel: string;
    const related: Related[] = [];
    let looksNative = false;
    const sources = ref.instruction.args.slice(0, -1).map((a) => a.value).join(' ');
    stageTraits ??= traits(model);
    if (resolution.kind === 'stage') {
      const source = model.stages[resolution.index];
      there = libcs[resolution.index];
      sourceImage = stageTraits[resolution.index].root;
      sourceLabel = `stage '${stageLabel(source)}'`;
      related.push({ range: source.fromRange, message: `'${stageLabel(source)}' is based on ${sourceImage} (${there})` });
      const t = stageTraits[resolution.index];
      looksNative = NATIVE_ARTIFACT.test(sources) || (t.nativeBuild && !t.staticBuild);
    } else if (resolution.kind === 'image') {
      there = imageLibc(resolution.image);
      sourceImage = resolution.image;
      sourceLabel = `image '${resolution.image}'`;
      looksNative = NATIVE_ARTIFACT.test(sources);
    } else continue;
    if (!isC(there) || there === here || !looksNative) continue;
    const hereImage = stageTraits[ref.stage].root;
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
