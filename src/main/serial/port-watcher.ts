// SPDX-License-Identifier: Apache-2.0
// Hot-plug: there is no portable event for "a serial adapter appeared" (udev on Linux, IOKit on
// macOS, WMI on Windows), so we list every couple of seconds and say when the list changed.
import type { PortInfo } from '../../shared/contract/index.js';
import { listPorts } from './port-list.js';

const POLL_MS = 2000;

export class PortWatcher {
  private timer: NodeJS.Timeout | undefined;
  private last = '';

  constructor(
    private readonly annotate: (ports: PortInfo[]) => PortInfo[],
    private readonly onChange: (ports: PortInfo[]) => void,
  ) {}

  /** Starts on first use: an engine that never lists ports never polls. */
  ensureStarted(current: PortInfo[]): void {
    this.last = JSON.stringify(current);
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }

  /** Re-announces the list now (a console opened or closed on one of them). */
  async poll(): Promise<void> {
    const ports = this.annotate(await listPorts().catch(() => []));
    const text = JSON.stringify(ports);
    if (text === this.last) return;
    this.last = text;
    this.onChange(ports);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
