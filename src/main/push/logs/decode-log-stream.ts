// SPDX-License-Identifier: Apache-2.0
// A container's log stream, as the engine sends it, into timestamped lines. Without a TTY the
// engine multiplexes stdout and stderr into frames (an 8-byte header each); with a TTY it sends
// the terminal's bytes as they are, all as stdout.
import { Writable, type Readable } from 'node:stream';
import { LineSplitter } from './line-splitter.js';
import type { LogStream } from './log-line.js';
import { splitTimestamp, type TimestampedText } from './log-timestamp.js';

/** dockerode's `modem.demuxStream`: splits frames onto two writables. */
export type Demux = (source: Readable, stdout: Writable, stderr: Writable) => void;

export type DecodedLine = TimestampedText & { readonly stream: LogStream };

export interface DecodeOptions {
  readonly tty: boolean;
  readonly demux: Demux;
  readonly onLine: (line: DecodedLine) => void;
  readonly maxLineChars?: number;
}

/** Feeds `source` through the decoder; resolves when it ends, rejects when it fails. */
export function decodeLogStream(source: Readable, options: DecodeOptions): Promise<void> {
  const splitters = {
    stdout: new LineSplitter(options.maxLineChars),
    stderr: new LineSplitter(options.maxLineChars),
  };
  // The last timestamp seen per stream: a piece of a long message that the engine split (and
  // so carries no timestamp of its own after our cut) takes it.
  const last: Record<LogStream, string> = { stdout: '', stderr: '' };
  const emit = (stream: LogStream, lines: string[]) => {
    for (const line of lines) {
      const parsed = splitTimestamp(line);
      if (parsed) last[stream] = parsed.timestamp;
      else if (!last[stream]) continue;
      options.onLine({ stream, ...(parsed ?? { timestamp: last[stream], message: line }) });
    }
  };
  const sink = (stream: LogStream) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        emit(stream, splitters[stream].push(chunk));
        done();
      },
    });

  return new Promise((resolve, reject) => {
    let ended = false;
    const finish = () => {
      if (ended) return;
      ended = true;
      emit('stdout', splitters.stdout.end());
      emit('stderr', splitters.stderr.end());
      resolve();
    };
    source.once('end', finish);
    source.once('close', finish);
    source.once('error', reject);
    // Aborted before we listened: it will say nothing more.
    if (source.destroyed) finish();
    if (options.tty) {
      const stdout = sink('stdout');
      source.on('data', (chunk: Buffer) => stdout.write(chunk));
    } else {
      options.demux(source, sink('stdout'), sink('stderr'));
    }
  });
}
