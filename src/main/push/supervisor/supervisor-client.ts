// SPDX-License-Identifier: Apache-2.0
// A board's balena supervisor API (tcp/48484), the endpoints a local push uses. Every request
// has a short deadline and no retries: a wrong or dead address fails within seconds, where
// balena-cli retries each request for most of a minute.
import { z } from 'zod';
import { supervisorBaseUrl } from './supervisor-address.js';
import { httpError, noAnswerError, shapeError } from './supervisor-errors.js';

export const SUPERVISOR_TIMEOUT_MS = 3000;
/** Target states and status answers are small; anything larger is not a supervisor. */
const MAX_BODY = 4 * 1024 * 1024;

/** GET /v2/local/target-state's `state`: the device's own part is kept on every push. */
export const LocalTargetState = z.looseObject({
  local: z.looseObject({
    name: z.string(),
    config: z.record(z.string(), z.unknown()),
    apps: z.unknown().optional(),
  }),
});
export type LocalTargetState = z.infer<typeof LocalTargetState>;

const ContainerState = z.looseObject({
  serviceName: z.string(),
  status: z.string(),
  containerId: z.string().optional(),
  createdAt: z.string().optional(),
});
const ImageState = z.looseObject({
  name: z.string(),
  serviceName: z.string(),
  status: z.string(),
  downloadProgress: z.number().nullable().optional(),
});

/** GET /v2/state/status: where the supervisor is in applying its target. */
export const SupervisorStatus = z.looseObject({
  appState: z.string(),
  containers: z.array(ContainerState).default([]),
  images: z.array(ImageState).default([]),
  release: z.string().nullable().optional(),
});
export type SupervisorStatus = z.infer<typeof SupervisorStatus>;

export interface SupervisorClientOptions {
  /** Deadline for each request, and for a log stream's first byte of headers. */
  readonly timeoutMs?: number;
}

export class SupervisorClient {
  readonly baseUrl: string;
  /** "host:port", for messages. */
  readonly where: string;
  private readonly timeoutMs: number;

  constructor(address: string, options: SupervisorClientOptions = {}) {
    this.baseUrl = supervisorBaseUrl(address);
    this.where = this.baseUrl.slice('http://'.length);
    this.timeoutMs = options.timeoutMs ?? SUPERVISOR_TIMEOUT_MS;
  }

  /** /ping needs no key and answers on every balenaOS image, local mode or not. */
  async ping(): Promise<void> {
    const body = await this.text('GET', '/ping');
    if (body.trim() !== 'OK') throw shapeError(this.where, '/ping', 'not "OK"', body);
  }

  /** `{ status, info: { arch, deviceType } }`; project/'s targetFromDeviceInfo reads it. */
  async deviceInfo(): Promise<unknown> {
    return this.json('GET', '/v2/local/device-info');
  }

  async targetState(): Promise<LocalTargetState> {
    const path = '/v2/local/target-state';
    const answer = await this.json('GET', path);
    const parsed = z.object({ state: LocalTargetState }).safeParse(answer);
    if (!parsed.success) {
      throw shapeError(this.where, path, 'no state.local with name and config', show(answer));
    }
    return parsed.data.state;
  }

  async setTargetState(state: unknown): Promise<void> {
    await this.text('POST', '/v2/local/target-state', state);
  }

  /**
   * POST /v1/reboot: the supervisor stops the services, then reboots the host. It refuses while
   * a service holds the update lock, unless `force`.
   */
  async reboot(force: boolean): Promise<void> {
    await this.text('POST', '/v1/reboot', { force });
  }

  async status(): Promise<SupervisorStatus> {
    const path = '/v2/state/status';
    const answer = await this.json('GET', path);
    const parsed = SupervisorStatus.safeParse(answer);
    if (!parsed.success) throw shapeError(this.where, path, 'no appState', show(answer));
    return parsed.data;
  }

  /**
   * Opens /v2/local/logs (JSON lines, endless). The deadline covers the answer's headers only;
   * `signal` ends the stream.
   */
  async openLogs(signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const response = await this.request('GET', '/v2/local/logs', undefined, signal);
    if (response.body === null) {
      throw shapeError(this.where, '/v2/local/logs', 'no body', '');
    }
    return response.body;
  }

  private async json(method: string, path: string): Promise<unknown> {
    const body = await this.text(method, path);
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw shapeError(this.where, path, 'not JSON', body);
    }
  }

  private async text(method: string, path: string, payload?: unknown): Promise<string> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const response = await this.request(method, path, payload, deadline);
    let body: string | undefined;
    try {
      body = await readCapped(response, MAX_BODY);
    } catch (error) {
      throw noAnswerError(this.where, error, this.timeoutMs);
    }
    if (body === undefined) throw shapeError(this.where, path, `over ${MAX_BODY} bytes`, '');
    return body;
  }

  /** Fetches with a deadline for the headers only: a log stream must outlive it. */
  private async request(
    method: string,
    path: string,
    payload: unknown,
    signal: AbortSignal,
  ): Promise<Response> {
    const headers = new AbortController();
    const timer = setTimeout(() => {
      headers.abort(new DOMException('no answer', 'TimeoutError'));
    }, this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        signal: AbortSignal.any([signal, headers.signal]),
        ...(payload === undefined
          ? {}
          : { body: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
      });
    } catch (error) {
      throw noAnswerError(this.where, error, this.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      const body = (await readCapped(response, 64 * 1024).catch(() => '')) ?? '';
      throw httpError(this.where, method, path, response.status, body);
    }
    return response;
  }
}

/** The body as text, or undefined past `limit` bytes. */
async function readCapped(response: Response, limit: number): Promise<string | undefined> {
  if (response.body === null) return '';
  const body: ReadableStream<Uint8Array> = response.body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    // Leaving the loop cancels the stream.
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function show(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 4000) ?? String(value);
}
