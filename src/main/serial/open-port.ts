// SPDX-License-Identifier: Apache-2.0
import { closeSync, constants, openSync } from 'node:fs';
import { isatty, ReadStream } from 'node:tty';
import { SerialPort } from 'serialport';
import type { ConsoleSettings } from '../../shared/contract/index.js';
import { explainOpenError } from './open-errors.js';

function portOptions(path: string, settings: ConsoleSettings) {
  return {
    path,
    baudRate: settings.baudRate,
    dataBits: settings.dataBits,
    parity: settings.parity,
    stopBits: settings.stopBits,
    rtscts: settings.flowControl === 'rts-cts',
    xon: settings.flowControl === 'xon-xoff',
    xoff: settings.flowControl === 'xon-xoff',
    autoOpen: false,
    // Keep DTR where the board left it: dropping it on close resets some boards (Arduino-style).
    hupcl: false,
  } as const;
}

/** Opens the port with these settings; a failure says why in words (busy, no permission). */
export async function openPort(path: string, settings: ConsoleSettings): Promise<SerialPort> {
  const port = new SerialPort(portOptions(path, settings));
  await new Promise<void>((resolve, reject) => {
    port.open((error) => (error ? reject(error) : resolve()));
  }).catch(async (error: unknown) => {
    throw await explainOpenError(path, error);
  });
  return port;
}

/**
 * Reads go through a second descriptor on the event loop (libuv's tty reader, as a terminal's
 * stdin is read) rather than serialport's reader, which hops through the thread pool on every
 * read: that hop was most of Benchtop's keystroke-to-echo latency against tio. serialport keeps
 * the locked descriptor for settings, lines and writes. Not a tty (a test double): undefined.
 */
export function openReader(path: string): { stream: ReadStream; fd: number } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
    if (isatty(fd)) return { stream: new ReadStream(fd), fd };
  } catch {
    // The port vanished between the two opens: serialport's reader will say so.
  }
  if (fd !== undefined) closeSync(fd);
  return undefined;
}
