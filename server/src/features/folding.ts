// Folding: one range per stage, per multi-line instruction, and per block of consecutive comment lines.
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { Instruction, StageModel } from '../model';

export function foldingRanges(model: StageModel): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const addInstruction = (instruction: Instruction) => {
    const { start, end } = instruction.range;
    if (end.line > start.line) ranges.push(FoldingRange.create(start.line, end.line));
  };
  model.preamble.forEach(addInstruction);
  for (const stage of model.stages) {
    const { start, end } = stage.range;
    if (end.line > start.line) ranges.push(FoldingRange.create(start.line, end.line));
    addInstruction(stage.from);
    stage.instructions.forEach(addInstruction);
  }
  let blockStart = -1;
  let previous = -2;
  const closeBlock = () => {
    if (blockStart >= 0 && previous > blockStart) ranges.push(FoldingRange.create(blockStart, previous, undefined, undefined, FoldingRangeKind.Comment));
  };
  for (const comment of model.comments) {
    const line = comment.range.start.line;
    if (line !== previous + 1) {
      closeBlock();
      blockStart = line;
    }
    previous = line;
  }
  closeBlock();
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
