// SPDX-License-Identifier: Apache-2.0
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../app/package-root.js';
import { BenchtopError } from '../../../shared/errors.js';
import { WriterMessage, type WriterRequest } from './protocol.js';

/** The compiled writer: beside this file in dist, or in dist when running from sources. */
export function writerScript(): string {
  const here = fileURLToPath(new URL('./writer-process.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = `${packageRoot}dist/main/flash/writer/writer-process.js`;
  if (existsSync(built)) return built;
  throw new BenchtopError(
    'UNSUPPORTED',
    `The writer process is not built (${built} is missing): run \`npm run build\`.`,
  );
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Root runs the writer directly; others go through pkexec (a desktop prompt) when a display is
 * there, else sudo -n (no prompt on a pipe: it fails with a clear message instead).
 */
function command(script: string): { file: string; args: string[] } {
  const node = process.execPath;
  if (isRoot()) return { file: node, args: [script] };
  if ((process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && existsSync('/usr/bin/pkexec'))
    return { file: '/usr/bin/pkexec', args: [node, script] };
  return { file: 'sudo', args: ['-n', node, script] };
}

export interface WriterHandle {
  /** Resolves when the writer exits; messages arrive through onMessage before that. */
  readonly exited: Promise<{ code: number | null; stderr: string }>;
  /** Hands the writer its one job. */
  start(request: Request): void;
  /** Lets a writer that was never started go (it exits when its stdin closes). */
  abandon(): void;
  cancel(): void;
}

export type Request = Omit<WriterRequest, 'type' | 'token'>;

/**
 * Starts the writer process before the request is known: loading Node and etcher-sdk takes
 * about half a second, which then overlaps with inspecting the image and checking targets.
 */
export function spawnWriter(onMessage: (message: WriterMessage) => void): WriterHandle {
  const token = randomBytes(32).toString('hex');
  const { file, args } = command(writerScript());
  const child: ChildProcess = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return;
    }
    const parsed = WriterMessage.safeParse(raw);
    if (parsed.success && parsed.data.token === token) onMessage(parsed.data);
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once('error', (error) => {
      stderr += error.message;
      resolve({ code: -1, stderr });
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  });
  child.stdin?.on('error', () => undefined);
  return {
    exited,
    start(request) {
      child.stdin?.write(`${JSON.stringify({ type: 'start', token, ...request })}\n`);
    },
    abandon() {
      child.stdin?.end();
    },
    cancel() {
      child.stdin?.write(`${JSON.stringify({ type: 'cancel', token })}\n`);
      setTimeout(() => child.kill('SIGTERM'), 2000).unref();
    },
  };
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

/** A writer started ahead of its request, and where its messages should go once known. */
export interface PreparedWriter {
  readonly writer: WriterHandle;
  listen(handler: (message: WriterMessage) => void): void;
}

export function prepareWriter(): PreparedWriter {
  let handler: (message: WriterMessage) => void = () => undefined;
  const writer = spawnWriter((message) => handler(message));
  return {
    writer,
    listen: (next) => {
      handler = next;
    },
  };
}
