// SPDX-License-Identifier: Apache-2.0
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { BenchtopError } from '../../shared/errors.js';
import { isoStamp, LineStamper } from '../../shared/line-stamper.js';
import { benchtopHome } from '../settings/paths.js';
import { PlainText } from './plain-text.js';

/** Where a log named without a folder goes. */
export const logsFolder = (): string => join(benchtopHome(), 'logs');

/** An absolute path as it is; a relative name inside the logs folder, never above it. */
export function logPath(file: string): string {
  if (isAbsolute(file)) return resolve(file);
  const inside = normalize(file);
  if (inside === '..' || inside.startsWith(`..${sep}`)) {
    throw new BenchtopError(
      'INVALID_INPUT',
      `The log name ${file} leads out of Benchtop's logs folder (${logsFolder()}).`,
      'Give a file name, or an absolute path.',
    );
  }
  return join(logsFolder(), inside);
}

export interface LogOptions {
  /** Leave out escape sequences and carriage returns. */
  plain: boolean;
  /** Who asked, in words; the client id is what ends the log. */
  owner: { clientId: string; label: string } | undefined;
}

/**
 * A console's log: appended, one ISO timestamp per line, bytes otherwise as the board sent them
 * (or as plain text).
 */
export class ConsoleLog {
  private readonly stamper = new LineStamper(isoStamp);
  private readonly plainText: PlainText | undefined;

  private constructor(
    readonly path: string,
    private readonly stream: WriteStream,
    readonly options: LogOptions,
  ) {
    this.plainText = options.plain ? new PlainText() : undefined;
  }

  static async open(file: string, options: LogOptions): Promise<ConsoleLog> {
    const path = logPath(file);
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
    return new ConsoleLog(path, stream, options);
  }

  write(data: Buffer): void {
    const text = this.plainText ? this.plainText.strip(data) : data;
    if (text.length > 0) this.stream.write(this.stamper.stamp(text));
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
