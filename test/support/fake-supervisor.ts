// SPDX-License-Identifier: Apache-2.0
// A FAKE standing in for balena-supervisor, which cannot run here (it needs balenaOS, its
// engine and its database). It serves the documented shapes of the endpoints a local push
// uses, on 127.0.0.1 and a random port, records what was posted, and plays the cases a real
// board shows: cloud-managed (401 on v2), not in local mode (400 on POST), an apply that fails
// (a system log line, the container left unstarted), a slow apply, a board that goes silent.
// Applying advances one step per status poll, so tests never wait on its clock.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FakeMode = 'local' | 'cloud-managed' | 'not-local-mode' | 'apply-fails' | 'slow-apply';

interface DeviceTarget {
  local: { name: string; config: Record<string, string>; apps: unknown };
}

interface PostedService {
  readonly serviceName: string;
  readonly image: string;
}

export class FakeSupervisor {
  mode: FakeMode = 'local';
  /** No answer at all, not even to /ping: a board that vanished without closing connections. */
  silent = false;
  /** In 'apply-fails', the service whose start fails (default: the first posted). */
  failingService: string | undefined;
  /** In 'slow-apply', how many status polls report `applying` before the release runs. */
  slowPolls = 3;
  /** Every target state accepted by POST, in order. */
  readonly posted: unknown[] = [];
  /** "GET /ping", "POST /v2/local/target-state"… in the order they came. */
  readonly requests: string[] = [];
  state: DeviceTarget = {
    local: {
      name: 'bench-board',
      config: { HOST_CONFIG_gpu_mem: '16', SUPERVISOR_LOCAL_MODE: '1' },
      apps: {},
    },
  };

  private services: PostedService[] = [];
  private statuses = new Map<string, string>();
  private pollsLeft = 0;
  private readonly logStreams = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private server: Server;
  private port = 0;

  private constructor() {
    this.server = this.makeServer();
  }

  static async start(): Promise<FakeSupervisor> {
    const fake = new FakeSupervisor();
    await fake.listen(0);
    return fake;
  }

  /** host:port, as a push is given a board's address. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Sends one line to every open /v2/local/logs stream. */
  emitLog(line: Record<string, unknown>): void {
    const text = `${JSON.stringify({ timestamp: Date.now(), ...line })}\n`;
    for (const stream of this.logStreams) stream.write(text);
  }

  /** Lets a slow apply finish at the next status poll. */
  completeApply(): void {
    if (this.pollsLeft > 1) this.pollsLeft = 1;
  }

  /** Sends raw text to every log stream (for malformed lines). */
  emitRaw(text: string): void {
    for (const stream of this.logStreams) stream.write(text);
  }

  get openLogStreams(): number {
    return this.logStreams.size;
  }

  /** Cuts every log stream, as a supervisor restart does. */
  dropLogStreams(): void {
    for (const stream of this.logStreams) stream.socket?.destroy();
    this.logStreams.clear();
  }

  /** The board goes away: the port closes and every connection drops. */
  async stop(): Promise<void> {
    this.logStreams.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The board comes back on the same port. */
  async restart(): Promise<void> {
    this.server = this.makeServer();
    await this.listen(this.port);
  }

  private makeServer(): Server {
    const server = createServer((request, response) => this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    return server;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve) => {
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const route = `${request.method ?? 'GET'} ${(request.url ?? '/').split('?')[0]}`;
    this.requests.push(route);
    if (this.silent) return;
    if (route === 'GET /ping') return void response.end('OK');
    // The real API asks for a key on everything past /ping when a cloud manages the device.
    if (this.mode === 'cloud-managed') {
      response.statusCode = 401;
      return void response.end('Unauthorized');
    }
    if (route === 'GET /v2/local/device-info') {
      return json(response, 200, {
        status: 'success',
        info: { arch: 'amd64', deviceType: 'generic-amd64' },
      });
    }
    if (route === 'GET /v2/local/target-state') {
      return json(response, 200, { status: 'success', state: this.state });
    }
    if (route === 'POST /v2/local/target-state') return this.post(request, response);
    if (route === 'GET /v2/state/status') return json(response, 200, this.status());
    if (route === 'GET /v2/local/logs') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(`${JSON.stringify({ message: 'Streaming logs', isSystem: true })}\n`);
      this.logStreams.add(response);
      response.on('close', () => this.logStreams.delete(response));
      return;
    }
    json(response, 404, { status: 'failed', message: `No route ${route}` });
  }

  private post(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (this.mode === 'not-local-mode') {
        return json(response, 400, {
          status: 'failed',
          message: 'Target state can only set when device is in local mode',
        });
      }
      const target = JSON.parse(body) as { local?: { apps?: Record<string, unknown> } };
      const app = target.local?.apps?.['1'] as
        { services?: Record<string, PostedService> } | undefined;
      if (app?.services === undefined) {
        return json(response, 400, { status: 'failed', message: 'Invalid target state' });
      }
      this.posted.push(target);
      this.state = target as DeviceTarget;
      this.services = Object.values(app.services);
      this.statuses = new Map(this.services.map((s) => [s.serviceName, 'Installing']));
      this.pollsLeft = this.mode === 'slow-apply' ? this.slowPolls : 1;
      json(response, 200, { status: 'success', message: 'OK' });
    });
  }

  /** One poll: report, then take the apply one step further. */
  private status(): Record<string, unknown> {
    const applying = this.pollsLeft > 0 || this.mode === 'apply-fails';
    const answer = {
      status: 'success',
      appState: applying ? 'applying' : 'applied',
      overallDownloadProgress: null,
      containers: this.services.map((s, index) => ({
        status: this.statuses.get(s.serviceName),
        serviceName: s.serviceName,
        appId: 1,
        imageId: index + 1,
        serviceId: index + 1,
        containerId: `c0ffee${index}`,
        createdAt: '2026-12-01T08:00:00.000Z',
      })),
      images: this.services.map((s, index) => ({
        name: s.image,
        appId: 1,
        serviceName: s.serviceName,
        imageId: index + 1,
        dockerImageId: `sha256:${index}`,
        status: 'Downloaded',
        downloadProgress: null,
      })),
      release: '10ca12e1ea5e',
    };
    if (this.pollsLeft > 0 && --this.pollsLeft === 0) this.finishApply();
    return answer;
  }

  private finishApply(): void {
    const failing = this.failingService ?? this.services[0]?.serviceName;
    for (const service of this.services) {
      const object = `'${service.serviceName} ${service.image}'`;
      if (this.mode === 'apply-fails' && service.serviceName === failing) {
        this.statuses.set(service.serviceName, 'Installed');
        this.emitLog({
          isSystem: true,
          message: `Failed to start service ${object} due to '(HTTP code 500) server error - port is already allocated'`,
        });
        continue;
      }
      this.statuses.set(service.serviceName, 'Running');
      this.emitLog({ isSystem: true, message: `Started service ${object}` });
    }
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
