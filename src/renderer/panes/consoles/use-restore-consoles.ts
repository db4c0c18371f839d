// SPDX-License-Identifier: Apache-2.0
import { useEffect, useRef, useState } from 'react';
import type { ConsoleSession } from '../../../shared/contract/index.js';
import { useClient } from '../../client/client-context.js';
import { loadOpenConsoles, saveOpenConsoles, type Layout } from './open-consoles-memory.js';

/**
 * Reopens what this tab had open before a reload (the engine kept the consoles open meanwhile,
 * so their history is still there), then keeps the memory current.
 */
export function useRestoreConsoles(
  shown: readonly ConsoleSession[],
  layout: Layout,
  active: ConsoleSession | undefined,
  restore: (layout: Layout, activeId: string | undefined) => void,
): void {
  const client = useClient();
  const [restored, setRestored] = useState(false);
  const restoreRef = useRef(restore);
  useEffect(() => {
    restoreRef.current = restore;
  });
  useEffect(() => {
    const memory = loadOpenConsoles();
    void Promise.allSettled(memory.paths.map((path) => client.call('console.open', { path }))).then(
      (results) => {
        const opened = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        const front = opened.find((session) => session.path === memory.active);
        restoreRef.current(memory.layout, front?.id);
        setRestored(true);
      },
    );
  }, [client]);
  const paths = shown.map((session) => session.path);
  const key = `${paths.join('\n')}|${layout}|${active?.path ?? ''}`;
  useEffect(() => {
    if (!restored) return;
    saveOpenConsoles({ paths, layout, active: active?.path });
    // The key holds everything saved.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [restored, key]);
}
