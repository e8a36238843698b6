// Every rule's stable code (its name), default severity and doc page. BuildKit's names where BuildKit has the rule.
import { DiagnosticSeverity } from 'vscode-languageserver-types';

export const RULES = {
  // Build-breaking: BuildKit fails the build.
  InvalidStageName: DiagnosticSeverity.Error,
  FromArgumentCount: DiagnosticSeverity.Error,
  StageReferencedBeforeDefinition: DiagnosticSeverity.Error,
  CircularStageDependency: DiagnosticSeverity.Error,
  InvalidStageIndex: DiagnosticSeverity.Error,
  VariableInStageReference: DiagnosticSeverity.Error,
  FromStageNameCaseMismatch: DiagnosticSeverity.Error,
  // Likely mistakes: BuildKit build checks, and our typo detection.
  // Duplicate and reserved names are build checks (convert.go validateStageNames -> lint.Run), not build failures.
  ReservedStageName: DiagnosticSeverity.Warning,
  DuplicateStageName: DiagnosticSeverity.Warning,
  UnknownStageReference: DiagnosticSeverity.Warning,
  StageNameCasing: DiagnosticSeverity.Warning,
  FromAsCasing: DiagnosticSeverity.Warning,
  UndefinedArgInFrom: DiagnosticSeverity.Warning,
  InvalidDefaultArgInFrom: DiagnosticSeverity.Warning,
  UndefinedVar: DiagnosticSeverity.Warning,
  MultipleInstructionsDisallowed: DiagnosticSeverity.Warning,
  RedundantTargetPlatform: DiagnosticSeverity.Warning,
  FromPlatformFlagConstDisallowed: DiagnosticSeverity.Warning,
  // Multistage hygiene: rules of our own.
  UnusedStage: DiagnosticSeverity.Hint,
  NumericStageReference: DiagnosticSeverity.Information,
  LibcMismatch: DiagnosticSeverity.Warning,
  BuildToolchainInFinalStage: DiagnosticSeverity.Information,
  // Not a rule of the Dockerfile: the document was too large to analyse.
  AnalysisLimited: DiagnosticSeverity.Information,
} as const;

export type RuleName = keyof typeof RULES;

export const RULE_NAMES = Object.keys(RULES) as RuleName[];

/** Rules that are BuildKit build checks: `# check=skip=all` drops them and `# check=error=true` makes them errors. */
export const BUILDKIT_CHECKS: ReadonlySet<RuleName> = new Set<RuleName>([
  'StageNameCasing',
  'FromAsCasing',
  'DuplicateStageName',
  'ReservedStageName',
  'UndefinedArgInFrom',
  'InvalidDefaultArgInFrom',
  'UndefinedVar',
  'MultipleInstructionsDisallowed',
  'RedundantTargetPlatform',
  'FromPlatformFlagConstDisallowed',
]);

/** Rules for which BuildKit fails the build: no `# check=` directive can silence those, only settings. */
export const BUILD_FAILURES: ReadonlySet<RuleName> = new Set<RuleName>([
  'InvalidStageName',
  'FromArgumentCount',
  'StageReferencedBeforeDefinition',
  'CircularStageDependency',
  'InvalidStageIndex',
  'VariableInStageReference',
  'FromStageNameCaseMismatch',
]);

export function isRuleName(name: string): name is RuleName {
  return Object.prototype.hasOwnProperty.call(RULES, name);
}

export const DIAGNOSTIC_SOURCE = 'dockerfile-stages';

const DOCS_BASE = 'https://github.com/dockerfile-stages/dockerfile-stages/blob/main/docs/rules/';

export function ruleDocUrl(rule: RuleName): string {
  return `${DOCS_BASE}${rule}.md`;
}
