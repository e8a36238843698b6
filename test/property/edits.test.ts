// Every rename and every quick fix applies cleanly, re-parses, and keeps (or improves) what it should.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../../server/src/documents';
import { codeActions } from '../../server/src/features/codeActions';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { prepareRename, rename } from '../../server/src/features/rename';
import { parseDockerfile, type StageModel } from '../../server/src/model';
import { defaultSettings } from '../../server/src/settings';
import { anyDocument, newName, probe, probePosition } from '../helpers/generators';
import { URI, analyzeText, applyEdits, assertInside, editsOf, refusable } from './check';
import { PARAMETERS, interestingPositions, settingsArb } from './params';

/** Which stage each stage depends on, by index: renaming a stage must not change it. */
const graph = (model: StageModel) => ({ stages: model.stages.length, dependencies: model.dependencies });

/** BuildKit's stage name pattern (dockerfile2llb: `^[a-z][a-z0-9-_\.]*$`, case-insensitive). */
const VALID_NAME = /^[a-z][a-z0-9-_.]*$/i;
const RESERVED = new Set(['scratch', 'context']);

function applyWorkspaceEdit(doc: AnalyzedDocument, edit: WorkspaceEdit, what: string): string {
  const text = applyEdits(doc.document, editsOf(edit, URI), what);
  parseDockerfile(text); // must not throw
  return text;
}

/** Errors with every rule at its default: a rule the user turned off must not hide an error a fix creates. */
const buildErrors = (text: string) => computeDiagnostics(analyzeText(text), defaultSettings).filter((d) => d.severity === DiagnosticSeverity.Error).length;

function checkAction(doc: AnalyzedDocument, action: CodeAction, errorsBefore: number): boolean {
  assert.equal(typeof action.title, 'string', 'code action without a title');
  action.diagnostics?.forEach((d) => assertInside(doc.document, d.range, `code action ${action.title} diagnostic`));
  if (!action.edit) return false;
  const text = applyWorkspaceEdit(doc, action.edit, `code action ${action.title}`);
  if (action.kind === 'quickfix') {
    // A quick fix that introduces a build error is no fix.
    const errorsAfter = buildErrors(text);
    assert.ok(errorsAfter <= errorsBefore, `quick fix "${action.title}" raised build errors from ${errorsBefore} to ${errorsAfter}:\n${text}`);
  }
  return true;
}

describe('property: edits apply cleanly and re-parse', () => {
  it('rename at stage names and references', (t) => {
    let cases = 0;
    let renames = 0;
    fc.assert(
      fc.property(anyDocument, fc.array(newName, { minLength: 1, maxLength: 3 }), probe, (text, names, p) => {
        cases++;
        const doc = analyzeText(text);
        const before = graph(doc.model);
        for (const position of [probePosition(text, p), ...interestingPositions(doc)]) {
          const prepared = refusable(() => prepareRename(doc, position));
          for (const name of names) {
            // A refused rename is an answer; anything else is a crash.
            const edit = refusable(() => rename(doc, position, name));
            if (!edit || edit === 'refused') continue;
            renames++;
            assert.ok(prepared && prepared !== 'refused', `rename answered where prepareRename refused, at ${JSON.stringify(position)}`);
            assert.ok(VALID_NAME.test(name) && !RESERVED.has(name.toLowerCase()), `rename accepted the invalid stage name ${JSON.stringify(name)}`);
            const after = applyWorkspaceEdit(doc, edit, `rename to ${name}`);
            assert.deepEqual(graph(parseDockerfile(after)), before, `rename to ${name} changed the stage graph:\n${text}\n---\n${after}`);
          }
        }
      }),
      PARAMETERS(300),
    );
    t.diagnostic(`generated documents: ${cases}, renames applied: ${renames}`);
  });

  it('code actions for every diagnostic and for random ranges', (t) => {
    let cases = 0;
    let applied = 0;
    fc.assert(
      fc.property(anyDocument, settingsArb, probe, probe, (text, settings, p, q) => {
        cases++;
        const doc = analyzeText(text, settings.maxFileSize);
        const diagnostics = computeDiagnostics(doc, settings);
        const errors = buildErrors(text);
        const requests: { range: Diagnostic['range']; diagnostics: Diagnostic[]; only?: string[] }[] = diagnostics.map((d) => ({ range: d.range, diagnostics: [d] }));
        const [a, b] = [probePosition(text, p), probePosition(text, q)].sort((x, y) => x.line - y.line || x.character - y.character);
        requests.push({ range: { start: a, end: b }, diagnostics }, { range: { start: a, end: b }, diagnostics: [], only: ['source'] });
        for (const request of requests) {
          const actions = codeActions(doc, request.range, { diagnostics: request.diagnostics, only: request.only }, settings);
          for (const action of actions) if (checkAction(doc, action, errors)) applied++;
        }
      }),
      // Found earlier: a lone CR is a line break for LSP, so a fix that splits lines on /\r?\n/ edits past the end.
      { ...PARAMETERS(300), examples: [['\rARG PY\r\nFROM alpine\nFROM', defaultSettings, [0, 0], [0, 0]]] },
    );
    t.diagnostic(`generated documents: ${cases}, code action edits applied: ${applied}`);
  });
});
