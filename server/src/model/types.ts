// Plain data describing one Dockerfile. Nothing here references dockerfile-ast objects,
// so a model (or a chunk of one) can be cached, shifted and compared structurally.
// Parsed data is shared between document versions: never mutate it. A new field holding a
// position must also be moved in chunks.ts (shiftInstruction), extract.ts and lean.ts (lineDelta), or be
// packed with the other ranges of its parse (parsed.ts), which move with the line delta of their owner.
import type { Position, Range } from 'vscode-languageserver-types';

export type { Position, Range };


export interface Token {
  value: string;
  range: Range;
}

export interface FlagOption {
  name: string;
  value: string | null;
  range: Range;
  valueRange: Range | null;
}

export interface Flag {
  name: string;
  value: string | null;
  /** The ranges are built on first read (model/parsed.ts). */
  readonly range: Range;
  readonly nameRange: Range;
  readonly valueRange: Range | null;
  /** `--mount` options; built on first read (model/parsed.ts). */
  readonly options: readonly FlagOption[];
  /** The options with this name, built without building (and keeping) the others. */
  optionsNamed(name: string): FlagOption[];
}

export interface Property {
  name: string;
  value: string | null;
  /** Built on first read (model/parsed.ts). */
  readonly nameRange: Range;
  readonly valueRange: Range | null;
}

export interface VariableUse {
  name: string;
  /** The whole `$NAME` / `${NAME:-x}` expression. */
  range: Range;
  nameRange: Range;
  /** `${NAME:-default}` or `${NAME:+alt}` style: the expression has a fallback. */
  modifier: string | null;
}

export interface Instruction {
  /** Upper-cased keyword, e.g. `COPY`. */
  keyword: string;
  /** The keyword as written (casing preserved); built on first read (model/parsed.ts). */
  readonly keywordToken: Token;
  /** The keyword as written: keywordToken's value, without building the token. */
  readonly keywordText: string;
  /** Built on first read (model/parsed.ts). */
  readonly range: Range;
  flags: readonly Flag[];
  /** Arguments after the flags, as written. Built on first read (model/parsed.ts). */
  readonly args: readonly Token[];
  /** The arguments' values alone: enough for summaries and word checks, and cheaper than `args`. */
  argValues: readonly string[];
  /** Raw argument text, continuation lines joined; used for summaries and shell checks. */
  argsText: string;
  execForm: boolean;
  variables: readonly VariableUse[];
  /** ARG and ENV declarations. */
  properties: readonly Property[];
  heredocs: readonly Token[];
  /** The instruction an ONBUILD wraps. */
  trigger: Instruction | null;
}

export interface Directive {
  name: string;
  value: string;
  range: Range;
  valueRange: Range;
}

export interface Comment {
  text: string;
  /** Built on first read (model/parsed.ts). */
  readonly range: Range;
}

/** A FROM instruction plus the instructions up to the next FROM. */
export interface RawStage {
  from: Instruction;
  instructions: Instruction[];
}

/** What one parse of some text yields, before stage semantics are applied. */
export interface ParsedText {
  directives: Directive[];
  /** Instructions before the first FROM (global ARGs and stray ones). */
  preamble: Instruction[];
  stages: RawStage[];
  comments: Comment[];
  escapeChar: string;
  lineCount: number;
}

export interface GlobalArg {
  name: string;
  value: string | null;
  nameRange: Range;
  instruction: Instruction;
}

export interface Stage {
  index: number;
  /** Name as written after AS, if any. */
  name: string | null;
  /** Lower-cased name: BuildKit stores stage names lower-cased. */
  key: string | null;
  nameRange: Range | null;
  asRange: Range | null;
  fromRange: Range;
  /** From the FROM line to the end of the stage's last instruction. */
  range: Range;
  /** Base image as written (may contain variables); empty when FROM has no argument. */
  image: string;
  imageRange: Range | null;
  /** Base image with global ARG defaults substituted. */
  resolvedImage: string;
  platform: Token | null;
  /** Index of the earlier stage named by FROM, or null when the base is an image. */
  parent: number | null;
  from: Instruction;
  instructions: Instruction[];
}

export type ReferenceKind = 'copy' | 'add' | 'mount' | 'from';

export type InvalidReason =
  | 'forward' // names a stage defined later
  | 'self' // names the current stage
  | 'index-out-of-range'
  | 'mount-index' // a number in RUN --mount from=
  | 'variable' // $VAR in --from / from=
  | 'empty';

export type Resolution =
  | { kind: 'stage'; index: number }
  | { kind: 'image'; image: string }
  | { kind: 'invalid'; reason: InvalidReason; target: number | null; message: string };

export interface StageReference {
  kind: ReferenceKind;
  /** The reference text with quotes removed. */
  text: string;
  /** Range of `text` (inside any quotes). */
  range: Range;
  /** Index of the stage that contains the reference. */
  stage: number;
  instruction: Instruction;
  onbuild: boolean;
  /** The value was a numeric index. */
  numeric: boolean;
  resolution: Resolution;
}
