// SPDX-License-Identifier: Apache-2.0
// What went wrong talking to a board's Docker engine, in words for the person at the bench.
import { BenchtopError } from '../../shared/errors.js';
import { DOCKER_PORT } from './client.js';
import { engineSaid } from './engine-errors.js';

/** The board a request went to, as people know it, and where it went. */
export interface DockerTarget {
  board: string;
  address: string;
}

interface DockerodeFailure {
  code?: unknown;
  statusCode?: unknown;
  timeoutMs?: unknown;
  message?: unknown;
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

function byStatus(status: number, failure: DockerodeFailure, on: string): BenchtopError {
  const said = engineSaid(failure)?.slice(0, 500);
  const detail = `HTTP ${status}${said ? `: ${said}` : ''}`;
  if (status === 404) {
    return new BenchtopError(
      'NOT_FOUND',
      `${on}: ${said ?? 'the engine has no such thing'}. List what the board has with \`benchtop device info\`.`,
      detail,
    );
  }
  if (status === 409) {
    return new BenchtopError(
      'BUSY',
      `${on}: ${said ?? 'a conflict with what runs there'}. A container or name is in use or being removed: wait, or remove it first.`,
      detail,
    );
  }
  return new BenchtopError(
    'DOCKER_FAILED',
    `${on} failed (HTTP ${status})${said ? `: ${said}` : ''}.`,
    detail,
  );
}

/**
 * Any failure of a Docker request (dockerode's HTTP errors with a status code, or the socket's
 * own errors) as a BenchtopError that names the board and says what to do.
 */
export function dockerError(error: unknown, target: DockerTarget): BenchtopError {
  if (error instanceof BenchtopError) return error;
  const failure: DockerodeFailure = typeof error === 'object' && error !== null ? error : {};
  const where = `${target.address}:${DOCKER_PORT}`;
  const on = `The Docker engine of ${target.board} (${where})`;
  const raw = typeof failure.message === 'string' ? failure.message : String(error);
  if (typeof failure.statusCode === 'number') return byStatus(failure.statusCode, failure, on);
  switch (failure.code) {
    case 'ECONNREFUSED':
      return new BenchtopError(
        'UNREACHABLE',
        `${target.board} refused a connection on port ${DOCKER_PORT}: its Docker engine is not running or not open to the network (balenaOS development images open it).`,
        raw,
      );
    case 'ETIMEDOUT':
      return new BenchtopError(
        'UNREACHABLE',
        typeof failure.timeoutMs === 'number'
          ? `${on} did not answer within ${seconds(failure.timeoutMs)}: check that the board is powered, on this network, and at this address.`
          : `${on} stopped answering: check that the board is powered and on this network.`,
        raw,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new BenchtopError(
        'UNREACHABLE',
        `${target.board} (${target.address}) cannot be reached from this machine: check its cable and that this machine is on the board's network.`,
        raw,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new BenchtopError(
        'NOT_FOUND',
        `"${target.address}" does not resolve to an address: check the name of ${target.board}, or give its IP address.`,
        raw,
      );
    case 'ECONNRESET':
    case 'EPIPE':
      return new BenchtopError(
        'UNREACHABLE',
        `${on} closed the connection mid-request: the board may have rebooted or its engine restarted. Try again.`,
        raw,
      );
  }
  if (/socket hang up/i.test(raw)) {
    return new BenchtopError(
      'UNREACHABLE',
      `${on} closed the connection mid-request: the board may have rebooted or its engine restarted. Try again.`,
      raw,
    );
  }
  return new BenchtopError('DOCKER_FAILED', `${on}: ${raw.slice(0, 300)}`, raw);
}
