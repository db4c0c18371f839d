// SPDX-License-Identifier: Apache-2.0
// transferImages over each board's engine at its address (tcp/2375): what the fleet runner uses
// unless it is given another way to move images.
import { createDockerClient } from '../../docker/index.js';
import type { FleetBoard } from './fleet-board.js';
import { transferImages, type ReceiverResult, type TransferOptions } from './transfer-images.js';

export type TransferBetweenBoards = (
  source: FleetBoard,
  names: readonly string[],
  receivers: readonly FleetBoard[],
  options?: TransferOptions,
) => Promise<ReceiverResult[]>;

export const transferBetweenBoards: TransferBetweenBoards = async (
  source,
  names,
  receivers,
  options,
) => {
  // No request deadline: a copy of large images streams for as long as it needs; the connect
  // timeout still fails a dead board within seconds.
  const engineOf = async (board: FleetBoard) => ({
    board,
    docker: await createDockerClient(board.address),
  });
  return transferImages(
    await engineOf(source),
    names,
    await Promise.all(receivers.map(engineOf)),
    options,
  );
};
