// SPDX-License-Identifier: Apache-2.0
// Log streams in the engine's wire format, for the decoder's tests: each frame an 8-byte header
// (stream 1 stdout / 2 stderr, three zero bytes, a big-endian length) and its bytes, as
// `GET /containers/{id}/logs?timestamps=true` sends them for a container without a TTY.
import { Readable } from 'node:stream';

export function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/** The bytes cut into chunks of `size`, so headers, characters and lines split anywhere. */
export function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

const y = (n: number) => 'y'.repeat(n);

/**
 * Recorded from the rig's dockerd 20.10 (`GET /containers/{id}/logs?timestamps=true` after
 * `sh -c 'echo out 0; echo err 0 >&2; printf "grüße\n"; printf "no newline"; sleep 0.1;
 * printf " end\n"; head -c 20000 /dev/zero | tr "\0" y; echo; echo after'`), frame by frame
 * (the runs of y written as repeats). The engine splits a message at 16 KiB and puts the same
 * timestamp in front of each piece.
 */
export const recordedFrames = Buffer.concat([
  frame(1, '2026-12-01T08:19:38.946563253Z out 0\n'),
  frame(1, '2026-12-01T08:19:38.946584064Z grüße\n'),
  frame(2, '2026-12-01T08:19:38.946636293Z err 0\n'),
  frame(1, '2026-12-01T08:19:39.060402195Z no newline end\n'),
  frame(1, `2026-12-01T08:19:39.067445979Z ${y(16384)}`),
  frame(1, `2026-12-01T08:19:39.067445979Z ${y(3616)}\n`),
  frame(1, '2026-12-01T08:19:39.068399675Z after\n'),
]);

/** The same program in a container with a TTY: no frames, the pty's \r\n. */
export const recordedTty = Buffer.from(
  '2026-12-01T08:19:40.453336700Z out 0\r\n2026-12-01T08:19:40.453388229Z err 0\r\n' +
    '2026-12-01T08:19:40.453392898Z grüße\r\n2026-12-01T08:19:40.566785931Z no newline end\r\n' +
    `2026-12-01T08:19:40.597346928Z ${y(16384)}2026-12-01T08:19:40.597346928Z ${y(3616)}\r\n` +
    '2026-12-01T08:19:40.601553968Z after\r\n',
);
