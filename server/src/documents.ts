// Open documents and their stage models: one model per (uri, version), built on first use.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelBuilder, type StageModel } from './model';

export interface AnalyzedDocument {
  readonly uri: string;
  readonly version: number;
  readonly document: TextDocument;
  readonly model: StageModel;
  /** True when the document exceeded the size limit and was not analysed. */
  readonly limited: boolean;
  /**
   * The model of another text, reusing this document's parsed stages: a quick fix checks its result with
   * it. The document's own models are not affected.
   */
  analyzeText(text: string): StageModel;
}

interface Entry {
  builder: ModelBuilder;
  analyzed?: AnalyzedDocument;
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();

  /** The analysed document for the document's current version. */
  analyze(document: TextDocument, maxFileSize: number): AnalyzedDocument {
    let entry = this.entries.get(document.uri);
    if (!entry) {
      entry = { builder: new ModelBuilder() };
      this.entries.set(document.uri, entry);
    }
    const cached = entry.analyzed;
    if (cached && cached.version === document.version && cached.document === document && cached.limited === (document.getText().length > maxFileSize)) return cached;
    const text = document.getText();
    const limited = text.length > maxFileSize;
    const model = entry.builder.build(limited ? '' : text);
    const builder = entry.builder;
    entry.analyzed = { uri: document.uri, version: document.version, document, model, limited, analyzeText: (other) => builder.fork().build(other) };
    return entry.analyzed;
  }

  close(uri: string): void {
    this.entries.delete(uri);
  }

  get size(): number {
    return this.entries.size;
  }
}
