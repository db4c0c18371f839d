// SPDX-License-Identifier: Apache-2.0
// Images over HTTP (a loopback server in this process), downloaded by the writer.
import { createServer, type Server } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, compress } from '../fixtures/build-image.js';
import { benchtopAsync, configOn, lastResult, useFlashBench } from '../fixtures/flash-bench.js';
import { readBytes, zeroHead } from '../fixtures/loop-devices.js';

const bench = useFlashBench('benchtop-flash-http-');

describe('flash: images over HTTP (loopback)', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const raw = buildImage(bench.dir, 'served.img').path;
    const xz = compress(raw, 'xz');
    server = createServer((req, res) => {
      const cut = /^\/cut-(\d+)\.img(\.xz)?$/.exec(req.url ?? '');
      if (cut) {
        // Says the whole size, sends a part, then hangs up: a download that breaks off.
        const file = cut[2] ? xz : raw;
        const size = statSync(file).size;
        res.writeHead(200, { 'content-length': size });
        const part = Math.floor((size * Number(cut[1])) / 100);
        res.write(readFileSync(file).subarray(0, part), () => res.destroy());
        return;
      }
      const file = req.url === '/served.img.xz' ? xz : req.url === '/served.img' ? raw : undefined;
      if (!file) {
        res.writeHead(404).end('not here');
        return;
      }
      res.writeHead(200, { 'content-length': statSync(file).size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no server address');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('downloads a raw image from a URL, verifies and configures the card', async () => {
    const run = await benchtopAsync([
      'flash',
      `${base}/served.img`,
      '-t',
      bench.loops[1]!.device,
      '--hostname',
      'web0',
      '--json',
    ]);
    expect(run.stderr).not.toMatch(/benchtop:/);
    expect(run.code).toBe(0);
    const result = lastResult(run.stdout);
    expect(result.cards[0]).toMatchObject({
      verified: true,
      configVerified: true,
      hostname: 'web0',
    });
  });

  it('streams a compressed image from a URL and configures the card', async () => {
    const run = await benchtopAsync([
      'flash',
      `${base}/served.img.xz`,
      '-t',
      bench.loops[2]!.device,
      '--hostname',
      'web1',
    ]);
    expect(run.stderr).not.toMatch(/benchtop:/);
    expect(run.code).toBe(0);
    expect(configOn(bench.loops[2]!.device, bench.image.bootOffset)).toMatchObject({
      hostname: 'web1',
    });
  });

  // Cut early, inspecting finds it; cut late, the writer's download does (before writing).
  it('says a raw image download cut mid-way must be started again, and writes nothing', async () => {
    zeroHead(bench.loops[2]!.device);
    const run = await benchtopAsync(['flash', `${base}/cut-80.img`, '-t', bench.loops[2]!.device]);
    expect(run.stderr).toMatch(/broke off/);
    expect(run.code).toBe(3);
    expect(readBytes(bench.loops[2]!.device, 0, 65536).every((byte) => byte === 0)).toBe(true);
  });

  it.each([30, 97])(
    'says a download cut at %i percent must be started again, and writes nothing',
    async (percent) => {
      zeroHead(bench.loops[2]!.device);
      const run = await benchtopAsync([
        'flash',
        `${base}/cut-${percent}.img.xz`,
        '-t',
        bench.loops[2]!.device,
      ]);
      expect(run.stderr).toMatch(/broke off/);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/broke off/);
      expect(readBytes(bench.loops[2]!.device, 0, 65536).every((byte) => byte === 0)).toBe(true);
    },
  );

  it('names the HTTP status when the URL is wrong', async () => {
    const run = await benchtopAsync(['image', 'inspect', `${base}/nope.img.xz`]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/HTTP 404/);
  });
});
