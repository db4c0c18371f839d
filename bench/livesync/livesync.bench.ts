// SPDX-License-Identifier: Apache-2.0
// Live sync on one rig board, in one run: seconds from a file save until an HTTP GET from the
// board serves the change, for a one-file edit, a delete, a 200-file burst and a Dockerfile
// change. Benchtop (`benchtop push` kept running, as a user runs it) against the `livepush`
// library driven as balena-cli drives it (2 s debounce, and again with none) and against
// docker-compose 1.29 build + up after each save. Each tool has its own copy of the project and
// its own port; rounds are interleaved, the order rotating, so machine noise hits all alike.
// Run with `npm run bench:livesync` (root, under the rig lock). BENCH_EDITS sets the edits
// (default 10), BENCH_ROUNDS the rounds of the other scenarios (default 3); BENCH_ONLY (scenario
// keys: edit,delete,burst,dockerfile) and BENCH_TOOLS (names as in the table) narrow a run.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMain } from '../../test/fixtures/build-main.js';
import { type RigBoard, rigDown, rigUpOneBoard } from '../../test/rig/index.js';
import { engineOf } from '../../test/support/engine.js';
import { cliPath } from '../../test/support/serve-process.js';
import { benchtopPeer } from './benchtop-peer.js';
import { composePeer } from './compose.js';
import { livepushPeer } from './livepush-peer.js';
import type { LivePeer } from './peer.js';
import { medianServed, ratio, rounds, table, type Samples, type Scenario } from './report.js';
import { gone, secondsUntil, shows } from './served.js';

const EDITS = Number(process.env['BENCH_EDITS'] ?? 10);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const BURST = 200;
const fixture = fileURLToPath(new URL('./benchlive', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'benchtop-bench-livesync-'));
/** Benchtop's own settings folder for this run (no server, no settings of the user's). */
const home = join(work, 'benchtop-home');

let board: RigBoard;
let docker: Docker;
const peers: LivePeer[] = [];
/** Tools left out after failing to start (still cleaned up). */
const stopped: LivePeer[] = [];
const lines: string[] = [];
const results = new Map<string, Map<string, Samples>>();
const kept = new Map<string, boolean[]>();
let loadAtStart = 0;
const began = performance.now();
/** Progress on stderr as it happens (the table comes at the end). */
const progress = (text: string) =>
  process.stderr.write(
    `bench:livesync +${((performance.now() - began) / 1000).toFixed(0)} s: ${text}\n`,
  );

/** A private copy of the fixture named `name` (the project's name), its web on `port`. */
function copyProject(name: string, port: number): string {
  const root = join(work, name);
  cpSync(fixture, root, { recursive: true });
  const file = join(root, 'docker-compose.yml');
  writeFileSync(file, readFileSync(file, 'utf8').replace("'8090:80'", `'${port}:80'`));
  return root;
}

const url = (peer: LivePeer, path: string) => `http://${board.address}:${peer.port}/${path}`;
const site = (peer: LivePeer, path: string) => join(peer.root, 'web', 'site', path);
const token = (what: string, round: number) =>
  `${what}-${round}-${Math.random().toString(36).slice(2, 10)}`;

/** How long a tool may take to notice a save before "it has finished reacting" means anything. */
const NOTICE_MS = 1_000;

/**
 * Saves, tells the peer, and times until `check` holds. A change the tool has finished reacting
 * to and still does not serve counts as never served (livepush dropping a delete).
 */
