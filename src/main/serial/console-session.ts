// SPDX-License-Identifier: Apache-2.0
// One open port and everything that watches it. The port is opened once (its I/O is the
// SerialLink's) and shared: every viewer gets the same bytes (as console.data events), a late
// viewer gets the recent history, and any viewer's writes go through.
import { randomUUID } from 'node:crypto';
import type {
  ConsoleSession as SessionInfo,
  ConsoleSettings,
  ConsoleState,
} from '../../shared/contract/index.js';
import type { EventBus } from '../contract/event-bus.js';
import { HistoryRing } from '../streams/index.js';
import { ConsoleLog, type LogOptions } from './log-file.js';
import { mapReceive, mapSend } from './newline-map.js';
import { SerialLink, type Identity, type ModemLines } from './serial-link.js';
import { describeSettings } from '../../shared/console-settings-text.js';

/** What a late viewer gets replayed; enough for a few screens of boot log, bounded under a flood. */
const HISTORY_BYTES = 256 * 1024;

/** The size of the pieces exec's hidden output is shown in, as a tty read hands them over. */
const REVEAL_CHUNK_BYTES = 64 * 1024;

const clock = (date: Date): string => date.toISOString().slice(11, 23);

export class ConsoleSessionHandle {
  readonly id = randomUUID();
  readonly openedAt = new Date().toISOString();
  /** The board this port is tied to; the service keeps it current. */
  board: string | undefined;
  private readonly link: SerialLink;
  private state: ConsoleState = 'connecting';
  private reason: string | undefined;
  private readonly viewers = new Map<string, number>();
  private readonly users: string[] = [];
  private readonly gaps: SessionInfo['gaps'] = [];
  private readonly history = new HistoryRing(HISTORY_BYTES);
  private readonly taps = new Set<(chunk: Buffer) => void>();
  private readonly stateWatchers = new Set<(state: ConsoleState) => void>();
  private log: ConsoleLog | undefined;
  private seq = 0;
  private received = 0;
  private lostAt: Date | undefined;
  /** While exec works the shell, viewers and the log see none of it (see hideOutput). */
  private hidden = false;

  constructor(
    private readonly bus: EventBus,
    path: string,
    readonly identity: Identity,
    private settings: ConsoleSettings,
  ) {
    this.link = new SerialLink(path, identity, settings, {
      data: (chunk) => this.ingest(chunk, true),
      lost: (why) => this.lose(why),
      waiting: (reason) => {
        // The reason says why (busy, no permission) so the view can tell.
        if (reason !== undefined) this.reason = reason;
        this.emitState();
      },
      back: (at) => this.back(at),
    });
  }

  /** The first open; its failure is the caller's (port missing, busy, no permission). */
  async start(): Promise<void> {
    await this.link.open();
    this.setState('connected');
  }

  info(): SessionInfo {
    const info: SessionInfo = {
      id: this.id,
      path: this.link.path,
      identity: this.identity,
      settings: { ...this.settings },
      state: this.state,
      viewers: this.viewerCount(),
      gaps: [...this.gaps],
      received: this.received,
      openedAt: this.openedAt,
    };
    if (this.reason !== undefined) info.reason = this.reason;
    if (this.users.length > 0) info.users = [...this.users];
    if (this.board !== undefined) info.board = this.board;
    if (this.log) {
      info.logFile = this.log.path;
      if (this.log.options.plain) info.logPlain = true;
      if (this.log.options.owner) info.logOwner = this.log.options.owner.label;
    }
    return info;
  }

  get currentPath(): string {
    return this.link.path;
  }

  get currentState(): ConsoleState {
    return this.state;
  }

  get currentSettings(): ConsoleSettings {
    return { ...this.settings };
  }

  // --- viewers --------------------------------------------------------------------------------

  /** A viewer joins; `user` (who they are on the bench) is kept for the history. */
  addViewer(clientId: string, user?: string): void {
    this.viewers.set(clientId, (this.viewers.get(clientId) ?? 0) + 1);
    if (user !== undefined && !this.users.includes(user)) this.users.push(user);
    this.emitState();
  }

  hasViewer(clientId: string): boolean {
    return this.viewers.has(clientId);
  }

  /** Returns how many viewers are left. */
  removeViewer(clientId: string): number {
    const count = (this.viewers.get(clientId) ?? 0) - 1;
    if (count > 0) this.viewers.set(clientId, count);
    else this.viewers.delete(clientId);
    this.emitState();
    return this.viewerCount();
  }

  historySnapshot(): { data: string; seq: number } {
    return { data: this.history.snapshot().toString('base64'), seq: this.seq };
  }

