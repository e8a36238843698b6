// Variables read straight from the text: Instruction.getVariables and parseVariables (dockerfile-ast 0.7),
// quirks included, keeping only what the model keeps (name, ranges, modifier). dockerfile-ast tokenises the
// arguments again for it and builds a Variable per use, resolving it against the ARGs and ENVs of its
// stage: on the 1000-stage benchmark file, about 2 MB of what an open allocated. Only for a FROM or an
// instruction after one: before the first FROM, dockerfile-ast's resolution can recurse without end (on an
// indented line) and throw, which leaves the instruction without variables; those still go to it.
// test/property/extract.test.ts checks that both give the same variables.
import { NONE } from './parsed';
import type { Positions } from './positions';
import type { VariableUse } from './types';

const NAME_CHAR = /^[a-z0-9_]+$/i;
const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/**
 * The variables of an instruction's `count` tokens, whose unshifted positions are in `p` (four numbers each),
 * with lines moved by `lineDelta`.
 */
export function readVariables(positions: Positions, p: readonly number[], count: number, escapeChar: string, lineDelta: number): readonly VariableUse[] {
  const content = positions.content;
  let out: VariableUse[] | null = null;
  for (let k = 0; k < count; k++) {
    const start = positions.offset(p[4 * k], p[4 * k + 1]);
    const end = positions.offset(p[4 * k + 2], p[4 * k + 3]);
    const dollar = content.indexOf('$', start);
    if (dollar === -1 || dollar >= end) continue;
    out ??= [];
    parseVariables(positions, start, content.substring(start, end), escapeChar, lineDelta, out);
  }
  return out ?? NONE;
}

function parseVariables(positions: Positions, offset: number, arg: string, escapeChar: string, lineDelta: number, out: VariableUse[]): void {
  const use = (name: string, nameStart: number, nameEnd: number, start: number, end: number, modifier: string | null) => {
    out.push({ name, range: rangeOf(positions, offset + start, offset + end, lineDelta), nameRange: rangeOf(positions, offset + nameStart, offset + nameEnd, lineDelta), modifier });
  };
  variableLoop: for (let i = 0; i < arg.length; i++) {
    const c = arg.charAt(i);
    if (c === escapeChar) {
      if (arg.charAt(i + 1) === '$') i++;
      continue;
    }
    if (c !== '$') continue;
    if (arg.charAt(i + 1) === '{') {
      let name = '';
      let nameEnd = -1;
      let modifierRead = -1;
      for (let j = i + 2; j < arg.length; j++) {
        const char = arg.charAt(j);
        if (char === escapeChar) {
          // On after the next line break, whatever comes between; without one, the escape character is skipped.
          const lineBreak = arg.indexOf('\n', j + 1);
          if (lineBreak !== -1) {
            j = lineBreak;
            continue;
          }
        } else if (char === '}') {
          let modifier: string | null = null;
          if (nameEnd === -1) nameEnd = j;
          // The character after the colon's blanks; '' for none (-1 is read as 0 by substring).
          else modifier = arg.substring(modifierRead, modifierRead + 1);
          use(name, i + 2, nameEnd, i, j + 1, modifier);
          i = j;
          continue variableLoop;
        } else if (char === ':') {
          if (nameEnd === -1) nameEnd = j;
          else if (modifierRead === -1) modifierRead = j;
        } else if (!isBlank(char)) {
          if (nameEnd === -1) name += char;
          else if (modifierRead === -1) modifierRead = j;
        }
      }
      // no `}`: not a variable, and nothing after it is read
      break;
    }
    if (isBlank(arg.charAt(i + 1)) || i === arg.length - 1) continue;
    let name = '';
    for (let j = i + 1; j < arg.length; j++) {
      const char = arg.charAt(j);
      if (char === '\r' || char === '\n' || char === ' ' || char === '\t') continue;
      if (char === escapeChar) {
        // As in braces: on after the next line break, wherever it is; without one, the variable ends here.
        const lineBreak = arg.indexOf('\n', j + 1);
        if (lineBreak !== -1) {
          j = lineBreak;
          continue;
        }
        use(name, i + 1, j, i, j, null);
        break variableLoop;
      }
      // Anything else ends the name ($, quotes and the rest alike)
      if (!NAME_CHAR.test(char)) {
        use(name, i + 1, j, i, j, null);
        i = j - 1;
        continue variableLoop;
      }
      name += char;
    }
    use(name, i + 1, arg.length, i, arg.length, null);
    break;
  }
}

function rangeOf(positions: Positions, start: number, end: number, lineDelta: number): VariableUse['range'] {
  return { start: positions.at(start, lineDelta), end: positions.at(end, lineDelta) };
}
