// SPDX-License-Identifier: Apache-2.0
import type { BenchtopBridge } from '../../shared/bridge.js';
import { createClient, type ContractClient } from '../../shared/client.js';
import { createIpcTransport } from '../../shared/ipc-transport.js';
import { createWebSocketTransport } from '../../shared/ws-transport.js';

declare global {
  interface Window {
    benchtop?: BenchtopBridge;
  }
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/**
 * Inside Electron the preload bridge is there; in a browser we talk to `benchtop serve`
 * over a WebSocket on the same origin (the token travels in the cookie it set).
 */
export function connectClient(onState: (state: ConnectionState) => void): ContractClient {
  if (window.benchtop) {
    onState('connected');
    return createClient(createIpcTransport(window.benchtop));
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
