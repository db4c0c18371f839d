// SPDX-License-Identifier: Apache-2.0
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Benchtop keeps its settings and state; BENCHTOP_HOME moves it (tests use a temp dir). */
export function benchtopHome(): string {
  const fromEnv = process.env['BENCHTOP_HOME'];
  if (fromEnv) return fromEnv;
  const config = process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config');
  return join(config, 'benchtop');
}
