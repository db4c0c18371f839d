// SPDX-License-Identifier: Apache-2.0
// The client end of the WebSocket protocol, for the browser and for the CLI alike:
// it needs only the standard WebSocket surface, which both the DOM and the `ws` package offer.
import { BenchtopError } from './errors.js';
import type { RawTransport } from './client.js';
import { ServerFrame, type ClientFrame } from './protocol.js';
import { ClientSubscriptions, type Topic } from './subscriptions.js';

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close' | 'open' | 'error', listener: () => void): void;
}

const OPEN = 1;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export function createWebSocketTransport(
  socket: SocketLike,
  onClose?: () => void,
): RawTransport & { ready: Promise<void> } {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  const ready = new Promise<void>((resolve, reject) => {
    if (socket.readyState === OPEN) resolve();
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () =>
      reject(new BenchtopError('UNREACHABLE', 'Could not connect to the Benchtop server.')),
    );
  });

  const send = (frame: ClientFrame): void => {
    if (socket.readyState === OPEN) socket.send(JSON.stringify(frame));
  };
  const topicFrame = (type: 'subscribe' | 'unsubscribe', topic: Topic): ClientFrame =>
    topic.key === undefined
      ? { type, events: [topic.event] }
      : { type, events: [topic.event], key: topic.key };
  const subscriptions = new ClientSubscriptions({
    subscribe: (topic) =>
      void ready.then(
        () => send(topicFrame('subscribe', topic)),
        () => undefined,
      ),
    // Behind the same promise as subscribe, so the two reach the server in order.
    unsubscribe: (topic) =>
      void ready.then(
        () => send(topicFrame('unsubscribe', topic)),
        () => undefined,
      ),
  });

  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    const parsed = ServerFrame.safeParse(parseJson(event.data));
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.type === 'event') {
      subscriptions.deliver(frame.event, frame.payload);
    } else if (frame.type === 'result' || frame.type === 'error') {
      const call = typeof frame.id === 'number' ? pending.get(frame.id) : undefined;
      if (!call || typeof frame.id !== 'number') return;
      pending.delete(frame.id);
      if (frame.type === 'result') call.resolve(frame.result);
      else call.reject(BenchtopError.fromInfo(frame.error));
    }
  });

  socket.addEventListener('close', () => {
    closed = true;
    for (const call of pending.values()) {
      call.reject(new BenchtopError('UNREACHABLE', 'The connection to Benchtop was closed.'));
    }
    pending.clear();
    onClose?.();
  });

  return {
    ready,
    async call(command, input) {
      await ready;
      if (closed) throw new BenchtopError('UNREACHABLE', 'The connection to Benchtop is closed.');
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        send({ type: 'call', id, command, input });
      });
    },
    subscribe: (topic, listener) => subscriptions.add(topic, listener),
    close: () => socket.close(),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
