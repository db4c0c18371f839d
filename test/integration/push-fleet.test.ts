// SPDX-License-Identifier: Apache-2.0
// Several boards in one push, on two rig boards' real engines: the image is built once, on the
// first board, copied engine to engine to the second (same image id, and it runs there); a dead
// address fails alone while the others succeed, and a receiver that dies mid-load fails alone.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Docker from 'dockerode';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildTarget } from '../../src/main/push/composition.js';
import {
  pushToFleet,
  transferImages,
  type FleetBoard,
  type FleetBoardResult,
  type FleetImage,
} from '../../src/main/push/fleet/index.js';
import { rigDown, rigUp } from '../rig/index.js';

const TAG = 'local_image_fleet:latest';
let boards: FleetBoard[];
const engines = new Map<string, Docker>();
const engineOf = (board: FleetBoard): Docker => {
  const docker = engines.get(board.address);
  if (docker === undefined) throw new Error(`no engine for ${board.address}`);
  return docker;
};

beforeAll(async () => {
  const rig = await rigUp(2, { console: false, hostAvahi: false });
  boards = rig.boards.map((board) => ({ name: board.name, address: board.address }));
  for (const board of boards) {
    engines.set(board.address, new Docker({ host: board.address, port: 2375, timeout: 60_000 }));
  }
});

afterAll(async () => {
  await rigDown();
});

/** Builds a one-layer image that prints the target it was built for. */
async function build(board: FleetBoard, target: BuildTarget): Promise<FleetImage[]> {
  const context = pack();
  context.entry(
    { name: 'Dockerfile' },
    `FROM bench/busybox\nRUN echo "built on ${board.name} for ${target.deviceType} (${target.arch})" > /fleet\nCMD ["cat", "/fleet"]\n`,
  );
  context.finalize();
  const docker = engineOf(board);
  const output = await docker.buildImage(context as unknown as NodeJS.ReadableStream, { t: TAG });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(output, (error: Error | null) => {
      if (error) reject(error);
      else resolve();
    });
  });
  const { Id } = await docker.getImage(TAG).inspect();
  return [{ tag: TAG, imageId: Id }];
}

/** Runs the image to completion on the board and keeps what it printed. */
const printed = new Map<string, string>();
async function deploy(board: FleetBoard, images: readonly FleetImage[]): Promise<void> {
  const docker = engineOf(board);
  const container = await docker.createContainer({ Image: images[0]?.tag ?? '', Tty: true });
  await container.start();
  await container.wait();
  const logs = await container.logs({ stdout: true });
  printed.set(board.name, logs.toString().trim());
  await container.remove();
}

describe('push to two rig boards and a dead address', () => {
  let results: FleetBoardResult[];
  const dead: FleetBoard = { name: 'dead', address: '10.231.0.99' };
  const built: string[] = [];

  beforeAll(async () => {
    results = await pushToFleet({
      boards: [...boards, dead],
      build: (board, target) => {
        built.push(board.name);
        return build(board, target);
      },
      deploy,
    });
  });

  it('builds once, on the first board named, for the amd64 generic type', () => {
    expect(built).toEqual([boards[0]?.name]);
    expect(results.map((result) => result.target)).toEqual([
      { arch: 'amd64', deviceType: 'generic-amd64' },
      { arch: 'amd64', deviceType: 'generic-amd64' },
      undefined,
    ]);
  });

  it('gives the second board the same image id, which runs there', async () => {
    const [first, second] = boards.map((board) => engineOf(board).getImage(TAG).inspect());
    const ids = await Promise.all([first, second]);
    expect(ids[1]?.Id).toBe(ids[0]?.Id);
    expect(results[1]).toMatchObject({ status: 'succeeded', builtOn: boards[0] });
    expect(results[1]?.bytesTransferred).toBeGreaterThan(0);
    expect(printed.get(boards[1]?.name ?? '')).toBe(
      `built on ${boards[0]?.name} for generic-amd64 (amd64)`,
    );
  });

  it('succeeds on the builder and fails the dead address alone, as unreachable', () => {
    expect(results[0]).toMatchObject({ status: 'succeeded', bytesTransferred: 0 });
    expect(results[2]?.status).toBe('failed');
    expect(['TIMEOUT', 'UNREACHABLE']).toContain(results[2]?.error?.code);
    expect(results[2]?.error?.message).toMatch(/10\.231\.0\.99/);
  });
});

describe('a receiver that dies mid-load', () => {
  let server: Server;

  beforeAll(async () => {
    // Takes the first 64 KiB of the upload, then drops the connection, as a board losing power.
    server = createServer((request) => {
      let received = 0;
      request.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= 64 * 1024) request.socket.destroy();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });

  afterAll(() => {
    server.close();
  });

  it('fails alone with the bytes it got, while the healthy board loads the images', async () => {
    const [source, healthy] = boards as [FleetBoard, FleetBoard];
    await engineOf(healthy).getImage(TAG).remove({ force: true });
    const { port } = server.address() as AddressInfo;
    const dying: FleetBoard = { name: 'dying', address: '127.0.0.1' };
    const progress: number[] = [];
    const results = await transferImages(
      { board: source, docker: engineOf(source) },
      [TAG],
      [
        { board: healthy, docker: engineOf(healthy) },
        { board: dying, docker: new Docker({ host: '127.0.0.1', port }) },
      ],
      { onProgress: (board, bytes) => board === healthy && progress.push(bytes) },
    );
    const [loaded, cut] = results;
    expect(loaded).toMatchObject({ ok: true });
    expect(progress.at(-1)).toBe(loaded?.bytes);
    await expect(engineOf(healthy).getImage(TAG).inspect()).resolves.toMatchObject({
      RepoTags: [TAG],
    });
    expect(cut?.ok).toBe(false);
    expect(cut?.bytes).toBeGreaterThanOrEqual(64 * 1024);
    expect(cut?.ok === false && cut.error.message).toMatch(
      /Loading the images into dying \(127\.0\.0\.1\) failed after \d+ bytes: .*closed the connection/,
    );
  });
});

describe('a builder that dies mid-read', () => {
  let server: Server;

  beforeAll(async () => {
    // Starts a save tar, then drops the connection.
    server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/x-tar' });
      response.write(Buffer.alloc(32 * 1024), () => response.socket?.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });

  afterAll(() => {
    server.close();
  });

  it('fails the receiver naming the builder, and the receiver keeps no half image', async () => {
    const receiver = boards[1] as FleetBoard;
    const { port } = server.address() as AddressInfo;
    const builder: FleetBoard = { name: 'builder', address: '127.0.0.1' };
    const before = await engineOf(receiver).listImages();
    const [result] = await transferImages(
      { board: builder, docker: new Docker({ host: '127.0.0.1', port }) },
      [TAG],
      [{ board: receiver, docker: engineOf(receiver) }],
    );
    expect(result?.ok === false && result.error.message).toMatch(
      /^Reading the images from builder, which built them, failed: /,
    );
    const after = await engineOf(receiver).listImages();
    expect(after.map((image) => image.Id).sort()).toEqual(before.map((image) => image.Id).sort());
  });
});
