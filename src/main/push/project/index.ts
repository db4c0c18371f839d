// SPDX-License-Identifier: Apache-2.0
// A project on disk, for push: loaded into the Composition model for one board's target,
// summarised for the faces, and sent as one build context per service.
export {
  archFromMachine,
  genericDeviceTypes,
  targetFromDeviceInfo,
  targetFromEngineInfo,
} from './build-target.js';
export { contextDigest } from './context-digest.js';
export { listContextFiles, type ContextFile } from './context-files.js';
export {
  contextSizeWarning,
  createContextTar,
  defaultContextWarnBytes,
  type ContextTar,
} from './context-tar.js';
export { localAppName, localReleaseHash, templateValues } from './dockerfile-template.js';
export { loadProject, type LoadedProject, type LoadProjectOptions } from './load-project.js';
export { summarizeProject } from './project-summary.js';
export { supervisorService, supervisorServices } from './supervisor-services.js';
