// SPDX-License-Identifier: Apache-2.0
import { realpath } from 'node:fs/promises';
import type { Identity } from './serial-link.js';
import { listPorts } from './port-list.js';
import { usbKey } from './port-memory.js';

/** A USB adapter by its serial number (it keeps it wherever it is plugged), else the path. */
export async function identifyPort(path: string): Promise<Identity> {
  const real = await realpath(path).catch(() => path);
  const ports = await listPorts().catch(() => []);
  for (const port of ports) {
    const theirs = await realpath(port.path).catch(() => port.path);
    if (theirs === real && port.serialNumber)
      return { kind: 'usb', serialNumber: port.serialNumber };
  }
  return { kind: 'path', path };
}

/** Where a port's settings are remembered: its adapter first, then its path. */
export const memoryKeys = (path: string, identity: Identity): string[] =>
  identity.kind === 'usb' ? [usbKey(identity.serialNumber), path] : [path];

export const serialOf = (identity: Identity): string | undefined =>
  identity.kind === 'usb' ? identity.serialNumber : undefined;
