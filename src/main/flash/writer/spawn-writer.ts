// SPDX-License-Identifier: Apache-2.0
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { packageRoot } from '../../app/package-root.js';
import { BenchtopError } from '../../../shared/errors.js';
import { parseWriterMessage, type WriterMessage, type WriterRequest } from './protocol.js';
import { writerLaunch, type WriterLaunch } from './writer-launch.js';

/**
 * The writer as it runs: writer-process.ts and what it imports, bundled by the build
 * (scripts/build-writer.js), so it starts without resolving hundreds of files.
 */
export function writerScript(): string {
  const built = `${packageRoot}dist/writer/writer.mjs`;
  if (existsSync(built)) return built;
  throw new BenchtopError(
    'UNSUPPORTED',
    `The writer process is not built (${built} is missing): run \`npm run build\`.`,
  );
}

/** How this process would start the writer (see writer-launch.ts). */
export function launchHere(): WriterLaunch {
  return writerLaunch({
    execPath: process.execPath,
    script: writerScript(),
    electron: process.versions.electron !== undefined,
    uid: process.getuid?.(),
    display: Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY),
    pkexec: existsSync('/usr/bin/pkexec') ? '/usr/bin/pkexec' : undefined,
  });
}

export interface WriterHandle {
  /** Resolves when the writer exits; messages arrive through onMessage before that. */
  readonly exited: Promise<{ code: number | null; stderr: string }>;
  /** Hands the writer its one job. */
  start(request: Request): void;
  cancel(): void;
}

export type Request = Omit<WriterRequest, 'type' | 'token'>;

/** A started writer that has not been given its job yet. */
export interface IdleWriter {
  /** False once it has exited (a writer kept ready may die before it is used). */
  readonly alive: boolean;
  /** Hands it to one flash: its messages go to onMessage from now on. */
  take(onMessage: (message: WriterMessage) => void): WriterHandle;
  /** Closes its stdin: an idle writer then exits at once. */
  close(): void;
}

/**
 * Starts a root process: only once the engine's own checks have passed (flash-job.ts), so a
 * bad request never costs a prompt or a privileged process. The one exception is a writer
 * kept ready by an engine that is already root (ready-writer.ts), where it costs neither.
 */
export function launchWriter(): IdleWriter {
  const token = randomBytes(32).toString('hex');
  const { file, args, env } = launchHere();
  const child: ChildProcess = spawn(file, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let alive = true;
  let listener: ((message: WriterMessage) => void) | undefined;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = parseWriterMessage(line, token);
    if (message) listener?.(message);
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once('error', (error) => {
      stderr += error.message;
      resolve({ code: -1, stderr });
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  }).finally(() => {
    alive = false;
  });
  child.stdin?.on('error', () => undefined);
  const handle: WriterHandle = {
    exited,
    start(request) {
      child.stdin?.write(`${JSON.stringify({ type: 'start', token, ...request })}\n`);
    },
    cancel() {
      child.stdin?.write(`${JSON.stringify({ type: 'cancel', token })}\n`);
      setTimeout(() => child.kill('SIGTERM'), 2000).unref();
    },
  };
  return {
    get alive() {
      return alive;
    },
    take(onMessage) {
      listener = onMessage;
      return handle;
    },
    close() {
      child.stdin?.end();
    },
  };
}

export function spawnWriter(onMessage: (message: WriterMessage) => void): WriterHandle {
  return launchWriter().take(onMessage);
}

/** Turns a writer that never got going into words: elevation refused, or not built. */
export function writerStartError(code: number | null, stderr: string): BenchtopError {
  if (/spawn (sudo|\/usr\/bin\/pkexec) (ENOENT|EACCES)/.test(stderr))
    return new BenchtopError(
      'PERMISSION_DENIED',
      'Writing drives needs administrator rights, and neither sudo nor pkexec is installed to ask for them. Run benchtop as root.',
    );
  if (/password|a terminal is required|not authorized|dismissed|authentication/i.test(stderr))
    return new BenchtopError(
      'PERMISSION_DENIED',
      'Writing drives needs administrator rights, and they were not given. Run `sudo benchtop flash …`, or allow the prompt.',
      stderr.trim().slice(-300),
    );
  return new BenchtopError(
    'INTERNAL',
    `The writer process ended unexpectedly (exit ${code}).`,
    stderr.trim().slice(-500),
  );
}
