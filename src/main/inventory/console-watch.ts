// SPDX-License-Identifier: Apache-2.0
// Follows console sessions through their state events, so a session on a tied port becomes one
// history event when it closes: where, when it opened and closed, and every log it wrote. A
// closed session's own event has lost its log already (the log ends as the port closes), so
// what the log was is remembered from the states before.
import type { ConsoleSession } from '../../shared/contract/index.js';

export interface EndedSession {
  sessionId: string;
  path: string;
  serialNumber: string | null;
  /** The board the port was tied to, as the tie named it. */
  board: string;
  openedAt: string;
  closedAt: string;
  /** The log files the session wrote, in the order they were started. */
  logFiles: string[];
  /** Who had it open (users of the bench). */
  users: string[];
}

interface Followed {
  path: string;
  board: string | undefined;
  logFiles: string[];
  users: string[];
}

export class ConsoleWatch {
  private readonly open = new Map<string, Followed>();

  /** Takes a session's state; returns the session when this closed it on a tied port. */
  state(session: ConsoleSession, now: () => string = () => new Date().toISOString()) {
    const followed = this.open.get(session.id) ?? {
      path: session.path,
      board: undefined,
      logFiles: [],
      users: [],
    };
    this.open.set(session.id, followed);
    followed.path = session.path;
    // Tied while open counts; a tie taken off while open keeps the board it had.
    if (session.board !== undefined) followed.board = session.board;
    if (session.logFile !== undefined && followed.logFiles.at(-1) !== session.logFile)
      followed.logFiles.push(session.logFile);
    for (const user of session.users ?? [])
      if (!followed.users.includes(user)) followed.users.push(user);
    if (session.state !== 'closed') return undefined;
    this.open.delete(session.id);
    if (followed.board === undefined) return undefined;
    const ended: EndedSession = {
      sessionId: session.id,
      path: followed.path,
      serialNumber: session.identity.kind === 'usb' ? session.identity.serialNumber : null,
      board: followed.board,
      openedAt: session.openedAt,
      closedAt: now(),
      logFiles: followed.logFiles,
      users: followed.users,
    };
    return ended;
  }
}
