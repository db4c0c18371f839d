// SPDX-License-Identifier: Apache-2.0
// Benchtop as a user runs it: `benchtop push BOARD --source DIR --json` left in the foreground,
// where it pushes and then live-syncs each save (one `live.sync` JSON line per sync, and
// `live.state` lines: watching, syncing…). The bench reads those lines only to know when a
// sync has ended; the times come from the board's answers, as for every tool.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type Docker from 'dockerode';
import type { LivePeer } from './peer.js';

/** The CLI's own line for a sync or a state change (other lines are push output and logs). */
interface LiveLine {
  readonly event?: string;
  readonly state?: string;
  readonly message?: string;
  /** Changes noticed and not yet synced. */
  readonly pending?: number;
  readonly error?: { readonly message?: string };
  readonly services?: readonly {
    readonly service: string;
    readonly error?: { readonly message?: string };
  }[];
}

/** How long after its last line a watching session counts as idle. */
const QUIET_MS = 200;
const READY_TIMEOUT_MS = 300_000;

export function benchtopPeer(
  docker: Docker,
  options: {
    readonly cli: string;
    readonly home: string;
    readonly address: string;
    /** The project folder; Benchtop names the project after it. */
    readonly root: string;
    readonly name: string;
    readonly port: number;
  },
): LivePeer {
  let child: ChildProcessWithoutNullStreams | undefined;
  let state = 'starting';
  let pending = 0;
  let lastLine = 0;
  let stderr = '';
  const errors: string[] = [];

  const onLine = (text: string, ready: () => void): void => {
    lastLine = performance.now();
    if (process.env['BENCH_TRACE'] === '1')
      process.stderr.write(`benchtop ${lastLine.toFixed(0)} ms: ${text.slice(0, 300)}\n`);
    let line: LiveLine;
    try {
      line = JSON.parse(text) as LiveLine;
    } catch {
      return;
    }
    if (line.event === 'live.state' && line.state !== undefined) {
      state = line.state;
      pending = line.pending ?? 0;
      if (state === 'watching') ready();
    }
    if (line.event === 'live.sync') {
      if (line.error?.message !== undefined) errors.push(line.error.message);
      for (const service of line.services ?? [])
        if (service.error?.message !== undefined)
          errors.push(`${service.service}: ${service.error.message}`);
    }
  };

  const projectContainers = async (service?: string) =>
    docker.listContainers({
      all: service === undefined,
      filters: {
        label: [
          `io.benchtop.project=${options.name}`,
          ...(service === undefined ? [] : [`io.benchtop.service=${service}`]),
        ],
      },
    });

  return {
    name: 'Benchtop',
    root: options.root,
    port: options.port,
    start() {
      const started = spawn(
        process.execPath,
        [options.cli, 'push', options.address, '--source', options.root, '--json'],
        { env: { ...process.env, BENCHTOP_HOME: options.home, NO_COLOR: '1' } },
      );
      child = started;
      started.stderr.setEncoding('utf8');
      started.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`benchtop push did not start watching:\n${stderr}`)),
          READY_TIMEOUT_MS,
        );
        const ready = () => {
          clearTimeout(timer);
          resolve();
        };
        createInterface({ input: started.stdout }).on('line', (text) => onLine(text, ready));
        started.on('exit', (code) => {
          state = 'exited';
          clearTimeout(timer);
          reject(new Error(`benchtop push exited (${code}) before watching:\n${stderr}`));
        });
      });
    },
    saved: () => Promise.resolve(),
    async settle() {
      for (;;) {
        if (state === 'exited') throw new Error(`benchtop push exited:\n${stderr}`);
        // Watching with changes still waiting (a new folder's files come after the folder) is
        // between two syncs, not finished.
        if (state === 'watching' && pending === 0 && performance.now() - lastLine > QUIET_MS)
          return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    containerId: async (service) => (await projectContainers(service))[0]?.Id,
    errors,
    async stop() {
      const running = child;
      if (running !== undefined && running.exitCode === null) {
        const exited = new Promise((resolve) => running.once('exit', resolve));
        running.kill('SIGTERM');
        await exited;
      }
      const left = await projectContainers();
      await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    },
  };
}
