// Variable substitution as BuildKit's shell lexer does it for FROM, limited to what base images use.
const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export type ArgValues = ReadonlyMap<string, string | null>;

/** Substitutes `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alt}`; unknown names become empty. */
export function expandVariables(text: string, values: ArgValues, escapeChar = '\\'): string {
  if (!text.includes('$')) return text;
  return text.replace(VARIABLE, (match, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined, offset: number) => {
    if (offset > 0 && text[offset - 1] === escapeChar) return match;
    const name = braced ?? bare ?? '';
    const value = values.get(name);
    const set = value !== undefined && value !== null && value !== '';
    switch (op) {
      case ':-':
        return set ? value! : word ?? '';
      case '-':
        return value !== undefined && value !== null ? value : word ?? '';
      case ':+':
        return set ? word ?? '' : '';
      case '+':
        return value !== undefined && value !== null ? word ?? '' : '';
      default:
        return value ?? '';
    }
  });
}

export function hasVariable(text: string): boolean {
  return /\$(\{|[A-Za-z_])/.test(text);
}
