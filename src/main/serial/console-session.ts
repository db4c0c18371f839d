// SPDX-License-Identifier: Apache-2.0
// One open port and everything that watches it. The port is opened once here and shared: every
// viewer gets the same bytes (as console.data events) and any viewer's writes go through.
import { randomUUID } from 'node:crypto';
import { closeSync, constants, existsSync, openSync, writeSync } from 'node:fs';
import { isatty, ReadStream } from 'node:tty';
import { SerialPort } from 'serialport';
import type {
  ConsoleSession as SessionInfo,
  ConsoleSettings,
  ConsoleState,
} from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { EventBus } from '../contract/event-bus.js';
import { HistoryRing } from './history-ring.js';
import { ConsoleLog } from './log-file.js';
import { mapReceive, mapSend } from './newline-map.js';
import { explainOpenError } from './open-errors.js';
import { listPorts } from './port-list.js';
import { describeSettings } from '../../shared/console-settings-text.js';

/** What a late viewer gets replayed; enough for a few screens of boot log, bounded under a flood. */
const HISTORY_BYTES = 256 * 1024;
/** How often a waiting console looks for its port again. */
const RECONNECT_POLL_MS = 300;

export type Identity = SessionInfo['identity'];

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

async function openPort(path: string, settings: ConsoleSettings): Promise<SerialPort> {
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
function openReader(path: string): { stream: ReadStream; fd: number } | undefined {
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

const clock = (date: Date): string => date.toISOString().slice(11, 23);

export class ConsoleSessionHandle {
  readonly id = randomUUID();
  readonly openedAt = new Date().toISOString();
  /** The board this port is tied to; the service keeps it current. */
  board: string | undefined;
  private port: SerialPort | undefined;
  private reader: ReadStream | undefined;
  private readerFd: number | undefined;
  private queuedWrites = 0;
  private state: ConsoleState = 'connecting';
  private reason: string | undefined;
  private readonly viewers = new Map<string, number>();
  private readonly gaps: SessionInfo['gaps'] = [];
  private readonly history = new HistoryRing(HISTORY_BYTES);
  private readonly taps = new Set<(chunk: Buffer) => void>();
  private readonly stateWatchers = new Set<(state: ConsoleState) => void>();
  private log: ConsoleLog | undefined;
  private seq = 0;
  private received = 0;
  private lostAt: Date | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private reopening = false;
  private signals: { dtr?: boolean; rts?: boolean } = {};

  constructor(
    private readonly bus: EventBus,
    private path: string,
    readonly identity: Identity,
    private settings: ConsoleSettings,
  ) {}

  /** The first open; its failure is the caller's (port missing, busy, no permission). */
  async start(): Promise<void> {
    this.attach(await openPort(this.path, this.settings));
    this.setState('connected');
  }

  info(): SessionInfo {
    const info: SessionInfo = {
      id: this.id,
      path: this.path,
      identity: this.identity,
      settings: { ...this.settings },
      state: this.state,
      viewers: [...this.viewers.values()].reduce((a, b) => a + b, 0),
      gaps: [...this.gaps],
      received: this.received,
      openedAt: this.openedAt,
    };
    if (this.reason !== undefined) info.reason = this.reason;
    if (this.board !== undefined) info.board = this.board;
    if (this.log) info.logFile = this.log.path;
    return info;
  }

  get currentPath(): string {
    return this.path;
  }

  get currentState(): ConsoleState {
    return this.state;
  }

  get currentSettings(): ConsoleSettings {
    return { ...this.settings };
  }

  addViewer(clientId: string): void {
    this.viewers.set(clientId, (this.viewers.get(clientId) ?? 0) + 1);
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
    return [...this.viewers.values()].reduce((a, b) => a + b, 0);
  }

  historySnapshot(): { data: string; seq: number } {
    return { data: this.history.snapshot().toString('base64'), seq: this.seq };
  }

  /** Raw bytes as they arrive, for exec; returns the unsubscribe. */
  tap(listener: (chunk: Buffer) => void): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  watchState(listener: (state: ConsoleState) => void): () => void {
    this.stateWatchers.add(listener);
    return () => this.stateWatchers.delete(listener);
  }

  /** What a viewer typed: mapped by sendMap, echoed locally when asked. */
  async write(data: Buffer): Promise<number> {
    const mapped = mapSend(data, this.settings.sendMap);
    await this.writeRaw(mapped);
    if (this.settings.localEcho) this.ingest(data, false);
    return mapped.length;
  }

  async writeRaw(data: Buffer): Promise<void> {
    const port = this.connectedPort();
    let rest = data;
    // A keystroke goes out at once on the non-blocking descriptor when nothing is queued before
    // it; what the line cannot take now (flow control, a full buffer) queues behind in order.
    if (this.readerFd !== undefined && this.queuedWrites === 0) {
      try {
        rest = data.subarray(writeSync(this.readerFd, data));
      } catch {
        // EAGAIN and the like: the queued path below waits for the line instead.
      }
      if (rest.length === 0) return;
    }
    this.queuedWrites++;
    await new Promise<void>((resolve, reject) => {
      port.write(rest, (error) => (error ? reject(error) : resolve()));
    }).finally(() => this.queuedWrites--);
  }

  async sendBreak(durationMs: number): Promise<void> {
    const port = this.connectedPort();
    await this.setLines(port, { brk: true });
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    await this.setLines(port, { brk: false });
  }

  async setSignals(signals: {
    dtr?: boolean;
    rts?: boolean;
  }): Promise<{ dtr?: boolean; rts?: boolean }> {
    const port = this.connectedPort();
    this.signals = { ...this.signals, ...signals };
    await this.setLines(port, this.signals);
    return { ...this.signals };
  }

  async updateSettings(settings: ConsoleSettings): Promise<void> {
    const before = this.settings;
    this.settings = settings;
    const port = this.port;
    if (!port || this.state !== 'connected') return this.emitState();
    const lineChanged =
      before.dataBits !== settings.dataBits ||
      before.parity !== settings.parity ||
      before.stopBits !== settings.stopBits ||
      before.flowControl !== settings.flowControl;
    if (!lineChanged && before.baudRate !== settings.baudRate) {
      await new Promise<void>((resolve, reject) =>
        port.update({ baudRate: settings.baudRate }, (error) =>
          error ? reject(error) : resolve(),
        ),
      ).catch(async (error: unknown) => {
        this.settings = before;
        throw await explainOpenError(this.path, error);
      });
    } else if (lineChanged) {
      // serialport can change only the rate in place; the framing needs a fresh open.
      this.reopening = true;
      this.stopReader();
      await new Promise<void>((resolve) => port.close(() => resolve()));
      this.port = undefined;
      try {
        this.attach(await openPort(this.path, settings));
      } catch (error) {
        this.settings = before;
        this.attach(await openPort(this.path, before));
        throw error;
      } finally {
        this.reopening = false;
      }
    }
    this.emitState();
  }

  async setLog(file: string | null): Promise<void> {
    const next = file === null ? undefined : await ConsoleLog.open(file);
    const previous = this.log;
    this.log = next;
    next?.note(`logging ${this.path} (${describeSettings(this.settings)})`);
    await previous?.close();
    this.emitState();
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retryTimer);
    const port = this.port;
    this.port = undefined;
    this.stopReader();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    await this.log?.close();
    this.log = undefined;
    this.setState('closed');
  }

  // --- the port's life ------------------------------------------------------------------------

  private attach(port: SerialPort): void {
    this.port = port;
    const lost = (why: string): void => {
      if (this.port !== port || this.closing || this.reopening) return;
      this.port = undefined;
      this.stopReader();
      if (port.isOpen) port.close(() => undefined);
      this.lose(why);
    };
    const opened = openReader(this.path);
    if (opened) {
      const reader = opened.stream;
      this.reader = reader;
      this.readerFd = opened.fd;
      reader.on('data', (chunk: Buffer) => {
        if (this.port === port) this.ingest(chunk, true);
      });
      reader.on('end', () => lost('unplugged'));
      reader.on('error', (error: NodeJS.ErrnoException) =>
        lost(error.code === 'EIO' || error.code === 'ENXIO' ? 'unplugged' : error.message),
      );
    } else {
      port.on('data', (chunk: Buffer) => {
        if (this.port === port) this.ingest(chunk, true);
      });
    }
    port.on('close', (error: (Error & { disconnected?: boolean }) | null) =>
      lost(error?.disconnected ? 'unplugged' : 'closed'),
    );
    port.on('error', (error: Error) => lost(error.message));
  }

  private stopReader(): void {
    this.reader?.destroy();
    this.reader = undefined;
    this.readerFd = undefined;
  }

  private lose(why: string): void {
    this.lostAt = new Date();
    this.reason = `${this.path} went away (${why}) at ${clock(this.lostAt)}; waiting for it to come back`;
    this.marker(this.reason);
    this.log?.note(this.reason);
    this.setState('waiting');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.retryTimer = setTimeout(() => void this.retry(), RECONNECT_POLL_MS);
    // A waiting console alone must not keep a CLI process alive.
    this.retryTimer.unref();
  }

  private async retry(): Promise<void> {
    if (this.closing) return;
    const path = await this.findPort();
    if (path !== undefined && !this.closing) {
      const port = await openPort(path, this.settings).catch((error: unknown) => {
        // Still waiting; the reason says why (busy, no permission) so the view can tell.
        if (error instanceof BenchtopError) this.reason = `${error.message} Retrying.`;
        return undefined;
      });
      if (port && this.closing) {
        port.close(() => undefined);
        return;
      }
      if (port) {
        this.path = path;
        this.attach(port);
        const from = this.lostAt ?? new Date();
        const to = new Date();
        this.gaps.push({ from: from.toISOString(), to: to.toISOString() });
        const seconds = ((to.getTime() - from.getTime()) / 1000).toFixed(1);
        const text = `${path} is back at ${clock(to)}; output from ${clock(from)} to ${clock(to)} (${seconds} s) was lost`;
        this.marker(text);
        this.log?.note(text);
        this.reason = undefined;
        this.lostAt = undefined;
        if (Object.keys(this.signals).length > 0)
          await this.setLines(port, this.signals).catch(() => undefined);
        this.setState('connected');
        return;
      }
    }
    this.emitState();
    this.scheduleRetry();
  }

  /** Same USB serial number wherever it is plugged, else the same path. */
  private async findPort(): Promise<string | undefined> {
    if (this.identity.kind === 'usb') {
      const serial = this.identity.serialNumber;
      const ports = await listPorts().catch(() => []);
      return ports.find((port) => port.serialNumber === serial)?.path;
    }
    return existsSync(this.identity.path) ? this.identity.path : undefined;
  }

  private connectedPort(): SerialPort {
    if (this.port && this.state === 'connected') return this.port;
    throw new BenchtopError(
      'TARGET_LOST',
      this.state === 'closed'
        ? `The console on ${this.path} is closed.`
        : `${this.path} is not connected right now; the console waits for it to come back.`,
    );
  }

  private async setLines(
    port: SerialPort,
    flags: { brk?: boolean; dtr?: boolean; rts?: boolean },
  ): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      port.set(flags, (error) => (error ? reject(error) : resolve())),
    ).catch((error: unknown) => {
      throw new BenchtopError(
        'UNSUPPORTED',
        `${this.path} does not support setting modem lines or BREAK (a pty does not).`,
        error instanceof Error ? error.message : String(error),
      );
    });
  }

  // --- output ---------------------------------------------------------------------------------

  private ingest(raw: Buffer, fromBoard: boolean): void {
    const chunk = fromBoard ? mapReceive(raw, this.settings.receiveMap) : raw;
    if (fromBoard) this.received += raw.length;
    this.log?.write(chunk);
    for (const tap of this.taps) tap(chunk);
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
}
