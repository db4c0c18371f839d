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

/** The untyped wire under a client: IPC, a WebSocket, or the engine in the same process. */
export interface RawTransport {
  call(command: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  close(): void;
}

/** The typed face of the contract that the renderer and the CLI program against. */
export interface ContractClient {
  call<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandResult<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): void;
}

/** Wraps a transport; results and events are checked against the contract on arrival. */
export function createClient(transport: RawTransport): ContractClient {
  return {
    async call(name, input) {
      const raw = await transport.call(name, input);
      return commands[name].result.parse(raw) as CommandResult<typeof name>;
    },
    on(event, listener) {
      const schema = events[event];
      return transport.subscribe(event, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
      });
    },
    close: () => transport.close(),
  };
}
