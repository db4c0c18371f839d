// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import type { LiveServiceSync, LiveSyncEvent } from '../../../src/shared/contract/live.js';
import { describeSync, failedOutput } from '../../../src/shared/live-text.js';

const service = (over: Partial<LiveServiceSync>): LiveServiceSync => ({
  service: 'web',
  rebuilt: false,
  reasons: [],
  copied: 0,
  removed: 0,
  created: 0,
  ran: [],
  restarted: false,
  ...over,
});

const sync = (over: Partial<LiveSyncEvent>): LiveSyncEvent => ({
  sessionId: 's',
  board: 'b',
  sync: 1,
  trigger: 'change',
  changes: [{ path: 'index.html', kind: 'change' }],
  changeCount: 1,
  services: [],
  startedAt: '2026-12-01T00:00:00.000Z',
  durationMs: 42.4,
  ...over,
});

describe('live sync in words', () => {
  it('says what changed, what each service did and how long it took', () => {
    expect(describeSync(sync({ services: [service({ copied: 1 })] }))).toBe(
      'index.html → web: 1 copied (42 ms)',
    );
    const burst = sync({
      changes: [
        { path: 'a.js', kind: 'add' },
        { path: 'b.js', kind: 'add' },
      ],
      changeCount: 500,
      services: [
        service({
          copied: 499,
          removed: 1,
          ran: [{ command: ['npm', 'run', 'build'], exitCode: 0, output: '' }],
          restarted: true,
        }),
      ],
    });
    expect(describeSync(burst)).toBe(
      'a.js and 499 more → web: 499 copied, 1 removed, ran `npm run build`, restarted (42 ms)',
    );
  });

  it('names a deletion, a rebuild with its reason, and a failing command with its output', () => {
    const failing = sync({
      changes: [{ path: 'old.txt', kind: 'unlink' }],
      services: [
        service({ service: 'api', rebuilt: true, reasons: ['Dockerfile changed'] }),
        service({
          removed: 1,
          ran: [{ command: ['make'], exitCode: 2, output: 'make: *** no rule\n' }],
          error: { code: 'DOCKER_FAILED', message: 'web: `make` exited with 2.' },
        }),
      ],
    });
    expect(describeSync(failing)).toBe(
      'old.txt deleted → api: rebuilt (Dockerfile changed); web: 1 removed, ran `make` (exit 2), FAILED: web: `make` exited with 2. (42 ms)',
    );
    expect(failedOutput(failing)).toEqual(['make: *** no rule']);
  });

  it('tells a resync and a sync the board left during', () => {
    expect(
      describeSync(
        sync({
          trigger: 'resync',
          error: { code: 'UNREACHABLE', message: 'The board left.' },
        }),
      ),
    ).toBe('resync (index.html waiting) → nothing to do FAILED: The board left. (42 ms)');
  });
});
