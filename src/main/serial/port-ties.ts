// SPDX-License-Identifier: Apache-2.0
// Ports tied to boards, so a console opens by the board's name: a USB adapter by its serial
// number (wherever it is plugged now), anything else by its path.
import { bareHostname } from '../../shared/inventory/board-name.js';
import { existsSync } from 'node:fs';
import type { PortTie } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { Identity } from './serial-link.js';
import { listPorts } from './port-list.js';
import { usbKey, type PortMemory } from './port-memory.js';

const sameHost = (a: string, b: string): boolean => bareHostname(a) === bareHostname(b);

export class PortTies {
  /** Port key (usb:SERIAL or path) → board, as remembered; reloaded when a tie changes. */
  private ties = new Map<string, string>();
  private loaded = false;

  constructor(private readonly memory: PortMemory) {}

  async load(): Promise<void> {
    this.ties = new Map((await this.memory.ties()).map((tie) => [tie.key, tie.board] as const));
    this.loaded = true;
  }

  async loadOnce(): Promise<void> {
    if (!this.loaded) await this.load();
  }

  boardOf(path: string, serialNumber: string | undefined): string | undefined {
    return (
      (serialNumber !== undefined ? this.ties.get(usbKey(serialNumber)) : undefined) ??
      this.ties.get(path)
    );
  }

  /** Ties the port to a board, or unties it (undefined). */
  async tie(path: string, identity: Identity, board: string | undefined): Promise<void> {
    const key = identity.kind === 'usb' ? usbKey(identity.serialNumber) : path;
    await this.memory.tie(key, board);
    await this.load();
  }

  async list(): Promise<PortTie[]> {
    await this.load();
    const ports = await listPorts().catch(() => []);
    return [...this.ties].map(([key, board]) => {
      if (!key.startsWith('usb:')) return { board, path: key, present: existsSync(key) };
      const serialNumber = key.slice('usb:'.length);
      const port = ports.find((p) => p.serialNumber === serialNumber);
      return { board, path: port?.path ?? key, serialNumber, present: port !== undefined };
    });
  }

  /** A path as given, or the port a board was tied to (wherever its USB adapter is now). */
  async resolveTarget(target: {
    path?: string | undefined;
    board?: string | undefined;
  }): Promise<string> {
    if (target.path !== undefined) return target.path;
    const board = target.board ?? '';
    await this.load();
    // `board0`, `BOARD0` and `board0.local` are one machine, as mDNS names them.
    const key = [...this.ties].find(([, name]) => sameHost(name, board))?.[0];
    if (key === undefined) {
      throw new BenchtopError(
        'NOT_FOUND',
        `No port is tied to the board "${board}". Tie one with \`benchtop ports tie PATH ${board}\` or from the Consoles pane.`,
      );
    }
    if (!key.startsWith('usb:')) return key;
    const serialNumber = key.slice('usb:'.length);
    const found = (await listPorts()).find((port) => port.serialNumber === serialNumber);
    if (!found) {
      throw new BenchtopError(
        'NOT_FOUND',
        `The serial adapter of "${board}" (USB serial number ${serialNumber}) is not plugged in.`,
      );
    }
    return found.path;
  }
}
