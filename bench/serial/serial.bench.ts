// SPDX-License-Identifier: Apache-2.0
// Benchtop's interactive console against tio on the same pty, in the same run: keystroke-to-echo
// latency and bulk output throughput (a few MB from the "board"), with CPU time, and a check
// that no byte was lost. Run with `npm run bench:serial` (needs `npm run build`, socat, tio,
// script from util-linux). Prints medians and ratios; asserts only that nothing was lost.
//
// The board is a socat pty whose other end is this process: what the tool sends to the board
// arrives on socat's stdout, what the board says is written to socat's stdin. Each tool runs in
// a real terminal made by `script`, exactly as a person would run it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../test/support/serve-process.js';

const KEYSTROKES = Number(process.env['BENCH_KEYSTROKES'] ?? 300);
const BULK_BYTES = Number(process.env['BENCH_BULK_MB'] ?? 4) * 1024 * 1024;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const CLOCK_TICKS = 100; // USER_HZ on Linux

const dir = mkdtempSync(join(tmpdir(), 'benchtop-serial-bench-'));

interface Tool {
  name: string;
  command: (port: string) => string;
  /** What the tool prints once it has the port open. */
  ready: RegExp;
  quit: string;
}

const tools: Tool[] = [
  {
    name: 'benchtop console',
    command: (port) =>
      `env BENCHTOP_HOME=${dir}/home ${process.execPath} ${cliPath} console ${port}`,
    ready: /Connected to /,
    quit: '\x14q',
  },
  { name: 'tio', command: (port) => `tio -b 115200 ${port}`, ready: /Connected/, quit: '\x14q' },
];

/** Collects a stream and lets a caller wait for what it needs. */
class Collector {
  text = '';
  private waiters: (() => void)[] = [];

