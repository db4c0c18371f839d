// SPDX-License-Identifier: Apache-2.0
// A finished group action (exec, service, reboot), as inventory history: each board's result
// (action, command, where it ran, exit status, the start of its output, how long it took) on the
// board it names, so "what ran on slot 12 last Tuesday" has an answer. A board the inventory does not know is kept unlinked.
import type { EventPayload, GroupOver, GroupResult } from '../../shared/contract/index.js';
import { boardsNamed } from '../../shared/inventory/board-name.js';
import { addEvent } from './history.js';
import type { InventoryStore } from './inventory-store.js';

const EXCERPT = 500;

const whereRan = (over: GroupOver): string =>
  over.kind === 'container' ? `container:${over.service}` : over.kind;

export function recordGroupRun(
  store: InventoryStore,
  jobId: string,
  result: GroupResult,
  at: string,
  who?: string,
): void {
  const keys = store.keys();
  store.db.transaction(() => {
    for (const part of result.boards) {
      const named = boardsNamed(keys, part.board);
      const output = part.output.trim();
      addEvent(
        store.db,
        named.length === 1 && named[0] ? named[0].id : null,
        'exec',
        {
          group: jobId,
          action: result.action,
          ...(result.over === undefined ? {} : { over: whereRan(result.over) }),
          command: result.command,
          board: part.board,
          status: part.status,
          ok: part.ok,
          output: output.length > EXCERPT ? `${output.slice(0, EXCERPT)}…` : output,
          durationMs: part.durationMs,
          ...(part.error === undefined ? {} : { error: part.error.message }),
        },
        at,
        who,
      );
    }
  })();
}

/** One service restarted, stopped or started on one board, as a group of one would be kept. */
export function recordServiceChange(
  store: InventoryStore,
  change: EventPayload<'board.serviceChanged'>,
): void {
  const named = boardsNamed(store.keys(), change.board);
  addEvent(
    store.db,
    named.length === 1 && named[0] ? named[0].id : null,
    'exec',
    {
      action: 'service',
      command: `${change.action} ${change.service}`,
      project: change.project,
      board: change.board,
      ok: true,
    },
    change.at,
    change.by,
  );
}
