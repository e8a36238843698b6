// Parses and models compared by what they say rather than by how they store it: packed instructions and
// flags (server/src/model/parsed.ts) keep their ranges in their parse's numbers, so a chunk parsed on its own
// and the same lines of a whole-file parse hold the same ranges at different places.
import { ParsedComment, ParsedFlag, ParsedInstruction, ParsedProperty } from '../../server/src/model/parsed';

/** A deep copy of `value` in which every packed instruction, flag, property and comment is a plain object of its readings. */
export function plain(value: unknown): unknown {
  if (value instanceof ParsedInstruction) {
    return {
      keyword: value.keyword,
      keywordText: value.keywordText,
      keywordToken: value.keywordToken,
      range: value.range,
      flags: plain(value.flags),
      args: value.args,
      argValues: value.argValues,
      argsText: value.argsText,
      execForm: value.execForm,
      variables: value.variables,
      properties: plain(value.properties),
      heredocs: value.heredocs,
      trigger: plain(value.trigger),
    };
  }
  if (value instanceof ParsedFlag) {
    return { name: value.name, value: value.value, range: value.range, nameRange: value.nameRange, valueRange: value.valueRange, options: value.options };
  }
  if (value instanceof ParsedProperty) return { name: value.name, value: value.value, nameRange: value.nameRange, valueRange: value.valueRange };
  if (value instanceof ParsedComment) return { text: value.text, range: value.range };
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, plain(v)]));
  if (value !== null && typeof value === 'object') {
    const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) copy[k] = plain(v);
    return copy;
  }
  return value;
}
