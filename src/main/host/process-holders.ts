// SPDX-License-Identifier: Apache-2.0
// Who holds a file, a port or a mounted filesystem: the answer to "busy" that people need
// (the tio they forgot in another terminal, the shell still cd'd into a card). A /proc scan,
// as fuser does; processes of other users stay unreadable unless we are root, so the answer
// can be empty.
import { readdir, readFile, readlink, realpath } from 'node:fs/promises';

export interface ProcessHolder {
  pid: number;
  /** The short process name (comm), e.g. "bash". */
  name: string;
  /** The whole command line. */
  command: string;
}

/** Processes with an open file, a working directory or a root for which `holds` says yes. */
export async function findHolders(holds: (path: string) => boolean): Promise<ProcessHolder[]> {
  const pids = (await readdir('/proc').catch(() => [])).filter((name) => /^\d+$/.test(name));
  const holders: ProcessHolder[] = [];
  await Promise.all(
    pids.map(async (pid) => {
      if (Number(pid) === process.pid) return;
      const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
      const links = [...fds.map((fd) => `/proc/${pid}/fd/${fd}`), `/proc/${pid}/cwd`];
      for (const link of links) {
        const target = await readlink(link).catch(() => '');
        if (target === '' || !holds(target)) continue;
        const [cmdline, comm] = await Promise.all([
          readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
          readFile(`/proc/${pid}/comm`, 'utf8').catch(() => ''),
        ]);
        const command = cmdline.split('\0').join(' ').trim();
        holders.push({ pid: Number(pid), name: comm.trim() || command, command });
        return;
      }
    }),
  );
  return holders.sort((a, b) => a.pid - b.pid);
}

/** Who has this very file (a serial port, a drive) open. */
export async function findPathHolders(path: string): Promise<ProcessHolder[]> {
  const target = await realpath(path).catch(() => path);
  return findHolders((link) => link === target);
}

/** Who keeps a mounted filesystem busy: files open in it, or a working directory inside. */
export async function findMountHolders(mountpoint: string): Promise<ProcessHolder[]> {
  const root = await realpath(mountpoint).catch(() => mountpoint);
  const inside = root.endsWith('/') ? root : `${root}/`;
  return findHolders((link) => link === root || link.startsWith(inside));
}

/** "bash (pid 12), tio (pid 40)" for a message. */
export const describeHolders = (holders: readonly ProcessHolder[]): string =>
  holders.map((holder) => `${holder.name || 'a process'} (pid ${holder.pid})`).join(', ');