async function measure(
  peer: LivePeer,
  save: () => void,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<number | null> {
  const since = performance.now();
  if (process.env['BENCH_TRACE'] === '1') progress(`save at ${since.toFixed(0)} ms`);
  save();
  const reaction = peer.saved();
  const done = new Promise((resolve) => setTimeout(resolve, NOTICE_MS))
    .then(() => reaction)
    .then(() => peer.settle());
  const seconds = await secondsUntil(check, since, timeoutMs, done);
  await done;
  return seconds;
}

const page = (mark: string) =>
  `<!doctype html>\n<html>\n  <body>\n    <p id="mark">${mark}</p>\n  </body>\n</html>\n`;

type Step = (peer: LivePeer, round: number) => Promise<number | null>;

const edit: Step = (peer, round) => {
  const mark = token('edit', round);
  return measure(
    peer,
    () => writeFileSync(site(peer, 'index.html'), page(mark)),
    () => shows(url(peer, 'index.html'), mark),
    30_000,
  );
};

const remove: Step = async (peer, round) => {
  const mark = token('doomed', round);
  const file = site(peer, 'doomed.html');
  // Not measured: the file must be on the board before its deletion can be timed.
  const there = await measure(
    peer,
    () => writeFileSync(file, page(mark)),
    () => shows(url(peer, 'doomed.html'), mark),
    60_000,
  );
  if (there === null) throw new Error(`${peer.name}: doomed.html was never served`);
  return measure(
    peer,
    () => unlinkSync(file),
    () => gone(url(peer, 'doomed.html')),
    8_000,
  );
};

/**
 * Until the last file saved is served, then every one of the 200 is checked, one GET after
 * another (25 at once made busybox httpd behind the engine's port proxy stall past the GET's
 * timeout, timing the checker rather than the tools); any not served yet is polled until it is,
 * and the time is taken then.
 */
const burst: Step = async (peer, round) => {
  const mark = token('burst', round);
  const folder = site(peer, 'burst');
  const names = Array.from({ length: BURST }, (_, i) => `b${String(i).padStart(3, '0')}`);
  const pages = names.map((name) => ({
    url: url(peer, `burst/${name}.html`),
    text: `${mark} ${name}`,
  }));
  const last = pages[pages.length - 1]!;
  const save = () => {
    mkdirSync(folder, { recursive: true });
    for (const name of names) writeFileSync(join(folder, `${name}.html`), page(`${mark} ${name}`));
  };
  const since = performance.now();
  const seconds = await measure(peer, save, () => shows(last.url, last.text), 120_000);
  if (seconds === null) return null;
  let missing = pages;
  progress(`burst ${round + 1}, ${peer.name}: the last file served at ${seconds.toFixed(2)} s`);
  for (let pass = 0; ; pass++) {
    const results: boolean[] = [];
    for (const entry of missing) results.push(await shows(entry.url, entry.text));
    missing = missing.filter((_, i) => results[i] !== true);
    progress(
      `burst ${round + 1}, ${peer.name}: check ${pass + 1} at ${((performance.now() - since) / 1000).toFixed(2)} s, ${missing.length} not served yet`,
    );
    // All there on the first check: they were served by the time the last one was.
    if (missing.length === 0) return pass === 0 ? seconds : (performance.now() - since) / 1000;
    if (performance.now() - since > 120_000) return null;
  }
};

const dockerfile: Step = async (peer, round) => {
  const mark = token('build', round);
  const file = join(peer.root, 'web', 'Dockerfile');
  const before = await peer.containerId('worker');
  const seconds = await measure(
    peer,
    () =>
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(/echo "build [^"]*"/, `echo "build ${mark}"`),
      ),
    () => shows(url(peer, 'build.txt'), mark),
    180_000,
  );
  const after = await peer.containerId('worker');
  kept.set(peer.name, [...(kept.get(peer.name) ?? []), before !== undefined && before === after]);
  return seconds;
};

const scenarios: (Scenario & { step: Step; rounds: number })[] = [
  { key: 'edit', label: `one-file edit (median of ${EDITS})`, step: edit, rounds: EDITS },
  { key: 'delete', label: `delete (median of ${ROUNDS})`, step: remove, rounds: ROUNDS },
  {
    key: 'burst',
    label: `${BURST}-file burst, all served (${ROUNDS})`,
    step: burst,
    rounds: ROUNDS,
  },
  { key: 'dockerfile', label: `Dockerfile change (${ROUNDS})`, step: dockerfile, rounds: ROUNDS },
];

/** BENCH_ONLY=edit,delete and BENCH_TOOLS=Benchtop,… narrow a run (default: everything). */
const only = (name: string, list: string | undefined) =>
  list === undefined || list.split(',').some((item) => item.trim() === name);
const chosenScenarios = scenarios.filter((scenario) =>
  only(scenario.key, process.env['BENCH_ONLY']),
);

