// SPDX-License-Identifier: Apache-2.0
import type { PortInfo } from '../../../shared/contract/index.js';

/** The ports main sees, with their USB identity; kept current on hot-plug by ports.changed. */
export function PortList(props: { ports: PortInfo[]; onOpen: (path: string) => void }) {
  if (props.ports.length === 0) {
    return (
      <p className="muted">
        No serial ports found. Plug in a USB serial adapter (it shows here within two seconds), or
        type a path above: a pty or symlink opens even though it is not listed.
      </p>
    );
  }
  return (
    <table className="port-list" aria-label="Serial ports">
      <thead>
        <tr>
          <th>Port</th>
          <th>USB ID</th>
          <th>Serial number</th>
          <th>Manufacturer</th>
          <th>Product</th>
          <th>By-id link</th>
          <th>Board</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.ports.map((port) => (
          <tr key={port.path} data-testid="port-row">
            <td className="mono">{port.path}</td>
            <td className="mono">
              {port.vendorId && port.productId ? `${port.vendorId}:${port.productId}` : ''}
            </td>
            <td className="mono">{port.serialNumber ?? ''}</td>
            <td>{port.manufacturer ?? ''}</td>
            <td>{port.product ?? ''}</td>
            <td className="mono by-id">{port.byIdPath ?? ''}</td>
            <td>{port.board ?? ''}</td>
            <td>
              <button
                type="button"
                aria-label={`${port.openSessionId ? 'Show' : 'Open'} the console on ${port.path}`}
                onClick={() => props.onOpen(port.path)}
              >
                {port.openSessionId ? 'Show' : 'Open'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
