// SPDX-License-Identifier: Apache-2.0
// What the engine's streams of output share (serial consoles, shells).
export { HistoryRing } from './history-ring.js';
