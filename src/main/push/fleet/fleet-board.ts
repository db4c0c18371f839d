// SPDX-License-Identifier: Apache-2.0
// The boards of one push, as the user named them, and what each one stands for in a result.
import type { BuildTarget } from '../composition.js';

/** One board of a push, in the order the user named it. */
export interface FleetBoard {
  /** As people know it (a hostname, a short uuid, or the address itself). */
  readonly name: string;
  /** IP address or hostname; its engine listens on tcp/2375, its supervisor on tcp/48484. */
  readonly address: string;
  /** A device type the user gave for this board; wins over the generic type of its arch. */
  readonly deviceType?: string;
}

/** A board whose build target is known. */
export interface TargetedBoard {
  readonly board: FleetBoard;
  readonly target: BuildTarget;
  /** The board already holds the project's images (a previous push): building there is cheap. */
  readonly holdsImages?: boolean;
}

/** An image built on one board and handed to the others: its tag and the engine's id. */
export interface FleetImage {
  readonly tag: string;
  /** sha256:…, the same on every board once loaded (save/load keeps the image id). */
  readonly imageId: string;
}

/** How a board learnt its target. */
export type TargetSource = 'supervisor' | 'engine';
