// SPDX-License-Identifier: Apache-2.0
// Scripts that run inside the page. They are plain JavaScript text: the Node project has no DOM
// types, and Playwright sends them as they are.

/**
 * A script for before the app loads: `setup` runs once, then `onMessage` for each text frame
 * the app's WebSocket receives (as `data`), at the socket, before the app does anything with it.
 */
const atSocket = (setup: string, onMessage: string): string => `(() => {
  ${setup}
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string') return;
        const data = event.data;
        ${onMessage}
      });
    }
  };
})()`;

/** Notes when each board's first `devices.changed` reaches the page. */
export const watchArrivals = atSocket(
  `const state = { ids: new Set(), probed: new Set(), events: 0, lastAt: 0, lastProbedAt: 0 };
  window.benchArrivals = state;`,
  `if (!data.includes('devices.changed')) return;
  const frame = JSON.parse(data);
  state.events++;
  const board = frame.payload?.board;
  const id = board?.id;
  if (id === undefined) return;
  const done = [board.engineState, board.supervisor?.state, board.ssh?.state];
  if (!state.probed.has(id) && done.every((s) => s === 'up' || s === 'down')) {
    state.probed.add(id);
    state.lastProbedAt = performance.now();
  }
  if (frame.payload?.kind !== 'appeared' || state.ids.has(id)) return;
  state.ids.add(id);
  state.lastAt = performance.now();`,
);

export interface SettleTimes {
  /** From the call, when the last board's first event reached the page. */
  lastArrivalAt: number;
  /** From the call, the first frame at which the pane showed every board, settled. */
  settledAt: number;
  /** From the call, when the last board's first complete probe result reached the page. */
  lastProbedAt: number;
  /** From the call, the first frame after that at which the pane was settled again. */
  probedSettledAt: number;
  events: number;
}

/**
 * Resolves once \`boards\` boards have arrived and the pane shows them all with nothing left to
 * apply (its data-settled), checked every frame: a busy page delays its frames, which is the
 * point.
 */
export const whenSettled = (
  boards: number,
  timeoutMs: number,
): string => `new Promise((resolve, reject) => {
  const t0 = performance.now();
  const state = window.benchArrivals;
  if (!state) throw new Error('watchArrivals did not run before the app');
  const settled = () => {
    const pane = document.querySelector('section.devices');
    const count = document.querySelector('[data-testid="device-count"]')?.textContent;
    return count === '${boards} boards' && pane?.getAttribute('data-settled') !== 'false';
  };
  let settledAt;
  const check = () => {
    const now = performance.now() - t0;
    if (settledAt === undefined && state.ids.size >= ${boards} && settled()) settledAt = now;
    if (settledAt !== undefined && state.probed.size >= ${boards} && settled()) {
      resolve({
        lastArrivalAt: state.lastAt - t0,
        settledAt,
        lastProbedAt: state.lastProbedAt - t0,
        probedSettledAt: now,
        events: state.events,
      });
    } else if (now > ${timeoutMs}) {
      reject(new Error('not settled within ${timeoutMs} ms (' + state.ids.size + ' boards, ' + state.probed.size + ' probed)'));
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

/** Notes, in epoch milliseconds, when each `inventory.changed` reaches the page. */
export const watchInventory = atSocket(
  `const state = { arrivals: [] };
  window.benchInventory = state;`,
  `if (data.includes('inventory.changed')) state.arrivals.push(performance.timeOrigin + performance.now());`,
);

export interface ShownTimes {
  /** Epoch ms: when the last inventory.changed before the pane showed the text arrived. */
  arrivedAt: number;
  /** Epoch ms: the first frame at which the pane was settled with a row showing the text. */
  settledAt: number;
}

/** Resolves at the first frame at which a row shows `text` and the pane is settled. */
export const whenRowShows = (
  text: string,
  timeoutMs: number,
): string => `new Promise((resolve, reject) => {
  const t0 = performance.now();
  const check = () => {
    const pane = document.querySelector('section.devices');
    const rows = [...document.querySelectorAll('[data-testid="device-row"]')];
    if (pane?.getAttribute('data-settled') === 'true' && rows.some((r) => r.textContent.includes(${JSON.stringify(text)}))) {
      const arrivals = window.benchInventory.arrivals;
      resolve({ arrivedAt: arrivals[arrivals.length - 1] ?? NaN, settledAt: performance.timeOrigin + performance.now() });
    } else if (performance.now() - t0 > ${timeoutMs}) reject(new Error('no row showed ${text} within ${timeoutMs} ms'));
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;
