// SPDX-License-Identifier: Apache-2.0
import type { ReactNode } from 'react';
import type { ConfigFormState } from './config-form.js';

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

  return (
    <section className="flash-step" aria-labelledby="flash-config-title">
      <h3 id="flash-config-title">3. Configuration</h3>
      <label className="flash-inline">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(event) => set('enabled', event.target.checked)}
        />
        Give each card its own config.json
      </label>
      {form.enabled && props.bootFound === false && (
        <p role="alert" className="flash-error">
          This image has no boot partition: flashing with configuration will be refused.
        </p>
      )}
      {form.enabled && (
        <div className="flash-config">
          <Field
            label="Hostname ({{index}} allowed; default: first 7 of the uuid)"
            error={errors.hostname}
          >
            <input
              aria-label="Hostname"
              value={form.hostname}
              placeholder="bench-{{index}}"
              onChange={(event) => set('hostname', event.target.value)}
            />
          </Field>
          <Field label="Device type" error={undefined}>
            <input
              aria-label="Device type"
              value={form.deviceType}
              placeholder="from the image"
              onChange={(event) => set('deviceType', event.target.value)}
            />
          </Field>
          <label className="flash-inline">
            <input
              type="checkbox"
              checked={form.developmentMode}
              onChange={(event) => set('developmentMode', event.target.checked)}
            />
            Development mode (engine port open on the bench network)
          </label>
          <label className="flash-inline">
            <input
              type="checkbox"
              checked={form.persistentLogging}
              onChange={(event) => set('persistentLogging', event.target.checked)}
            />
            Persistent logging
          </label>
          <Field label="Wi-Fi network" error={errors.wifi}>
            <input
              aria-label="Wi-Fi network"
              value={form.wifiSsid}
              onChange={(event) => set('wifiSsid', event.target.value)}
            />
          </Field>
          <Field label="Wi-Fi key" error={undefined}>
            <input
              aria-label="Wi-Fi key"
              type="password"
              autoComplete="off"
              value={form.wifiPsk}
              onChange={(event) => set('wifiPsk', event.target.value)}
            />
          </Field>
          <Field label="Static IPv4 (address/prefix)" error={errors.staticIp}>
            <input
              aria-label="Static IP"
              value={form.staticIp}
              placeholder="DHCP"
              onChange={(event) => set('staticIp', event.target.value)}
            />
          </Field>
          <Field label="Gateway" error={undefined}>
            <input
              aria-label="Gateway"
              value={form.gateway}
              onChange={(event) => set('gateway', event.target.value)}
            />
          </Field>
          <Field label="Extra variables (KEY=VALUE per line)" error={errors.variables}>
            <textarea
              aria-label="Extra variables"
              rows={2}
              value={form.variables}
              onChange={(event) => set('variables', event.target.value)}
            />
          </Field>
          <Field
            label="config.json template ({{uuid}} {{index}} {{hostname}})"
            error={errors.template}
          >
            <textarea
              aria-label="config.json template"
              rows={4}
              className="mono"
              value={form.template}
              placeholder='{"uuid": "{{uuid}}", "hostname": "bench-{{index}}"}'
              onChange={(event) => set('template', event.target.value)}
            />
          </Field>
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
