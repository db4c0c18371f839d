// SPDX-License-Identifier: Apache-2.0
// One port's I/O under a console session: the open port and its fast reader, writes in order,
// modem lines and BREAK, settings changed in place or by reopening, and finding the port again
// after it went away. What the bytes mean, and who watches them, is the session's business.
import { existsSync, writeSync } from 'node:fs';
import type { ReadStream } from 'node:tty';
import type { SerialPort } from 'serialport';
import type { ConsoleSession, ConsoleSettings } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import { hints } from '../../shared/error-hints.js';
import { explainOpenError } from './open-errors.js';
import { openPort, openReader } from './open-port.js';
import { listPorts } from './port-list.js';

/** How often a link that lost its port looks for it again. */
const RECONNECT_POLL_MS = 300;

export type Identity = ConsoleSession['identity'];
export type ModemLines = { dtr?: boolean; rts?: boolean };

export interface LinkListener {
  data(chunk: Buffer): void;
  /** The port went away; the link now looks for it on its own. */
  lost(why: string): void;
  /** Still away; `reason` says why the last reopen failed (busy, no permission), if it did. */
  waiting(reason: string | undefined): void;
  /** Open again, at `path` (a USB adapter may come back under another name). */
  back(path: string): void;
}

export class SerialLink {
  private port: SerialPort | undefined;
  private reader: ReadStream | undefined;
  private readerFd: number | undefined;
  private queuedWrites = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private reopening = false;
  private signals: ModemLines = {};

  constructor(
    private currentPath: string,
    readonly identity: Identity,
    private settings: ConsoleSettings,
    private readonly listener: LinkListener,
  ) {}

  get path(): string {
    return this.currentPath;
  }

  /** The first open; its failure is the caller's (port missing, busy, no permission). */
  async open(): Promise<void> {
    this.attach(await openPort(this.currentPath, this.settings));
  }

  async write(data: Buffer): Promise<void> {
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

  /** Sets DTR and RTS; they are set again whenever the port comes back. */
  async setSignals(signals: ModemLines): Promise<ModemLines> {
    const port = this.connectedPort();
    this.signals = { ...this.signals, ...signals };
    await this.setLines(port, this.signals);
    return { ...this.signals };
  }

  /** Applies new settings to the open port; on failure the port keeps the old ones. */
  async applySettings(settings: ConsoleSettings): Promise<void> {
    const before = this.settings;
    this.settings = settings;
    const port = this.port;
    if (!port) return;
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
        throw await explainOpenError(this.currentPath, error);
      });
    } else if (lineChanged) {
      // serialport can change only the rate in place; the framing needs a fresh open.
      this.reopening = true;
      this.stopReader();
      await new Promise<void>((resolve) => port.close(() => resolve()));
      this.port = undefined;
      try {
        this.attach(await openPort(this.currentPath, settings));
      } catch (error) {
        this.settings = before;
        this.attach(await openPort(this.currentPath, before));
        throw error;
      } finally {
        this.reopening = false;
      }
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retryTimer);
    const port = this.port;
    this.port = undefined;
    this.stopReader();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private attach(port: SerialPort): void {
    this.port = port;
    const lost = (why: string): void => {
      if (this.port !== port || this.closing || this.reopening) return;
      this.port = undefined;
      this.stopReader();
      if (port.isOpen) port.close(() => undefined);
      this.listener.lost(why);
      this.scheduleRetry();
    };
    const opened = openReader(this.currentPath);
    if (opened) {
      const reader = opened.stream;
      this.reader = reader;
      this.readerFd = opened.fd;
      reader.on('data', (chunk: Buffer) => {
        if (this.port === port) this.listener.data(chunk);
      });
      reader.on('end', () => lost('unplugged'));
      reader.on('error', (error: NodeJS.ErrnoException) =>
        lost(error.code === 'EIO' || error.code === 'ENXIO' ? 'unplugged' : error.message),
      );
    } else {
      port.on('data', (chunk: Buffer) => {
        if (this.port === port) this.listener.data(chunk);
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

  private scheduleRetry(): void {
    this.retryTimer = setTimeout(() => void this.retry(), RECONNECT_POLL_MS);
    // A waiting console alone must not keep a CLI process alive.
    this.retryTimer.unref();
  }

  private async retry(): Promise<void> {
    if (this.closing) return;
    let reason: string | undefined;
    const path = await this.findPort();
    if (path !== undefined && !this.closing) {
      const port = await openPort(path, this.settings).catch((error: unknown) => {
        if (error instanceof BenchtopError) reason = `${error.message} Retrying.`;
        return undefined;
      });
      if (port && this.closing) {
        port.close(() => undefined);
        return;
      }
      if (port) {
        this.currentPath = path;
        this.attach(port);
        if (Object.keys(this.signals).length > 0)
          await this.setLines(port, this.signals).catch(() => undefined);
        this.listener.back(path);
        return;
      }
    }
    this.listener.waiting(reason);
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
    if (this.port) return this.port;
    throw this.closing
      ? BenchtopError.withHint(
          'TARGET_LOST',
          `The console on ${this.currentPath} is closed.`,
          hints.consoleClosed,
        )
      : BenchtopError.withHint(
          'TARGET_LOST',
          `${this.currentPath} is not connected right now; the console waits for it to come back.`,
          hints.consoleGone,
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
        `${this.currentPath} does not support setting modem lines or BREAK (a pty does not).`,
        error instanceof Error ? error.message : String(error),
      );
    });
  }
}
