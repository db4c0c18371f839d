// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import {
  buildCardConfigs,
  checkFlashConfig,
} from '../../../src/main/flash/configure/card-config.js';
import { checkConfigText, nestingDepth } from '../../../src/shared/config-text.js';
import { networkFiles } from '../../../src/main/flash/configure/network-files.js';

const configOf = (files: { path: string; content: string }[]): Record<string, unknown> =>
  JSON.parse(files.find((f) => f.path === 'config.json')?.content ?? '{}') as Record<
    string,
    unknown
  >;

describe('card config', () => {
  it('gives every card its own 32-hex uuid and the first 7 digits as hostname', () => {
    const cards = buildCardConfigs({ developmentMode: true }, 3);
    const uuids = cards.map((c) => c.uuid);
    expect(new Set(uuids).size).toBe(3);
    for (const card of cards) {
      expect(card.uuid).toMatch(/^[0-9a-f]{32}$/);
      expect(card.hostname).toBe(card.uuid.slice(0, 7));
      expect(configOf(card.files)).toMatchObject({
        uuid: card.uuid,
        hostname: card.hostname,
        developmentMode: true,
      });
      expect(configOf(card.files)).not.toHaveProperty('apiEndpoint');
    }
  });

  it('fills {{uuid}}, {{index}} and {{hostname}} in a template, per card', () => {
    const template =
      '{"uuid":"{{uuid}}","hostname":"bench-{{index}}","deviceType":"raspberrypi4-64","note":"{{hostname}}"}';
    const cards = buildCardConfigs({ template }, 2);
    expect(configOf(cards[1]!.files)).toMatchObject({
      hostname: 'bench-2',
      deviceType: 'raspberrypi4-64',
      uuid: cards[1]!.uuid,
    });
    expect(cards.map((c) => c.hostname)).toEqual(['bench-1', 'bench-2']);
  });

  it('numbers a plain --hostname when several cards are flashed', () => {
    expect(buildCardConfigs({ hostname: 'rig' }, 2).map((c) => c.hostname)).toEqual([
      'rig-1',
      'rig-2',
    ]);
    expect(buildCardConfigs({ hostname: 'rig' }, 1).map((c) => c.hostname)).toEqual(['rig']);
  });

  it('keeps the image config and adds variables', () => {
    const [card] = buildCardConfigs({ variables: { MY_VAR: 'x' } }, 1, { deviceType: 'fincm3' });
    expect(configOf(card!.files)).toMatchObject({ deviceType: 'fincm3', MY_VAR: 'x' });
  });

  it('refuses config JSON that does not parse, saying where', () => {
    expect(() => buildCardConfigs({ template: '{"uuid": "{{uuid}}",' }, 1)).toThrow(
      /not valid JSON/,
    );
    expect(() => checkConfigText('{ nope', 'config.json')).toThrow(/config.json is not valid JSON/);
  });

  it('refuses config that fails the schema, naming the field', () => {
    expect(() => checkConfigText('{"developmentMode": "yes"}', 'c.json')).toThrow(
      /developmentMode/,
    );
    expect(() => buildCardConfigs({ template: '{"hostname": "bad name!"}' }, 1)).toThrow(
      /hostname/,
    );
    expect(() => checkConfigText('[1,2]', 'c.json')).toThrow(/JSON object/);
  });

  it('writes Wi-Fi as a NetworkManager keyfile marked secret, static IP as manual ipv4', () => {
    const [wifi] = networkFiles({ wifi: { ssid: 'Bench', psk: 'supersecret' } });
    expect(wifi).toMatchObject({ path: 'system-connections/benchtop-wifi', secret: true });
    expect(wifi?.content).toContain('ssid=Bench');
    expect(wifi?.content).toContain('key-mgmt=wpa-psk');
    const [eth] = networkFiles({
      staticIp: { address: '10.0.0.5/24', gateway: '10.0.0.1', dns: ['1.1.1.1'] },
    });
    expect(eth?.content).toContain('method=manual');
    expect(eth?.content).toContain('address1=10.0.0.5/24,10.0.0.1');
  });
});

describe('config templates that cannot be written as they are', () => {
  it('refuses a template variable Benchtop does not fill, naming it', () => {
    expect(() => checkConfigText('{"uuid":"{{uuid}}","apiKey":"{{ api_key }}"}', 'c.json')).toThrow(
      /c\.json uses \{\{api_key\}\}, which Benchtop does not fill/,
    );
    expect(() => buildCardConfigs({ template: '{"note":"{{serial}}"}' }, 2)).toThrow(
      /\{\{serial\}\}/,
    );
    expect(() => buildCardConfigs({ hostname: 'rig-{{slot}}' }, 1)).toThrow(
      /The hostname uses \{\{slot\}\}/,
    );
    expect(() => checkConfigText('{"note":"{{ index }}"}', 'c.json')).not.toThrow();
  });

  it('refuses JSON nested 100k deep with INVALID_CONFIG instead of overflowing the stack', () => {
    const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(() => checkConfigText(deep, 'deep.json')).toThrow(
      /deep\.json nests objects or arrays more than 64 levels/,
    );
    expect(() => checkConfigText(deep, 'deep.json')).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }) as Error,
    );
    expect(() => buildCardConfigs({ template: deep }, 1)).toThrow(/more than 64 levels/);
  });

  it('refuses both at flash.start, where the schema waits for the options to be merged', () => {
    expect(() => checkFlashConfig({ template: '{"a":"{{x}}"}' })).toThrow(
      /The config uses \{\{x\}\}/,
    );
    expect(() => checkFlashConfig({ template: '['.repeat(65) + ']'.repeat(65) })).toThrow(
      /more than 64 levels/,
    );
    // A template hostname the --hostname option replaces is not refused early.
    expect(() =>
      checkFlashConfig({ template: '{"hostname":"not valid!"}', hostname: 'rig' }),
    ).not.toThrow();
  });

  it('counts nesting outside strings only', () => {
    expect(nestingDepth('{"a":"[[[{{{\\"[[","b":[{}]}')).toBe(3);
  });
});
