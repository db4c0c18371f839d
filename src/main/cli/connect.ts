// SPDX-License-Identifier: Apache-2.0
import { createClient, type ContractClient } from '../../shared/client.js';
import { readServerState } from '../server/server-state-file.js';

export interface Connection {
  readonly client: ContractClient;
  /** 'server' when attached to a running app or `benchtop serve`. */
  readonly via: 'server' | 'local';
  close(): Promise<void>;
}

/**
 * The CLI works on its own; where a server already runs, commands that share live state
 * (a console already open) attach to it so both see the same thing.
 */
export async function connect(options: { attach: boolean }): Promise<Connection> {
  const state = options.attach ? await readServerState() : undefined;
  if (state) {
    // Loaded only here: most runs find no server and never need a WebSocket.
    const [{ default: WebSocket }, { createWebSocketTransport }] = await Promise.all([
      import('ws'),
      import('../../shared/ws-transport.js'),
    ]);
    const host = state.host === '0.0.0.0' || state.host === '::' ? '127.0.0.1' : state.host;
    const socket = new WebSocket(
      `ws://${host.includes(':') ? `[${host}]` : host}:${state.port}/ws`,
      {
        headers: { authorization: `Bearer ${state.token}` },
      },
    );
    const transport = createWebSocketTransport(socket);
    const attached = await transport.ready.then(
      () => true,
      () => false,
    );
    if (attached) {
      return {
        client: createClient(transport),
        via: 'server',
        close: async () => transport.close(),
      };
    }
  }
  const [{ createEngine }, { createLocalTransport }] = await Promise.all([
    import('../engine.js'),
    import('../contract/local-transport.js'),
  ]);
  const engine = createEngine({ host: 'cli' });
  return {
    client: createClient(createLocalTransport(engine.dispatch, engine.bus)),
    via: 'local',
    close: () => engine.dispose(),
  };
}
