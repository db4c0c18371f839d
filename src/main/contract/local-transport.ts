// SPDX-License-Identifier: Apache-2.0
import type { RawTransport } from '../../shared/client.js';
import { isEventName } from '../../shared/contract/index.js';
import type { EventBus } from './event-bus.js';
import type { Dispatch } from './dispatch.js';

/** The contract without a wire: the CLI calls an engine living in its own process. */
export function createLocalTransport(dispatch: Dispatch, bus: EventBus): RawTransport {
  const context = { transport: 'local', clientId: 'local' } as const;
  return {
    call: (command, input) => dispatch(command, input, context),
    subscribe(event, listener) {
      if (!isEventName(event)) return () => undefined;
      return bus.onAny((name, payload) => {
        if (name === event) listener(payload);
      });
    },
    close: () => undefined,
  };
}
