// Per-resource settings, pulled with workspace/configuration and cached as promises.
import type { Connection } from 'vscode-languageserver';

export type RuleLevel = 'off' | 'error' | 'warning' | 'information' | 'hint';

export interface Settings {
  /** Per-rule severity overrides, keyed by rule name. */
  rules: Record<string, RuleLevel>;
  /** Stage that `docker build --target` would build; empty means the last stage. */
  target: string;
  codeLens: boolean;
  /** Documents larger than this many characters get one Information diagnostic instead of analysis. */
  maxFileSize: number;
}

export const defaultSettings: Settings = Object.freeze({
  rules: {},
  target: '',
  codeLens: true,
  maxFileSize: 2_000_000,
});

const LEVELS = new Set<RuleLevel>(['off', 'error', 'warning', 'information', 'hint']);

/** Merges whatever the client sent over the defaults, dropping values of the wrong type. */
export function mergeSettings(raw: unknown): Settings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleLevel> = {};
  if (input.rules && typeof input.rules === 'object') {
    for (const [rule, level] of Object.entries(input.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level as RuleLevel)) rules[rule] = level as RuleLevel;
    }
  }
  return {
    rules,
    target: typeof input.target === 'string' ? input.target.trim() : defaultSettings.target,
    codeLens: typeof input.codeLens === 'boolean' ? input.codeLens : defaultSettings.codeLens,
    maxFileSize:
      typeof input.maxFileSize === 'number' && input.maxFileSize > 0 ? input.maxFileSize : defaultSettings.maxFileSize,
  };
}

export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  private pullSupported = false;
  private globalSettings: Settings = defaultSettings;

  constructor(private readonly connection: Connection) {}

  setPullSupported(supported: boolean): void {
    this.pullSupported = supported;
  }

  /** Called on workspace/didChangeConfiguration. `pushed` is used by clients that cannot be asked. */
  changed(pushed: unknown): void {
    this.cache.clear();
    if (!this.pullSupported) {
      const section = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>).dockerfileStages : undefined;
      this.globalSettings = mergeSettings(section);
    }
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  get(uri: string): Promise<Settings> {
    if (!this.pullSupported) return Promise.resolve(this.globalSettings);
    const cached = this.cache.get(uri);
    if (cached) return cached;
    const settings: Promise<Settings> = this.connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'dockerfileStages' })
      .then(mergeSettings, () => defaultSettings);
    this.cache.set(uri, settings);
    return settings;
  }
}