beforeAll(async () => {
  buildMain();
  progress('main built; bringing the rig up');
  board = await rigUpOneBoard();
  docker = engineOf(board.address, 120_000);
  const project = (name: string, port: number) => ({
    address: board.address,
    name,
    root: copyProject(name, port),
    port,
  });
  const all = [
    benchtopPeer(docker, { ...project('livesyncbenchtop', 8091), cli: cliPath, home }),
    livepushPeer(docker, project('livesynclivepush', 8092), {
      name: 'livepush 2s',
      debounceMs: 2_000,
    }),
    livepushPeer(docker, project('livesynclivepush0', 8093), {
      name: 'livepush 0s',
      debounceMs: 0,
    }),
    composePeer(docker, project('livesynccompose', 8094)),
  ];
  peers.push(...all.filter((peer) => only(peer.name, process.env['BENCH_TOOLS'])));
  // A tool that cannot start is reported and left out; the others are still measured.
  for (const peer of [...peers]) {
    progress(`starting ${peer.name}`);
    const failed = await Promise.race([
      peer.start().then(() => undefined),
      new Promise<Error>((resolve) =>
        setTimeout(() => resolve(new Error('did not start in 5 minutes')), 300_000).unref(),
      ),
    ]).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (failed === undefined) continue;
    lines.push(`  ${peer.name} FAILED TO START, no figure for it: ${failed.message}`);
    progress(`${peer.name} failed to start: ${failed.message}`);
    peers.splice(peers.indexOf(peer), 1);
    stopped.push(peer);
  }
  progress('all tools watching');
  loadAtStart = loadavg()[0] ?? 0;
}, 900_000);

afterAll(async () => {
  for (const peer of [...peers, ...stopped])
    await peer
      .stop()
      .catch((error: unknown) => lines.push(`  cleanup of ${peer.name} failed: ${String(error)}`));
  await rigDown();
  rmSync(work, { recursive: true, force: true });
  console.log(['', 'bench:livesync', ...lines, ''].join('\n'));
});

describe('live sync: Benchtop vs livepush vs docker-compose on one rig board', () => {
  it('edit, delete, burst and Dockerfile change, save to served', async () => {
    for (const peer of peers) results.set(peer.name, new Map());
    for (const scenario of chosenScenarios) {
      const samples = new Map<string, (number | null)[]>(peers.map((peer) => [peer.name, []]));
      for (let round = 0; round < scenario.rounds; round++) {
        const order = peers.map((_, i) => peers[(i + round) % peers.length]!);
        for (const peer of order) {
          const seconds = await scenario.step(peer, round);
          samples.get(peer.name)!.push(seconds);
          progress(
            `${scenario.key} ${round + 1}, ${peer.name}: ${seconds === null ? 'never' : `${seconds.toFixed(2)} s`}`,
          );
        }
      }
      for (const [name, values] of samples) results.get(name)!.set(scenario.key, values);
    }
    const tools = peers.map((peer) => peer.name);
    lines.push(
      `  board ${board.address}; seconds from the save until a GET from the board serves it`,
    );
    lines.push(...table(chosenScenarios, tools, results));
    lines.push(
      `  machine load (1-minute average) ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end, on ${cpus().length} cores`,
    );
    const ours = results.get('Benchtop');
    if (ours === undefined) lines.push("  BENCHTOP'S SIDE IS MISSING: no figure is shown for it.");
    for (const scenario of chosenScenarios)
      lines.push(
        `  => ${scenario.key.padEnd(11)} Benchtop/${peers
          .filter((peer) => peer.name !== 'Benchtop')
          .map(
            (peer) =>
              `${peer.name} ${ratio(ours?.get(scenario.key), results.get(peer.name)?.get(scenario.key))}`,
          )
          .join(', ')}`,
      );
    const aim = (key: string, limit: number) => {
      const value = ours === undefined ? null : medianServed(ours.get(key) ?? []);
      return value === null
        ? `${key} no figure: MISSED`
        : `${key} ${value.toFixed(2)} s <= ${limit} s: ${value <= limit ? 'met' : 'MISSED'}`;
    };
    lines.push(`  => aims (Benchtop): ${aim('edit', 0.5)}; ${aim('delete', 0.5)}`);
    for (const [name, values] of kept)
      lines.push(
        `  worker kept its container through web's rebuilds, ${name}: ${values.map((v) => (v ? 'yes' : 'NO')).join(' ')}`,
      );
    for (const peer of peers) {
      for (const scenario of chosenScenarios)
        lines.push(
          `  rounds ${peer.name} ${scenario.key}: ${rounds(results.get(peer.name)?.get(scenario.key) ?? [])}`,
        );
      const distinct = [...new Set(peer.errors.map((error) => error.split('\n')[0]))];
      if (distinct.length > 0)
        lines.push(
          `  ${peer.name} reported ${peer.errors.length} error(s): ${distinct.join(' | ')}`,
        );
    }
    // Every tool measured served every edit: a run whose edits were never served has no figures.
    for (const peer of peers)
      for (const scenario of chosenScenarios.filter((chosen) => chosen.key === 'edit'))
        expect(
          results
            .get(peer.name)
            ?.get(scenario.key)
            ?.every((s) => s !== null),
        ).toBe(true);
  });
});
