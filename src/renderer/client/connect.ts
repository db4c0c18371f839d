// SPDX-License-Identifier: Apache-2.0
import type { BenchtopBridge } from '../../shared/bridge.js';
import { createClient, type ContractClient, type RawTransport } from '../../shared/client.js';
import { BenchtopError } from '../../shared/errors.js';
import { createWebSocketTransport } from '../../shared/ws-transport.js';

declare global {
  interface Window {
    benchtop?: BenchtopBridge;
  }
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

function ipcTransport(bridge: BenchtopBridge): RawTransport {
  return {
    async call(command, input) {
      const reply = await bridge.call(command, input);
      if (reply.ok) return reply.result;
      throw BenchtopError.fromInfo(reply.error);
    },
    subscribe: (event, listener) => bridge.subscribe(event, listener),
    close: () => undefined,
  };
}

/**
 * Inside Electron the preload bridge is there; in a browser we talk to `benchtop serve`
 * over a WebSocket on the same origin (the token travels in the cookie it set).
 */
export function connectClient(onState: (state: ConnectionState) => void): ContractClient {
  if (window.benchtop) {
    onState('connected');
    return createClient(ipcTransport(window.benchtop));
  }
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${protocol}//${location.host}/ws`);
  const transport = createWebSocketTransport(socket, () => onState('disconnected'));
  onState('connecting');
  transport.ready.then(
    () => onState('connected'),
    () => onState('disconnected'),
  );
  return createClient(transport);
}
