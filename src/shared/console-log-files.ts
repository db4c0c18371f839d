// SPDX-License-Identifier: Apache-2.0
// Where a group of consoles logs: one file per console inside one folder, named by its board.
// Shared by the Consoles pane's "Log all to folder…" and `benchtop console log --boards`.

/** A name fit for a file: the board's hostname, else the port's last part. */
export const consoleFileName = (console: { board?: string | null; path: string }): string =>
  (console.board ?? console.path.split('/').pop() ?? 'console').replace(/[^\w.-]+/g, '_');

/**
 * `<folder>/<name>.log` for each name, in order; a name given twice (a board tied to two ports)
 * gets `-2`, `-3`.
 */
export function logFilesIn(folder: string, names: readonly string[]): string[] {
  const dir = folder.trim().replace(/\/+$/, '');
  const taken = new Map<string, number>();
  return names.map((name) => {
    const count = (taken.get(name) ?? 0) + 1;
    taken.set(name, count);
    return `${dir}/${count === 1 ? name : `${name}-${count}`}.log`;
  });
}
