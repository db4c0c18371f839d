// SPDX-License-Identifier: Apache-2.0
import type { ReactNode } from 'react';
import type { ConfigFormState } from './config-form.js';

type TextKey = {
  [K in keyof ConfigFormState]: ConfigFormState[K] extends string ? K : never;
}[keyof ConfigFormState];
type FlagKey = {
  [K in keyof ConfigFormState]: ConfigFormState[K] extends boolean ? K : never;
}[keyof ConfigFormState];

function Field(props: { label: string; error: string | undefined; children: ReactNode }) {
  return (
    <label className="flash-field">
      <span>{props.label}</span>
      {props.children}
      {props.error && (
        <span role="alert" className="flash-error">
          {props.error}
        </span>
      )}
    </label>
  );
}

export function ConfigForm(props: {
  form: ConfigFormState;
  errors: Record<string, string>;
  bootFound: boolean | undefined;
  onChange: (form: ConfigFormState) => void;
}) {
  const { form, errors } = props;
  const set = <K extends keyof ConfigFormState>(key: K, value: ConfigFormState[K]) =>
    props.onChange({ ...form, [key]: value });

  const load = (file: File | undefined) => {
    if (!file) return;
    file.text().then(
      (text) => set('template', text),
      () => undefined,
    );
  };

  /** One text setting: its label, the name a screen reader reads, and what it may show. */
  const text = (
    key: TextKey,
    label: string,
    name: string,
    more: {
      error?: string;
      placeholder?: string;
      secret?: boolean;
      rows?: number;
      mono?: boolean;
    } = {},
  ) => {
    const common = {
      'aria-label': name,
      value: form[key],
      placeholder: more.placeholder,
      onChange: (event: { target: { value: string } }) => set(key, event.target.value),
    };
    return (
      <Field label={label} error={more.error}>
        {more.rows ? (
          <textarea {...common} rows={more.rows} className={more.mono ? 'mono' : undefined} />
        ) : (
          <input {...common} {...(more.secret && { type: 'password', autoComplete: 'off' })} />
        )}
      </Field>
    );
  };

  const flag = (key: FlagKey, label: string) => (
    <label className="flash-inline">
      <input
        type="checkbox"
        checked={form[key]}
        onChange={(event) => set(key, event.target.checked)}
      />
      {label}
    </label>
  );

  return (
    <section className="flash-step" aria-labelledby="flash-config-title">
      <h3 id="flash-config-title">3. Configuration</h3>
      {flag('enabled', 'Give each card its own config.json')}
      {form.enabled && props.bootFound === false && (
        <p role="alert" className="flash-error">
          This image has no boot partition: flashing with configuration will be refused.
        </p>
      )}
      {form.enabled && (
        <div className="flash-config">
          {text(
            'hostname',
            'Hostname ({{index}} allowed; default: first 7 of the uuid)',
            'Hostname',
            {
              error: errors.hostname,
              placeholder: 'bench-{{index}}',
            },
          )}
          {text('deviceType', 'Device type', 'Device type', { placeholder: 'from the image' })}
          {flag('developmentMode', 'Development mode (engine port open on the bench network)')}
          {flag('persistentLogging', 'Persistent logging')}
          {text('wifiSsid', 'Wi-Fi network', 'Wi-Fi network', { error: errors.wifi })}
          {text('wifiPsk', 'Wi-Fi key', 'Wi-Fi key', { secret: true })}
          {text(
            'staticIp',
            'Static IPv4 of the first card (address/prefix; the next count up)',
            'Static IP',
            {
              error: errors.staticIp,
              placeholder: 'DHCP',
            },
          )}
          {text('gateway', 'Gateway', 'Gateway')}
          {text('variables', 'Extra variables (KEY=VALUE per line)', 'Extra variables', {
            error: errors.variables,
            rows: 2,
          })}
          {text(
            'template',
            'config.json template ({{uuid}} {{index}} {{hostname}})',
            'config.json template',
            {
              error: errors.template,
              rows: 4,
              mono: true,
              placeholder: '{"uuid": "{{uuid}}", "hostname": "bench-{{index}}"}',
            },
          )}
          <label className="button-like">
            Load config.json…
            <input
              type="file"
              hidden
              accept=".json,application/json"
              onChange={(event) => load(event.target.files?.[0])}
            />
          </label>
        </div>
      )}
    </section>
  );
}
