// SPDX-License-Identifier: Apache-2.0

/**
 * The local path of a dropped or picked file, where the page can know it: inside Electron the
 * preload bridge asks Electron. A browser never reveals paths, so there the user types one
 * (the file must be on the machine that runs `benchtop serve`).
 */
export function pathOfFile(file: File): string | undefined {
  const path = window.benchtop?.pathForFile(file);
  return path ? path : undefined;
}
