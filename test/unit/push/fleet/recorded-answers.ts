// SPDX-License-Identifier: Apache-2.0
// Answers boards gave to GET /info (engine, tcp/2375) and GET /v2/local/device-info (supervisor,
// tcp/48484), cut to the fields the fleet reads plus a few around them, and probes that replay
// them by address so the fleet can be tested without the boards (only amd64 runs here).
import { BenchtopError } from '../../../../src/shared/errors.js';
import type { TargetProbes } from '../../../../src/main/push/fleet/index.js';

/** Engine /info answers, by uname machine. */
export const engineInfo = {
  pi4: { OSType: 'linux', Architecture: 'aarch64', OperatingSystem: 'balenaOS 5.3.10', NCPU: 4 },
  pi3: { OSType: 'linux', Architecture: 'armv7l', OperatingSystem: 'balenaOS 5.1.20', NCPU: 4 },
  piZero: { OSType: 'linux', Architecture: 'armv6l', OperatingSystem: 'balenaOS 2.108.1', NCPU: 1 },
  nuc: { OSType: 'linux', Architecture: 'x86_64', OperatingSystem: 'balenaOS 5.3.10', NCPU: 8 },
  mac: { OSType: 'linux', Architecture: 'arm64', OperatingSystem: 'Docker Desktop', NCPU: 8 },
  mips: { OSType: 'linux', Architecture: 'mips64', OperatingSystem: 'OpenWrt', NCPU: 2 },
} as const;

/** Supervisor /v2/local/device-info answers. */
export const deviceInfo = {
  pi4: { status: 'success', info: { arch: 'aarch64', deviceType: 'raspberrypi4-64' } },
  pi3: { status: 'success', info: { arch: 'armv7hf', deviceType: 'raspberrypi3' } },
  piZero: { status: 'success', info: { arch: 'rpi', deviceType: 'raspberry-pi' } },
  jetson: { status: 'success', info: { arch: 'aarch64', deviceType: 'jetson-nano' } },
  nuc: { status: 'success', info: { arch: 'amd64', deviceType: 'intel-nuc' } },
} as const;

export interface RecordedBoard {
  readonly deviceInfo?: unknown;
  readonly engineInfo?: { Architecture?: unknown };
  /** Never answers: stands for a powered-off board (or, with 'supervisor', a hung supervisor). */
  readonly silent?: boolean | 'supervisor';
}

/**
 * Probes that answer from `boards` by address: a missing answer is refused the way a closed port
 * is; a silent board never answers at all.
 */
export function recordedProbes(boards: Readonly<Record<string, RecordedBoard>>): TargetProbes {
  const ask = <T>(address: string, pick: (board: RecordedBoard) => T | undefined, port: number) => {
    const board = boards[address];
    const silent = board?.silent === true || (board?.silent === 'supervisor' && port === 48484);
    if (silent) return new Promise<T>(() => undefined);
    const answer = board === undefined ? undefined : pick(board);
    if (answer === undefined) {
      return Promise.reject(
        new BenchtopError('UNREACHABLE', `${address} refused a connection on port ${port}.`),
      );
    }
    return Promise.resolve(answer);
  };
  return {
    deviceInfo: (address) => ask(address, (board) => board.deviceInfo, 48484),
    engineInfo: (address) => ask(address, (board) => board.engineInfo, 2375),
  };
}
