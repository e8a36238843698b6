import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { imageLibc, parseDockerfile, stageLibcs } from '../../server/src/model';
import { lines } from '../helpers/markers';

describe('imageLibc', () => {
  it('classifies images by name and tag', () => {
    const cases: [string, string][] = [
      ['alpine', 'musl'], ['alpine:3.20', 'musl'], ['python:3.12-alpine', 'musl'], ['rust:1-alpine3.20', 'musl'], ['busybox:musl', 'musl'],
      ['debian:12', 'glibc'], ['ubuntu:24.04', 'glibc'], ['python:3.12-slim', 'glibc'], ['node:20-bookworm-slim', 'glibc'],
      ['gcr.io/distroless/base', 'glibc'], ['registry.access.redhat.com/ubi9/ubi-minimal', 'glibc'], ['amazonlinux:2023', 'glibc'],
      ['cgr.dev/chainguard/wolfi-base', 'glibc'], ['fedora@sha256:abc', 'glibc'],
      ['scratch', 'none'],
      ['node:20', 'unknown'], ['golang:1.22', 'unknown'], ['mydebianish:1', 'unknown'], ['${BASE}', 'unknown'], ['', 'unknown'],
    ];
    assert.deepEqual(cases.map(([image]) => [image, imageLibc(image)]), cases);
  });

  it('inherits libc through FROM <stage>', () => {
    const model = parseDockerfile(lines('FROM alpine AS base', 'FROM base AS build', 'FROM debian:12', 'FROM build'));
    assert.deepEqual(stageLibcs(model), ['musl', 'musl', 'glibc', 'musl']);
  });
});
