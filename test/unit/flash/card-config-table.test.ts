// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { assignTable, buildCardConfigs } from '../../../src/main/flash/configure/card-config.js';
import { parseCardsCsv } from '../../../src/shared/cards-csv.js';

const fileOf = (files: { path: string; content: string }[], path: string): string | undefined =>
  files.find((f) => f.path === path)?.content;
const configOf = (files: { path: string; content: string }[]): Record<string, unknown> =>
  JSON.parse(fileOf(files, 'config.json') ?? '{}') as Record<string, unknown>;

const TABLE = [
  'slot,hostname,ip,labels,config.persistentLogging,config.site',
  'A1,bench-a1,10.0.0.11/24,arm rack=2,true,lab',
  'A2,bench-a2,,,false,',
].join('\n');

describe('card configs from a cards table', () => {
  it("gives each card its row's hostname, static address, config variables, slot and labels", () => {
    const table = parseCardsCsv(TABLE);
    const cards = buildCardConfigs(
      { deviceType: 'raspberrypi4-64', variables: { site: 'default', team: 'hw' } },
      2,
      { ntp: 'pool' },
      1,
      table,
    );
    expect(cards.map((c) => [c.index, c.hostname, c.address, c.slot, c.labels])).toEqual([
      [1, 'bench-a1', '10.0.0.11/24', 'A1', ['arm', 'rack=2']],
      [2, 'bench-a2', undefined, 'A2', []],
    ]);
    expect(configOf(cards[0]!.files)).toMatchObject({
      uuid: cards[0]!.uuid,
      hostname: 'bench-a1',
      deviceType: 'raspberrypi4-64',
      ntp: 'pool',
      // The row's value wins over the option's; a spreadsheet's true is a boolean.
      site: 'lab',
      team: 'hw',
      persistentLogging: true,
    });
    expect(configOf(cards[1]!.files)).toMatchObject({
      hostname: 'bench-a2',
      site: 'default',
      persistentLogging: false,
    });
    expect(fileOf(cards[0]!.files, 'system-connections/benchtop-ethernet')).toContain(
      'address1=10.0.0.11/24\n',
    );
    expect(fileOf(cards[1]!.files, 'system-connections/benchtop-ethernet')).toBeUndefined();
  });

  it("fills a template's {{hostname}} with the row's, over the template's own", () => {
    const [card] = buildCardConfigs(
      { template: '{"uuid":"{{uuid}}","hostname":"t-{{index}}","note":"{{hostname}}"}' },
      1,
      {},
      1,
      parseCardsCsv('slot,hostname\nB3,bench-b3\n'),
    );
    expect(configOf(card!.files)).toMatchObject({ hostname: 'bench-b3', note: 'bench-b3' });
  });

  it('names the card of a config that fails the schema by line and slot', () => {
    const table = parseCardsCsv('slot,hostname,config.developmentMode\nC1,c1,yes\n');
    expect(() => buildCardConfigs({}, 1, {}, 1, table)).toThrow(
      /The config for the card on line 2 \(slot C1\) fails the config.json schema: developmentMode/,
    );
  });

  it('refuses a table that does not fit the drives, or a hostname option beside it, as INVALID_CONFIG', () => {
    const table = parseCardsCsv(TABLE);
    expect(() => assignTable(table, ['/dev/sdb'], undefined)).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringMatching(
          /line 3 \(slot A2\) has no drive.*Nothing was written\.$/,
        ) as string,
      }),
    );
    expect(() => assignTable(table, ['/dev/sdb', '/dev/sdc'], { hostname: 'x' })).toThrow(
      /leave the hostname option out/,
    );
    expect(assignTable(table, ['/dev/sdb', '/dev/sdc'], {}).map((c) => c.slot)).toEqual([
      'A1',
      'A2',
    ]);
  });
});
