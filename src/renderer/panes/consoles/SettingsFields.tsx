// SPDX-License-Identifier: Apache-2.0
import { useId, useState } from 'react';
import { flowLabels } from '../../../shared/console-settings-text.js';
import {
  BAUD_PRESETS,
  DATA_BITS,
  FlowControl,
  Parity,
  ReceiveMap,
  SendMap,
  STOP_BITS,
  type ConsoleSettings,
} from '../../../shared/contract/index.js';

/** The port settings, as in tio: rate (a preset or any other), framing, flow, line ends, echo. */
export function SettingsFields(props: {
  value: ConsoleSettings;
  onChange: (change: Partial<ConsoleSettings>) => void;
}) {
  const id = useId();
  const { value, onChange } = props;
  const isPreset = (BAUD_PRESETS as readonly number[]).includes(value.baudRate);
  const [custom, setCustom] = useState(!isPreset);
  return (
    <div className="console-settings">
      <label htmlFor={`${id}-baud`}>Baud</label>
      <select
        id={`${id}-baud`}
        value={custom ? 'custom' : String(value.baudRate)}
        onChange={(event) => {
          if (event.target.value === 'custom') setCustom(true);
          else {
            setCustom(false);
            onChange({ baudRate: Number(event.target.value) });
          }
        }}
      >
        {BAUD_PRESETS.map((rate) => (
          <option key={rate} value={rate}>
            {rate}
          </option>
        ))}
        <option value="custom">custom…</option>
      </select>
      {custom && (
        <input
          aria-label="Custom baud rate"
          type="number"
          min={50}
          max={4000000}
          value={value.baudRate}
          onChange={(event) => {
            const rate = Number(event.target.value);
            if (Number.isInteger(rate) && rate >= 50 && rate <= 4_000_000)
              onChange({ baudRate: rate });
          }}
        />
      )}
      <Choice
        id={`${id}-bits`}
        label="Data bits"
        value={value.dataBits}
        options={DATA_BITS}
        onChange={(dataBits) => onChange({ dataBits })}
      />
      <Choice
        id={`${id}-parity`}
        label="Parity"
        value={value.parity}
        options={Parity.options}
        onChange={(parity) => onChange({ parity })}
      />
      <Choice
        id={`${id}-stop`}
        label="Stop bits"
        value={value.stopBits}
        options={STOP_BITS}
        onChange={(stopBits) => onChange({ stopBits })}
      />
      <Choice
        id={`${id}-flow`}
        label="Flow"
        value={value.flowControl}
        options={FlowControl.options}
        labels={flowLabels}
        onChange={(flowControl) => onChange({ flowControl })}
      />
      <Choice
        id={`${id}-send`}
        label="Send"
        value={value.sendMap}
        options={SendMap.options}
        title="Line ends you type, on their way to the board"
        onChange={(sendMap) => onChange({ sendMap })}
      />
      <Choice
        id={`${id}-receive`}
        label="Receive"
        value={value.receiveMap}
        options={ReceiveMap.options}
        title="Line ends the board sends, on their way to the screen and log"
        onChange={(receiveMap) => onChange({ receiveMap })}
      />
      <label className="inline">
        <input
          type="checkbox"
          checked={value.localEcho}
          onChange={(event) => onChange({ localEcho: event.target.checked })}
        />
        Local echo
      </label>
    </div>
  );
}

/** One labelled select over a setting's choices, as the contract lists them. */
function Choice<T extends string | number>(props: {
  id: string;
  label: string;
  value: T;
  options: readonly T[];
  labels?: Partial<Record<T, string>>;
  title?: string;
  onChange: (value: T) => void;
}) {
  const { id, options, labels } = props;
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={String(props.value)}
        title={props.title}
        onChange={(event) => {
          const picked = options.find((option) => String(option) === event.target.value);
          if (picked !== undefined) props.onChange(picked);
        }}
      >
        {options.map((option) => (
          <option key={String(option)} value={String(option)}>
            {labels?.[option] ?? String(option)}
          </option>
        ))}
      </select>
    </>
  );
}
