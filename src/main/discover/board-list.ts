// SPDX-License-Identifier: Apache-2.0
// The boards Benchtop knows of, heard over mDNS or added by hand, as one list every service
// reads: discover fills it, push resolves "ADDR|NAME" against it.
import { isIP } from 'node:net';
import type { Board, DeviceChange } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import { sameBoard } from './board-records.js';
import { checkBoardAddress, resolveBoard } from './resolve-host.js';

export type LeaveReason = NonNullable<DeviceChange['reason']>;

/** Where a push (or anything else aimed at one board) goes. */
export interface BoardTarget {
  address: string;
  /** The listed board at that address, if any: an address is used even when nothing is. */
  board: Board | undefined;
}

const SHORT_UUID = /^[0-9a-f]{7}$/;
const FULL_UUID = /^[0-9a-f]{32}([0-9a-f]{30})?$/;
const plainName = (input: string): string => input.trim().toLowerCase().replace(/\.$/, '');
const firstLabel = (hostname: string | null): string | undefined =>
  hostname?.replace(/\.local$/, '').split('.')[0];

/**
 * Whether a hand-added entry names the same board as one heard over mDNS: by address, by host
 * name (`board0`, `board0.local`, `board0.lan` are one machine at a bench), or by uuid (balenaOS
 * names a board by its uuid's first 7 digits; a full uuid typed by hand is that board too).
 */
function sameMachine(added: Board, heard: Board): boolean {
  if (added.address !== null && added.address === heard.address) return true;
  const name = plainName(added.name);
  if (name === heard.hostname || `${name}.local` === heard.hostname) return true;
  const label = firstLabel(heard.hostname);
  if (label === undefined || isIP(name) !== 0) return false;
  if (FULL_UUID.test(name) && SHORT_UUID.test(label)) return name.startsWith(label);
  return firstLabel(name) === label;
}

/** Two mDNS records of one machine (a board that left, back on another interface or name). */
const sameHeard = (a: Board, b: Board): boolean =>
  (a.address !== null && a.address === b.address) ||
  (a.hostname !== null && a.hostname === b.hostname);

/** Reasons a board stops being seen; only one Benchtop reached is kept then, as left. */
const LEAVING = new Set<LeaveReason>(['goodbye', 'expired', 'silent', 'interface-gone']);
const answers = (board: Board): boolean =>
  board.engineState === 'up' || board.supervisor.state === 'up' || board.ssh.state === 'up';

/**
 * A board added by hand and also heard over mDNS is one board: the mDNS record (which knows its
 * interface and advert) is listed with `addedByHand`, and the hand-added record waits behind it
 * until the board stops advertising. Faces are told only about what they are shown.
 */
export class BoardList {
  private readonly heard = new Map<string, Board>();
  private readonly added = new Map<string, Board>();
  /** What the faces were last told, by id. */
  private readonly shown = new Map<string, Board>();
  /**
   * Records that answered a probe at least once: a board going off the network fails its
   * probes before its advert expires, so its state when it leaves says nothing.
   */
  private readonly reached = new Set<string>();

  constructor(private readonly onChange: (change: DeviceChange) => void) {}

  /** Every board as listed: one record per machine; boards that left after those present. */
  list(): Board[] {
    const all = [...this.shown.values()];
    return [...all.filter((b) => !b.left), ...all.filter((b) => b.left)];
  }

  get size(): number {
    return this.shown.size;
  }

  /** The record under `id`, listed or waiting behind an mDNS one (probes still update it). */
  get(id: string): Board | undefined {
    return this.heard.get(id) ?? this.added.get(id);
  }

  /** How the faces see the board under `id`: a shadowed hand-added one as its mDNS record. */
  listed(id: string): Board | undefined {
    const shown = this.shown.get(id);
    if (shown) return shown;
    const added = this.added.get(id);
    const heard = added && this.heardMatch(added);
    return heard && this.shown.get(heard.id);
  }

  /** Hand-added and probed only when no mDNS record of the same board is listed. */
  isShadowed(id: string): boolean {
    const board = this.added.get(id);
    return board !== undefined && this.heardMatch(board) !== undefined;
  }

  /** Every record to probe: mDNS ones present and hand-added ones, shadowed or not. */
  records(): Board[] {
    return [...this.heard.values(), ...this.added.values()].filter((b) => !b.left);
  }

  /** Stores a new record of a board and tells the faces if something they show changed. */
  put(board: Board, reason?: LeaveReason): void {
    const before = this.get(board.id);
    if (answers(board)) this.reached.add(board.id);
    if (board.source === 'mdns' && !board.left) {
      // Back under another record (interface, instance): the one that left goes.
      for (const old of this.heard.values()) {
        if (old.left && old.id !== board.id && sameHeard(old, board)) this.drop(old, 'merged');
      }
    }
    (board.source === 'mdns' ? this.heard : this.added).set(board.id, board);
    this.settle(board, before, reason);
  }

  /** Applies a change to a board's current record, if it is still listed. */
  update(id: string, patch: (board: Board) => Board): void {
    const current = this.get(id);
    if (current) this.put(patch(current));
  }

