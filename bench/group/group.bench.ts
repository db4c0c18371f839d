// SPDX-License-Identifier: Apache-2.0
// One command on 20 rig boards: `benchtop exec` as a group against a shell loop running the
// one-board command board by board (`benchtop console exec PORT` over serial, `benchtop shell
// BOARD` over ssh), and the group over 20 boards against the group over one. Every run is the
// CLI as a person types it, attached to one `benchtop serve` (the loop's commands too), so the
// ratios compare ways of working, not setups. Run with `npm run bench:group` (root, the rig's
// tools, `npm run build`). Prints times and ratios; asserts only that every board answered.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rigDown, rigUp, type Rig, type RigBoard } from '../../test/rig/index.js';
import { cliPath, startServe, type ServeProcess } from '../../test/support/serve-process.js';
import { rigStand } from '../../test/support/rig-stand.js';
import { median } from '../median.js';

const BOARDS = Number(process.env['BENCH_BOARDS'] ?? 20);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 1);
/** Every board at once: the aim is 20 boards in at most twice the time of one. */
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? BOARDS);
const COMMAND = 'echo bench-$((6*7))';

let rig: Rig;
let serve: ServeProcess;
/** The boards each way is timed on: every one, less any whose console never answered. */
const measured: Record<'serial' | 'ssh', RigBoard[]> = { serial: [], ssh: [] };

/** Runs a shell script with the CLI as `benchtop`; the time from start to exit. */
function timeScript(script: string): Promise<{ ms: number; code: number | null; out: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn('bash', ['-c', script], {
      env: {
        ...process.env,
        BENCHTOP_HOME: serve.home,
        NO_COLOR: '1',
        BENCHTOP: `${process.execPath} ${cliPath}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => resolve({ ms: performance.now() - t0, code, out }));
  });
}

const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** What each way runs, as shell scripts over `$BENCHTOP`. */
function scripts(over: 'serial' | 'ssh', boards: readonly RigBoard[] = measured[over]) {
  const login =
    over === 'serial' ? `--user ${quote(rig.user)} --password-file ${quote(rig.passwordFile)}` : '';
  const group = (boards: string) =>
    `$BENCHTOP exec ${boards} --over ${over} --concurrency ${CONCURRENCY} ${login} -- ${quote(COMMAND)}`;
  const loopItems =
    over === 'serial'
      ? boards.map((b) => quote(b.consolePath ?? ''))
      : boards.map((b) => quote(b.hostname));
  const one =
    over === 'serial'
      ? `$BENCHTOP console exec "$b" ${login} -- ${quote(COMMAND)}`
      : `$BENCHTOP shell "$b" -- ${quote(COMMAND)}`;
  // The peer for ssh: OpenSSH itself, one client per board, all at once. The rig's boards share
  // this machine's cores, so this is the floor for 20 boards here, not only our overhead.
  const openssh = boards
    .map(
      (b) =>
        `ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=error -i ${quote(rig.sshKey)} -p ${b.sshPort} root@${b.address} ${quote(COMMAND)} &`,
    )
    .join(' ');
  return {
    parallelSsh: `${openssh} wait`,
    group: group(boards.map((b) => `--board ${quote(b.hostname)}`).join(' ')),
    loop: `set -e; for b in ${loopItems.join(' ')}; do ${one}; done`,
    single: group(`--board ${quote(boards[0]?.hostname ?? '')}`),
  };
}

async function timed(name: string, script: string, boards: number): Promise<number> {
  const run = await timeScript(script);
  if (run.code !== 0) throw new Error(`${name} failed (exit ${run.code}):\n${run.out}`);
  expect(run.out.match(/bench-42/g)?.length, `${name}: every board answers`).toBe(boards);
  return run.ms;
}

beforeAll(async () => {
  rig = await rigUp(BOARDS, { engine: false, hostAvahi: false });
  process.env['BENCHTOP_SSH_KEY'] = rig.sshKey;
  serve = await startServe();
  await rigStand(serve, rig, 'BENCH', 120_000);
  // A fresh getty hangs its pty up around the first login (the rig's socat respawns it), so a
  // first group over 20 fresh consoles can lose some: warm up until every board has answered,
  // or (3 tries) time the boards that did and say which did not.
  for (const over of ['serial', 'ssh'] as const) {
    let answered = new Set<string>();
    for (let attempt = 1; attempt <= 3 && answered.size < BOARDS; attempt++) {
      const run = await timeScript(scripts(over, rig.boards).group);
      for (const [, name] of run.out.matchAll(/^(\S+): ok /gm)) answered.add(name ?? '');
      if (run.code === 0) answered = new Set(rig.boards.map((b) => b.hostname));
    }
    measured[over] = rig.boards.filter((b) => answered.has(b.hostname));
    if (measured[over].length < 2) throw new Error(`too few boards answered over ${over}`);
  }
}, 400_000);

afterAll(async () => {
  await serve?.stop();
  await rigDown();
}, 300_000);

describe(`group exec on ${BOARDS} boards vs a loop, over serial and ssh`, () => {
  it('prints times and ratios; every board answers', async () => {
    const lines = [
      `group bench: ${BOARDS} rig boards, "${COMMAND}", group concurrency ${CONCURRENCY}, ${ROUNDS} round(s) (medians)`,
    ];
    for (const over of ['serial', 'ssh'] as const) {
      const script = scripts(over);
      const n = measured[over].length;
      const times = { group: [] as number[], loop: [] as number[], single: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        times.group.push(await timed(`group over ${over}`, script.group, n));
        times.loop.push(await timed(`loop over ${over}`, script.loop, n));
        times.single.push(await timed(`group of 1 over ${over}`, script.single, 1));
      }
      const [group, loop, single] = [median(times.group), median(times.loop), median(times.single)];
      const peer =
        over === 'ssh' ? await timed('parallel OpenSSH', script.parallelSsh, n) : undefined;
      const missing = rig.boards.filter((b) => !measured[over].includes(b));
      if (missing.length > 0)
        lines.push(
          `  over ${over}: ${missing.length} board(s) never answered the warm-up, left out: ${missing.map((b) => b.hostname).join(', ')}`,
        );
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      lines.push(
        `  over ${over.padEnd(6)} ${n} boards: group ${s(group)}  loop ${s(loop)}  group of 1 ${s(single)}`,
        `    group/loop ${(group / loop).toFixed(2)}x (${(loop / group).toFixed(1)}x faster as a group); ${n} boards / 1 board ${(group / single).toFixed(2)}x (aim <= 2)`,
      );
      if (peer !== undefined)
        lines.push(
          `    ${n} OpenSSH clients at once ${s(peer)}: group/OpenSSH ${(group / peer).toFixed(2)}x (the boards' sshd share this machine's cores)`,
        );
    }
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
  });
});
