// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import type { GroupBoardResult } from '../../../src/shared/contract/index.js';
import { parseCsv } from '../../../src/shared/csv.js';
import type { Job } from '../../../src/shared/jobs.js';
import { resultsCsv } from '../../../src/renderer/panes/devices/group/group-export.js';
import {
  groupRows,
  summarise,
  summaryText,
} from '../../../src/renderer/panes/devices/group/group-rows.js';

const task = (label: string, phase: string, state: Job['state'] = 'running') => ({
  id: label,
  label,
  state,
  phase,
});
const job = (tasks: Job['tasks'], extra: Partial<Job> = {}): Job => ({
  id: 'j1',
  kind: 'group.exec',
  title: 'Run',
  state: 'running',
  phase: 'running',
  tasks,
  startedAt: '2026-12-02T09:00:00.000Z',
  ...extra,
});
const result = (board: string, status: number | null, output = ''): GroupBoardResult => ({
  board,
  ok: status === 0,
  status,
  durationMs: 1200,
  output,
});

describe('group results in the Devices pane', () => {
  it('shows each board waiting, running or done, in the order the group runs them', () => {
    const rows = groupRows(
      job([task('a', 'done', 'succeeded'), task('b', 'running'), task('c', 'waiting')]),
      new Map([['a', result('a', 0, 'hi\n')]]),
    );
    expect(rows.map((r) => [r.board, r.state])).toEqual([
      ['a', 'ok'],
      ['b', 'running'],
      ['c', 'waiting'],
    ]);
    expect(summaryText(summarise(rows, job([])))).toBe('1 of 3 done, 1 succeeded');
  });

  it('takes results missed before it subscribed from the job’s end, and names who failed', () => {
    const final = job([task('a', 'done', 'succeeded'), task('b', 'failed', 'failed')], {
      state: 'succeeded',
      result: {
        action: 'exec',
        command: 'x',
        over: { kind: 'ssh' },
        boards: [result('a', 0), result('b', 2, 'oops\n')],
        succeeded: 1,
        failed: 1,
      },
    });
    const rows = groupRows(final, new Map());
    expect(rows.map((r) => [r.board, r.state, r.result?.status])).toEqual([
      ['a', 'ok', 0],
      ['b', 'failed', 2],
    ]);
    expect(summaryText(summarise(rows, final))).toBe('1 of 2 succeeded; failed: b');
  });

  it('says a board that cannot do the action at all is not available, apart from failures', () => {
    const unsupported = {
      ...result('b', null),
      error: { code: 'UNSUPPORTED' as const, message: 'Reboot is not available on b.' },
    };
    const refused = {
      ...result('c', null),
      error: { code: 'UNREACHABLE' as const, message: 'c does not answer.' },
    };
    const final = job([], {
      state: 'failed',
      result: {
        action: 'reboot',
        command: 'reboot',
        boards: [{ ...result('a', 0), output: 'rebooting' }, unsupported, refused],
        succeeded: 1,
        failed: 2,
      },
    });
    const rows = groupRows(final, new Map());
    expect(rows.map((r) => [r.board, r.state])).toEqual([
      ['a', 'ok'],
      ['b', 'unavailable'],
      ['c', 'failed'],
    ]);
    expect(summaryText(summarise(rows, final))).toBe(
      '1 of 3 succeeded; failed: c; not available: b',
    );
    // While the group runs, a task that ended unsupported reads the same.
    const running = job([
      { ...task('b', 'failed', 'failed'), error: unsupported.error },
      task('c', 'running'),
    ]);
    expect(groupRows(running, new Map()).map((r) => r.state)).toEqual(['unavailable', 'running']);
  });

  it('exports CSV a spreadsheet reads back, output with commas and line breaks intact', () => {
    const rows = groupRows(undefined, new Map([['a', result('a', 1, 'x, "y"\nz\n')]]));
    const [header, row] = parseCsv(resultsCsv(rows));
    expect(header?.cells.map((c) => c.text)).toEqual([
      'board',
      'result',
      'exit status',
      'duration ms',
      'error',
      'output',
    ]);
    expect(row?.cells.map((c) => c.text)).toEqual(['a', 'failed', '1', '1200', '', 'x, "y"\nz\n']);
  });
});
