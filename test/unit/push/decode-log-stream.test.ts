// SPDX-License-Identifier: Apache-2.0
// The decoder with dockerode's own demultiplexer (a real client object; nothing is dialled).
import { Readable } from 'node:stream';
import Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import {
  decodeLogStream,
  type DecodedLine,
  type Demux,
} from '../../../src/main/push/logs/decode-log-stream.js';
import { CUT_MARKER, MAX_LINE_CHARS } from '../../../src/main/push/logs/line-splitter.js';
import { chunked, frame, recordedFrames, recordedTty } from './log-frames.js';

const modem = new Dockerode({ host: '127.0.0.1', port: 1 }).modem;
const demux: Demux = (source, stdout, stderr) => modem.demuxStream(source, stdout, stderr);

async function decode(source: Readable, tty = false, maxLineChars?: number) {
  const lines: DecodedLine[] = [];
  await decodeLogStream(source, {
    tty,
    demux,
    onLine: (line) => lines.push(line),
    ...(maxLineChars === undefined ? {} : { maxLineChars }),
  });
  return lines;
}

const long = `${'y'.repeat(MAX_LINE_CHARS - 31)}${CUT_MARKER}`;
const expected: DecodedLine[] = [
  { stream: 'stdout', timestamp: '2026-12-01T08:19:38.946563253Z', message: 'out 0' },
  { stream: 'stdout', timestamp: '2026-12-01T08:19:38.946584064Z', message: 'grüße' },
  { stream: 'stderr', timestamp: '2026-12-01T08:19:38.946636293Z', message: 'err 0' },
  { stream: 'stdout', timestamp: '2026-12-01T08:19:39.060402195Z', message: 'no newline end' },
  { stream: 'stdout', timestamp: '2026-12-01T08:19:39.067445979Z', message: long },
  { stream: 'stdout', timestamp: '2026-12-01T08:19:39.068399675Z', message: 'after' },
];

describe('decoding a container log stream', () => {
  it('splits multiplexed frames into stdout and stderr lines with their timestamps', async () => {
    expect(await decode(Readable.from([recordedFrames]))).toEqual(expected);
  });

  it.each([1, 3, 7, 8, 13])(
    'gives the same lines when chunks of %i bytes split headers, characters and lines',
    async (size) => {
      expect(await decode(chunked(recordedFrames, size))).toEqual(expected);
    },
  );

  it('joins a line the container wrote in two frames', async () => {
    const bytes = Buffer.concat([
      frame(1, '2026-12-01T08:00:01.000000000Z first half'),
      frame(1, ', second half\n2026-12-01T08:00:01.100000000Z next\n'),
    ]);
    expect((await decode(chunked(bytes, 5))).map((l) => l.message)).toEqual([
      'first half, second half',
      'next',
    ]);
  });

  it('reads a TTY container stream as it is: all stdout, carriage returns dropped', async () => {
    const lines = await decode(chunked(recordedTty, 4), true);
    expect(lines.map((l) => [l.stream, l.message])).toEqual([
      ['stdout', 'out 0'],
      ['stdout', 'err 0'],
      ['stdout', 'grüße'],
      ['stdout', 'no newline end'],
      // The engine's second piece (with its own timestamp) is dropped with the rest of the line.
      ['stdout', long],
      ['stdout', 'after'],
    ]);
    expect(lines[5]?.timestamp).toBe('2026-12-01T08:19:40.601553968Z');
  });

  it('cuts a very long line with a marker and keeps the lines after it', async () => {
    const long = `2026-12-01T08:00:03.000000000Z ${'y'.repeat(50_000)}\n`;
    const bytes = Buffer.concat([
      frame(1, long.slice(0, 16_000)),
      frame(1, long.slice(16_000)),
      frame(2, '2026-12-01T08:00:03.100000000Z after\n'),
    ]);
    const lines = await decode(chunked(bytes, 4096), false, 1000);
    expect(lines.map((l) => [l.stream, l.message.length, l.message.endsWith(CUT_MARKER)])).toEqual([
      ['stdout', 1000 - 31 + CUT_MARKER.length, true],
      ['stderr', 5, false],
    ]);
  });

  it('gives the last line of a stream that ends without a newline', async () => {
    const bytes = frame(2, '2026-12-01T08:00:04.000000000Z last words');
    expect(await decode(Readable.from([bytes]))).toEqual([
      { stream: 'stderr', timestamp: '2026-12-01T08:00:04.000000000Z', message: 'last words' },
    ]);
  });
});
