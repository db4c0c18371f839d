// SPDX-License-Identifier: Apache-2.0
// Builds one service on the board's own engine with the classic builder (what balenaEngine and
// balena-cli use). No cachefrom: with the classic builder it replaces the engine's local layer
// cache, and a multi-stage template's first stage would rebuild on every push. No pull: a
// board on the bench has no registry to pull from.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';
import type { ServiceSpec } from '../composition.js';
import { engineError, engineMessage, engineStatus } from '../../docker/index.js';
import { BuildOutput, type BuildMessage } from './build-output.js';
import { markDigest, reusableImage } from './reuse-image.js';

/** balena's name for a locally built service image; the supervisor path expects it too. */
export const builtImageTag = (service: string): string => `local_image_${service}:latest`;

export interface BuildServiceOptions {
  /** Build every step again instead of reusing the engine's layer cache. */
  readonly nocache?: boolean;
  /** Build arguments given on the command line; they win over the compose file's. */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** Each output line as it arrives (the caller prefixes the service). */
  readonly onLine?: (line: string) => void;
  readonly signal?: AbortSignal;
  /**
   * The fingerprint of this build (project/context-digest.ts). The image is labelled with it,
   * and an image already carrying it is reused without building (unless `nocache`).
   */
  readonly digest?: string;
}

export interface BuiltImage {
  readonly service: string;
  readonly tag: string;
  /** sha256:… as the engine names it. */
  readonly imageId: string;
}

/** A build context tar: anything that pipes, a Node stream or tar-stream's pack (a streamx stream). */
export interface ContextStream {
  pipe(destination: NodeJS.WritableStream): unknown;
}

/** Builds `service` from `context` (a tar with the expanded Dockerfile at build.dockerfile). */
export async function buildService(
  docker: Docker,
  service: ServiceSpec,
  context: ContextStream,
  options: BuildServiceOptions = {},
): Promise<BuiltImage> {
  const build = service.build;
  if (build === undefined) {
    throw new BenchtopError('INTERNAL', `Service ${service.name} has no build section to build.`);
  }
  const tag = builtImageTag(service.name);
  const reused =
    options.nocache === true
      ? undefined
      : await reusableImage(docker, service.name, options.digest);
  if (reused !== undefined) {
    options.onLine?.(`Unchanged since its last build: reusing ${tag} (${reused.slice(7, 19)}).`);
    return { service: service.name, tag, imageId: reused };
  }
  let response: Readable;
  try {
    // dockerode only pipes the context into the request body.
    response = (await docker.buildImage(context as NodeJS.ReadableStream, {
      t: tag,
      dockerfile: build.dockerfile,
      buildargs: { ...build.args, ...options.buildArgs },
      ...(build.target === undefined ? {} : { target: build.target }),
      nocache: options.nocache === true,
      pull: false,

      // Remove the step containers even when a step fails: nothing orphaned on the board.
      rm: true,
      forcerm: true,
      ...(options.signal === undefined ? {} : { abortSignal: options.signal }),
    })) as Readable;
  } catch (error) {
    throw refusedBeforeBuilding(service, error);
  }
  const output = new BuildOutput(service.name);
  const emit = (lines: readonly string[]): void => lines.forEach((line) => options.onLine?.(line));
  try {
    for await (const line of createInterface({ input: response, crlfDelay: Infinity })) {
      if (line.trim() !== '') emit(output.feed(parseMessage(line)));
    }
  } catch (error) {
    emit(output.flush());
    throw output.failure(
      `the connection to the engine broke mid-build (${engineMessage(error)}); nothing was deployed`,
    );
  }
  emit(output.flush());
  const imageId = output.result();
  if (options.digest !== undefined) await markDigest(docker, service.name, options.digest);
  return { service: service.name, tag, imageId };
}

function parseMessage(line: string): BuildMessage {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'object' && value !== null) return value;
  } catch {
    // An engine that is not a Docker engine, or a proxy's error page: show it as text.
  }
  return { stream: `${line}\n` };
}

/** An engine that refuses before streaming (HTTP 500): most often the Dockerfile is missing. */
function refusedBeforeBuilding(service: ServiceSpec, error: unknown): BenchtopError {
  const text = engineMessage(error);
  const dockerfile = service.build?.dockerfile ?? 'Dockerfile';
  if (engineStatus(error) === 500 && /dockerfile/i.test(text)) {
    return new BenchtopError(
      'NOT_FOUND',
      `Building service ${service.name} failed: the engine found no ${dockerfile} in the build context (${text}).`,
    );
  }
  return engineError(error, `building service ${service.name}`);
}
