// Stage naming: FROM's shape, the AS name's validity, uniqueness and casing (instructions/parse.go, convert.go).
import { stageLabel, type Instruction, type Stage } from '../model';
import { Memo } from './cache';
import type { Finding, RuleContext } from './types';

// BuildKit lower-cases the name first, then matches this (instructions/parse.go parseBuildStageName).
const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
// dockerfile2llb/convert.go reservedStageNames, compared after lower-casing.
const RESERVED = new Set(['scratch', 'context']);

// What a stage's FROM says about itself, whatever the other stages are.
const memo = new Memo<Instruction, Finding[]>();

export function nameRules({ model }: RuleContext, out: Finding[]): void {
  for (const stage of model.stages) {
    for (const finding of memo.get(stage.from, [stage.index], () => ownFindings(stage))) out.push(finding);
    if (!stage.name || !stage.nameRange || !stage.key) continue;
    // The lookup keeps the first stage of each name.
    const first = model.lookup.byKey(stage.key);
    if (first !== undefined && first !== stage.index) {
      const original = model.stages[first];
      out.push({
        rule: 'DuplicateStageName',
        range: stage.nameRange,
        stage: stage.index,
        message: `Duplicate stage name '${stage.name}', stage names should be unique (first defined as stage ${stageLabel(original)} on line ${original.fromRange.start.line + 1})`,
        related: original.nameRange ? [{ range: original.nameRange, message: `'${original.name}' is first defined here` }] : [],
      });
    }
  }
}

function ownFindings(stage: Stage): Finding[] {
  const out: Finding[] = [];
  const args = stage.from.args;
  const hasAs = args.length === 3 && args[1].value.toLowerCase() === 'as';
  if (!(args.length === 1 || hasAs)) {
    out.push({
      rule: 'FromArgumentCount',
      range: stage.fromRange,
      stage: stage.index,
      message:
        args.length === 0
          ? 'FROM requires either one or three arguments: FROM <image> [AS <name>]'
          : `FROM requires either one or three arguments (found ${args.length}): FROM <image> [AS <name>]`,
    });
  }
  if (stage.asRange && stage.from.keywordText) checkAsCasing(stage.from.keywordText, args[1].value, stage.asRange, stage.index, out);
  if (!stage.name || !stage.nameRange || !stage.key) return out;
  const name = stage.name;
  if (!VALID_STAGE_NAME.test(stage.key)) {
    out.push({
      rule: 'InvalidStageName',
      range: stage.nameRange,
      stage: stage.index,
      message: `invalid name for build stage: '${name}', name can't start with a number or contain symbols`,
    });
  }
  if (RESERVED.has(stage.key)) {
    out.push({
      rule: 'ReservedStageName',
      range: stage.nameRange,
      stage: stage.index,
      message: `Stage name should not use the same name as reserved stage '${stage.key}'`,
    });
  }
  if (name !== stage.key) {
    out.push({ rule: 'StageNameCasing', range: stage.nameRange, stage: stage.index, message: `Stage name '${name}' should be lowercase` });
  }
  return out;
}

// instructions/parse.go doesFromCaseMatchAsCase: a mixed-case FROM is left to the casing rules.
function checkAsCasing(from: string, as: string, range: Finding['range'], stage: number, out: Finding[]): void {
  const fromLower = from === from.toLowerCase();
  const fromUpper = from === from.toUpperCase();
  if (!fromLower && !fromUpper) return;
  const ok = fromLower ? as === as.toLowerCase() : as === as.toUpperCase();
  if (!ok) out.push({ rule: 'FromAsCasing', range, stage, message: `'${as}' and '${from}' keywords' casing do not match` });
}
