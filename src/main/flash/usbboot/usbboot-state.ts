// SPDX-License-Identifier: Apache-2.0
import type { Drive } from '../../../shared/contract/index.js';

/** A Compute Module seen in USB boot mode, while rpiboot turns it into a mass-storage drive. */
export interface UsbbootBoard {
  portId: string;
  model: string;
  /** 0–100: how far the boot files have been sent. */
  progress: number;
}

/**
 * The boards in rpiboot mode and how far along each is. Once initialised, a board leaves USB
 * boot mode and comes back as a plain USB drive, which the drive list shows by itself; until
 * then it is listed but cannot be picked.
 */
export class UsbbootState {
  private readonly boards = new Map<string, UsbbootBoard>();

  attach(portId: string, model: string): void {
    this.boards.set(portId, { portId, model, progress: this.boards.get(portId)?.progress ?? 0 });
  }

  progress(portId: string, value: number): void {
    const board = this.boards.get(portId);
    if (board) board.progress = Math.max(0, Math.min(100, Math.round(value)));
  }

  detach(portId: string): void {
    this.boards.delete(portId);
  }

  list(): UsbbootBoard[] {
    return [...this.boards.values()].sort((a, b) => a.portId.localeCompare(b.portId));
  }

  drives(): Drive[] {
    return this.list().map((board) => ({
      device: `usbboot:${board.portId}`,
      description: `${board.model} in USB boot mode (port ${board.portId})`,
      size: 0,
      removable: true,
      system: false,
      readOnly: false,
      virtual: false,
      mountpoints: [],
      source: 'usbboot',
      warnings: [
        {
          code: 'initialising',
          severity: 'refuse',
          message: `Initialising the ${board.model} (${board.progress}%): it appears as a drive when done.`,
        },
      ],
    }));
  }
}
