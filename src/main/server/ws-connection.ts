// SPDX-License-Identifier: Apache-2.0
import type { WebSocket, RawData } from 'ws';
import { toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import { ClientFrame, MAX_FRAME_BYTES, type ServerFrame } from '../../shared/protocol.js';
import { ClientTopics } from '../../shared/subscriptions.js';
import { formatZodError } from '../../shared/format-zod-error.js';
import type { Engine } from '../engine.js';
import type { Caller } from '../../shared/roles.js';

/** Past this much unsent data a slow client stops getting events instead of growing memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

function rawToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function parseFrame(text: string): ClientFrame | ErrorInfo {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { code: 'MALFORMED_MESSAGE', message: 'The message is not valid JSON.' };
  }
  const parsed = ClientFrame.safeParse(json);
  if (parsed.success) return parsed.data;
  return {
    code: 'MALFORMED_MESSAGE',
    message: `The message is not a Benchtop frame: ${formatZodError(parsed.error)}`,
  };
}

/** One client's session: its calls go to the engine, the events it subscribed to come back. */
export function serveConnection(
  socket: WebSocket,
  engine: Engine,
  who: { clientId: string; caller: Caller },
  version: string,
): void {
  const { clientId } = who;
  const topics = new ClientTopics();
  const send = (frame: ServerFrame): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const stopEvents = engine.bus.onAny((event, payload) => {
    if (!topics.wants(event, payload) || socket.bufferedAmount > MAX_BUFFERED_BYTES) return;
    send({ type: 'event', event, payload });
  });
  socket.on('close', () => {
    stopEvents();
    void engine.clientGone(clientId);
  });
  socket.on('error', () => socket.terminate());

  socket.on('message', (data, isBinary) => {
    // Closing (a revoked user): nothing more they send is acted on.
    if (socket.readyState !== socket.OPEN) return;
    const text = rawToText(data);
    if (isBinary || Buffer.byteLength(text) > MAX_FRAME_BYTES) {
      const message = isBinary ? 'Binary messages are not accepted.' : 'The message is too large.';
      send({
        type: 'error',
        id: null,
        error: { code: isBinary ? 'MALFORMED_MESSAGE' : 'MESSAGE_TOO_LARGE', message },
      });
      return;
    }
    const frame = parseFrame(text);
    if ('code' in frame) {
      send({ type: 'error', id: null, error: frame });
      return;
    }
    if (frame.type === 'subscribe' || frame.type === 'unsubscribe') {
      for (const event of frame.events) {
        if (frame.type === 'subscribe') topics.add({ event, key: frame.key });
        else topics.delete({ event, key: frame.key });
      }
      return;
    }
    engine.dispatch(frame.command, frame.input, { transport: 'websocket', ...who }).then(
      (result) => send({ type: 'result', id: frame.id, result }),
      (error: unknown) => send({ type: 'error', id: frame.id, error: toErrorInfo(error) }),
    );
  });

  send({ type: 'hello', version });
}
