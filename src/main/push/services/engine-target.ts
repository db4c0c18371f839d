// SPDX-License-Identifier: Apache-2.0
// Which board an error names: the one the caller knows (its name), else the engine's address.
import type Docker from 'dockerode';
import type { DockerTarget } from '../../docker/index.js';

export function engineTarget(docker: Docker, given?: DockerTarget): DockerTarget {
  if (given) return given;
  const host = (docker.modem as { host?: unknown }).host;
  const address = typeof host === 'string' ? host : 'the board';
  return { board: address, address };
}
