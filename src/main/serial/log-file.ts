// SPDX-License-Identifier: Apache-2.0
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BenchtopError } from '../../shared/errors.js';
import { isoStamp, LineStamper } from '../../shared/line-stamper.js';

/** A console's log: appended, one ISO timestamp per line, bytes otherwise as the board sent them. */
export class ConsoleLog {
  private readonly stamper = new LineStamper(isoStamp);

  private constructor(
    readonly path: string,
    private readonly stream: WriteStream,
  ) {}

  static async open(file: string): Promise<ConsoleLog> {
    const path = resolve(file);
    await mkdir(dirname(path), { recursive: true }).catch(() => undefined);
    const stream = createWriteStream(path, { flags: 'a' });
    await new Promise<void>((done, fail) => {
      stream.once('open', () => done());
      stream.once('error', (error) =>
        fail(
          new BenchtopError('PERMISSION_DENIED', `Cannot write the log ${path}.`, error.message),
        ),
      );
    });
    // A full disk or a vanished directory later stops the log, never the console.
    stream.on('error', () => undefined);
    return new ConsoleLog(path, stream);
  }

  write(data: Buffer): void {
    this.stream.write(this.stamper.stamp(data));
  }

  /** Benchtop's own lines (connect, gap) start on a fresh line of the log. */
  note(text: string): void {
    const lead = this.stamper.atStart ? '' : '\n';
    this.stream.write(this.stamper.stamp(Buffer.from(`${lead}[benchtop] ${text}\n`)));
  }

  async close(): Promise<void> {
    await new Promise<void>((done) => this.stream.end(() => done()));
  }
}
