// SPDX-License-Identifier: Apache-2.0
// `benchtop push` to two rig boards of one kind: one build, the images copied to the other
// board over the engine API, both serving, a result per board.
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResult } from '../../src/shared/contract/index.js';
import { buildMain } from '../fixtures/build-main.js';
import { rigDown, rigUp, type RigBoard } from '../rig/index.js';
import { runCli } from '../support/benchtop-cli.js';
import { tempHome } from '../support/serve-process.js';

const fixture = fileURLToPath(new URL('../fixtures/push/cern', import.meta.url));
let boards: RigBoard[] = [];

beforeAll(async () => {
  buildMain();
  boards = [...(await rigUp(2, { console: false, hostAvahi: false })).boards];
}, 180_000);

afterAll(async () => {
  await rigDown();
});

/** The proxy's page. busybox httpd passes the CGI's bare-LF headers on, which fetch refuses. */
const page = (address: string): Promise<string> =>
  new Promise((resolve, reject) => {
    get(`http://${address}:80/`, { insecureHTTPParser: true }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });

describe('benchtop push to several boards (CLI, rig)', () => {
  it('builds once for two boards of one kind, copies the images, and runs the project on both', async () => {
    const addresses = boards.map((board) => board.address);
    const run = await runCli(
      ['push', ...addresses, '--source', fixture, '--nolive', '--detached', '--json'],
      tempHome(),
    );
    expect(run.stderr).not.toMatch(/benchtop:/);
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as object);
    const { result } = lines.find((line) => 'result' in line) as { result: PushResult };
    expect(result.boards.map((b) => [b.board, b.state])).toEqual(
      addresses.map((address) => [address, 'succeeded']),
    );
    // One build: the builder is a board already holding the images (an earlier test may have
    // pushed to either), else the first named; every board names that one builder.
    const builders = new Set(result.boards.map((b) => b.builtOn ?? b.board));
    expect(builders.size).toBe(1);
    const [builder] = [...builders];
    expect(addresses).toContain(builder);
    expect(result.boards.filter((b) => b.builtOn !== undefined).map((b) => b.board)).toEqual(
      addresses.filter((address) => address !== builder),
    );
    const built = lines.filter(
      (line) =>
        'event' in line && line.event === 'push.output' && 'kind' in line && line.kind === 'build',
    ) as { board: string }[];
    expect(built.length).toBeGreaterThan(0);
    expect(new Set(built.map((line) => line.board))).toEqual(new Set([builder]));
    for (const address of addresses)
      expect(await page(address)).toContain('frontend: frontend on generic-amd64');
  }, 300_000);
});
