// SPDX-License-Identifier: Apache-2.0
import { useId, useState } from 'react';
import { BAUD_PRESETS, type ConsoleSettings } from '../../../shared/contract/index.js';

const parities: ConsoleSettings['parity'][] = ['none', 'even', 'odd', 'mark', 'space'];
const flows: { value: ConsoleSettings['flowControl']; label: string }[] = [
  { value: 'none', label: 'none' },
  { value: 'rts-cts', label: 'RTS/CTS' },
  { value: 'xon-xoff', label: 'XON/XOFF' },
];
const sendMaps: ConsoleSettings['sendMap'][] = ['none', 'cr-to-lf', 'cr-to-crlf', 'lf-to-cr'];
const receiveMaps: ConsoleSettings['receiveMap'][] = [
  'none',
  'lf-to-crlf',
  'cr-to-lf',
  'ignore-cr',
];

export function describeSettings(s: ConsoleSettings): string {
  return `${s.baudRate} ${s.dataBits}${s.parity[0]?.toUpperCase() ?? 'N'}${s.stopBits}${s.flowControl === 'none' ? '' : ` ${s.flowControl}`}`;
}

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
      <label htmlFor={`${id}-bits`}>Data bits</label>
      <select
        id={`${id}-bits`}
        value={value.dataBits}
        onChange={(event) =>
          onChange({ dataBits: Number(event.target.value) as ConsoleSettings['dataBits'] })
        }
      >
        {[5, 6, 7, 8].map((bits) => (
          <option key={bits}>{bits}</option>
        ))}
      </select>
      <label htmlFor={`${id}-parity`}>Parity</label>
      <select
        id={`${id}-parity`}
        value={value.parity}
        onChange={(event) => onChange({ parity: event.target.value as ConsoleSettings['parity'] })}
      >
        {parities.map((parity) => (
          <option key={parity}>{parity}</option>
        ))}
      </select>
      <label htmlFor={`${id}-stop`}>Stop bits</label>
      <select
        id={`${id}-stop`}
        value={value.stopBits}
        onChange={(event) =>
          onChange({ stopBits: Number(event.target.value) as ConsoleSettings['stopBits'] })
        }
      >
        {[1, 1.5, 2].map((bits) => (
          <option key={bits}>{bits}</option>
        ))}
      </select>
      <label htmlFor={`${id}-flow`}>Flow</label>
      <select
        id={`${id}-flow`}
        value={value.flowControl}
        onChange={(event) =>
          onChange({ flowControl: event.target.value as ConsoleSettings['flowControl'] })
        }
      >
        {flows.map((flow) => (
          <option key={flow.value} value={flow.value}>
            {flow.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-send`}>Send</label>
      <select
        id={`${id}-send`}
        value={value.sendMap}
        title="Line ends you type, on their way to the board"
        onChange={(event) =>
          onChange({ sendMap: event.target.value as ConsoleSettings['sendMap'] })
        }
      >
        {sendMaps.map((map) => (
          <option key={map}>{map}</option>
        ))}
      </select>
      <label htmlFor={`${id}-receive`}>Receive</label>
      <select
        id={`${id}-receive`}
        value={value.receiveMap}
        title="Line ends the board sends, on their way to the screen and log"
        onChange={(event) =>
          onChange({ receiveMap: event.target.value as ConsoleSettings['receiveMap'] })
        }
      >
        {receiveMaps.map((map) => (
          <option key={map}>{map}</option>
        ))}
      </select>
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
