// Stage references: what BuildKit rejects (convert.go), numeric indexes, and names that look like typos of stages.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { stageLabel, stageNamedFrom, type StageModel, type StageReference } from '../model';
import type { RuleName } from './catalog';
import { editDistance, typoBudget } from './similarity';
import type { Finding, Related, RuleContext } from './types';

const INVALID_RULE: Record<string, RuleName | undefined> = {
  forward: 'StageReferencedBeforeDefinition',
  self: 'CircularStageDependency',
  'index-out-of-range': 'InvalidStageIndex',
  'mount-index': 'InvalidStageIndex',
  variable: 'VariableInStageReference',
};

// Docker Official Images that are plain words: naming one is a deliberate pull, so a near-miss is only Information.
const OFFICIAL_IMAGES = new Set(
  (
    'alpine busybox debian ubuntu fedora centos amazonlinux oraclelinux rockylinux almalinux archlinux photon ' +
    'node python golang rust ruby php perl openjdk eclipse-temurin amazoncorretto maven gradle dotnet erlang elixir ' +
    'haskell swift julia r-base gcc clojure groovy kotlin nginx httpd caddy traefik haproxy tomcat jetty redis ' +
    'postgres mysql mariadb mongo memcached rabbitmq elasticsearch consul vault docker registry bash buildpack-deps ' +
    'scratch hello-world composer wordpress ghost nextcloud sonarqube jenkins neo4j cassandra influxdb telegraf'
  ).split(' '),
);

export function referenceRules(ctx: RuleContext, out: Finding[]): void {
  const { model } = ctx;
  const typos = typoIndex(model);
  for (const ref of model.references) {
    const resolution = ref.resolution;
    // An ONBUILD trigger runs in the child's build, against the child's stages: only a variable is wrong everywhere.
    if (ref.onbuild && !(resolution.kind === 'invalid' && resolution.reason === 'variable')) continue;
    if (resolution.kind === 'invalid') {
      reportInvalid(model, ref, resolution.reason, resolution.target, resolution.message, out);
    } else if (resolution.kind === 'stage') {
      if (ref.numeric && ref.kind !== 'from') {
        const target = model.stages[resolution.index];
        out.push({
          rule: 'NumericStageReference',
          range: ref.range,
          stage: ref.stage,
          message: target.name
            ? `Stage ${ref.text} is named '${target.name}': refer to it by name, so that adding a stage does not silently change what is copied`
            : `Name stage ${ref.text} (FROM ... AS <name>) and refer to it by name, so that adding a stage does not silently change what is copied`,
          data: { target: resolution.index, targetName: target.name },
        });
      }
    } else {
      reportImage(model, ref, typos, out);
    }
  }
}

function reportInvalid(model: StageModel, ref: StageReference, reason: string, target: number | null, message: string, out: Finding[]): void {
  let rule = INVALID_RULE[reason];
  if (!rule) return; // an empty --from= is still being typed
  const related: Related[] = [];
  if (target !== null) {
    const other = model.stages[target];
    if (reason === 'forward') {
      // A later stage that needs this one closes a cycle: BuildKit reports the cycle (validateCircularDependency).
      const back = model.referencesIn[target].find((r) => r.resolution.kind === 'stage' && r.resolution.index === ref.stage && !r.onbuild);
      if (back) {
        rule = 'CircularStageDependency';
        message = `circular dependency: stage '${stageLabel(model.stages[ref.stage])}' needs '${stageLabel(other)}', which needs it back`;
        related.push({ range: back.range, message: `'${stageLabel(other)}' refers back to '${stageLabel(model.stages[ref.stage])}' here` });
      } else {
        related.push({ range: other.nameRange ?? other.fromRange, message: `'${stageLabel(other)}' is defined here, after the current stage` });
      }
    } else {
      related.push({ range: other.nameRange ?? other.fromRange, message: `the current stage '${stageLabel(other)}'` });
    }
  }
  if (reason === 'variable') message += `; declare the image as a stage instead (ARG SRC=... / FROM \${SRC} AS src) and use --from=src`;
  out.push({ rule, range: ref.range, stage: ref.stage, message, related });
}

function looksLikeImageReference(text: string): boolean {
  return /[:/@.$]/.test(text);
}

