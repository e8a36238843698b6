// ARG scoping: FROM sees only global ARGs (plus the platform ones); a stage sees a global ARG only after redeclaring it.
import type { Instruction, Position, Range, Stage, StageModel, VariableUse } from '../model';
import { globalNamesKey, globalsKey, Memo } from './cache';
import { editDistance } from './similarity';
import type { Finding, RuleContext } from './types';

// Automatic platform ARGs, available in FROM without a declaration (Dockerfile reference, "Automatic platform ARGs").
export const PLATFORM_ARGS = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
]);

// Instructions whose words BuildKit expands itself (dispatch via shlex), and so checks for UndefinedVar.
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);

// distribution/reference grammar, as reference.ParseNormalizedNamed checks it.
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*(?::[0-9]+)?)`;
const PATH_PART = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${PATH_PART}(?:/${PATH_PART})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

export function isValidImageReference(ref: string): boolean {
  return REFERENCE.test(ref);
}

function inside(p: Position, r: Range): boolean {
  return (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) &&
    (p.line < r.end.line || (p.line === r.end.line && p.character < r.end.character));
}

function within(inner: VariableUse, stage: Stage): boolean {
  return stage.imageRange !== null && inside(inner.range.start, stage.imageRange);
}

function suggestion(name: string, options: Iterable<string>): string {
  let best = '';
  let bestScore = 3;
  for (const option of options) {
    const score = editDistance(name.toLowerCase(), option.toLowerCase(), 2);
    if (score < bestScore) {
      best = option;
      bestScore = score;
    }
  }
  return best;
}

// A stage's FROM against the global ARGs: redone when either changes.
const fromMemo = new Memo<Instruction, Finding[]>();

export function fromArgRules({ model }: RuleContext, out: Finding[]): void {
  const globals = globalsKey(model);
  for (const stage of model.stages) {
    const deps = [stage.index, globals, stage.parent !== null, stage.resolvedImage];
    for (const finding of fromMemo.get(stage.from, deps, () => fromFindings(model, stage))) out.push(finding);
  }
}

function fromFindings(model: StageModel, stage: Stage): Finding[] {
  const out: Finding[] = [];
  const declared = model.globalArgValues;
  for (const v of stage.from.variables) {
    if (declared.has(v.name) || PLATFORM_ARGS.has(v.name)) continue;
    const suggest = suggestion(v.name, declared.keys());
    out.push({
      rule: 'UndefinedArgInFrom',
      range: v.range,
      stage: stage.index,
      message: `FROM argument '${v.name}' is not declared${suggest ? ` (did you mean ${suggest}?)` : ''}: declare 'ARG ${v.name}' before the first FROM`,
      data: { name: v.name },
    });
  }
  if (stage.parent !== null || !stage.image.includes('$')) return out;
  const first = stage.from.variables.find((v) => within(v, stage));
  if (!first) return out;
  // Platform ARGs have no default here; BuildKit fills them in, so only judge images without them.
  if (stage.from.variables.some((v) => within(v, stage) && PLATFORM_ARGS.has(v.name))) return out;
  if (!isValidImageReference(stage.resolvedImage)) {
    out.push({
      rule: 'InvalidDefaultArgInFrom',
      range: first.range,
      stage: stage.index,
      message: `Default value for ARG ${stage.image} results in empty or invalid base image name ('${stage.resolvedImage}'): give the ARG a default`,
      data: { name: first.name },
    });
  }
  return out;
}

/** First line on which each name is declared by ARG or ENV in the stage. */
function declarations(instructions: readonly Instruction[]): Map<string, number> {
  const lines = new Map<string, number>();
  for (const instruction of instructions) {
    if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
    for (const p of instruction.properties) {
      if (!lines.has(p.name)) lines.set(p.name, instruction.range.start.line);
    }
  }
  return lines;
}

const shellAssignments = new Map<string, RegExp>();

/** The shell script assigns the name itself: `NAME=`, `export NAME`, `for NAME in`, `read NAME`. */
function assignsInShell(script: string, name: string): boolean {
  const n = name.replace(/[^A-Za-z0-9_]/g, '');
  let pattern = shellAssignments.get(n);
  if (pattern === undefined) {
    if (shellAssignments.size >= 256) shellAssignments.clear();
    pattern = new RegExp(`(^|[\\s;&|(])(export\\s+|local\\s+|declare\\s+\\S*\\s*)?${n}=|\\b(for|read)\\s+(-\\S+\\s+)*${n}\\b|\\bexport\\s+${n}\\b`);
    shellAssignments.set(n, pattern);
  }
  return pattern.test(script);
}

interface Use {
  variable: VariableUse;
  /** In a shell-form RUN. */
  shell: boolean;
}

const declarationsMemo = new Memo<readonly Instruction[], Map<string, number>>();
// Uses of global names that nothing in their own stage declares or assigns: the stage-local part of the rule.
const usesMemo = new Memo<readonly Instruction[], Use[]>();

export function undefinedVarRule({ model }: RuleContext, out: Finding[]): void {
  const names = globalNamesKey(model);
  const globals = new Set<string>([...model.globalArgValues.keys(), ...PLATFORM_ARGS]);
  if (globals.size === 0) return;
  const own = (index: number) => declarationsMemo.get(model.stages[index].instructions, [], () => declarations(model.stages[index].instructions));
  const inherited = new Map<number, Map<string, boolean>>();
  const declaredByAncestors = (index: number, name: string): boolean => {
    const chain: number[] = [];
    let result = false;
    let p = model.stages[index].parent;
    let at = index;
    while (p !== null) {
      const memo = inherited.get(at)?.get(name);
      if (memo !== undefined) {
        result = memo;
        break;
      }
      chain.push(at);
      if (own(p).has(name)) {
        result = true;
        break;
      }
      at = p;
      p = model.stages[p].parent;
    }
    for (const i of chain) {
      let known = inherited.get(i);
      if (known === undefined) inherited.set(i, (known = new Map()));
      known.set(name, result);
    }
    return result;
  };
  // Names used in the FROM of a stage's root image: official images set ENV for them (PYTHON_VERSION, NODE_VERSION...).
  let rootImageVars: Set<string>[] | undefined;

  for (const stage of model.stages) {
    const uses = usesMemo.get(stage.instructions, [names], () => localUses(stage.instructions, globals, own(stage.index)));
    for (const { variable: v, shell } of uses) {
      if (declaredByAncestors(stage.index, v.name)) continue;
      // BuildKit accepts variables the base image's ENV defines; an image picked by this ARG usually defines it.
      rootImageVars ??= rootFromVariables(model);
      if (rootImageVars[stage.index].has(v.name)) continue;
      const label = stage.name ? `'${stage.name}'` : String(stage.index);
      const kind = PLATFORM_ARGS.has(v.name) ? 'automatic platform ARG' : 'global ARG';
      out.push({
        rule: 'UndefinedVar',
        range: v.range,
        stage: stage.index,
        message: shell
          ? `'$${v.name}' is empty in this RUN: the ${kind} ${v.name} is not declared in stage ${label}, so the shell never sees it. Add 'ARG ${v.name}' after FROM`
          : `Usage of undefined variable '$${v.name}': the ${kind} ${v.name} is not declared in stage ${label}. Add 'ARG ${v.name}' after FROM`,
        data: { name: v.name },
      });
    }
  }
}

function localUses(instructions: readonly Instruction[], globals: ReadonlySet<string>, own: ReadonlyMap<string, number>): Use[] {
  const uses: Use[] = [];
  for (const instruction of instructions) {
    if (instruction.variables.length === 0) continue;
    const keyword = instruction.keyword;
    const shell = keyword === 'RUN' && !instruction.execForm && instruction.heredocs.length === 0;
    if (!EXPANDED.has(keyword) && !shell) continue;
    const line = instruction.range.start.line;
    // BuildKit never expands --from (VariableInStageReference covers it).
    const fromFlags = instruction.flags.filter((f) => f.name === 'from').map((f) => f.range);
    for (const v of instruction.variables) {
      if (!globals.has(v.name)) continue;
      if (fromFlags.some((r) => inside(v.range.start, r))) continue;
      const at = own.get(v.name);
      if (at !== undefined && at < line) continue;
      if (shell && assignsInShell(instruction.argsText, v.name)) continue;
      uses.push({ variable: v, shell });
    }
  }
  return uses;
}

const rootVariables = new WeakMap<Instruction, Set<string>>();

function rootFromVariables(model: StageModel): Set<string>[] {
  const result: Set<string>[] = [];
  for (const stage of model.stages) {
    if (stage.parent !== null) {
      result.push(result[stage.parent]);
      continue;
    }
    let names = rootVariables.get(stage.from);
    if (names === undefined) rootVariables.set(stage.from, (names = new Set(stage.from.variables.map((v) => v.name))));
    result.push(names);
  }
  return result;
}
