// SPDX-License-Identifier: Apache-2.0
// `--home DIR` on every command: Benchtop's settings and state (the inventory, users, the
// running serve's address and token…) live there instead of ~/.config/benchtop, so two serves
// on one machine keep apart and a CLI finds the serve it means. It sets BENCHTOP_HOME, which
// every path under the home reads, and which child processes (the writer) inherit.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';

export function addHomeOption(program: Command): void {
  program
    .addOption(
      new Option(
        '--home <dir>',
        "Benchtop's settings folder (default: $BENCHTOP_HOME, else ~/.config/benchtop)",
      ),
    )
    // Each command's --help lists it too: it is as much `serve`'s option as the program's.
    .configureHelp({ showGlobalOptions: true })
    .hook('preAction', (root) => {
      const home = root.opts<{ home?: string }>().home;
      if (home !== undefined) process.env['BENCHTOP_HOME'] = resolve(home);
    });
}
