// SPDX-License-Identifier: Apache-2.0
import { userInfo } from 'node:os';
import type { Caller } from '../../shared/roles.js';

/** The user this process runs as: who the bench's owner is called in history. */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}

/**
 * The bench's owner: the CLI's own engine, the desktop app, and whoever holds the serve's own
 * token (it lives in a 0600 file only this OS user reads). The owner may do everything.
 */
export const localOwner = (): Caller => ({ user: osUser(), role: 'admin', owner: true });
