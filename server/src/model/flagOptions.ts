// Flag's option parsing (dockerfile-ast 0.7, Flag's constructor): a flag value `a=b,c=d` is a list of options.
// One scan serves the lean reader, which positions the options while it parses, and packed flags, which
// read the names and values again from the value when a rule asks (parsed.ts) rather than keep them.

/**
 * Where each option of `value` is, three numbers per option in `optionBounds` (nameStart, valueStart, end), as
 * indexes into it: valueStart is -1 for an option without `=`, and nameStart -1 for an empty one before a comma
 * (dockerfile-ast's quirk, kept). Returns how many there are. The list is refilled by the next call: read it first.
 * (A list rather than a callback: one closure per flag was allocated, and the callback's call site took three shapes.)
 */
export function scanOptions(value: string): number {
  const out = optionBounds;
  let count = 0;
  let nameStart = -1;
  let valueStart = -1;
  let hasOptions = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === EQUALS) {
      hasOptions = true;
      if (valueStart === -1) valueStart = i + 1;
    } else if (c === COMMA) {
      out[3 * count] = nameStart;
      out[3 * count + 1] = valueStart;
      out[3 * count + 2] = i;
      count++;
      nameStart = valueStart = -1;
    } else if (nameStart === -1) {
      nameStart = i;
    }
  }
  if (hasOptions && nameStart !== -1) {
    out[3 * count] = nameStart;
    out[3 * count + 1] = valueStart;
    out[3 * count + 2] = value.length;
    count++;
  }
  return count;
}

export const optionBounds: number[] = [];

const EQUALS = 0x3d;
const COMMA = 0x2c;

/**
 * Calls `found(k, optionValue)` for each option of `value` named `name` (k counts all options), comparing the
 * name where it stands instead of cutting out every name. The bounds are optionTextOf's substring calls',
 * which read a negative start as 0 and swap a start past the end (`=b` is an option named `=`).
 */
export function optionsNamedIn(value: string | null, name: string, found: (k: number, optionValue: string | null) => void): void {
  if (value === null || value.length === 0) return;
  const count = scanOptions(value);
  const bounds = optionBounds;
  for (let k = 0; k < count; k++) {
    const nameStart = bounds[3 * k];
    const valueStart = bounds[3 * k + 1];
    const end = bounds[3 * k + 2];
    const a = nameStart < 0 ? 0 : nameStart;
    const b = valueStart === -1 ? end : valueStart - 1;
    const from = a < b ? a : b;
    if ((a < b ? b - a : a - b) === name.length && value.startsWith(name, from)) found(k, valueStart === -1 ? null : value.substring(valueStart, end));
  }
}

const NO_OPTIONS: readonly (string | null)[] = Object.freeze([]);

/** The name and value (null without `=`) of each option of `value`, two entries per option. */
export function optionTextOf(value: string | null): readonly (string | null)[] {
  if (value === null || value.length === 0) return NO_OPTIONS;
  const count = scanOptions(value);
  if (count === 0) return NO_OPTIONS;
  const bounds = optionBounds;
  const text: (string | null)[] = new Array(2 * count);
  for (let k = 0; k < count; k++) {
    const nameStart = bounds[3 * k];
    const valueStart = bounds[3 * k + 1];
    const end = bounds[3 * k + 2];
    text[2 * k] = value.substring(nameStart, valueStart === -1 ? end : valueStart - 1);
    text[2 * k + 1] = valueStart === -1 ? null : value.substring(valueStart, end);
  }
  return text;
}
