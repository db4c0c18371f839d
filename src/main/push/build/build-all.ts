// SPDX-License-Identifier: Apache-2.0
// Builds every service that has a build section, a few at a time: the classic builder is
// mostly waiting on one board's CPU and disk, and more builds at once only interleave them.
// Every image is built before any container is touched, so a failure here leaves the running
// release as it was.
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';
import type { Composition, ServiceSpec } from '../composition.js';
import { buildService, type BuiltImage, type ContextStream } from './build-service.js';

export const DEFAULT_BUILD_CONCURRENCY = 2;

export interface BuildAllOptions {
  readonly nocache?: boolean;
  /** Per-service build arguments from the command line (already split by service). */
  readonly buildArgs?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly concurrency?: number;
  readonly onLine?: (service: string, line: string) => void;
  /** Each service's image as it is ready, built or reused. */
  readonly onBuilt?: (image: BuiltImage) => void;
  readonly signal?: AbortSignal;
  /** The fingerprint of a service's build, so an unchanged one reuses its image. */
  readonly digestOf?: (service: ServiceSpec) => Promise<string>;
}

/** The context tar for one service; opened only when its build starts. */
export type ContextSource = (service: ServiceSpec) => ContextStream | Promise<ContextStream>;

/** Builds each built service; resolves to the image of each, by service name. */
export async function buildAll(
  docker: Docker,
  composition: Composition,
  contextOf: ContextSource,
  options: BuildAllOptions = {},
): Promise<Map<string, BuiltImage>> {
  const queue = composition.services.filter((service) => service.build !== undefined);
  const built = new Map<string, BuiltImage>();
  const failures: BenchtopError[] = [];

  const worker = async (): Promise<void> => {
    for (let service = queue.shift(); service !== undefined; service = queue.shift()) {
      // After one failure the push is over: finish what runs, start nothing new.
      if (failures.length > 0) return;
      const current = service;
      try {
        const image = await buildService(docker, current, await contextOf(current), {
          ...(options.nocache === undefined ? {} : { nocache: options.nocache }),
          ...(options.buildArgs?.[current.name] === undefined
            ? {}
            : { buildArgs: options.buildArgs[current.name] }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(options.digestOf === undefined ? {} : { digest: await options.digestOf(current) }),
          onLine: (line) => options.onLine?.(current.name, line),
        });
        built.set(current.name, image);
        options.onBuilt?.(image);
      } catch (error) {
        failures.push(
          error instanceof BenchtopError
            ? error
            : new BenchtopError(
                'INTERNAL',
                `Building service ${current.name} failed: ${String(error)}`,
              ),
        );
      }
    }
  };

  const width = Math.max(1, options.concurrency ?? DEFAULT_BUILD_CONCURRENCY);
  await Promise.all(Array.from({ length: width }, worker));
  const [first, ...others] = failures;
  if (first === undefined) return built;
  if (others.length === 0) throw first;
  const more = others.map((failure) => failure.message).join('\n');
  throw new BenchtopError(
    first.code,
    first.message,
    [first.detail, more].filter(Boolean).join('\n\n'),
  );
}
