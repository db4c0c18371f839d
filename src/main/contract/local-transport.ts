// SPDX-License-Identifier: Apache-2.0
import type { RawTransport } from '../../shared/client.js';
import { ClientTopics } from '../../shared/subscriptions.js';
import type { EventBus } from './event-bus.js';
import type { Dispatch } from './dispatch.js';
import { localOwner } from './local-owner.js';

/** The contract without a wire: the CLI calls an engine living in its own process. */
export function createLocalTransport(dispatch: Dispatch, bus: EventBus): RawTransport {
  const context = { transport: 'local', clientId: 'local', caller: localOwner() } as const;
  return {
    call: (command, input) => dispatch(command, input, context),
    // One table per listener: in one process, the bus itself is the wire.
    subscribe(topic, listener) {
      const topics = new ClientTopics();
      if (!topics.add(topic)) return () => undefined;
      return bus.onAny((name, payload) => {
        if (topics.wants(name, payload)) listener(payload);
      });
    },
    close: () => undefined,
  };
}
