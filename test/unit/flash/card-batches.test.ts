// SPDX-License-Identifier: Apache-2.0
// Several cards, and several batches into one manifest: every card its own number, name and
// static address, and a manifest never replaced without being asked.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCardConfigs } from '../../../src/main/flash/configure/card-config.js';
import { checkAgainstEarlier, planBatch } from '../../../src/main/flash/write/batch.js';
import { cardAddresses } from '../../../src/shared/card-addresses.js';
import { networkProblems } from '../../../src/shared/network-config-rules.js';
import { FlashRequest, type ManifestCard } from '../../../src/shared/contract/index.js';

const fileOf = (files: { path: string; content: string }[], path: string): string =>
  files.find((f) => f.path === path)?.content ?? '';
const request = (more: Partial<FlashRequest>) =>
  FlashRequest.parse({ image: 'a.img', targets: ['/dev/loop1'], ...more });
const earlierCard = (index: number, hostname: string, address?: string): ManifestCard => ({
  index,
  target: '/dev/loop1',
  serial: '',
  uuid: 'a'.repeat(32),
  hostname,
  ...(address ? { address } : {}),
  imageChecksum: 'sha256:0',
  verified: true,
  configVerified: true,
  time: 't',
});

describe('static addresses per card', () => {
  it('gives each card the next address, in its own connection file', () => {
    const cards = buildCardConfigs({ staticIp: { address: '192.168.1.50/24', dns: [] } }, 3);
    expect(cards.map((c) => c.address)).toEqual([
      '192.168.1.50/24',
      '192.168.1.51/24',
      '192.168.1.52/24',
    ]);
    expect(fileOf(cards[2]!.files, 'system-connections/benchtop-ethernet')).toContain(
      'address1=192.168.1.52/24',
    );
  });

  it('refuses a batch that runs past the network, the network address and the gateway', () => {
    expect(cardAddresses('10.0.0.253/24', 3)).toEqual({
      problem:
        '3 cards from 10.0.0.253 run past the last address of the /24 network (10.0.0.254): there is room for 2',
    });
    expect(cardAddresses('10.0.0.0/24', 1)).toEqual({
      problem: "10.0.0.0/24 is the network's own address; start at 10.0.0.1",
    });
    expect(cardAddresses('10.0.0.1/24', 2, '10.0.0.2')).toEqual({
      problem: "a card would get the gateway's address 10.0.0.2",
    });
    expect(() => buildCardConfigs({ staticIp: { address: '10.0.0.254/24', dns: [] } }, 2)).toThrow(
      'The static address (staticIp.address): 2 cards from 10.0.0.254 run past the last address of the /24 network (10.0.0.254): there is room for 1.',
    );
    expect(cardAddresses('10.0.0.255/24', 1)).toMatchObject({ problem: /run past/ });
    expect(cardAddresses('10.0.0.8/31', 2)).toEqual({ addresses: ['10.0.0.8/31', '10.0.0.9/31'] });
  });

  it('says {{index}} is not needed in an address', () => {
    expect(networkProblems({ staticIp: { address: '10.0.0.{{index}}/24' } })[0]?.message).toBe(
      "The static address (staticIp.address) is the first card's address: the next cards take the next addresses by themselves, so it takes no {{index}}.",
    );
  });
});

describe('numbering across batches', () => {
  it('numbers from the start index, and numbers a plain hostname in a later batch of one', () => {
    const cards = buildCardConfigs({ hostname: 'cm4' }, 2, {}, 3);
    expect(cards.map((c) => [c.index, c.hostname])).toEqual([
      [3, 'cm4-3'],
      [4, 'cm4-4'],
    ]);
    expect(buildCardConfigs({ hostname: 'cm4' }, 1, {}, 5)[0]?.hostname).toBe('cm4-5');
    const [one] = buildCardConfigs({ template: '{"note":"card {{index}}"}' }, 1, {}, 7);
    expect(JSON.parse(fileOf(one!.files, 'config.json'))).toMatchObject({ note: 'card 7' });
  });

  it("fills {{hostname}} with the template's own hostname", () => {
    const [card] = buildCardConfigs(
      { template: '{"hostname":"cm4-{{index}}","note":"I am {{hostname}}"}' },
      1,
      {},
      2,
    );
    expect(card?.hostname).toBe('cm4-2');
    expect(JSON.parse(fileOf(card!.files, 'config.json'))).toMatchObject({ note: 'I am cm4-2' });
  });
});

describe('a run as a batch of its manifest', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'benchtop-batch-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const manifestWith = (cards: ManifestCard[]): string => {
    const path = join(dir, 'run.json');
    writeFileSync(path, JSON.stringify({ cards }));
    return path;
  };

  it('refuses to replace an existing manifest unless asked, and says so', async () => {
    const path = manifestWith([earlierCard(1, 'cm4-1')]);
    await expect(planBatch(request({ manifest: path }))).rejects.toThrow(
      `The manifest ${path} already holds 1 card; nothing was written. Add this run to it, or replace it.`,
    );
    await expect(planBatch(request({ manifest: path, overwrite: true }))).resolves.toEqual({
      manifest: path,
      earlier: [],
      startIndex: 1,
    });
    await expect(
      planBatch(request({ manifest: path, overwrite: true, append: true })),
    ).rejects.toThrow('Append to the manifest or replace it, not both.');
    await expect(planBatch(request({ append: true }))).rejects.toThrow(
      'Appending needs the manifest to add to.',
    );
    expect(readFileSync(path, 'utf8')).toContain('cm4-1');
  });

  it("continues after the manifest's last card when appending, unless told where to start", async () => {
    const path = manifestWith([earlierCard(1, 'cm4-1'), earlierCard(2, 'cm4-2')]);
    expect((await planBatch(request({ manifest: path, append: true }))).startIndex).toBe(3);
    expect(
      (await planBatch(request({ manifest: path, append: true, startIndex: 10 }))).startIndex,
    ).toBe(10);
    expect((await planBatch(request({ manifest: join(dir, 'new.json') }))).startIndex).toBe(1);
  });

  it('refuses a hostname or an address an earlier card of the manifest holds', async () => {
    const path = manifestWith([earlierCard(1, 'cm4-1', '10.0.0.50/24')]);
    const batch = await planBatch(request({ manifest: path, append: true, startIndex: 1 }));
    expect(() =>
      checkAgainstEarlier(batch, buildCardConfigs({ hostname: 'cm4' }, 2, {}, 1)),
    ).toThrow(
      `The hostname cm4-1 is already in ${path}; number this batch on (start index) or use another name. Nothing was written.`,
    );
    const next = await planBatch(request({ manifest: path, append: true }));
    const again = buildCardConfigs({ staticIp: { address: '10.0.0.50/24', dns: [] } }, 1, {}, 2);
    expect(() => checkAgainstEarlier(next, again)).toThrow(
      `The address 10.0.0.50 is already cm4-1's in ${path}; start this batch at 10.0.0.51. Nothing was written.`,
    );
    const moved = buildCardConfigs({ staticIp: { address: '10.0.0.51/24', dns: [] } }, 1, {}, 2);
    expect(() => checkAgainstEarlier(next, moved)).not.toThrow();
  });

  it('refuses a file that is not a manifest instead of replacing it', async () => {
    const path = join(dir, 'notes.json');
    writeFileSync(path, '{"mine": true}');
    await expect(planBatch(request({ manifest: path, append: true }))).rejects.toThrow(
      `${path} is not a Benchtop manifest, so this run's cards cannot be added to it.`,
    );
  });
});
