// SPDX-License-Identifier: Apache-2.0
// A running `benchtop serve` (or app) leaves its address and token here, readable by this user
// only, so the CLI can attach to live state (a console already open) instead of fighting it.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { benchtopHome } from '../settings/paths.js';

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
  // A fresh file each time: writing over an old one would keep its mode (0644 stays 0644) and
  // let another user read the token. Same folder, so the rename is atomic.
  const temp = `${stateFile()}.${process.pid}.tmp`;
  await rm(temp, { force: true });
  await writeFile(temp, JSON.stringify(state), { mode: 0o600, flag: 'wx' });
  await chmod(temp, 0o600);
  await rename(temp, stateFile());
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
