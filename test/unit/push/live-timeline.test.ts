// SPDX-License-Identifier: Apache-2.0
// The Push pane's live timeline: a session's events folded into what the pane shows.
import { describe, expect, it } from 'vitest';
import {
  MAX_SYNCS,
  startView,
  stateLabel,
  stoppedView,
  syncFailed,
  withOutput,
  withState,
  withSync,
} from '../../../src/renderer/panes/push/live-timeline.js';
import type { LiveSession, LiveSyncEvent } from '../../../src/shared/contract/index.js';

const session: LiveSession = {
  sessionId: 's1',
  board: '10.231.0.2',
  address: '10.231.0.2',
  project: 'site',
  root: '/work/site',
  state: 'watching',
  startedAt: '2026-12-02T00:00:00.000Z',
  syncs: 0,
  pending: 0,
};

const sync = (n: number, patch: Partial<LiveSyncEvent> = {}): LiveSyncEvent => ({
  sessionId: 's1',
  board: '10.231.0.2',
  sync: n,
  trigger: 'change',
  changes: [{ path: 'index.html', kind: 'change' }],
  changeCount: 1,
  services: [
    {
      service: 'site',
      rebuilt: false,
      reasons: [],
      copied: 1,
      removed: 0,
      created: 0,
      ran: [],
      restarted: false,
    },
  ],
  startedAt: '2026-12-02T00:00:01.000Z',
  durationMs: 42,
  ...patch,
});

describe('live timeline', () => {
  it('starts from live.start’s answer and lists syncs newest first', () => {
    let view = startView(session);
    expect(view.state).toBe('watching');
    expect(view.message).toContain('/work/site');
    view = withSync(withSync(view, sync(1)), sync(2));
    expect(view.syncs.map((e) => e.sync.sync)).toEqual([2, 1]);
  });

  it('gives a rebuild’s output lines to the sync they came before, then starts afresh', () => {
    let view = withOutput(startView(session), {
      sessionId: 's1',
      board: 'b',
      service: 'site',
      line: 'Step 1/3',
    });
    view = withSync(view, sync(1));
    expect(view.syncs[0]?.output).toEqual(['site: Step 1/3']);
    expect(view.output).toEqual([]);
  });

  it('keeps the last syncs only', () => {
    let view = startView(session);
    for (let n = 1; n <= MAX_SYNCS + 5; n++) view = withSync(view, sync(n));
    expect(view.syncs).toHaveLength(MAX_SYNCS);
    expect(view.syncs[0]?.sync.sync).toBe(MAX_SYNCS + 5);
  });

  it('says when the board is offline with changes waiting, and a stop is final', () => {
    const event = { sessionId: 's1', board: 'b', message: 'board left', pending: 3 };
    let view = withState(startView(session), { ...event, state: 'offline' });
    expect(stateLabel(view.state, view.pending)).toBe('Board offline, 3 changes waiting');
    view = withState(view, { ...event, state: 'resyncing' });
    expect(stateLabel(view.state, view.pending)).toBe('Board back, resyncing');
    view = stoppedView(view, 'stopped');
    view = withState(view, { ...event, state: 'watching' });
    expect(view.state).toBe('stopped');
  });

  it('marks a sync failed when it or one of its services failed', () => {
    expect(syncFailed(sync(1))).toBe(false);
    expect(syncFailed(sync(1, { error: { code: 'UNREACHABLE', message: 'gone' } }))).toBe(true);
    const failing = sync(1);
    const first = failing.services[0];
    if (!first) throw new Error('no service');
    failing.services = [{ ...first, error: { code: 'DOCKER_FAILED', message: 'exit 1' } }];
    expect(syncFailed(failing)).toBe(true);
  });
});
