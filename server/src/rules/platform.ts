// FROM --platform checks (convert.go reportRedundantTargetPlatform, reportConstPlatformDisallowed).
import type { Instruction, Stage } from '../model';
import { Memo } from './cache';
import type { Finding, RuleContext } from './types';

const OSES = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'aix', 'android', 'ios', 'plan9', 'wasip1', 'js']);
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386' };

/** os/arch as containerd's platforms.Parse reads them; null when it is not a platform. */
function parsePlatform(value: string): { os: string; arch: string } | null {
  const parts = value.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_-]+$/.test(p))) return null;
  if (parts.length === 1) return OSES.has(parts[0]) ? { os: parts[0], arch: '' } : { os: 'linux', arch: ARCH_ALIASES[parts[0]] ?? parts[0] };
  return { os: parts[0], arch: ARCH_ALIASES[parts[1]] ?? parts[1] };
}

// Read from the stage's FROM alone.
const memo = new Memo<Instruction, Finding | null>();

export function platformRules({ model }: RuleContext, out: Finding[]): void {
  for (const stage of model.stages) {
    if (!stage.platform) continue;
    const finding = memo.get(stage.from, [stage.index], () => check(stage));
    if (finding) out.push(finding);
  }
}

function check(stage: Stage): Finding | null {
  const platform = stage.platform;
  if (!platform) return null;
  const value = platform.value.replace(/^(["'])(.*)\1$/, '$2');
  if (/^\$(TARGETPLATFORM|\{TARGETPLATFORM\})$/.test(value)) {
    return {
      rule: 'RedundantTargetPlatform',
      range: platform.range,
      stage: stage.index,
      message: `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior`,
    };
  }
  if (value.includes('$')) return null;
  const parsed = parsePlatform(value);
  if (!parsed) return null;
  // A stage named for its platform (`AS build-arm64`) is deliberate.
  const name = stage.key ?? '';
  if ((parsed.os && name.includes(parsed.os)) || name.includes(parsed.arch)) return null;
  return {
    rule: 'FromPlatformFlagConstDisallowed',
    range: platform.range,
    stage: stage.index,
    message: `FROM --platform flag should not use constant value '${value}': use $BUILDPLATFORM or $TARGETPLATFORM, or name the stage after the platform`,
  };
}
