// SPDX-License-Identifier: Apache-2.0
import type { IncomingMessage } from 'node:http';
import { BenchtopError } from '../../shared/errors.js';
import { MAX_FRAME_BYTES } from '../../shared/protocol.js';

/**
 * Reads a bounded JSON request body; an empty body is `{}`. Past the limit the rest is read
 * and dropped rather than kept: memory stays bounded, and the client, which is still sending,
 * gets to read the 413 instead of a broken pipe.
 */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_FRAME_BYTES) chunks.push(buffer);
  }
  if (size > MAX_FRAME_BYTES) {
    throw new BenchtopError('MESSAGE_TOO_LARGE', 'The request body is larger than 1 MB.');
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BenchtopError('MALFORMED_MESSAGE', 'The request body is not valid JSON.');
  }
}
