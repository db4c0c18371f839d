// SPDX-License-Identifier: Apache-2.0
// Who holds a port open: the answer to "port busy" that people need (the tio they forgot in
// another terminal). A /proc scan, as fuser does; processes of other users stay unreadable
// unless we are root, so the answer can be empty.
import { readdir, readFile, readlink, realpath } from 'node:fs/promises';

export interface PortHolder {
  pid: number;
  command: string;
}

export async function findPortHolders(path: string): Promise<PortHolder[]> {
  const target = await realpath(path).catch(() => path);
  const pids = (await readdir('/proc').catch(() => [])).filter((name) => /^\d+$/.test(name));
  const holders: PortHolder[] = [];
  await Promise.all(
    pids.map(async (pid) => {
      if (Number(pid) === process.pid) return;
      const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
      for (const fd of fds) {
        const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
        if (link === target) {
          const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
          holders.push({ pid: Number(pid), command: cmdline.split('\0').join(' ').trim() });
          return;
        }
      }
    }),
  );
  return holders.sort((a, b) => a.pid - b.pid);
}
