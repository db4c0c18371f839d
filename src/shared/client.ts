// SPDX-License-Identifier: Apache-2.0
import {
  commands,
  events,
  type CommandInput,
  type CommandName,
  type CommandResult,
  type EventName,
  type EventPayload,
} from './contract/index.js';
import type { Topic } from './subscriptions.js';

/** The untyped wire under a client: IPC, a WebSocket, or the engine in the same process. */
export interface RawTransport {
  call(command: string, input: unknown): Promise<unknown>;
  /** Listens to a topic (an event, or only its events about one key); returns the removal. */
  subscribe(topic: Topic, listener: (payload: unknown) => void): () => void;
  close(): void;
}

/** Narrows a subscription to the events about one thing (a console session, a job). */
export interface OnOptions {
  /** Matched against the payload field the contract names in `eventKeys`. */
  readonly key?: string;
}

/** The typed face of the contract that the renderer and the CLI program against. */
export interface ContractClient {
  call<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandResult<K>>;
  on<E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
    options?: OnOptions,
  ): () => void;
  close(): void;
}

/** Wraps a transport; results and events are checked against the contract on arrival. */
export function createClient(transport: RawTransport): ContractClient {
  return {
    async call(name, input) {
      const raw = await transport.call(name, input);
      return commands[name].result.parse(raw) as CommandResult<typeof name>;
    },
    on(event, listener, options) {
      const schema = events[event];
      return transport.subscribe({ event, key: options?.key }, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
      });
    },
    close: () => transport.close(),
  };
}