  /** Raw bytes as they arrive, for exec; returns the unsubscribe. */
  tap(listener: (chunk: Buffer) => void): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  /**
   * Hides the output from viewers, the history and the log until the returned function is
   * called with one line saying what happened, and what to show after it (the command's output,
   * the shell's next prompt). Exec's login, its typing and its markers stay out of sight.
   */
  hideOutput(): (summary: string, shown: Buffer) => void {
    this.hidden = true;
    return (summary, shown) => {
      if (!this.hidden) return;
      this.hidden = false;
      this.marker(summary);
      this.log?.note(summary);
      this.log?.write(shown);
      // In reads' sizes, as the board's output goes out: a long output is not one huge event.
      for (let at = 0; at < shown.length; at += REVEAL_CHUNK_BYTES) {
        this.emit(shown.subarray(at, at + REVEAL_CHUNK_BYTES));
      }
    };
  }

  watchState(listener: (state: ConsoleState) => void): () => void {
    this.stateWatchers.add(listener);
    return () => this.stateWatchers.delete(listener);
  }

  // --- what viewers ask of the port -----------------------------------------------------------

  /** What a viewer typed: mapped by sendMap, echoed locally when asked. */
  async write(data: Buffer): Promise<number> {
    const mapped = mapSend(data, this.settings.sendMap);
    await this.link.write(mapped);
    if (this.settings.localEcho) this.ingest(data, false);
    return mapped.length;
  }

  /** Bytes as they are, for exec's own login and command lines. */
  async writeRaw(data: Buffer): Promise<void> {
    await this.link.write(data);
  }

  async sendBreak(durationMs: number): Promise<void> {
    await this.link.sendBreak(durationMs);
  }

  async setSignals(signals: ModemLines): Promise<ModemLines> {
    return this.link.setSignals(signals);
  }

  async updateSettings(settings: ConsoleSettings): Promise<void> {
    await this.link.applySettings(settings);
    this.settings = settings;
    this.emitState();
  }

  async setLog(file: string | null, options: LogOptions, why?: string): Promise<void> {
    const next = file === null ? undefined : await ConsoleLog.open(file, options);
    const previous = this.log;
    this.log = next;
    const owner = options.owner ? `, for ${options.owner.label}` : '';
    next?.note(`logging ${this.link.path} (${describeSettings(this.settings)}${owner})`);
    if (previous && why) previous.note(why);
    await previous?.close();
    this.emitState();
  }

  /** The client whose leaving ends the log, when one owns it. */
  get logOwnerId(): string | undefined {
    return this.log?.options.owner?.clientId;
  }

  async close(): Promise<void> {
    await this.link.close();
    await this.log?.close();
    this.log = undefined;
    this.setState('closed');
  }

  // --- the port going away and coming back ----------------------------------------------------

  private lose(why: string): void {
    this.lostAt = new Date();
    this.reason = `${this.link.path} went away (${why}) at ${clock(this.lostAt)}; waiting for it to come back`;
    this.marker(this.reason);
    this.log?.note(this.reason);
    this.setState('waiting');
  }

  private back(path: string): void {
    const from = this.lostAt ?? new Date();
    const to = new Date();
    this.gaps.push({ from: from.toISOString(), to: to.toISOString() });
    const seconds = ((to.getTime() - from.getTime()) / 1000).toFixed(1);
    const text = `${path} is back at ${clock(to)}; output from ${clock(from)} to ${clock(to)} (${seconds} s) was lost`;
    this.marker(text);
    this.log?.note(text);
    this.reason = undefined;
    this.lostAt = undefined;
    this.setState('connected');
  }

  // --- output ---------------------------------------------------------------------------------

  private ingest(raw: Buffer, fromBoard: boolean): void {
    const chunk = fromBoard ? mapReceive(raw, this.settings.receiveMap) : raw;
    if (fromBoard) this.received += raw.length;
    for (const tap of this.taps) tap(chunk);
    if (this.hidden) return;
    this.log?.write(chunk);
    this.emit(chunk);
  }

  /** A line of Benchtop's own in the output, set apart so no one takes it for the board's. */
  private marker(text: string): void {
    this.emit(Buffer.from(`\r\n\x1b[7m[benchtop] ${text}\x1b[0m\r\n`));
  }

  /**
   * Out at once, one event per read: the tty reader already hands over up to 64 KiB at a time
   * under a flood, and a keystroke's echo must not wait a turn of the event loop.
   */
  private emit(data: Buffer): void {
    this.history.push(data);
    this.seq++;
    this.bus.emit('console.data', {
      sessionId: this.id,
      seq: this.seq,
      data: data.toString('base64'),
    });
  }

  private setState(state: ConsoleState): void {
    this.state = state;
    for (const watcher of this.stateWatchers) watcher(state);
    this.emitState();
  }

  emitState(): void {
    this.bus.emit('console.state', this.info());
  }

  private viewerCount(): number {
    return [...this.viewers.values()].reduce((a, b) => a + b, 0);
  }
}
