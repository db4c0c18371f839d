// SPDX-License-Identifier: Apache-2.0
// The project's networks and volumes on the board: created when missing, labelled with the
// project, never removed by a push (volumes hold the app's data). External ones must exist.
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';
import type { Composition } from '../composition.js';
import { pushLabels } from '../composition.js';
import { engineError, engineStatus } from '../../docker/index.js';
import { DEFAULT_NETWORK, lockVolumeName, networkName, volumeName } from './names.js';

async function exists(inspect: () => Promise<unknown>, doing: string): Promise<boolean> {
  try {
    await inspect();
    return true;
  } catch (error) {
    if (engineStatus(error) === 404) return false;
    throw engineError(error, doing);
  }
}

async function ensureNetwork(
  docker: Docker,
  composition: Composition,
  declared: string,
): Promise<void> {
  const spec = composition.networks[declared];
  const name = spec?.external === true ? declared : networkName(composition.name, declared);
  if (await exists(() => docker.getNetwork(name).inspect(), `looking for network ${name}`)) return;
  if (spec?.external === true) {
    throw new BenchtopError(
      'NOT_FOUND',
      `Network ${name} is declared external but the board has no such network. Create it on the board first.`,
    );
  }
  try {
    await docker.createNetwork({
      Name: name,
      Driver: spec?.driver ?? 'bridge',
      CheckDuplicate: true,
      Labels: { ...spec?.labels, [pushLabels.project]: composition.name },
    });
  } catch (error) {
    throw engineError(error, `creating network ${name}`);
  }
}

async function ensureVolume(
  docker: Docker,
  composition: Composition,
  name: string,
  external: boolean,
  driver: string | undefined,
  labels: Readonly<Record<string, string>>,
): Promise<void> {
  if (await exists(() => docker.getVolume(name).inspect(), `looking for volume ${name}`)) return;
  if (external) {
    throw new BenchtopError(
      'NOT_FOUND',
      `Volume ${name} is declared external but the board has no such volume. Create it on the board first.`,
    );
  }
  try {
    await docker.createVolume({
      Name: name,
      Driver: driver ?? 'local',
      Labels: { ...labels, [pushLabels.project]: composition.name },
    });
  } catch (error) {
    throw engineError(error, `creating volume ${name}`);
  }
}

export async function ensureResources(docker: Docker, composition: Composition): Promise<void> {
  const used = new Set(
    composition.services.flatMap((service) =>
      service.networkMode === undefined
        ? Object.keys(service.networks).length > 0
          ? Object.keys(service.networks)
          : [DEFAULT_NETWORK]
        : [],
    ),
  );
  for (const network of used) await ensureNetwork(docker, composition, network);
  for (const [name, spec] of Object.entries(composition.volumes)) {
    const engineName = spec.external ? name : volumeName(composition.name, name);
    await ensureVolume(docker, composition, engineName, spec.external, spec.driver, spec.labels);
  }
  for (const service of composition.services) {
    const lock = lockVolumeName(composition.name, service.name);
    await ensureVolume(docker, composition, lock, false, undefined, {
      [pushLabels.service]: service.name,
    });
  }
}
