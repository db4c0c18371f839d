// SPDX-License-Identifier: Apache-2.0
// Which boards build and which receive: an image built for one (arch, device type) runs on every
// board of that kind, so each kind is built once, on one of its boards, and copied to the rest.
// Pure: the runner carries the plan out.
import type { BuildTarget } from '../composition.js';
import type { FleetBoard, TargetedBoard } from './fleet-board.js';

export interface FleetBuildGroup {
  readonly target: BuildTarget;
  /** Builds the images: a board already holding them (its layer cache makes the build cheap), else the first named. */
  readonly builder: FleetBoard;
  /** Get the builder's images over the engine API, in the order they were named. */
  readonly receivers: readonly FleetBoard[];
}

const kindOf = (target: BuildTarget): string => `${target.arch}\u0000${target.deviceType}`;

/** One group per distinct (arch, deviceType), in the order each kind was first named. */
export function planFleetBuild(boards: readonly TargetedBoard[]): FleetBuildGroup[] {
  const kinds = new Map<string, TargetedBoard[]>();
  for (const entry of boards) {
    const key = kindOf(entry.target);
    const members = kinds.get(key);
    if (members === undefined) kinds.set(key, [entry]);
    else members.push(entry);
  }
  return [...kinds.values()].map((members) => {
    const chosen = members.find((member) => member.holdsImages === true) ?? members[0];
    if (chosen === undefined) throw new Error('a build group without boards');
    return {
      target: chosen.target,
      builder: chosen.board,
      receivers: members.filter((member) => member !== chosen).map((member) => member.board),
    };
  });
}
