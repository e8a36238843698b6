// What a rule reports: plain data, turned into LSP diagnostics by features/diagnostics.ts.
import type { DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import type { RuleName } from './catalog';

export interface Related {
  range: Range;
  message: string;
}

export interface Finding {
  rule: RuleName;
  range: Range;
  message: string;
  /** Index of the stage the finding belongs to; goes to `data.stage`. */
  stage?: number;
  related?: Related[];
  /** Extra fields for `data` (quick fixes read them). */
  data?: Record<string, unknown>;
  /** Replaces the catalog default, e.g. a typo that is also a real image name is only Information. */
  severity?: DiagnosticSeverity;
}

export interface RuleContext {
  model: StageModel;
  /** Stage that `docker build` builds: settings.target, else the last stage. */
  target: number;
}

export type Rule = (ctx: RuleContext, out: Finding[]) => void;
