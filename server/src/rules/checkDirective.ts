// `# check=` as BuildKit reads it (linter/linter.go ParseLintOptions), plus per-instruction skips (moby/buildkit#6334).
import type { Range, StageModel } from '../model';

export interface CheckOptions {
  skipAll: boolean;
  skip: Set<string>;
  /** `error=true`: BuildKit fails the build on any check warning. */
  error: boolean;
}

/**
 * Parses `skip=A,B;error=true`. Like BuildKit (strings.SplitN(s, ";", 3)) only the first two `;` split,
 * and an invalid option invalidates the whole value (null).
 */
export function parseCheckOptions(value: string): CheckOptions | null {
  const options: CheckOptions = { skipAll: false, skip: new Set(), error: false };
  const text = value.trim();
  if (text === '') return options;
  const parts: string[] = [];
  let rest = text;
  for (let at = rest.indexOf(';'); at !== -1 && parts.length < 2; at = rest.indexOf(';')) {
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq === -1) return null;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === 'skip') {
      if (v === 'all') options.skipAll = true;
      else options.skip = new Set(v.split(',').map((rule) => rule.trim())); // a later skip= replaces, as in Go
    } else if (key === 'experimental') {
      // Opts in to experimental BuildKit checks; none of ours are experimental.
    } else if (key === 'error') {
      const b = parseBool(v);
      if (b === null) return null;
      options.error = b;
    } else return null;
  }
  return options;
}

// Go's strconv.ParseBool.
function parseBool(v: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return null;
}

export function fileCheckOptions(model: StageModel): CheckOptions {
  const directive = model.directives.find((d) => d.name === 'check');
  return (directive && parseCheckOptions(directive.value)) || { skipAll: false, skip: new Set(), error: false };
}

export interface LineSkip {
  /** The instruction the comment block sits on. */
  range: Range;
  skipAll: boolean;
  skip: Set<string>;
}

/**
 * A `# check=skip=Rule` comment in the block of comment lines directly above an instruction (no blank
 * line between) skips those rules for that instruction, as linter.WithMergedConfigFromComments does:
 * only the first `check=` comment of the block counts, its value ends at the first space (so a trailing
 * `// reason` is allowed), and one that does not parse is ignored. Sorted by line, for binary search.
 */
export function instructionSkips(model: StageModel): LineSkip[] {
  const checkComments = new Map<number, CheckOptions | null>();
  for (const comment of model.comments) {
    if (!comment.text.includes('check')) continue; // most comments: skip the regular expression
    const m = /^\s*check\s*=\s*(\S*)/.exec(comment.text);
    if (m) checkComments.set(comment.range.start.line, parseCheckOptions(m[1]));
  }
  if (checkComments.size === 0) return [];
  const commentLines = new Set(model.comments.map((c) => c.range.start.line));
  const directiveLines = new Set(model.directives.map((d) => d.range.start.line));
  const result: LineSkip[] = [];
  const visit = (range: Range) => {
    let top = range.start.line;
    while (top > 0 && commentLines.has(top - 1) && !directiveLines.has(top - 1)) top--;
    for (let line = top; line < range.start.line; line++) {
      if (!checkComments.has(line)) continue;
      const options = checkComments.get(line);
      if (options && (options.skipAll || options.skip.size > 0)) result.push({ range, skipAll: options.skipAll, skip: options.skip });
      return;
    }
  };
  for (const instruction of model.preamble) visit(instruction.range);
  for (const stage of model.stages) {
    visit(stage.from.range);
    for (const instruction of stage.instructions) visit(instruction.range);
  }
  return result;
}

/** The skip whose instruction contains `line`. */
export function skipAtLine(skips: readonly LineSkip[], line: number): LineSkip | undefined {
  let lo = 0;
  let hi = skips.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = skips[mid].range;
    if (line < r.start.line) hi = mid - 1;
    else if (line > r.end.line) lo = mid + 1;
    else return skips[mid];
  }
  return undefined;
}
