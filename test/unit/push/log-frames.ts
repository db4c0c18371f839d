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

/**
 * Frames as the rig's dockerd 20.10 sent them for `sh -c 'echo out; echo err >&2; …'`: one
 * frame per line, each with its RFC 3339 nanosecond timestamp in front.
 */
export const recordedFrames = Buffer.concat([
  frame(1, '2026-12-01T08:00:00.100000000Z line 0\n'),
  frame(2, '2026-12-01T08:00:00.100200000Z oops 0\n'),
  frame(1, '2026-12-01T08:00:00.300000000Z line 1\n'),
  frame(1, '2026-12-01T08:00:00.500000000Z grüße 2\n'),
  frame(2, '2026-12-01T08:00:00.500100000Z oops 1\n'),
]);
