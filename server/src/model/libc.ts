// Which C library an image links against, from its name and tag. Unknown when nothing says.
import type { StageModel } from './model';

export type Libc = 'musl' | 'glibc' | 'none' | 'unknown';

const MUSL = /(^|[/:_.-])(alpine|musl)([_.:/@-]|\d|$)/;
const GLIBC =
  /(^|[/:_.-])(debian|ubuntu|slim|bookworm|bullseye|buster|stretch|trixie|jammy|focal|noble|bionic|distroless|ubi\d*|ubi-minimal|redhat|fedora|centos|rockylinux|almalinux|oraclelinux|amazonlinux|al2|al2023|wolfi|chainguard|glibc)([_.:/@-]|\d|$)/;

/** Classifies an image reference such as `python:3.12-alpine` or `gcr.io/distroless/base`. */
export function imageLibc(image: string): Libc {
  const ref = image.trim().toLowerCase();
  if (ref === '' || ref.includes('$')) return 'unknown';
  if (ref === 'scratch') return 'none';
  // The digest says nothing about the C library; only name and tag do.
  const withoutDigest = ref.split('@')[0];
  if (MUSL.test(withoutDigest)) return 'musl';
  if (GLIBC.test(withoutDigest)) return 'glibc';
  return 'unknown';
}

/** libc of each stage: from its base image, inherited through `FROM <stage>`. */
export function stageLibcs(model: StageModel): Libc[] {
  const result: Libc[] = [];
  for (const stage of model.stages) {
    result.push(stage.parent !== null ? result[stage.parent] : imageLibc(stage.resolvedImage));
  }
  return result;
}
