// SPDX-License-Identifier: Apache-2.0
// One container's log from the engine, as typed lines: what it logged so far (the last `tail`
// lines), and with `follow` what it logs next, until the container stops or `signal` aborts.
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { ProjectContainer } from '../services/index.js';
import { decodeLogStream, type Demux } from './decode-log-stream.js';
import type { ServiceLogLine } from './log-line.js';
import { sinceParameter } from './log-timestamp.js';

export interface ContainerLogRequest {
  readonly container: ProjectContainer;
  readonly follow: boolean;
  /** The last N lines; all of them when left out. */
  readonly tail?: number;
  /** Only lines at or after this timestamp (the engine's `since` includes it). */
  readonly since?: string;
  readonly signal?: AbortSignal;
  readonly onLine: (line: ServiceLogLine) => void;
}

/** A container removed between listing and reading (a re-push at that moment) has no log left. */
const gone = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'statusCode' in error && error.statusCode === 404;

/**
 * Resolves when the log ends, on abort, or when the container is gone; rejects with the
 * engine's error otherwise.
 */
export async function readContainerLog(
  docker: Docker,
  request: ContainerLogRequest,
): Promise<void> {
  const { container, signal } = request;
  if (signal?.aborted) return;
  const opened = await openLog(docker.getContainer(container.id), request).catch(
    (error: unknown) => {
      // Whatever the socket said on the way down after an abort, or the 404 of a removed container.
      if (signal?.aborted || gone(error)) return null;
      throw error;
    },
  );
  if (!opened) return;
  const { source, tty } = opened;
  const demux: Demux = (from, stdout, stderr) => {
    docker.modem.demuxStream(from, stdout, stderr);
  };
  try {
    await decodeLogStream(source, {
      tty,
      demux,
      onLine: (line) =>
        request.onLine({
          system: false,
          project: container.project,
          service: container.service,
          ...line,
        }),
    });
  } catch (error) {
    if (!signal?.aborted) throw error;
  } finally {
    // Never leave the socket open, whatever ended the read.
    source.destroy();
  }
}

async function openLog(
  handle: Docker.Container,
  request: ContainerLogRequest,
): Promise<{ source: Readable; tty: boolean }> {
  const { signal } = request;
  const { Config } = await handle.inspect({ abortSignal: signal });
  const options = {
    stdout: true,
    stderr: true,
    timestamps: true,
    ...(request.tail === undefined ? {} : { tail: request.tail }),
    ...(request.since === undefined ? {} : { since: sinceParameter(request.since) }),
    ...(signal ? { abortSignal: signal } : {}),
  };
  const source = request.follow
    ? toReadable(await handle.logs({ ...options, follow: true }))
    : Readable.from([await handle.logs({ ...options, follow: false })]);
  return { source, tty: Config.Tty };
}

function toReadable(stream: NodeJS.ReadableStream): Readable {
  return stream instanceof Readable ? stream : Readable.from(stream);
}
