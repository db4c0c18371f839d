// SPDX-License-Identifier: Apache-2.0
import type { BenchtopBridge } from '../../shared/bridge.js';
import { createClient, type ContractClient } from '../../shared/client.js';
import { createIpcTransport } from '../../shared/ipc-transport.js';
import { WS_SUBPROTOCOL, WS_TOKEN_PREFIX } from '../../shared/protocol.js';
import { createWebSocketTransport } from '../../shared/ws-transport.js';

declare global {
  interface Window {
    benchtop?: BenchtopBridge;
  }
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

const TOKEN_KEY = 'benchtop.token';

/**
 * `benchtop serve` prints `http://host:port/#token=T`: a fragment never reaches a server or its
 * logs. The page keeps T for this tab only (a reload still works) and clears the address bar,
 * so the token is not left in history or in a link someone copies.
 */
function takeToken(): string | undefined {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(
      null,
      '',
      `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
    );
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/**
 * Inside Electron the preload bridge is there; in a browser we talk to `benchtop serve`
 * over a WebSocket on the same origin. Browsers cannot set headers on it, so the token rides
 * in a subprotocol next to the one the server echoes.
 */
export function connectClient(onState: (state: ConnectionState) => void): ContractClient {
  if (window.benchtop) {
    onState('connected');
    return createClient(createIpcTransport(window.benchtop));
  }
  // Pasting the printed URL into a tab already on the page only changes the fragment, which
  // does not load the page again: start over so the new token is taken.
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(location.hash.slice(1)).has('token')) location.reload();
  });
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = takeToken();
  const protocols = token ? [WS_SUBPROTOCOL, `${WS_TOKEN_PREFIX}${token}`] : [WS_SUBPROTOCOL];
  const socket = new WebSocket(`${protocol}//${location.host}/ws`, protocols);
  const transport = createWebSocketTransport(socket, () => onState('disconnected'));
  onState('connecting');
  transport.ready.then(
    () => onState('connected'),
    () => onState('disconnected'),
  );
  return createClient(transport);
}
