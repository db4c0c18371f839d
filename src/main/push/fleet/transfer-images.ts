// SPDX-License-Identifier: Apache-2.0
// Copies images from the board that built them to the boards of the same kind, engine to engine:
// one read of the builder's GET /images/get, teed into each receiver's POST /images/load, with
// nothing written to this machine's disk. The slowest receiver sets the pace (back-pressure),
// and a receiver that fails is cut loose so the others carry on.
import { Transform, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';
import { dockerError, type DockerTarget } from '../../docker/index.js';
import { loadImageTar, openImageExport } from './engine-image-streams.js';
import type { FleetBoard } from './fleet-board.js';
import { asBenchtopError } from './find-fleet-targets.js';

export interface EngineBoard {
  readonly board: FleetBoard;
  readonly docker: Docker;
}

export interface TransferOptions {
  /** Bytes handed to one receiver so far. */
  readonly onProgress?: (board: FleetBoard, bytes: number) => void;
}

export type ReceiverResult =
  | { readonly board: FleetBoard; readonly ok: true; readonly bytes: number }
  | {
      readonly board: FleetBoard;
      readonly ok: false;
      readonly bytes: number;
      readonly error: BenchtopError;
    };

/** One result per receiver, in order; never rejects. */
export async function transferImages(
  source: EngineBoard,
  names: readonly string[],
  receivers: readonly EngineBoard[],
  options: TransferOptions = {},
): Promise<ReceiverResult[]> {
  if (receivers.length === 0) return [];
  let tar: Readable;
  try {
    tar = await openImageExport(source.docker, names);
  } catch (error) {
    const cause = dockerError(error, targetOf(source.board));
    return receivers.map((receiver) => failed(receiver.board, 0, readFailure(source, cause)));
  }
  let sourceError: BenchtopError | undefined;
  tar.once('error', (error) => {
    sourceError = readFailure(source, dockerError(error, targetOf(source.board)));
  });
  const copies = receivers.map((receiver) => loadInto(receiver, tar, options));
  const results = await Promise.all(copies);
  // Every receiver is done (or gone): stop reading, so the builder's engine is not left sending.
  if (!tar.destroyed) tar.destroy();
  // A read that broke is every receiver's cause, whatever each load then said.
  const cause = sourceError;
  return cause === undefined
    ? results
    : results.map((result) => failed(result.board, result.bytes, cause));
}

async function loadInto(
  receiver: EngineBoard,
  tar: Readable,
  options: TransferOptions,
): Promise<ReceiverResult> {
  let bytes = 0;
  // Counts as the receiver takes the bytes; not a 'data' listener, which would start the flow
  // before the request is piped from it.
  const branch = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      options.onProgress?.(receiver.board, bytes);
      done(null, chunk);
    },
  });
  // A source that fails ends every branch with its error, so each load stops instead of waiting.
  const passError = (error: Error): void => {
    branch.destroy(error);
  };
  tar.once('error', passError);
  tar.pipe(branch);
  try {
    await loadImageTar(receiver.docker, branch);
    return { board: receiver.board, ok: true, bytes };
  } catch (error) {
    return failed(receiver.board, bytes, receiveFailure(receiver, bytes, error));
  } finally {
    // Unpiping releases any back-pressure this branch held, so the other receivers go on.
    tar.unpipe(branch);
    tar.off('error', passError);
    if (!branch.destroyed) branch.destroy();
  }
}

function failed(board: FleetBoard, bytes: number, error: BenchtopError): ReceiverResult {
  return { board, ok: false, bytes, error };
}

function readFailure(source: EngineBoard, cause: BenchtopError): BenchtopError {
  const error = asBenchtopError(cause);
  return new BenchtopError(
    error.code,
    `Reading the images from ${source.board.name}, which built them, failed: ${error.message}`,
    error.detail,
  );
}

function receiveFailure(receiver: EngineBoard, bytes: number, error: unknown): BenchtopError {
  const cause = dockerError(error, targetOf(receiver.board));
  const where = `${receiver.board.name} (${receiver.board.address})`;
  return new BenchtopError(
    cause.code,
    `Loading the images into ${where} failed after ${bytes} bytes: ${cause.message} The other boards go on; push to ${receiver.board.name} again once it is back.`,
    cause.detail,
  );
}

const targetOf = (board: FleetBoard): DockerTarget => ({
  board: board.name,
  address: board.address,
});
