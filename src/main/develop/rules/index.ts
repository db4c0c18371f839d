// SPDX-License-Identifier: Apache-2.0
// Live-sync rules: what a batch of file changes means for each service of a pushed project.
export {
  compileLiveRules,
  defaultComposeFiles,
  type LiveRulesOptions,
} from './compile-live-rules.js';
export { loadLiveRules } from './load-live-rules.js';
export { liveComposition, liveDockerfile } from './live-dockerfile.js';
