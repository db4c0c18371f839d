// SPDX-License-Identifier: Apache-2.0
// What preload.ts exposes to the renderer as `window.benchtop`: a raw wire; the typed client
// (src/shared/client.ts) sits on top of it, exactly as it does over a WebSocket.
import type { ErrorInfo } from './errors.js';

export const IpcChannels = {
  call: 'benchtop:call',
  subscribe: 'benchtop:subscribe',
  unsubscribe: 'benchtop:unsubscribe',
  event: 'benchtop:event',
} as const;

export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ErrorInfo };

/**
 * A dumb pipe: each method is one IPC message. Counting listeners per topic happens above it,
 * in the shared client code (ipc-transport.ts), as it does over a WebSocket.
 */
export interface BenchtopBridge {
  call(command: string, input: unknown): Promise<IpcReply>;
  /** Main sends this window the event (only about `key` when one is given) from now on. */
  subscribe(event: string, key?: string): void;
  unsubscribe(event: string, key?: string): void;
  /** Every event main sends this window; returns the removal. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** The path on disk of a File dropped or picked in the window (Electron only). */
  pathForFile(file: unknown): string;
}
