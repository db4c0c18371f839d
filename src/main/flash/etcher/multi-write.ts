// SPDX-License-Identifier: Apache-2.0
export { pipeSourceToDestinations } from 'etcher-sdk/build/multi-write.js';
