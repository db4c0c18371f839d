// SPDX-License-Identifier: Apache-2.0
// One push to several boards: find each board's target, build once per kind of board, copy the
// images to the other boards of that kind, deploy everywhere. The build and deploy steps are
// given (a plain engine or a supervisor deploys differently); this only orders them and keeps
// every board's outcome apart, so one board failing never stops the others.
import { BenchtopError } from '../../../shared/errors.js';
import type { BuildTarget } from '../composition.js';
import type { FleetBoard, FleetImage } from './fleet-board.js';
import { asBenchtopError, findFleetTargets, type BoardTargetResult } from './find-fleet-targets.js';
import { planFleetBuild, type FleetBuildGroup } from './plan-fleet-build.js';
import { transferBetweenBoards, type TransferBetweenBoards } from './transfer-between-boards.js';
import type { ReceiverResult } from './transfer-images.js';

export type FleetProgress =
  | { readonly step: 'target'; readonly board: FleetBoard; readonly target: BuildTarget }
  | {
      readonly step: 'build';
      readonly board: FleetBoard;
      readonly receivers: readonly FleetBoard[];
    }
  | { readonly step: 'transfer'; readonly board: FleetBoard; readonly bytes: number }
  | { readonly step: 'deploy'; readonly board: FleetBoard }
  | { readonly step: 'done'; readonly result: FleetBoardResult };

export interface PushToFleetOptions {
  /** In the order the user named them; the first of each kind builds unless another holds the images. */
  readonly boards: readonly FleetBoard[];
  /** Builds the project for `target` on `board`'s engine; returns the images it made. */
  readonly build: (board: FleetBoard, target: BuildTarget) => Promise<readonly FleetImage[]>;
  /** Runs the release on `board`, whose engine holds `images` by then. */
  readonly deploy: (board: FleetBoard, images: readonly FleetImage[]) => Promise<void>;
  /** Addresses of boards known to hold the project's images already (a previous push). */
  readonly holdingImages?: ReadonlySet<string>;
  readonly onProgress?: (event: FleetProgress) => void;
  /** Defaults reach the boards over the network; tests give recorded answers. */
  readonly findTargets?: (boards: readonly FleetBoard[]) => Promise<BoardTargetResult[]>;
  readonly transfer?: TransferBetweenBoards;
}

export interface FleetBoardResult {
  readonly board: FleetBoard;
  readonly status: 'succeeded' | 'failed';
  readonly error?: BenchtopError;
  readonly target?: BuildTarget;
  /** The board whose engine built the images this board runs (itself for a builder). */
  readonly builtOn?: FleetBoard;
  /** Bytes of images copied into this board's engine (0 for a builder). */
  readonly bytesTransferred: number;
}

/** One result per board, in the order given; never rejects for a board's failure. */
export async function pushToFleet(options: PushToFleetOptions): Promise<FleetBoardResult[]> {
  const { boards, onProgress } = options;
  const targets = await (options.findTargets ?? findFleetTargets)(boards);
  const results = new Map<FleetBoard, FleetBoardResult>();
  const finish = (result: FleetBoardResult): void => {
    results.set(result.board, result);
    onProgress?.({ step: 'done', result });
  };
  for (const found of targets) {
    if (found.ok) onProgress?.({ step: 'target', board: found.board, target: found.target });
    else finish({ board: found.board, status: 'failed', error: found.error, bytesTransferred: 0 });
  }
  const holding = options.holdingImages ?? new Set<string>();
  const groups = planFleetBuild(
    targets.flatMap((found) =>
      found.ok
        ? [
            {
              board: found.board,
              target: found.target,
              holdsImages: holding.has(found.board.address),
            },
          ]
        : [],
    ),
  );
  await Promise.allSettled(groups.map((group) => pushGroup(group, options, finish)));
  return boards.map(
    (board) =>
      results.get(board) ?? {
        board,
        status: 'failed',
        error: new BenchtopError('INTERNAL', `${board.name} was left out of the push.`),
        bytesTransferred: 0,
      },
  );
}

async function pushGroup(
  group: FleetBuildGroup,
  options: PushToFleetOptions,
  finish: (result: FleetBoardResult) => void,
): Promise<void> {
  const { builder, receivers, target } = group;
  const base = { target, builtOn: builder };
  options.onProgress?.({ step: 'build', board: builder, receivers });
  let images: readonly FleetImage[];
  try {
    images = await options.build(builder, target);
  } catch (error) {
    const cause = asBenchtopError(error);
    finish({ board: builder, status: 'failed', error: cause, bytesTransferred: 0, ...base });
    for (const board of receivers) {
      const error = new BenchtopError(
        cause.code,
        `Not pushed: the build for ${target.deviceType} (${target.arch}) on ${builder.name} failed: ${cause.message}`,
        cause.detail,
      );
      finish({ board, status: 'failed', error, bytesTransferred: 0, ...base });
    }
    return;
  }
  const deployOne = async (board: FleetBoard, bytesTransferred: number): Promise<void> => {
    options.onProgress?.({ step: 'deploy', board });
    try {
      await options.deploy(board, images);
      finish({ board, status: 'succeeded', bytesTransferred, ...base });
    } catch (error) {
      finish({ board, status: 'failed', error: asBenchtopError(error), bytesTransferred, ...base });
    }
  };
  const copyAndDeploy = async (): Promise<void> => {
    if (receivers.length === 0) return;
    let copied: ReceiverResult[];
    try {
      copied = await (options.transfer ?? transferBetweenBoards)(
        builder,
        images.map((image) => image.tag),
        receivers,
        { onProgress: (board, bytes) => options.onProgress?.({ step: 'transfer', board, bytes }) },
      );
    } catch (error) {
      const cause = asBenchtopError(error);
      copied = receivers.map((board) => ({ board, ok: false, bytes: 0, error: cause }));
    }
    const deploys = copied.map(async (copy) => {
      if (copy.ok) return deployOne(copy.board, copy.bytes);
      const { board, error, bytes } = copy;
      finish({ board, status: 'failed', error, bytesTransferred: bytes, ...base });
    });
    await Promise.allSettled(deploys);
  };
  // The builder's own release need not wait for the copies.
  await Promise.allSettled([deployOne(builder, 0), copyAndDeploy()]);
}
