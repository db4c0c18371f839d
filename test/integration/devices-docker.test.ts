// SPDX-License-Identifier: Apache-2.0
// The Docker client and its errors against a rig board's real dockerd, and against addresses on
// the rig's network where nothing answers. Root and the rig's tools; run under the rig lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import {
  DOCKER_CONNECT_TIMEOUT_MS,
  createDockerClient,
  dockerError,
} from '../../src/main/docker/index.js';
import { rigDown, rigUpOneBoard, type RigBoard } from '../rig/index.js';

let board: RigBoard;
let docker: Docker;
const created: string[] = [];

/** The request's failure as the person sees it. */
const failure = (request: Promise<unknown>, address = board.address) =>
  request.then(
    () => {
      throw new Error('the request succeeded');
    },
    (error: unknown) => dockerError(error, { board: board.hostname, address }),
  );

beforeAll(async () => {
  board = await rigUpOneBoard();
  docker = await createDockerClient(board.address);
}, 150_000);

afterAll(async () => {
  await Promise.allSettled(created.map((id) => docker.getContainer(id).remove({ force: true })));
  await rigDown();
}, 150_000);

describe('the Docker client on the rig', () => {
  it('talks to the board engine', async () => {
    const images = await docker.listImages();
    expect(images.some((i) => i.RepoTags?.includes('bench/busybox:latest'))).toBe(true);
  });

  it('a dead address on the board network fails by the connect timeout, as UNREACHABLE', async () => {
    // In board 0's subnet, so the host routes it onto the rig's link, where nobody has it: the
    // SYN goes unanswered. A timeout shorter than the kernel's ARP give-up ends it first.
    const dead = board.address.replace(/\.\d+$/, '.99');
    const connectTimeoutMs = 1000;
    const client = await createDockerClient(dead, { connectTimeoutMs });
    const error = await failure(client.ping(), dead);
    expect(error.code).toBe('UNREACHABLE');
    expect(error.detail).toBe(`no connection to ${dead}:2375 within ${connectTimeoutMs} ms`);
    expect(error.message).toContain(`The Docker engine of ${board.hostname} (${dead}:2375)`);
    expect(DOCKER_CONNECT_TIMEOUT_MS).toBeLessThanOrEqual(3000);
  });

  it('a host with no engine listening refuses, and the message says the engine is not running', async () => {
    const error = await failure(
      (await createDockerClient(board.hostAddress)).ping(),
      board.hostAddress,
    );
    expect(error.code).toBe('UNREACHABLE');
    expect(error.message).toContain('refused a connection on port 2375');
  });

  it("a missing container is NOT_FOUND with the engine's own words", async () => {
    const error = await failure(docker.getContainer('bt-no-such').inspect());
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/No such container: bt-no-such/i);
  });

  it('a missing path in an existing container is NOT_FOUND without blaming the container', async () => {
    const container = await docker.createContainer({
      Image: 'bench/busybox',
      Cmd: ['sleep', '60'],
      name: 'bt-errors-archive',
    });
    created.push(container.id);
    const error = await failure(container.infoArchive({ path: '/no/such/file' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.detail).toBe('HTTP 404');
    expect(error.message).not.toMatch(/no such container/i);
  });

  it('a name already taken is BUSY, with what to do', async () => {
    const spec = { Image: 'bench/busybox', Cmd: ['true'], name: 'bt-errors-busy' };
    created.push((await docker.createContainer(spec)).id);
    const error = await failure(docker.createContainer(spec));
    expect(error.code).toBe('BUSY');
    expect(error.message).toContain('is already in use');
  });
});
