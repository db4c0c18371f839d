// SPDX-License-Identifier: Apache-2.0
// A command in a running container through the engine's exec, with what it printed (stdout and
// stderr interleaved as they came, the last OUTPUT_LIMIT bytes kept) and its exit status.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';

export const OUTPUT_LIMIT = 64 * 1024;

export interface ExecRequest {
  readonly command: readonly string[];
  readonly workdir?: string | undefined;
  readonly user?: string | undefined;
  readonly environment?: Readonly<Record<string, string>> | undefined;
  readonly privileged?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface ExecOutcome {
  readonly exitCode: number;
  readonly output: string;
}

export async function execInContainer(
  docker: Docker,
  container: Docker.Container,
  request: ExecRequest,
): Promise<ExecOutcome> {
  // dockerode passes abortSignal on to the request; its types leave it out of these options.
  const abort = request.signal === undefined ? {} : { abortSignal: request.signal };
  const exec = await container.exec({
    ...abort,
    Cmd: [...request.command],
    AttachStdout: true,
    AttachStderr: true,
    ...(request.workdir === undefined ? {} : { WorkingDir: request.workdir }),
    ...(request.user === undefined ? {} : { User: request.user }),
    ...(request.environment === undefined
      ? {}
      : { Env: Object.entries(request.environment).map(([key, value]) => `${key}=${value}`) }),
    ...(request.privileged === undefined ? {} : { Privileged: request.privileged }),
  });
  const stream = await exec.start({ ...abort, hijack: true, stdin: false });
  let output = Buffer.alloc(0);
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => {
    output = Buffer.concat([output, chunk]);
    if (output.length > OUTPUT_LIMIT) output = output.subarray(output.length - OUTPUT_LIMIT);
  });
  docker.modem.demuxStream(stream, sink, sink);
  await new Promise<void>((resolve, reject) => {
    const abort = (): void => {
      stream.destroy();
      reject(new BenchtopError('UNREACHABLE', 'The board stopped answering during the command.'));
    };
    if (request.signal?.aborted === true) return abort();
    request.signal?.addEventListener('abort', abort, { once: true });
    const done = (): void => {
      request.signal?.removeEventListener('abort', abort);
      resolve();
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', (error) => {
      request.signal?.removeEventListener('abort', abort);
      reject(error);
    });
  });
  return { exitCode: await exitCodeOf(exec, abort), output: output.toString('utf8') };
}

/** The stream can end a moment before the engine records the exit: ask again briefly. */
async function exitCodeOf(exec: Docker.Exec, abort: object): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    const inspected = await exec.inspect(abort);
    if (!inspected.Running && inspected.ExitCode !== null) return inspected.ExitCode;
    if (attempt >= 50) return -1;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
