// SPDX-License-Identifier: Apache-2.0
// An ssh failure in words: the board did not answer, or it would not let Benchtop in.
import { BenchtopError } from '../../shared/errors.js';
import { benchtopKeyPath } from './ssh-files.js';

interface Target {
  readonly board: string;
  readonly address: string;
  readonly port?: number;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);

export function sshError(error: unknown, target: Target, tried: readonly string[]): BenchtopError {
  if (error instanceof BenchtopError) return error;
  const err = error as (Error & { code?: string; level?: string }) | undefined;
  const text = err?.message ?? String(error);
  const where = `${target.address}:${target.port ?? 22222}`;
  if (err?.level === 'client-authentication') {
    return new BenchtopError(
      'PERMISSION_DENIED',
      `${target.board} refused the ssh login as root (tried ${tried.join(', ')}).`,
      `A production balenaOS image lets in only keys in config.json's os.sshKeys: add Benchtop's key (${benchtopKeyPath()}.pub) there, or set BENCHTOP_SSH_KEY to a key the board accepts.`,
    );
  }
  if (err?.level === 'client-timeout' || err?.code === 'ETIMEDOUT') {
    return new BenchtopError(
      'TIMEOUT',
      `${target.board} did not answer ssh at ${where} in time.`,
      text,
    );
  }
  if (err?.code !== undefined && UNREACHABLE.has(err.code)) {
    return new BenchtopError(
      'UNREACHABLE',
      `Cannot reach ssh on ${target.board} at ${where} (${err.code}).`,
      'A balenaOS development image serves ssh on port 22222; check that the board is on the network.',
    );
  }
  return new BenchtopError(
    'UNREACHABLE',
    `The ssh link to ${target.board} at ${where} failed.`,
    text,
  );
}
