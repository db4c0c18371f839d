// SPDX-License-Identifier: Apache-2.0
// What a console grid opens and where its group log goes: pure, so it is tested without a page.
import { consoleFileName, logFilesIn } from '../../../shared/console-log-files.js';
import type { ConsoleSession, InventoryBoard, PortTie } from '../../../shared/contract/index.js';

/**
 * The ports tied to the boards given, as the ties name them now: a USB adapter is matched by
 * its serial number (its path may have changed since), anything else by its path.
 */
export function tiedPorts(boards: readonly InventoryBoard[], ties: readonly PortTie[]): PortTie[] {
  return boards.flatMap((board) => {
    const port = board.port;
    if (!port) return [];
    const tie = ties.find((t) =>
      port.serialNumber ? t.serialNumber === port.serialNumber : t.path === port.path,
    );
    return tie ? [tie] : [];
  });
}

/**
 * One log file per console inside the folder (a name under the logs folder, or absolute),
 * `<board>.log`; two consoles of one name (a board tied twice) get `-2`, `-3`.
 */
export function groupLogFiles(
  folder: string,
  sessions: readonly ConsoleSession[],
): Map<string, string> {
  const files = logFilesIn(folder, sessions.map(consoleFileName));
  return new Map(sessions.map((session, i) => [session.id, files[i] ?? '']));
}

/** Columns of a grid of n: twelve as 4 x 3, a few side by side, about as wide as a screen. */
export const gridColumns = (n: number): number => Math.max(1, Math.round(Math.sqrt((n * 4) / 3)));
