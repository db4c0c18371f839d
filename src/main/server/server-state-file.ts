// SPDX-License-Identifier: Apache-2.0
// A running `benchtop serve` (or app) leaves its address and token here, readable by this user
// only, so the CLI can attach to live state (a console already open) instead of fighting it.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { benchtopHome } from '../settings/paths.js';
import { writePrivateFile } from '../settings/write-private-file.js';

export const ServerState = z.object({
  pid: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  token: z.string(),
});
export type ServerState = z.infer<typeof ServerState>;

const stateFile = (): string => join(benchtopHome(), 'server.json');

export async function writeServerState(state: ServerState): Promise<void> {
  await mkdir(benchtopHome(), { recursive: true, mode: 0o700 });
  // A fresh 0600 file each time: the token in it lets anyone who reads it drive Benchtop.
  await writePrivateFile(stateFile(), JSON.stringify(state));
}

export async function removeServerState(pid: number): Promise<void> {
  const current = await readServerState();
  if (current?.pid === pid) await rm(stateFile(), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running server's state, or undefined when none runs (a stale file is ignored). */
export async function readServerState(): Promise<ServerState | undefined> {
  const text = await readFile(stateFile(), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = ServerState.safeParse(JSON.parse(text));
  if (!parsed.success || !isAlive(parsed.data.pid)) return undefined;
  return parsed.data;
}
