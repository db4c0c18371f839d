// SPDX-License-Identifier: Apache-2.0
import { listDrives, type DriveRecord } from './list-drives.js';

const POLL_MS = 2000;

/**
 * Hot-plug by polling: drivelist has no events, and udev may be absent (containers, CI).
 * Starts on the first list request, so an engine nobody asks about drives never polls.
 */
export class DriveWatcher {
  private timer: NodeJS.Timeout | undefined;
  private last = '';
  private busy = false;

  constructor(
    private readonly onChange: (drives: DriveRecord[]) => void,
    /** Something else that belongs in the list (boards in USB boot mode), as a change key. */
    private readonly extra: () => unknown = () => undefined,
  ) {}

  /** A poll now, when another source (usbboot) says something changed. */
  async pollNow(): Promise<void> {
    this.last = this.last === '' ? '' : `${this.last}*`;
    await this.poll();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const drives = await listDrives({ showVirtual: true });
      const key = JSON.stringify([drives.map(({ raw: _raw, ...rest }) => rest), this.extra()]);
      if (this.last !== '' && key !== this.last) this.onChange(drives);
      this.last = key;
    } finally {
      this.busy = false;
    }
  }
}
