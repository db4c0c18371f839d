// SPDX-License-Identifier: Apache-2.0
import type { Connection } from './connect.js';
import { reportError } from './output.js';

export interface JsonOption {
  json?: boolean;
}

/** Runs a command body with a client, turning any failure into words (or JSON) and an exit code. */
export async function withConnection(
  options: JsonOption & { attach?: boolean },
  body: (connection: Connection) => Promise<void>,
): Promise<void> {
  let connection: Connection | undefined;
  try {
    // The client and the contract load when a command runs, not for `--help` or a usage error.
    const { connect } = await import('./connect.js');
    connection = await connect({ attach: options.attach ?? false });
    await body(connection);
  } catch (error) {
    reportError(error, options.json ?? false);
  } finally {
    await connection?.close();
  }
}
