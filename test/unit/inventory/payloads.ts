// SPDX-License-Identifier: Apache-2.0
// Event payloads as the bus carries them, built through the contract's own schemas so a change
// of shape there shows here.
import {
  ConsoleExecuted,
  ConsoleSession,
  DeviceChange,
  FlashResult,
  PushResult,
  type Board,
} from '../../../src/shared/contract/index.js';
import { Job } from '../../../src/shared/jobs.js';

export const UUID_A = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const UUID_B = 'b1b2c3d4e5f60718293a4b5c6d7e8f90';

export const flashResult = (
  cards: {
    uuid: string;
    hostname: string;
    target: string;
    error?: string;
    slot?: string;
    labels?: string[];
  }[],
  time = '2026-12-01T10:00:00.000Z',
): FlashResult =>
  FlashResult.parse({
    cards: cards.map((card, index) => ({
      index: index + 1,
      serial: `reader-${index + 1}`,
      imageChecksum: 'sha256:feed',
      verified: card.error === undefined,
      configVerified: card.error === undefined,
      time,
      ...card,
    })),
    manifest: '/home/bench/.benchtop/flash-runs/run.json',
    bytesWritten: 1024,
    sparse: false,
    image: '/images/balena-rpi4.img',
    deviceType: 'raspberrypi4-64',
  });

export const pushResult = (
  boards: { board: string; address?: string; state: 'succeeded' | 'failed'; release?: string }[],
): PushResult =>
  PushResult.parse({
    project: 'sensors',
    root: '/projects/sensors',
    boards: boards.map((board) => ({
      ...board,
      services:
        board.state === 'succeeded'
          ? [
              { name: 'reader', image: 'sensors_reader', outcome: 'created' },
              { name: 'upload', image: 'sensors_upload', outcome: 'unchanged' },
            ]
          : [],
      ...(board.state === 'failed'
        ? { error: { code: 'UNREACHABLE', message: 'The engine did not answer.' } }
        : {}),
    })),
  });

export const finishedJob = (id: string, kind: string, result: unknown): Job =>
  Job.parse({
    id,
    kind,
    title: kind,
    state: 'succeeded',
    phase: 'done',
    tasks: [],
    startedAt: '2026-12-01T10:00:00.000Z',
    endedAt: '2026-12-01T10:05:00.000Z',
    result,
  });

export function mdnsBoard(
  instance: string,
  hostname: string,
  address: string,
  seen: string,
  extra: Partial<Board> = {},
): Board {
  return {
    id: `mdns:eth1:${instance}`,
    name: instance,
    hostname,
    address,
    interface: 'eth1',
    source: 'mdns',
    addedByHand: false,
    sshPort: 22222,
    txt: {},
    firstSeen: seen,
    lastSeen: seen,
    engine: null,
    engineState: 'pending',
    supervisor: { state: 'pending' },
    ssh: { state: 'pending' },
    probedAt: null,
    ...extra,
  };
}

export const change = (
  kind: DeviceChange['kind'],
  board: Board,
  reason?: DeviceChange['reason'],
): DeviceChange => DeviceChange.parse({ kind, board, ...(reason ? { reason } : {}) });

/** A console session's state event, as the serial service sends it. */
export const consoleState = (
  id: string,
  state: ConsoleSession['state'],
  extra: Partial<ConsoleSession> = {},
): ConsoleSession =>
  ConsoleSession.parse({
    id,
    path: '/dev/ttyUSB0',
    identity: { kind: 'usb', serialNumber: 'FT1234' },
    settings: {},
    state,
    viewers: 1,
    gaps: [],
    received: 0,
    openedAt: '2026-12-01T11:00:00.000Z',
    ...extra,
  });

export const executed = (extra: Partial<ConsoleExecuted> = {}): ConsoleExecuted =>
  ConsoleExecuted.parse({
    sessionId: 's1',
    path: '/dev/ttyUSB0',
    serialNumber: 'FT1234',
    board: 'slot-01',
    command: 'uname -a',
    status: 0,
    excerpt: 'Linux slot-01 6.1.0',
    truncated: false,
    error: null,
    logFile: null,
    startedAt: '2026-12-01T11:01:00.000Z',
    endedAt: '2026-12-01T11:01:02.000Z',
    ...extra,
  });