  constructor(stream: NodeJS.ReadableStream) {
    stream.on('data', (chunk: Buffer) => {
      this.text += chunk.toString('latin1');
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  async until(check: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!check(this.text)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

function startBoard(portPath: string): {
  child: ChildProcessWithoutNullStreams;
  received: Collector;
} {
  const child = spawn('socat', [`pty,link=${portPath},raw,echo=0`, 'STDIO'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return { child, received: new Collector(child.stdout) };
}

/** CPU seconds used so far by a process and everything under it. */
function treeCpuSeconds(root: number): number {
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parents.set(Number(name), Number(fields[1]));
    cpu.set(Number(name), (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
  }
  let total = 0;
  for (const [pid, seconds] of cpu) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) {
      if (p === root) {
        total += seconds;
        break;
      }
    }
  }
  return total;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
};

interface BulkResult {
  throughputMBps: number;
  cpuSeconds: number;
  lost: number;
}

function bulkPayload(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${String(i).padStart(8, '0')} ${'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV'.slice(i % 7)}\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

/** One tool in a real terminal (`script` gives it a pty and relays it over pipes) on its board. */
class ToolSession {
  readonly board;
  private term: ChildProcessWithoutNullStreams | undefined;
  private screen: Collector | undefined;

  constructor(
    readonly tool: Tool,
    private readonly portPath: string,
  ) {
    this.board = startBoard(portPath);
  }

  async start(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    this.term = spawn(
      'script',
      ['-qfec', `stty cols 200 rows 50; exec ${this.tool.command(this.portPath)}`, '/dev/null'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    this.screen = new Collector(this.term.stdout);
    await this.screen.until((text) => this.tool.ready.test(text), `${this.tool.name} to connect`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  /** A key typed in the terminal, through the tool to the board, echoed, back on screen. */
  async keystroke(key: string): Promise<number> {
    const { term, screen, board } = this.parts();
    const seenBefore = board.received.text.length;
    const shownBefore = screen.text.length;
    const t0 = performance.now();
    term.stdin.write(key);
    await board.received.until((text) => text.length > seenBefore, 'the key at the board');
    board.child.stdin.write(key);
    await screen.until((text) => text.slice(shownBefore).includes(key), 'the echo on screen');
    return performance.now() - t0;
  }

  /** The board prints a few MB; timed until the last line is on the terminal. */
  async bulk(payload: string): Promise<BulkResult> {
    const { term, screen, board } = this.parts();
    const cpuBefore = treeCpuSeconds(term.pid ?? 0);
    const start = `BENCH-START-${Date.now()}`;
    const end = `BENCH-END-${Date.now()}`;
    const shownBefore = screen.text.length;
    const t0 = performance.now();
    board.child.stdin.write(`${start}\n${payload}${end}\n`);
    await screen.until((text) => text.includes(end, shownBefore), 'the bulk output', 120_000);
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = treeCpuSeconds(term.pid ?? 0) - cpuBefore;
    const shown = screen.text.slice(screen.text.indexOf(start, shownBefore) + start.length);
    const body = shown.slice(0, shown.indexOf(end)).replace(/\r/g, '').replace(/^\n/, '');
    const lost = Math.abs(payload.length - body.length) + (body === payload ? 0 : 1);
    return { throughputMBps: payload.length / 1024 / 1024 / seconds, cpuSeconds, lost };
  }

  async stop(): Promise<void> {
    const { term, board } = this.parts();
    term.stdin.write(this.tool.quit);
    await new Promise((resolve) => term.once('exit', resolve));
    board.child.kill();
    await new Promise((resolve) => board.child.once('exit', resolve));
  }

  private parts() {
    if (!this.term || !this.screen) throw new Error(`${this.tool.name} was not started`);
    return { term: this.term, screen: this.screen, board: this.board };
  }
}

describe('serial console: Benchtop vs tio on the same pty', () => {
  beforeAll(() => {
    for (const [tool, hint] of [
      ['/usr/bin/socat', 'apt-get install -y socat'],
      ['/usr/bin/tio', 'apt-get install -y tio'],
      ['/usr/bin/script', 'apt-get install -y util-linux'],
    ] as const) {
      if (!existsSync(tool)) throw new Error(`${tool} is missing: ${hint}`);
    }
    if (!existsSync(cliPath.replace(/bin\/benchtop\.js$/, 'dist/main/cli/index.js'))) {
      throw new Error('The CLI is not built: run `npm run build` first.');
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints latency, throughput and CPU ratios; no byte is lost', async () => {
    const payload = bulkPayload(BULK_BYTES);
    const latencies = new Map<string, number[]>(tools.map((t) => [t.name, []]));
    const bulks = new Map<string, BulkResult[]>(tools.map((t) => [t.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // Both tools run at once, each on its own pty, and take turns key by key: a noisy moment
      // on the machine (other tests, other developers) hits both alike.
      const sessions = tools.map((tool, i) => new ToolSession(tool, join(dir, `ttyBENCH${i}`)));
      for (const session of sessions) await session.start();
      for (let i = 0; i < KEYSTROKES; i++) {
        const key = String.fromCharCode(97 + (i % 26));
        const order = i % 2 === 0 ? sessions : [...sessions].reverse();
        for (const session of order) {
          latencies.get(session.tool.name)?.push(await session.keystroke(key));
        }
      }
      for (const session of sessions)
        bulks.get(session.tool.name)?.push(await session.bulk(payload));
      for (const session of sessions) await session.stop();
    }
    const summary = tools.map((tool) => {
      const keys = latencies.get(tool.name) ?? [];
      const runs = bulks.get(tool.name) ?? [];
      return {
        tool: tool.name,
        latencyMedianMs: median(keys),
        latencyP95Ms: percentile(keys, 0.95),
        throughputMBps: median(runs.map((r) => r.throughputMBps)),
        cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
        lost: Math.max(...runs.map((r) => r.lost)),
      };
    });
    const [ours, tio] = summary;
    if (!ours || !tio) throw new Error('both tools must have run');
    const f = (n: number, d = 2): string => n.toFixed(d);
    const lines = [
      `serial console bench: ${KEYSTROKES} keystrokes, ${f(BULK_BYTES / 1024 / 1024, 1)} MB bulk, ${ROUNDS} rounds (medians; keys interleaved between the tools)`,
      ...summary.map(
        (s) =>
          `  ${s.tool.padEnd(17)} echo ${f(s.latencyMedianMs)} ms (p95 ${f(s.latencyP95Ms)} ms)  bulk ${f(s.throughputMBps)} MB/s  cpu ${f(s.cpuSeconds)} s  lost ${s.lost}`,
      ),
      `  ratio benchtop/tio: latency ${f(ours.latencyMedianMs / tio.latencyMedianMs)}x (aim <= 1.2), throughput ${f(ours.throughputMBps / tio.throughputMBps)}x (aim >= 1), cpu ${f(ours.cpuSeconds / tio.cpuSeconds)}x`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
    expect(ours.lost).toBe(0);
    expect(tio.lost).toBe(0);
  });
});
