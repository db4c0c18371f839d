// SPDX-License-Identifier: Apache-2.0
// Rig boards made a stand in `benchtop serve`'s inventory, the way a person sets one up: browse
// the rig's interfaces, import a table naming each board with its crate, slot and console port,
// and wait until the inventory has heard every one of them over mDNS.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rig } from '../rig/index.js';
import { runCli } from './benchtop-cli.js';
import type { ServeProcess } from './serve-process.js';
import { connectWs } from './ws-client.js';

export async function rigStand(
  serve: ServeProcess,
  rig: Rig,
  crate: string,
  timeoutMs = 60_000,
): Promise<void> {
  const client = await connectWs(serve.port, serve.token);
  await client.call('devices.browse', { interfaces: ['btv*'], save: true });
  client.close();
  const table = join(serve.home, 'stand.csv');
  writeFileSync(
    table,
    `uuid,hostname,deviceType,crate,slot,labels,notes,portSerial,portPath\n${rig.boards
      .map((b) => `,${b.hostname},,${crate},${b.index + 1},,,,${b.consolePath ?? ''}`)
      .join('\n')}\n`,
  );
  const imported = await runCli(['inventory', 'import', table], serve.home);
  if (imported.code !== 0) throw new Error(`inventory import failed: ${imported.stderr}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await runCli(['boards', '--json', '--filter', `crate=${crate} online`], serve.home);
    const online = run.code === 0 ? (JSON.parse(run.stdout) as unknown[]).length : 0;
    if (online === rig.boards.length) return;
    if (Date.now() > deadline)
      throw new Error(
        `the inventory holds ${online} of ${rig.boards.length} boards online: ${run.stderr}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
