// Every feature function, on every kind of input a server can be sent, never throws and answers inside the document.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CompletionItem, DocumentSymbol, Hover, Position, Range } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../../server/src/documents';
import { defaultSettings, type Settings } from '../../server/src/settings';
import { codeLenses } from '../../server/src/features/codeLens';
import { completion } from '../../server/src/features/completion';
import { definition } from '../../server/src/features/definition';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { foldingRanges } from '../../server/src/features/folding';
import { documentHighlights } from '../../server/src/features/highlight';
import { hover } from '../../server/src/features/hover';
import { references } from '../../server/src/features/references';
import { prepareRename, rename } from '../../server/src/features/rename';
import { documentSymbols } from '../../server/src/features/symbols';
import { anyDocument, probe, probePosition } from '../helpers/generators';
import { URI, analyzeText, assertInside, contains, isValidPosition, refusable } from './check';
import { PARAMETERS, interestingPositions, settingsArb } from './params';

function checkSymbols(doc: AnalyzedDocument, symbols: DocumentSymbol[], path: string): void {
  for (const [i, symbol] of symbols.entries()) {
    const what = `${path}[${i}] ${symbol.name}`;
    assertInside(doc.document, symbol.range, `${what} range`);
    assertInside(doc.document, symbol.selectionRange, `${what} selectionRange`);
    // VS Code rejects the whole outline when a selection range leaves its symbol's range.
    assert.ok(contains(symbol.range, symbol.selectionRange), `${what}: selectionRange outside range`);
    assert.ok(symbol.name.length > 0, `${what}: empty name (VS Code rejects the whole outline)`);
    for (const child of symbol.children ?? []) assert.ok(contains(symbol.range, child.range), `${what}: child ${child.name} outside parent`);
    checkSymbols(doc, symbol.children ?? [], `${what} >`);
  }
}

function checkCompletion(doc: AnalyzedDocument, items: CompletionItem[], position: Position): void {
  for (const item of items) {
    const what = `completion ${item.label}`;
    assert.equal(typeof item.label, 'string', `${what}: label`);
    const edit = item.textEdit;
    if (edit) {
      // VS Code drops items whose edit range is not one line containing the cursor.
      const ranges: Range[] = 'range' in edit ? [edit.range] : [edit.insert, edit.replace];
      for (const r of ranges) {
        assertInside(doc.document, r, what);
        assert.equal(r.start.line, r.end.line, `${what}: multi-line edit range`);
        if (isValidPosition(doc.document, position)) {
          assert.ok(contains(r, { start: position, end: position }), `${what}: range ${JSON.stringify(r)} does not contain ${JSON.stringify(position)}`);
        }
      }
    }
    item.additionalTextEdits?.forEach((e) => assertInside(doc.document, e.range, `${what} additional edit`));
  }
}

function checkHover(doc: AnalyzedDocument, result: Hover | null): void {
  if (!result) return;
  assert.ok(result.contents, 'hover without contents');
  if (result.range) assertInside(doc.document, result.range, 'hover');
}

/** Runs every position-based feature at an unclamped position: nothing may throw. */
function atRawPosition(doc: AnalyzedDocument, position: Position, settings: Settings): void {
  completion(doc, position);
  definition(doc, position);
  references(doc, position, true);
  documentHighlights(doc, position);
  refusable(() => prepareRename(doc, position));
  refusable(() => rename(doc, position, 'renamed'));
  hover(doc, position, settings);
}

/** Runs every position-based feature at a position inside the document, checking the shape of each answer. */
function atPosition(doc: AnalyzedDocument, position: Position, settings: Settings): void {
  const where = `at ${JSON.stringify(position)}`;
  checkCompletion(doc, completion(doc, position), position);
  for (const location of definition(doc, position)) {
    assert.equal(location.uri, URI, `definition ${where}: other document`);
    assertInside(doc.document, location.range, `definition ${where}`);
  }
  for (const include of [true, false]) {
    for (const location of references(doc, position, include)) {
      assert.equal(location.uri, URI, `references ${where}: other document`);
      assertInside(doc.document, location.range, `references ${where}`);
    }
  }
  for (const highlight of documentHighlights(doc, position)) assertInside(doc.document, highlight.range, `highlight ${where}`);
  // prepareRename may refuse with a message (a ResponseError), which VS Code shows; it must not crash.
  const prepared = refusable(() => prepareRename(doc, position));
  if (prepared && prepared !== 'refused') {
    assertInside(doc.document, prepared.range, `prepareRename ${where}`);
    if (isValidPosition(doc.document, position)) assert.ok(contains(prepared.range, { start: position, end: position }), `prepareRename ${where}: range does not contain the position`);
  }
  checkHover(doc, hover(doc, position, settings));
}

describe('property: features never throw and answer inside the document', () => {
  it('whole-document features on generated documents', (t) => {
    let cases = 0;
    fc.assert(
      fc.property(anyDocument, settingsArb, (text, settings) => {
        cases++;
        const doc = analyzeText(text, settings.maxFileSize);
        checkSymbols(doc, documentSymbols(doc.model), 'symbol');
        for (const fold of foldingRanges(doc.model)) {
          assert.ok(fold.startLine <= fold.endLine && fold.startLine >= 0 && fold.endLine < doc.document.lineCount, `fold ${JSON.stringify(fold)}`);
        }
        for (const d of computeDiagnostics(doc, settings)) {
          assertInside(doc.document, d.range, `diagnostic ${d.code}`);
          for (const related of d.relatedInformation ?? []) assertInside(doc.document, related.location.range, `diagnostic ${d.code} related`);
        }
        for (const lens of codeLenses(doc, settings)) assertInside(doc.document, lens.range, 'code lens');
      }),
      // Counterexamples found earlier, replayed first: an empty ARG name (model.ts), dockerfile-ast throwing in getHeredocs.
      { ...PARAMETERS(600), examples: [['ARG  =', defaultSettings], ['COPY --\\\n# \\p/\n', defaultSettings]] },
    );
    t.diagnostic(`generated documents: ${cases}`);
  });

  it('position features at random positions (past line and file end too) and at every reference', (t) => {
    let cases = 0;
    let positions = 0;
    fc.assert(
      fc.property(anyDocument, settingsArb, fc.array(probe, { minLength: 1, maxLength: 6 }), (text, settings, probes) => {
        cases++;
        const doc = analyzeText(text, settings.maxFileSize);
        const raw = probes.map((p) => probePosition(text, p));
        // The server clamps positions before calling features (startServer), so answers are checked at clamped
        // positions; unclamped ones (past the end of a line or the file) must still not throw.
        const clamp = (p: Position) => doc.document.positionAt(doc.document.offsetAt(p));
        for (const position of raw) atRawPosition(doc, position, settings);
        for (const position of [...raw, ...interestingPositions(doc)].map(clamp)) {
          positions++;
          atPosition(doc, position, settings);
        }
      }),
      PARAMETERS(400),
    );
    t.diagnostic(`generated documents: ${cases}, positions probed: ${positions}`);
  });
});
