// SPDX-License-Identifier: Apache-2.0
// One shell: its program, the bounded history of its output (a viewer that comes late, or a
// caller that subscribes after a short command ended, still gets it), and its end.
import type { ShellSession, ShellTarget } from '../../shared/contract/index.js';
import type { EventBus } from '../contract/event-bus.js';
import { HistoryRing } from '../streams/index.js';
import type { ProcessExit, ShellOutput, ShellProcess } from './shell-process.js';

const HISTORY_BYTES = 256 * 1024;

export interface SessionOrigin {
  readonly id: string;
  readonly owner: string;
  readonly board: string;
  readonly address: string;
  readonly target: ShellTarget;
  readonly tty: boolean;
  readonly cols: number;
  readonly rows: number;
}

export class ShellSessionHandle implements ShellOutput {
  readonly openedAt = new Date().toISOString();
  private readonly history = new HistoryRing(HISTORY_BYTES);
  private seq = 0;
  private process: ShellProcess | undefined;
  private ended: ShellSession['exit'];
  private cols: number;
  private rows: number;

  constructor(
    private readonly bus: EventBus,
    readonly origin: SessionOrigin,
  ) {
    this.cols = origin.cols;
    this.rows = origin.rows;
  }

  get id(): string {
    return this.origin.id;
  }

  get exited(): boolean {
    return this.ended !== undefined;
  }

  attach(process: ShellProcess): void {
    this.process = process;
  }

  data(chunk: Buffer, stream: 'stdout' | 'stderr'): void {
    if (chunk.length === 0) return;
    this.history.push(chunk);
    this.seq += 1;
    this.bus.emit('shell.data', {
      sessionId: this.id,
      seq: this.seq,
      data: chunk.toString('base64'),
      stream,
    });
  }

  exit(exit: ProcessExit): void {
    if (this.ended) return;
    this.ended = {
      status: exit.status,
      ...(exit.signal === undefined ? {} : { signal: exit.signal }),
      ...(exit.error === undefined ? {} : { error: exit.error }),
      at: new Date().toISOString(),
    };
    this.bus.emit('shell.exit', { sessionId: this.id, exit: this.ended });
  }

  write(data: Buffer): number {
    if (this.ended || !this.process) return 0;
    this.process.write(data);
    return data.length;
  }

  endInput(): boolean {
    if (this.ended || !this.process) return false;
    this.process.end();
    return true;
  }

  async resize(cols: number, rows: number): Promise<void> {
    this.cols = cols;
    this.rows = rows;
    if (!this.ended && this.process && this.origin.tty) await this.process.resize(cols, rows);
  }

  close(): void {
    if (!this.ended) this.process?.kill();
  }

  historySnapshot(): { data: string; seq: number } {
    return { data: this.history.snapshot().toString('base64'), seq: this.seq };
  }

  info(): ShellSession {
    const { id, board, address, target, tty } = this.origin;
    return {
      id,
      board,
      address,
      target,
      ...(this.process?.containerId === undefined ? {} : { containerId: this.process.containerId }),
      command: [...(this.process?.command ?? [])],
      tty,
      cols: this.cols,
      rows: this.rows,
      state: this.ended ? 'exited' : 'open',
      ...(this.ended ? { exit: this.ended } : {}),
      openedAt: this.openedAt,
    };
  }
}
