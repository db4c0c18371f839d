// SPDX-License-Identifier: Apache-2.0
// Broadcast typing in the console grid (as tmux's synchronize-panes, but to a chosen set): off
// until asked for, and then only the ticked consoles receive. The fan-out is here in the
// window, one `console.write` per receiver, so every face keeps the one write command.
import { useEffect, useRef, useState, type RefObject } from 'react';

/** Where typing into a console goes: its own session, or every receiver when it is one. */
export type FanOut = (sessionId: string) => readonly string[];

export interface Broadcast {
  /** On, and in the grid: the only place every receiver is on screen. */
  readonly on: boolean;
  /** The open consoles that receive, in the grid's order. */
  readonly receivers: readonly string[];
  setOn(on: boolean): void;
  setReceiving(sessionId: string, receiving: boolean): void;
  /** Every open console (All) or none. */
  setAll(all: boolean): void;
  readonly fanOut: RefObject<FanOut>;
}

export function useBroadcast(openIds: readonly string[], inGrid: boolean): Broadcast {
  const [wanted, setWanted] = useState(false);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const on = wanted && inGrid;
  // Consoles that closed drop out by themselves.
  const receivers = openIds.filter((id) => ticked.has(id));
  const fanOut = useRef<FanOut>((id) => [id]);
  useEffect(() => {
    fanOut.current = (id) => (on && receivers.includes(id) ? receivers : [id]);
  });
  return {
    on,
    receivers,
    setOn: setWanted,
    setReceiving(sessionId, receiving) {
      const next = new Set(ticked);
      if (receiving) next.add(sessionId);
      else next.delete(sessionId);
      setTicked(next);
    },
    setAll: (all) => setTicked(new Set(all ? openIds : [])),
    fanOut,
  };
}
