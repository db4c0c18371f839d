// SPDX-License-Identifier: Apache-2.0

/** A hostname compared the way mDNS does: case-insensitive, without the .local domain. */
export const bareHostname = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/\.local\.?$/, '');
