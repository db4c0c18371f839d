// SPDX-License-Identifier: Apache-2.0
import type { CSSProperties, ReactNode } from 'react';
import { gridColumns } from './grid-plan.js';
import type { Layout } from './open-consoles-memory.js';

/** One terminal of the pane: a serial console or a shell. */
export interface Slot {
  readonly id: string;
  readonly tab: string;
  /** Colours the tab: waiting, exited. */
  readonly state: string;
  readonly view: ReactNode;
}

/** The pane's terminals as tabs, side by side or a grid; every one stays mounted either way. */
export function ConsoleSlots(props: {
  slots: readonly Slot[];
  layout: Layout;
  active: string | undefined;
  onActivate: (id: string) => void;
}) {
  const shown = props.slots.find((s) => s.id === props.active) ?? props.slots[0];
  return (
    <>
      {props.layout === 'tabs' && (
        <div className="console-tabs" role="tablist" aria-label="Open consoles">
          {props.slots.map((slot) => (
            <button
              key={slot.id}
              type="button"
              role="tab"
              aria-selected={slot.id === shown?.id}
              className={`console-tab state-${slot.state}`}
              onClick={() => props.onActivate(slot.id)}
            >
              {slot.tab}
            </button>
          ))}
        </div>
      )}
      <div
        className={`console-views layout-${props.layout}`}
        style={{ '--grid-columns': gridColumns(props.slots.length) } as CSSProperties}
      >
        {props.slots.map((slot) => (
          <div
            key={slot.id}
            className="console-slot"
            hidden={props.layout === 'tabs' && slot.id !== shown?.id}
          >
            {slot.view}
          </div>
        ))}
      </div>
    </>
  );
}