  /**
   * A board stops being seen, or is removed. One Benchtop had reached stays listed as left
   * (greyed, with when it was last seen) until it comes back or is forgotten.
   */
  remove(id: string, reason: LeaveReason): Board | undefined {
    const board = this.get(id);
    if (!board) return undefined;
    // Kept only while no other record lists the same machine (one row per board).
    const elsewhere = [...this.heard.values()].some(
      (other) => other.id !== id && !other.left && sameHeard(other, board),
    );
    if (
      board.source === 'mdns' &&
      !board.left &&
      LEAVING.has(reason) &&
      this.reached.has(id) &&
      !elsewhere
    ) {
      const left = {
        at: new Date().toISOString(),
        reason: reason as NonNullable<Board['left']>['reason'],
      };
      this.put({ ...board, left }, reason);
      return board;
    }
    this.drop(board, reason);
    return board;
  }

  /** Forgets a board that left: by id, name, host name or address. */
  forget(input: string): Board {
    const wanted = plainName(input);
    const left = [...this.heard.values()].filter((b) => b.left);
    const board =
      left.find((b) => b.id === input.trim()) ??
      left.find(
        (b) =>
          b.address === wanted ||
          b.name.toLowerCase() === wanted ||
          b.hostname === wanted ||
          b.hostname === `${wanted}.local`,
      );
    if (board) {
      this.drop(board, 'forgotten');
      return board;
    }
    const present = this.findBoard(input);
    if (present)
      throw new BenchtopError(
        'INVALID_INPUT',
        `${present.name} is on the network now; only a board that left can be forgotten.`,
      );
    throw new BenchtopError('NOT_FOUND', `No board "${input.slice(0, 80)}" left the list.`);
  }

  private drop(board: Board, reason: LeaveReason): void {
    this.reached.delete(board.id);
    this.heard.delete(board.id);
    this.added.delete(board.id);
    this.settle(undefined, board, reason);
  }

  /** An address, mDNS or DNS host name, short uuid (`abc1234`), board name or id. */
  findBoard(input: string): Board | undefined {
    const wanted = plainName(input);
    const all = this.list();
    return (
      this.shown.get(input.trim()) ??
      all.find((b) => b.address === wanted) ??
      all.find((b) => b.hostname === wanted || b.hostname === `${wanted}.local`) ??
      all.find((b) => b.name.toLowerCase() === wanted) ??
      // balenaOS names a board by the first 7 characters of its uuid: a full uuid finds it too.
      (FULL_UUID.test(wanted)
        ? all.find((b) => {
            const label = firstLabel(b.hostname);
            return label !== undefined && SHORT_UUID.test(label) && wanted.startsWith(label);
          })
        : undefined)
    );
  }

  /** The address mDNS heard for a host name: `.local` names often do not resolve otherwise. */
  knownHost(hostname: string): string | undefined {
    for (const board of this.heard.values()) {
      if (board.hostname === hostname && board.address) return board.address;
    }
    return undefined;
  }

  /**
   * Where "ADDR|NAME" points: an IP address as given (listed or not), else a listed board's
   * address, else the system resolver's answer for a host name.
   */
  async resolve(input: string): Promise<BoardTarget> {
    const typed = checkBoardAddress(input);
    if (isIP(typed) !== 0) return { address: typed, board: this.findBoard(typed) };
    const board = this.findBoard(typed);
    if (board?.address) return { address: board.address, board };
    if (board) {
      throw new BenchtopError(
        'UNREACHABLE',
        `${board.name} is listed but has no address now: check that it is on the network.`,
      );
    }
    const address = await resolveBoard(typed, (host) => this.knownHost(host));
    return { address, board: this.findBoard(address) };
  }

  private heardMatch(added: Board): Board | undefined {
    for (const heard of this.heard.values())
      if (!heard.left && sameMachine(added, heard)) return heard;
    return undefined;
  }

  /** What the faces should see for a record now: undefined when it is not listed. */
  private view(board: Board): Board | undefined {
    if (board.source !== 'mdns') return this.heardMatch(board) ? undefined : board;
    for (const added of this.added.values()) {
      if (!sameMachine(added, board)) continue;
      // A board that left is shown by its hand-added row, which keeps probing it.
      return board.left ? undefined : { ...board, addedByHand: true };
    }
    return board;
  }

  /**
   * A record changed from `before` to `after`: tell the faces about it, and about the records of
   * the other kind it merges with now or merged with before.
   */
  private settle(after: Board | undefined, before: Board | undefined, reason?: LeaveReason) {
    const record = after ?? before;
    if (!record) return;
    this.tell(record.id, after && this.view(after), reason);
    const heard = record.source === 'mdns';
    const touches = (other: Board): boolean =>
      [after, before].some(
        (b) => b !== undefined && (heard ? sameMachine(other, b) : sameMachine(b, other)),
      );
    for (const other of (heard ? this.added : this.heard).values()) {
      if (touches(other)) this.tell(other.id, this.view(other), 'merged');
    }
  }

  private tell(id: string, next: Board | undefined, reason?: LeaveReason): void {
    const before = this.shown.get(id);
    if (next) {
      this.shown.set(id, next);
      if (!before || (before.left && !next.left)) this.onChange({ kind: 'appeared', board: next });
      else if (next.left && !before.left)
        this.onChange({ kind: 'left', board: next, reason: next.left.reason });
      else if (!sameBoard(before, next)) this.onChange({ kind: 'updated', board: next });
    } else if (before) {
      this.shown.delete(id);
      this.onChange(
        reason
          ? { kind: 'disappeared', board: before, reason }
          : { kind: 'disappeared', board: before },
      );
    }
  }
}
