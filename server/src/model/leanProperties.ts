// ARG and ENV declarations read straight into parsed data, for the plain case only: no quote or escape
// character in the arguments (so no continuation either: they are on one line). There dockerfile-ast's
// property arguments (PropertyInstruction.getPropertyArguments) are the whitespace-separated tokens, and
// Property.getValue returns its text unchanged; so getProperties comes down to the cases below. Anything else
// (quotes, escapes, continuations) still goes through dockerfile-ast's typed instructions, whose property
// parsing is several hundred lines of quirks. test/property/extract.test.ts checks both readings give the same
// data.
import { NONE, ParsedProperty, packing, putPacked, reserve } from './parsed';
import type { Positions } from './positions';
import type { Property } from './types';

const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/** Whether `content` from `from` to `to` (an ARG or ENV's text after its keyword) is in the plain case. */
export function isPlainPropertyText(content: string, from: number, to: number, escapeChar: string): boolean {
  const escape = escapeChar.length === 1 ? escapeChar.charCodeAt(0) : -1;
  for (let i = from; i < to; i++) {
    const c = content.charCodeAt(i);
    if (c === QUOTE || c === APOSTROPHE || c === escape) return false;
  }
  return true;
}

// Unshifted positions of the range being written: name range, then value range (-1 for none).
const ranges: number[] = new Array(8).fill(-1);

/**
 * PropertyInstruction.getProperties over plain tokens: `values` with their unshifted positions in `p` (four
 * numbers each, from index 0), `count` of them. Each property's numbers follow the instruction's.
 */
export function readPlainProperties(positions: Positions, values: readonly string[], p: readonly number[], count: number, lineDelta: number): Property[] {
  if (count === 0) return NONE;
  const hasAssignment = values[0].indexOf('=') !== -1;
  if (count === 1 || hasAssignment) {
    // Each token is one property: `name=value`, or a name with no value.
    const properties: Property[] = new Array(count);
    for (let k = 0; k < count; k++) properties[k] = assignment(positions, values[k], p, 4 * k, lineDelta);
    return properties;
  }
  // `name value...`: the value runs from the second token to the end of the last one, spaces included.
  const content = positions.content;
  const value = count === 2 ? values[1] : content.substring(positions.offset(p[4], p[5]), positions.offset(p[4 * count - 2], p[4 * count - 1]));
  for (let i = 0; i < 4; i++) ranges[i] = p[i];
  ranges[4] = p[4];
  ranges[5] = p[5];
  ranges[6] = p[4 * count - 2];
  ranges[7] = p[4 * count - 1];
  return [write(values[0], value, lineDelta)];
}

/** new Property(document, escapeChar, arg) for a plain token at p[k..k+3]. */
function assignment(positions: Positions, token: string, p: readonly number[], k: number, lineDelta: number): Property {
  const index = token.indexOf('=');
  ranges[0] = p[k];
  ranges[1] = p[k + 1];
  if (index === -1) {
    ranges[2] = p[k + 2];
    ranges[3] = p[k + 3];
    ranges[4] = ranges[5] = ranges[6] = ranges[7] = -1;
    return write(token, null, lineDelta);
  }
  const start = positions.offset(p[k], p[k + 1]);
  positions.put(ranges, 2, start + index, 0);
  positions.put(ranges, 4, start + index + 1, 0);
  ranges[6] = p[k + 2];
  ranges[7] = p[k + 3];
  return write(token.substring(0, index), token.substring(index + 1), lineDelta);
}

function write(name: string, value: string | null, lineDelta: number): Property {
  const at = reserve(8);
  putPacked(at, ranges, 0, lineDelta);
  putPacked(at + 4, ranges, 4, lineDelta);
  return new ParsedProperty(name, value, packing(), at, 0);
}
