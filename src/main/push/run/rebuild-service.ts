// SPDX-License-Identifier: Apache-2.0
// Live sync's rebuild: one service built again on the board (its Dockerfile, the compose file or
// a file a RUN uses changed) and replaced by its update strategy, under the board's push lock.
// The other services keep their containers: deploy plans the whole composition, and theirs are
// unchanged (same image, same config hash).
import { BenchtopError } from '../../../shared/errors.js';
import { engineError } from '../../docker/index.js';
import { buildService, builtImageTag } from '../build/build-service.js';
import type { Composition } from '../composition.js';
import { deploy } from '../deploy/deploy.js';
import { contextDigest, createContextTar } from '../project/index.js';
import { deployViaSupervisor } from '../supervisor/index.js';
import { takeEngineLock } from './engine-lock.js';
import type { ReachedBoard } from './reach-board.js';
import type { PerService } from './service-values.js';

export interface RebuildOptions {
  readonly onLine?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface RebuildResult {
  readonly imageId: string;
  /** False when the build was reused and the container kept. */
  readonly replaced: boolean;
}

export async function rebuildService(
  board: Pick<ReachedBoard, 'name' | 'address' | 'docker' | 'runPath'>,
  loaded: { readonly composition: Composition; readonly buildArgs: PerService },
  serviceName: string,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const { composition, buildArgs } = loaded;
  const service = composition.services.find((s) => s.name === serviceName);
  if (service?.build === undefined) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `Service ${serviceName} is not built from a Dockerfile in this project, so it cannot be rebuilt.`,
    );
  }
  const release = await takeEngineLock(board.docker, board.name, composition.name);
  try {
    const image = await buildService(
      board.docker,
      service,
      (await createContextTar(service)).stream,
      {
        digest: await contextDigest(service, buildArgs[service.name]),
        ...(buildArgs[service.name] === undefined ? {} : { buildArgs: buildArgs[service.name] }),
        ...(options.onLine === undefined ? {} : { onLine: options.onLine }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
    );
    const replaced = await runRelease(board, composition, serviceName, image.imageId, options);
    return { imageId: image.imageId, replaced };
  } finally {
    await release();
  }
}

async function runRelease(
  board: Pick<ReachedBoard, 'address' | 'docker' | 'runPath'>,
  composition: Composition,
  serviceName: string,
  imageId: string,
  options: RebuildOptions,
): Promise<boolean> {
  if (board.runPath === 'supervisor') {
    // The supervisor takes the whole target state; the others' images are their last builds.
    const images = new Map(
      composition.services
        .filter((s) => s.build !== undefined)
        .map((s) => [s.name, builtImageTag(s.name)] as const),
    );
    await deployViaSupervisor({
      address: board.address,
      composition,
      images,
      ...(options.onLine === undefined ? {} : { onLine: options.onLine }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return true;
  }
  // Deploy takes each built service's image from its build; the others' are their last builds.
  const builtImages = new Map([[serviceName, imageId]]);
  for (const other of composition.services) {
    if (other.build === undefined || other.name === serviceName) continue;
    const image = await board.docker
      .getImage(builtImageTag(other.name))
      .inspect()
      .catch((error: unknown) => {
        throw engineError(error, `looking up the image of service ${other.name}`);
      });
    builtImages.set(other.name, image.Id);
  }
  const result = await deploy(board.docker, composition, {
    board: `${board.address}:2375`,
    builtImages,
    ...(options.onLine === undefined ? {} : { onStep: options.onLine }),
  });
  return result.replaced.includes(serviceName);
}
