// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import {
  emptyConfigForm,
  toFlashConfig,
  validateConfigForm,
} from '../../../src/renderer/panes/flash/config-form.js';
import { FlashConfig } from '../../../src/shared/contract/index.js';

const form = { ...emptyConfigForm, enabled: true };

describe('Flash pane config form', () => {
  it('sends nothing to configure while the box is off', () => {
    expect(toFlashConfig(emptyConfigForm)).toBeUndefined();
    expect(validateConfigForm({ ...emptyConfigForm, hostname: 'bad name' })).toEqual({});
  });

  it('names each field that is wrong', () => {
    const errors = validateConfigForm({
      ...form,
      hostname: 'bad name',
      template: '{"uuid": "{{uuid}}",',
      variables: 'GOOD=1\nnot a pair',
      wifiSsid: 'Bench',
      staticIp: '10.0.0.5',
    });
    expect(Object.keys(errors).sort()).toEqual([
      'hostname',
      'staticIp',
      'template',
      'variables',
      'wifi',
    ]);
    expect(errors.template).toMatch(/Not valid JSON/);
    expect(errors.wifi).toMatch(/both/);
  });

  it('accepts templates and placeholders in the hostname', () => {
    expect(
      validateConfigForm({ ...form, hostname: 'bench-{{index}}', template: '{"uuid":"{{uuid}}"}' }),
    ).toEqual({});
  });

  it('turns a valid form into a FlashConfig the contract accepts', () => {
    const config = toFlashConfig({
      ...form,
      hostname: 'bench-{{index}}',
      variables: 'A=1\nB=x=y',
      wifiSsid: 'Bench',
      wifiPsk: 'secret-key',
      staticIp: '10.0.0.5/24',
      gateway: '10.0.0.1',
      dns: '1.1.1.1, 9.9.9.9',
    });
    expect(FlashConfig.parse(config)).toEqual({
      hostname: 'bench-{{index}}',
      developmentMode: true,
      variables: { A: '1', B: 'x=y' },
      wifi: { ssid: 'Bench', psk: 'secret-key' },
      staticIp: { address: '10.0.0.5/24', gateway: '10.0.0.1', dns: ['1.1.1.1', '9.9.9.9'] },
    });
  });
});
