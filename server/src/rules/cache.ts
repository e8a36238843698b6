// Memos for rules. The model builder hands back the same Instruction objects, and the same `instructions`
// array, for every stage an edit did not touch (model/chunks.ts); a stage whose lines moved gets new ones.
// So a rule can keep what it worked out about a stage, keyed by those objects, and reuse it while the
// other inputs it read (`deps`: stage index, global ARGs, ...) are unchanged. What it keeps must be a pure
// function of the key's content and the deps; cached values are shared between versions: never mutate them.
import type { StageModel } from '../model';

// Deps are copied into the entry (up to four, as many as any rule has) rather than kept as the caller's
// array: a big file's memos hold thousands of entries, and every object they keep costs each collection.
interface Entry<V> {
  count: number;
  d0: unknown;
  d1: unknown;
  d2: unknown;
  d3: unknown;
  value: V;
}

// Every memo keeps its entry for a key in that key's list, all lists in one WeakMap: most memos are keyed
// by a stage's FROM or its instructions, so an open inserts two keys per stage instead of one per memo and
// stage (seven), and each insertion hashes a new key.
const lists = new WeakMap<object, (Entry<unknown> | undefined)[]>();
let memos = 0;

export class Memo<K extends object, V> {
  private readonly slot = memos++;

  get(key: K, deps: readonly unknown[], compute: () => V): V {
    if (deps.length > 4) throw new RangeError('a memo takes at most four deps');
    const entry = lists.get(key)?.[this.slot];
    if (entry !== undefined && sameDeps(entry, deps)) return entry.value as V;
    const value = compute();
    // Read again: `compute` may have used another memo on the same key.
    let list = lists.get(key);
    if (list === undefined) lists.set(key, (list = []));
    list[this.slot] = { count: deps.length, d0: deps[0], d1: deps[1], d2: deps[2], d3: deps[3], value };
    return value;
  }
}

function sameDeps(entry: Entry<unknown>, deps: readonly unknown[]): boolean {
  const n = deps.length;
  return entry.count === n && (n < 1 || entry.d0 === deps[0]) && (n < 2 || entry.d1 === deps[1]) && (n < 3 || entry.d2 === deps[2]) && (n < 4 || entry.d3 === deps[3]);
}

/**
 * A string that stands for some of a model's data, so that a memo can depend on that data by value.
 * An equal string from the last call is handed back instead, so that deps mostly compare by pointer.
 */
class ModelKey {
  private readonly keys = new WeakMap<StageModel, string>();
  private last = '';

  constructor(private readonly compute: (model: StageModel) => string) {}

  of(model: StageModel): string {
    let key = this.keys.get(model);
    if (key === undefined) {
      key = this.compute(model);
      if (key === this.last) key = this.last;
      this.last = key;
      this.keys.set(model, key);
    }
    return key;
  }
}

const globals = new ModelKey((model) => JSON.stringify([...model.globalArgValues]));
const globalNames = new ModelKey((model) => JSON.stringify([...model.globalArgValues.keys()]));

/** The global ARGs and their values. */
export const globalsKey = (model: StageModel): string => globals.of(model);

/** The global ARG names alone, for what does not read their values. */
export const globalNamesKey = (model: StageModel): string => globalNames.of(model);
