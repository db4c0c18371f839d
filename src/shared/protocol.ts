// SPDX-License-Identifier: Apache-2.0
// The WebSocket frames: one JSON object per message, in both directions.
import { z } from 'zod';
import { ErrorInfo } from './errors.js';

export const MAX_FRAME_BYTES = 1024 * 1024;

const TopicKey = z.string().min(1).max(256);
const CallId = z.union([z.string().max(64), z.number().int()]);

export const ClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: CallId,
    command: z.string().max(128),
    input: z.unknown().optional(),
  }),
  // With a key, only the events about it (see `eventKeys` in the contract).
  z.object({
    type: z.literal('subscribe'),
    events: z.array(z.string().max(128)).max(64),
    key: TopicKey.optional(),
  }),
  z.object({
    type: z.literal('unsubscribe'),
    events: z.array(z.string().max(128)).max(64),
    key: TopicKey.optional(),
  }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), version: z.string() }),
  z.object({ type: z.literal('result'), id: CallId, result: z.unknown() }),
  z.object({ type: z.literal('error'), id: CallId.nullable(), error: ErrorInfo }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/**
 * Browsers cannot set headers on a WebSocket handshake, so the page offers two subprotocols:
 * this one, which the server echoes, and one carrying the token.
 */
export const WS_SUBPROTOCOL = 'benchtop';
export const WS_TOKEN_PREFIX = 'benchtop.token.';
