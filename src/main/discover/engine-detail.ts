// SPDX-License-Identifier: Apache-2.0
// The containers and images on a board's Docker engine, for the detail view.
import type { Container, Image } from '../../shared/contract/index.js';
import {
  createDockerClient,
  dockerError,
  type DockerClientFactory,
  type DockerTarget,
} from '../docker/index.js';
import { PROBE_TIMEOUT_MS } from './probe.js';

const MAX_ITEMS = 500;

const iso = (seconds: number | undefined): string =>
  seconds === undefined || !Number.isFinite(seconds) ? '' : new Date(seconds * 1000).toISOString();

export async function engineContents(
  target: DockerTarget,
  dockerClient: DockerClientFactory = createDockerClient,
  timeoutMs = PROBE_TIMEOUT_MS * 2,
): Promise<{ containers: Container[]; images: Image[] }> {
  const docker = await dockerClient(target.address, {
    connectTimeoutMs: PROBE_TIMEOUT_MS,
    requestTimeoutMs: timeoutMs,
  });
  const [containers, images] = await Promise.all([
    docker.listContainers({ all: true }),
    docker.listImages(),
  ]).catch((error: unknown) => {
    throw dockerError(error, target);
  });
  return {
    containers: containers.slice(0, MAX_ITEMS).map((c) => ({
      id: c.Id.slice(0, 12),
      name: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      image: c.Image,
      state: c.State,
      status: c.Status,
      created: iso(c.Created),
      ports: c.Ports.map((p) =>
        p.PublicPort
          ? `${p.IP ?? ''}${p.IP ? ':' : ''}${p.PublicPort}->${p.PrivatePort}/${p.Type}`
          : `${p.PrivatePort}/${p.Type}`,
      ),
    })),
    images: images.slice(0, MAX_ITEMS).map((i) => ({
      id: i.Id.replace(/^sha256:/, '').slice(0, 12),
      tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      size: i.Size,
      created: iso(i.Created),
    })),
  };
}
