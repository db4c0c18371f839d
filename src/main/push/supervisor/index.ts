// SPDX-License-Identifier: Apache-2.0
// A board's balena supervisor in local mode, for push and logs: which way a push runs
// (detectRunPath), the release through the supervisor (deployViaSupervisor), and its logs
// (streamSupervisorLogs). The faces reach these through the push service, never directly.
export { ApplyWatch, type ApplyFailure } from './apply-watch.js';
export {
  DEFAULT_APPLY_TIMEOUT_MS,
  deployViaSupervisor,
  type SupervisorDeployOptions,
  type SupervisorDeployResult,
} from './deploy-via-supervisor.js';
export {
  detectRunPath,
  refuseSilentSupervisor,
  supervisorContainerNames,
  type DetectRunPathOptions,
  type RunPath,
} from './detect-run-path.js';
export {
  keepLogLine,
  LogLineSplitter,
  parseLogLine,
  type LogFilter,
  type SupervisorLogLine,
} from './log-lines.js';
export {
  streamSupervisorLogs,
  type LogConnectionEvent,
  type StreamLogsOptions,
} from './stream-logs.js';
export { supervisorBaseUrl } from './supervisor-address.js';
export {
  SUPERVISOR_TIMEOUT_MS,
  SupervisorClient,
  type LocalTargetState,
  type SupervisorStatus,
} from './supervisor-client.js';
export { SUPERVISOR_PORT } from './supervisor-errors.js';
export {
  localAppId,
  localImageName,
  localTargetState,
  type LocalApp,
  type PostedTargetState,
} from './target-state.js';
