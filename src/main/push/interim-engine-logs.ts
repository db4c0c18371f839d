// SPDX-License-Identifier: Apache-2.0
// Stand-in for push/logs and push/services (being written beside this): a board's logs and
// services read from its plain engine, found by Benchtop's labels. No reconnect and no
// supervisor here. logs-handlers.ts is the one place that switches to the real modules.
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { BoardService, LogLine } from '../../shared/contract/push.js';
import { BenchtopError } from '../../shared/errors.js';
import { pushLabels } from './composition.js';
import { engineError } from './deploy/engine-errors.js';

export interface LogQuery {
  readonly board: string;
  readonly project?: string;
  readonly services: readonly string[];
  readonly tail: number;
}

async function ourContainers(docker: Docker, project?: string): Promise<Docker.ContainerInfo[]> {
  const label = project === undefined ? pushLabels.project : `${pushLabels.project}=${project}`;
  const found = await docker
    .listContainers({ all: true, filters: { label: [label] } })
    .catch((error: unknown) => {
      throw engineError(error, 'listing the containers on the board');
    });
  return found.sort((a, b) => serviceOf(a).localeCompare(serviceOf(b)));
}

const serviceOf = (info: Docker.ContainerInfo): string => info.Labels[pushLabels.service] ?? '';

/** Splits Docker's multiplexed log stream (8-byte frame headers) or a tty's raw one into lines. */
class LogSplitter {
  private pending = Buffer.alloc(0);
  private readonly text = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  private readonly partial = { stdout: '', stderr: '' };

  constructor(
    private readonly tty: boolean,
    private readonly onLine: (stream: 'stdout' | 'stderr', text: string) => void,
  ) {}

  feed(chunk: Buffer): void {
    if (this.tty) return this.lines('stdout', chunk);
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) return;
      const stream = this.pending[0] === 2 ? 'stderr' : 'stdout';
      this.lines(stream, this.pending.subarray(8, 8 + size));
      this.pending = this.pending.subarray(8 + size);
    }
  }

  private lines(stream: 'stdout' | 'stderr', bytes: Buffer): void {
    const parts = (this.partial[stream] + this.text[stream].write(bytes)).split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const part of parts) this.onLine(stream, part.replace(/\r$/, ''));
  }
}

function toLine(
  board: string,
  info: Docker.ContainerInfo,
  stream: 'stdout' | 'stderr',
  text: string,
): LogLine {
  const space = text.indexOf(' ');
  const stamp = space > 0 ? text.slice(0, space) : '';
  const valid = !Number.isNaN(Date.parse(stamp));
  const project = info.Labels[pushLabels.project];
  return {
    board,
    ...(project === undefined ? {} : { project }),
    service: serviceOf(info),
    timestamp: valid ? new Date(stamp).toISOString() : new Date().toISOString(),
    stream,
    system: false,
    message: valid ? text.slice(space + 1) : text,
  };
}

function wanted(infos: Docker.ContainerInfo[], services: readonly string[]) {
  return infos.filter((info) => services.length === 0 || services.includes(serviceOf(info)));
}

export async function readEngineLogs(docker: Docker, query: LogQuery): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  for (const info of wanted(await ourContainers(docker, query.project), query.services)) {
    const raw = await docker
      .getContainer(info.Id)
      .logs({ stdout: true, stderr: true, timestamps: true, tail: query.tail, follow: false })
      .catch((error: unknown) => {
        throw engineError(error, `reading the logs of ${serviceOf(info)}`);
      });
    const tty = (await docker.getContainer(info.Id).inspect()).Config.Tty;
    const splitter = new LogSplitter(tty, (stream, text) =>
      lines.push(toLine(query.board, info, stream, text)),
    );
    splitter.feed(Buffer.from(raw));
  }
  return lines.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

/** Follows every wanted container's logs; resolves to the function that stops them all. */
export async function followEngineLogs(
  docker: Docker,
  query: LogQuery,
  onLine: (line: LogLine) => void,
): Promise<() => void> {
  const streams: Readable[] = [];
  for (const info of wanted(await ourContainers(docker, query.project), query.services)) {
    const container = docker.getContainer(info.Id);
    const tty = (await container.inspect()).Config.Tty;
    const stream = (await container.logs({
      stdout: true,
      stderr: true,
      timestamps: true,
      tail: query.tail,
      follow: true,
    })) as unknown as Readable;
    const splitter = new LogSplitter(tty, (kind, text) =>
      onLine(toLine(query.board, info, kind, text)),
    );
    stream.on('data', (chunk: Buffer) => splitter.feed(chunk));
    stream.on('error', () => undefined);
    streams.push(stream);
  }
  return () => streams.forEach((stream) => stream.destroy());
}

async function describe(docker: Docker, info: Docker.ContainerInfo): Promise<BoardService> {
  const details = await docker.getContainer(info.Id).inspect();
  const started = details.State.StartedAt;
  return {
    project: info.Labels[pushLabels.project] ?? '',
    name: serviceOf(info),
    containerId: info.Id,
    state: details.State.Status,
    image: info.Image,
    ...(started && !started.startsWith('0001') ? { startedAt: started } : {}),
    restarts: details.RestartCount,
    ...(details.State.Health?.Status === undefined ? {} : { health: details.State.Health.Status }),
  };
}

export async function listEngineServices(docker: Docker, project?: string) {
  const infos = await ourContainers(docker, project);
  return Promise.all(infos.map((info) => describe(docker, info)));
}

export async function controlEngineService(
  docker: Docker,
  target: { project: string; service: string; action: 'restart' | 'stop' | 'start' },
): Promise<BoardService> {
  const info = wanted(await ourContainers(docker, target.project), [target.service])[0];
  if (info === undefined) {
    throw new BenchtopError(
      'NOT_FOUND',
      `The board runs no service "${target.service}" of project ${target.project}.`,
    );
  }
  const container = docker.getContainer(info.Id);
  const act = (): Promise<unknown> =>
    target.action === 'restart'
      ? container.restart()
      : target.action === 'stop'
        ? container.stop()
        : container.start();
  await act().catch((error: unknown) => {
    // 304: already in the state asked for.
    if ((error as { statusCode?: unknown }).statusCode !== 304)
      throw engineError(error, `${target.action}ing ${target.service}`);
  });
  return describe(docker, info);
}
