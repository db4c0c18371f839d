// SPDX-License-Identifier: Apache-2.0
// Talking to a board's Docker engine: shared by discover (the detail view) and push.
export {
  DOCKER_CONNECT_TIMEOUT_MS,
  DOCKER_PORT,
  DockerConnectTimeout,
  createDockerClient,
  type DockerClientFactory,
  type DockerClientOptions,
} from './client.js';
export { dockerError, type DockerTarget } from './docker-errors.js';
export { engineError, engineMessage, engineSaid, engineStatus } from './engine-errors.js';
