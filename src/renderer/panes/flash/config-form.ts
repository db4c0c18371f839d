// SPDX-License-Identifier: Apache-2.0
// The config form's state and its checks, kept apart from the view so they are plain logic.
import type { FlashConfig } from '../../../shared/contract/index.js';
import { networkProblems } from '../../../shared/network-config-rules.js';

export interface ConfigFormState {
  enabled: boolean;
  template: string;
  hostname: string;
  deviceType: string;
  developmentMode: boolean;
  persistentLogging: boolean;
  variables: string;
  wifiSsid: string;
  wifiPsk: string;
  staticIp: string;
  gateway: string;
  dns: string;
}

export const emptyConfigForm: ConfigFormState = {
  enabled: false,
  template: '',
  hostname: '',
  deviceType: '',
  developmentMode: true,
  persistentLogging: false,
  variables: '',
  wifiSsid: '',
  wifiPsk: '',
  staticIp: '',
  gateway: '',
  dns: '',
};

const HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
const PLACEHOLDER = /\{\{\s*(uuid|index|hostname)\s*\}\}/g;

/** Field name → what is wrong with it, in words. Empty when the form can be sent. */
export function validateConfigForm(form: ConfigFormState): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.enabled) return errors;
  if (form.template.trim() !== '') {
    const filled = form.template.replace(PLACEHOLDER, (_m, key: string) =>
      key === 'index' ? '1' : key === 'uuid' ? '0'.repeat(32) : 'host',
    );
    try {
      const parsed = JSON.parse(filled) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        errors.template = 'config.json must be a JSON object ({ … }).';
    } catch (error) {
      errors.template = `Not valid JSON: ${(error as Error).message}`;
    }
  }
  const hostname = form.hostname.replace(PLACEHOLDER, 'x');
  if (form.hostname !== '' && !HOSTNAME.test(hostname))
    errors.hostname = 'Letters, digits and inner dashes only, at most 63.';
  for (const line of lines(form.variables)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(line)) {
      errors.variables = `"${line}" is not KEY=VALUE.`;
      break;
    }
  }
  if ((form.wifiSsid === '') !== (form.wifiPsk === ''))
    errors.wifi = 'Give both the network name and its key, or neither.';
  const network = networkProblems(toFlashConfig(form) ?? {});
  const wifi = network.find((problem) => problem.field.startsWith('wifi.'));
  if (wifi && !errors.wifi) errors.wifi = wifi.message;
  const address = network.find((problem) => problem.field.startsWith('staticIp.'));
  if (address) errors.staticIp = address.message;
  return errors;
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The contract's FlashConfig for a valid form; undefined when configuring is off. */
export function toFlashConfig(form: ConfigFormState): FlashConfig | undefined {
  if (!form.enabled) return undefined;
  const config: FlashConfig = {};
  if (form.template.trim() !== '') config.template = form.template;
  if (form.hostname !== '') config.hostname = form.hostname;
  if (form.deviceType !== '') config.deviceType = form.deviceType;
  config.developmentMode = form.developmentMode;
  if (form.persistentLogging) config.persistentLogging = true;
  const variables = lines(form.variables);
  if (variables.length > 0) {
    config.variables = Object.fromEntries(
      variables.map((line) => [
        line.slice(0, line.indexOf('=')),
        line.slice(line.indexOf('=') + 1),
      ]),
    );
  }
  if (form.wifiSsid !== '') config.wifi = { ssid: form.wifiSsid, psk: form.wifiPsk };
  if (form.staticIp !== '') {
    config.staticIp = {
      address: form.staticIp,
      dns: form.dns.split(/[\s,]+/).filter(Boolean),
      ...(form.gateway ? { gateway: form.gateway } : {}),
    };
  }
  return config;
}
