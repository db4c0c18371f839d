// SPDX-License-Identifier: Apache-2.0
// Live sync's public face: the live.* service, and the overrides push.start applies when live.
export { liveProjectSource, type RulesModule } from './live-project.js';
export { createLiveService, type LiveDeps } from './live-service.js';
