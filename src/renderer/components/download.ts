// SPDX-License-Identifier: Apache-2.0

/** Hands the text to the browser (or Electron) as a file download. */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download by the next tick; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
