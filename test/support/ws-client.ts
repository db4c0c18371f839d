// SPDX-License-Identifier: Apache-2.0
// A real WebSocket client of `benchtop serve`, typed by the contract.
import WebSocket from 'ws';
import { createClient, type ContractClient } from '../../src/shared/client.js';
import { createWebSocketTransport } from '../../src/shared/ws-transport.js';

export async function connectWs(port: number, token: string): Promise<ContractClient> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const transport = createWebSocketTransport(socket);
  await transport.ready;
  return createClient(transport);
}
