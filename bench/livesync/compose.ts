// SPDX-License-Identifier: Apache-2.0
// docker-compose 1.29 (apt) against the board's engine: the peer that rebuilds and re-ups after
// each save, and the deploy the livepush driver starts from (balena-cli deploys through the
// board's supervisor; the rig's boards have none, so compose plays that part).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { LivePeer } from './peer.js';

export interface ComposeProject {
  /** The board's address: the engine is tcp://ADDRESS:2375. */
  readonly address: string;
  readonly name: string;
  readonly root: string;
}

/** Runs docker-compose on the project; rejects with its own words when it fails. */
export function compose(project: ComposeProject, args: readonly string[]): Promise<void> {
  const env = {
    ...process.env,
    DOCKER_HOST: `tcp://${project.address}:2375`,
    // docker-py's classic builder, as in bench:push: the builder balena-cli and Benchtop drive.
    COMPOSE_DOCKER_CLI_BUILD: '0',
    DOCKER_BUILDKIT: '0',
  };
  const base = ['-p', project.name, '-f', join(project.root, 'docker-compose.yml')];
  return new Promise((resolve, reject) => {
    const child = spawn('docker-compose', [...base, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`docker-compose ${args.join(' ')} failed (${code}):\n${stderr}`));
    });
  });
}

/** The running container of a compose service, by compose's own labels. */
export async function composeContainerId(
  docker: Docker,
  project: string,
  service: string,
): Promise<string | undefined> {
  const found = await docker.listContainers({
    filters: {
      label: [`com.docker.compose.project=${project}`, `com.docker.compose.service=${service}`],
    },
  });
  return found[0]?.Id;
}

/** docker-compose has no watch in 1.29: after every save, `build` then `up -d`, as typed by hand. */
export function composePeer(
  docker: Docker,
  project: ComposeProject & { readonly port: number },
): LivePeer {
  let running: Promise<void> = Promise.resolve();
  const errors: string[] = [];
  return {
    name: 'compose build+up',
    root: project.root,
    port: project.port,
    start: async () => {
      await compose(project, ['build']);
      await compose(project, ['up', '-d']);
    },
    saved() {
      running = running
        .then(() => compose(project, ['build']))
        .then(() => compose(project, ['up', '-d']))
        .catch((error: unknown) => {
          errors.push(String(error));
        });
      return running;
    },
    settle: () => running,
    containerId: (service) => composeContainerId(docker, project.name, service),
    errors,
    stop: () => compose(project, ['down', '--rmi', 'local', '--timeout', '2']),
  };
}
