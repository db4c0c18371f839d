// SPDX-License-Identifier: Apache-2.0
// Several boards in one push: each board's build target, one build per kind of board, the
// images copied engine to engine to the rest, and a result per board. The push service wires
// these to the contract; faces never import them directly.
export {
  BOARD_TARGET_TIMEOUT_MS,
  findBoardTarget,
  networkProbes,
  type BoardTarget,
  type FindTargetOptions,
  type TargetProbes,
} from './find-board-target.js';
export { findFleetTargets, type BoardTargetResult } from './find-fleet-targets.js';
export type { FleetBoard, FleetImage, TargetedBoard, TargetSource } from './fleet-board.js';
export { planFleetBuild, type FleetBuildGroup } from './plan-fleet-build.js';
export {
  pushToFleet,
  type FleetBoardResult,
  type FleetProgress,
  type PushToFleetOptions,
} from './push-to-fleet.js';
export { transferBetweenBoards, type TransferBetweenBoards } from './transfer-between-boards.js';
export {
  transferImages,
  type EngineBoard,
  type ReceiverResult,
  type TransferOptions,
} from './transfer-images.js';
