// SPDX-License-Identifier: Apache-2.0
// The services of a pushed project on a plain engine: what runs, and restart/stop/start.
export { listServices, type ServiceStatus } from './list-services.js';
export {
  controlService,
  type ControlServiceRequest,
  type ServiceAction,
} from './control-service.js';
export {
  currentPerService,
  findProjectContainers,
  type ProjectContainer,
} from './project-containers.js';
