// SPDX-License-Identifier: Apache-2.0
import type { IncomingMessage } from 'node:http';
import { BenchtopError } from '../../shared/errors.js';
import { MAX_FRAME_BYTES } from '../../shared/protocol.js';

/** Reads a bounded JSON request body; an empty body is `{}`. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_FRAME_BYTES)
      throw new BenchtopError('MESSAGE_TOO_LARGE', 'The request body is too large.');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BenchtopError('MALFORMED_MESSAGE', 'The request body is not valid JSON.');
  }
}
