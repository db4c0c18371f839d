// SPDX-License-Identifier: Apache-2.0
// A shell in a container: the engine's exec, hijacked so one connection carries input and
// output both ways; with a TTY the engine gives one raw stream, without one it multiplexes
// stdout and stderr. Its exit status comes from inspecting the exec once its stream ends.
import { PassThrough, type Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { toErrorInfo } from '../../shared/errors.js';
import { engineError, type DockerTarget } from '../docker/index.js';
import type { ShellOutput, ShellProcess, ShellRequest } from './shell-process.js';

/** /bin/bash when the image has it (a fuller shell), else /bin/sh, which every image has. */
async function chooseShell(container: Docker.Container): Promise<string[]> {
  const hasBash = await container.infoArchive({ path: '/bin/bash' }).then(
    () => true,
    () => false,
  );
  return [hasBash ? '/bin/bash' : '/bin/sh'];
}

/** The exec has ended its stream; the engine may take a moment to mark it as not running. */
async function exitCode(exec: Docker.Exec): Promise<number | null> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const info = await exec.inspect();
    if (!info.Running) return info.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

export async function openContainerShell(
  docker: Docker,
  containerId: string,
  request: ShellRequest,
  out: ShellOutput,
  target: DockerTarget,
): Promise<ShellProcess> {
  const container = docker.getContainer(containerId);
  const command =
    request.command.length > 0
      ? ['/bin/sh', '-c', request.command.join(' ')]
      : await chooseShell(container);
  let stream: Duplex;
  let exec: Docker.Exec;
  try {
    exec = await container.exec({
      Cmd: command,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: request.tty,
      ...(request.tty ? { Env: ['TERM=xterm-256color'] } : {}),
    });
    stream = await exec.start({ hijack: true, stdin: true, Tty: request.tty });
  } catch (error) {
    throw engineError(error, `starting a shell in a container on ${target.board}`);
  }
  if (request.tty) {
    stream.on('data', (chunk: Buffer) => out.data(chunk, 'stdout'));
  } else {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    stdout.on('data', (chunk: Buffer) => out.data(chunk, 'stdout'));
    stderr.on('data', (chunk: Buffer) => out.data(chunk, 'stderr'));
    docker.modem.demuxStream(stream, stdout, stderr);
  }
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    exitCode(exec).then(
      (status) => out.exit({ status }),
      (error: unknown) =>
        out.exit({
          status: null,
          error: toErrorInfo(engineError(error, `ending a shell on ${target.board}`)),
        }),
    );
  };
  stream.on('end', finish);
  stream.on('close', finish);
  stream.on('error', finish);
  const resize = async (cols: number, rows: number): Promise<void> => {
    await exec.resize({ w: cols, h: rows }).catch((error: unknown) => {
      throw engineError(error, `resizing a shell on ${target.board}`);
    });
  };
  if (request.tty) await resize(request.cols, request.rows).catch(() => undefined);
  return {
    command,
    containerId,
    write: (data) => void stream.write(data),
    end: () => void stream.end(),
    resize,
    kill: () => stream.destroy(),
  };
}
