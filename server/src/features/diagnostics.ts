// Runs the rule engine over the model and turns findings into LSP diagnostics.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../documents';
import type { RuleLevel, Settings } from '../settings';
import { BUILD_FAILURES, BUILDKIT_CHECKS, DIAGNOSTIC_SOURCE, RULES, ruleDocUrl, type RuleName } from '../rules/catalog';
import { fileCheckOptions, instructionSkips, skipAtLine } from '../rules/checkDirective';
import { runRules, type Finding } from '../rules';

const LEVEL: Record<Exclude<RuleLevel, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function computeDiagnostics(doc: AnalyzedDocument, settings: Settings): Diagnostic[] {
  if (doc.limited) {
    if (settings.rules.AnalysisLimited === 'off') return [];
    return [
      toDiagnostic(
        {
          rule: 'AnalysisLimited',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          message: `This document exceeds dockerfileStages.maxFileSize (${settings.maxFileSize} characters), so analysis was limited: stage diagnostics are off for it`,
        },
        severityOf('AnalysisLimited', settings.rules.AnalysisLimited),
        doc.uri,
      ),
    ];
  }
  const model = doc.model;
  const check = fileCheckOptions(model);
  const skips = instructionSkips(model);
  const diagnostics: Diagnostic[] = [];
  for (const finding of runRules(model, settings.target)) {
    const rule = finding.rule;
    const level = settings.rules[rule];
    if (level === 'off') continue;
    // BuildKit cannot skip a build failure, so neither can `# check=`. `skip=all` means BuildKit's checks;
    // our own rules are skipped by name.
    if (!BUILD_FAILURES.has(rule)) {
      if (check.skip.has(rule) || (check.skipAll && BUILDKIT_CHECKS.has(rule))) continue;
      const local = skips.length > 0 ? skipAtLine(skips, finding.range.start.line) : undefined;
      if (local && (local.skip.has(rule) || (local.skipAll && BUILDKIT_CHECKS.has(rule)))) continue;
    }
    let severity = finding.severity ?? RULES[rule];
    if (check.error && BUILDKIT_CHECKS.has(rule)) severity = DiagnosticSeverity.Error;
    if (level) severity = LEVEL[level];
    diagnostics.push(cachedDiagnostic(finding, severity, doc.uri));
  }
  return diagnostics;
}

// Rules hand back the same Finding objects for the stages an edit did not touch (rules/cache.ts), and so
// the same Diagnostic: nothing changes it after it is made.
const converted = new WeakMap<Finding, { severity: DiagnosticSeverity; uri: string; diagnostic: Diagnostic }>();

function cachedDiagnostic(finding: Finding, severity: DiagnosticSeverity, uri: string): Diagnostic {
  const entry = converted.get(finding);
  if (entry !== undefined && entry.severity === severity && entry.uri === uri) return entry.diagnostic;
  const diagnostic = toDiagnostic(finding, severity, uri);
  converted.set(finding, { severity, uri, diagnostic });
  return diagnostic;
}

function severityOf(rule: RuleName, level: RuleLevel | undefined): DiagnosticSeverity {
  return level && level !== 'off' ? LEVEL[level] : RULES[rule];
}

// Shared by every diagnostic of a rule: a big file's diagnostics stay cached with its model, and nothing
// changes a diagnostic once it is made (the connection only serialises it).
const descriptions = new Map<RuleName, { readonly href: string }>();
const UNNECESSARY: DiagnosticTag[] = Object.freeze([DiagnosticTag.Unnecessary]) as unknown as DiagnosticTag[];

function description(rule: RuleName): { readonly href: string } {
  let found = descriptions.get(rule);
  if (found === undefined) descriptions.set(rule, (found = Object.freeze({ href: ruleDocUrl(rule) })));
  return found;
}

function toDiagnostic(finding: Finding, severity: DiagnosticSeverity, uri: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity,
    code: finding.rule,
    codeDescription: description(finding.rule),
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.rule === 'UnusedStage') diagnostic.tags = UNNECESSARY;
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  }
  if (finding.stage !== undefined || finding.data) diagnostic.data = { ...(finding.stage !== undefined ? { stage: finding.stage } : {}), ...finding.data };
  return diagnostic;
}
