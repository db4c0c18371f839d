// SPDX-License-Identifier: Apache-2.0
// What answers on a board: its Docker engine (2375), supervisor (48484) and ssh (22222).
// Short timeouts throughout: a board that hangs must cost a second, not stall the list.
import { get } from 'node:http';
import { connect } from 'node:net';
import type { EngineFacts } from '../../shared/contract/index.js';
import { DOCKER_PORT } from '../docker/index.js';

export const SUPERVISOR_PORT = 48484;
export const DEFAULT_SSH_PORT = 22222;
export const PROBE_TIMEOUT_MS = 2000;
/** /info of an engine is a few kB; a board answering with more is not an engine. */
const MAX_BODY = 1024 * 1024;

export class ProbeError extends Error {}

const hostPart = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/**
 * One GET on a fresh connection (no keep-alive: a board that rebooted since the last probe must
 * not fail on a dead pooled socket), with a deadline for the whole exchange and a size cap.
 */
export function getText(url: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (words: string): void => {
      clearTimeout(timer);
      request.destroy();
      reject(new ProbeError(`${url}: ${words}`));
    };
    const request = get(url, { agent: false }, (response) => {
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) fail(`answer larger than ${MAX_BODY} bytes`);
        else chunks.push(chunk);
      });
      response.on('end', () => {
        clearTimeout(timer);
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299) reject(new ProbeError(`${url}: HTTP ${status}`));
        else resolve(Buffer.concat(chunks).toString('utf8'));
      });
      response.on('error', (error) => fail(error.message));
    });
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      const words =
        error.code === 'ECONNREFUSED'
          ? 'connection refused'
          : error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH'
            ? 'host unreachable'
            : error.message;
      fail(words);
    });
  });
}

async function getJson(url: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const text = await getText(url, timeoutMs);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProbeError(`${url}: not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProbeError(`${url}: not a JSON object`);
  }
  return value as Record<string, unknown>;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.slice(0, 200) : undefined;
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** /version and /info, reduced to what the list and the detail show. */
export function engineFacts(
  version: Record<string, unknown>,
  info: Record<string, unknown> | undefined,
): EngineFacts {
  const facts: EngineFacts = {
    version: str(version['Version']) ?? '?',
    apiVersion: str(version['ApiVersion']) ?? '?',
    os: str(version['Os']) ?? '?',
    arch: str(version['Arch']) ?? '?',
  };
  const kernel = str(version['KernelVersion']);
  if (kernel !== undefined) facts.kernelVersion = kernel;
  if (info) {
    const running = num(info['ContainersRunning']);
    const paused = num(info['ContainersPaused']);
    const stopped = num(info['ContainersStopped']);
    if (running !== undefined && paused !== undefined && stopped !== undefined) {
      facts.containers = { running, paused, stopped };
    }
    const images = num(info['Images']);
    if (images !== undefined) facts.images = images;
    const driver = str(info['Driver']);
    if (driver !== undefined) facts.storageDriver = driver;
    const mem = num(info['MemTotal']);
    if (mem !== undefined) facts.memTotal = mem;
    const cpus = num(info['NCPU']);
    if (cpus !== undefined) facts.cpus = cpus;
  }
  return facts;
}

export async function probeEngine(
  address: string,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<EngineFacts> {
  const base = `http://${hostPart(address)}:${DOCKER_PORT}`;
  const ping = await getText(`${base}/_ping`, timeoutMs);
  if (ping.trim() !== 'OK')
    throw new ProbeError(`${base}/_ping answered "${ping.slice(0, 40)}", not OK`);
  const [version, info] = await Promise.all([
    getJson(`${base}/version`, timeoutMs),
    // /info is the slow one on a busy engine; the list still shows the version without it.
    getJson(`${base}/info`, timeoutMs).catch(() => undefined),
  ]);
  return engineFacts(version, info);
}

export interface SupervisorFacts {
  deviceType?: string;
  arch?: string;
}

/**
 * /ping needs no key. The device type and arch come from /v2/local/device-info, which the
 * supervisor serves without a key in local mode (balena-cli's `push` asks it the same way);
 * elsewhere it refuses, and the board is still shown with its supervisor up.
 */
export async function probeSupervisor(
  address: string,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<SupervisorFacts> {
  const base = `http://${hostPart(address)}:${SUPERVISOR_PORT}`;
  const body = await getText(`${base}/ping`, timeoutMs);
  if (body.trim() !== 'OK')
    throw new ProbeError(`${base}/ping answered "${body.slice(0, 40)}", not OK`);
  const reply = await getJson(`${base}/v2/local/device-info`, timeoutMs).catch(() => undefined);
  const info = reply?.['info'];
  if (typeof info !== 'object' || info === null) return {};
  const facts: SupervisorFacts = {};
  const deviceType = str((info as Record<string, unknown>)['deviceType']);
  const arch = str((info as Record<string, unknown>)['arch']);
  if (deviceType !== undefined) facts.deviceType = deviceType;
  if (arch !== undefined) facts.arch = arch;
  return facts;
}

/** Connects to ssh; the banner (`SSH-2.0-…`) is kept when it comes within the timeout. */
export function probeSsh(
  address: string,
  port = DEFAULT_SSH_PORT,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<{ banner?: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port });
    let connected = false;
    let data = '';
    const done = (result: { banner?: string } | ProbeError): void => {
      clearTimeout(timer);
      socket.destroy();
      if (result instanceof ProbeError) reject(result);
      else resolve(result);
    };
    const timer = setTimeout(() => {
      done(
        connected ? {} : new ProbeError(`no answer on ${address}:${port} within ${timeoutMs} ms`),
      );
    }, timeoutMs);
    socket.on('connect', () => {
      connected = true;
    });
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      const line = data.split(/\r?\n/)[0] ?? '';
      if (data.includes('\n') || data.length > 255) {
        const banner = line.replace(/[^\x20-\x7e]/g, '').slice(0, 255);
        done(banner ? { banner } : {});
      }
    });
    socket.on('end', () => done(connected ? {} : new ProbeError(`${address}:${port} closed`)));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (connected) return done({});
      done(
        new ProbeError(
          `${address}:${port}: ${error.code === 'ECONNREFUSED' ? 'connection refused' : error.message}`,
        ),
      );
    });
  });
}