function reportImage(model: StageModel, ref: StageReference, typos: TypoIndex, out: Finding[]): void {
  const text = ref.kind === 'from' ? model.stages[ref.stage].resolvedImage : ref.text;
  if (text === '' || looksLikeImageReference(text)) return;
  const lower = text.toLowerCase();
  const earlier = ref.kind === 'from' ? model.lookup.latestBefore(lower, ref.stage) : undefined;
  const exact = earlier ?? model.lookup.byKey(lower);
  if (ref.kind === 'from' && exact !== undefined && exact < ref.stage) {
    // convert.go looks FROM up by its exact text; `Builder` is then an image name, and upper case is invalid in one.
    const stage = model.stages[exact];
    out.push({
      rule: 'FromStageNameCaseMismatch',
      range: ref.range,
      stage: ref.stage,
      message: `FROM looks stages up by their lower-case name, so '${text}' is pulled as an image (and upper case is invalid in one) instead of using stage '${stage.name}'. Write '${stage.key}'`,
      related: stage.nameRange ? [{ range: stage.nameRange, message: `stage '${stage.name}'` }] : [],
      data: { candidates: [stage.key] },
    });
    return;
  }
  // `FROM node AS node` names its own image: BuildKit registers the name only after resolving the base.
  if (ref.kind === 'from' && exact !== undefined && exact > ref.stage) {
    const stage = model.stages[exact];
    out.push({
      rule: 'UnknownStageReference',
      range: ref.range,
      stage: ref.stage,
      message: `'${text}' is defined later (line ${stage.fromRange.start.line + 1}); FROM only sees earlier stages, so it will be pulled as an image`,
      related: stage.nameRange ? [{ range: stage.nameRange, message: `stage '${stage.name}'` }] : [],
      data: { candidates: [] },
    });
    return;
  }
  const candidates = typos.candidates(lower, ref, model);
  if (candidates.length === 0) return;
  const official = OFFICIAL_IMAGES.has(lower);
  out.push({
    rule: 'UnknownStageReference',
    range: ref.range,
    stage: ref.stage,
    message: `'${text}' is not a stage, so it will be pulled as an image; did you mean '${candidates[0]}'?`,
    related: candidates.slice(0, 3).map((name) => {
      const stage = model.stages[stageNamedFrom(model, name.toLowerCase(), ref)!];
      return { range: stage.nameRange ?? stage.fromRange, message: `stage '${name}'` };
    }),
    data: { candidates },
    severity: official ? DiagnosticSeverity.Information : undefined,
  });
}

// The index depends only on the stages' names, which typing in a stage body leaves alone: keep the
// last few (one per open document, roughly), with the near-misses they already worked out.
const recentIndexes: { names: (string | null)[]; index: TypoIndex }[] = [];

function typoIndex(model: StageModel): TypoIndex {
  const stages = model.stages;
  const found = recentIndexes.find(({ names }) => names.length === stages.length && stages.every((s, i) => s.name === names[i]));
  if (found) return found.index;
  const entry = { names: stages.map((s) => s.name), index: new TypoIndex(model) };
  recentIndexes.unshift(entry);
  if (recentIndexes.length > 4) recentIndexes.pop();
  return entry.index;
}

interface Match {
  key: string;
  name: string;
  index: number;
  score: number;
}

/** Near-miss stage names per distinct reference text, computed once per text; filtered to earlier stages per use. */
class TypoIndex {
  private readonly cache = new Map<string, Match[]>();
  // Buckets keep the search linear: edits only between similar lengths, prefixes only within the same first four letters.
  private readonly byLength = new Map<number, Named[]>();
  private readonly byHead = new Map<string, Named[]>();

  // Keeps names only: an index outlives the model it was built from (recentIndexes), and holding that
  // model kept a closed document's whole model alive.
  constructor(model: StageModel) {
    const seen = new Set<string>();
    for (const stage of model.stages) {
      if (!stage.key || !stage.name || seen.has(stage.key)) continue;
      seen.add(stage.key);
      const named = { key: stage.key, name: stage.name, index: stage.index };
      push(this.byLength, stage.key.length, named);
      if (stage.key.length >= 4) push(this.byHead, stage.key.slice(0, 4), named);
    }
  }

  /** Near-miss names that would name an earlier stage from where `ref` (a reference of `model`) is written. */
  candidates(text: string, ref: StageReference, model: StageModel): string[] {
    let matches = this.cache.get(text);
    if (!matches) {
      matches = this.compute(text);
      this.cache.set(text, matches);
    }
    return matches.filter((m) => stageNamedFrom(model, m.key, ref) !== undefined).map((m) => m.name);
  }

  private compute(text: string): Match[] {
    const scores = new Map<Named, number>();
    const budget = typoBudget(text.length);
    for (let length = text.length - budget; length <= text.length + budget; length++) {
      for (const named of this.byLength.get(length) ?? []) {
        const max = Math.min(budget, typoBudget(named.key.length));
        const score = named.key === text ? Infinity : editDistance(text, named.key, max);
        if (score <= max) scores.set(named, score);
      }
    }
    // `build` for `builder`, `builder` for `build`: a prefix of at least four letters.
    if (text.length >= 4) {
      for (const named of this.byHead.get(text.slice(0, 4)) ?? []) {
        if (scores.has(named) || named.key === text) continue;
        if (named.key.startsWith(text) || text.startsWith(named.key)) scores.set(named, 3);
      }
    }
    return [...scores]
      .map(([named, score]) => ({ key: named.key, name: named.name, index: named.index, score }))
      .sort((a, b) => a.score - b.score || b.index - a.index);
  }
}

interface Named {
  key: string;
  name: string;
  index: number;
}

function push<K>(map: Map<K, Named[]>, key: K, value: Named): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
