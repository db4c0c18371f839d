// SPDX-License-Identifier: Apache-2.0
// Console settings in words, one way for the terminal, the UI and the console log.
import type { ConsoleSettings } from './contract/index.js';

/** How people write the flow-control modes (tio's words). */
export const flowLabels: Record<ConsoleSettings['flowControl'], string> = {
  none: 'none',
  'rts-cts': 'RTS/CTS',
  'xon-xoff': 'XON/XOFF',
};

/** `115200 8N1`, then the flow control when there is any: `115200 8E2 RTS/CTS`. */
export function describeSettings(s: ConsoleSettings): string {
  const framing = `${s.baudRate} ${s.dataBits}${s.parity[0]?.toUpperCase() ?? 'N'}${s.stopBits}`;
  return s.flowControl === 'none' ? framing : `${framing} ${flowLabels[s.flowControl]}`;
}
