// `# check=` as BuildKit reads it (linter/linter.go ParseLintOptions), plus per-instruction skips (moby/buildkit#6334).
import type { Range, StageModel } from '../model';

export interface CheckOptions {
  skipAll: boolean;
  skip: Set<string>;
  /** `error=true`: BuildKit fails the build on any check warning. */
  error: boolean;
}

/** Parses `skip=A,B;error=true`. Like BuildKit, only the first `;` splits; an invalid option yields null. */
export function parseCheckOptions(value: string): CheckOptions | null {
  const options: CheckOptions = { skipAll: false, skip: new Set(), error: false };
  const text = value.trim();
  if (text === '') return options;
  const semicolon = text.indexOf(';');
  const parts = semicolon === -1 ? [text] : [text.slice(0, semicolon), text.slice(semicolon + 1)];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq === -1) return null;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === 'skip') {
      if (v === 'all') options.skipAll = true;
      else for (const rule of v.split(',')) options.skip.add(rule.trim());
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
 * `# check=skip=Rule` comments on the lines directly above an instruction (no blank line between)
 * skip those rules for that instruction. Sorted by line, for binary search.
 */
export function instructionSkips(model: StageModel): LineSkip[] {
  const checkComments = new Map<number, CheckOptions>();
  for (const comment of model.comments) {
    const m = /^\s*check\s*=\s*(.*)$/.exec(comment.text);
    if (!m) continue;
    const options = parseCheckOptions(m[1]);
    if (options && (options.skipAll || options.skip.size > 0)) checkComments.set(comment.range.start.line, options);
  }
  if (checkComments.size === 0) return [];
  const commentLines = new Set(model.comments.map((c) => c.range.start.line));
  const directiveLines = new Set(model.directives.map((d) => d.range.start.line));
  const result: LineSkip[] = [];
  const visit = (range: Range) => {
    const skip = new Set<string>();
    let skipAll = false;
    for (let line = range.start.line - 1; line >= 0 && commentLines.has(line) && !directiveLines.has(line); line--) {
      const options = checkComments.get(line);
      if (!options) continue;
      skipAll ||= options.skipAll;
      for (const rule of options.skip) skip.add(rule);
    }
    if (skipAll || skip.size > 0) result.push({ range, skipAll, skip });
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
