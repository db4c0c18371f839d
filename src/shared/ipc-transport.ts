// SPDX-License-Identifier: Apache-2.0
// The renderer's end of Electron IPC, over the preload's dumb bridge: the same subscription
// counting as the WebSocket transport, so two listeners of one topic never cancel each other.
import type { BenchtopBridge } from './bridge.js';
import type { RawTransport } from './client.js';
import { BenchtopError } from './errors.js';
import { ClientSubscriptions } from './subscriptions.js';

export function createIpcTransport(bridge: BenchtopBridge): RawTransport {
  const subscriptions = new ClientSubscriptions({
    subscribe: (topic) => bridge.subscribe(topic.event, topic.key),
    unsubscribe: (topic) => bridge.unsubscribe(topic.event, topic.key),
  });
  const stopEvents = bridge.onEvent((event, payload) => subscriptions.deliver(event, payload));
  return {
    async call(command, input) {
      const reply = await bridge.call(command, input);
      if (reply.ok) return reply.result;
      throw BenchtopError.fromInfo(reply.error);
    },
    subscribe: (topic, listener) => subscriptions.add(topic, listener),
    close: stopEvents,
  };
}
