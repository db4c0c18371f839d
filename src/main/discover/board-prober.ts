// SPDX-License-Identifier: Apache-2.0
// Asks each listed board what answers on it (engine, supervisor, ssh) and writes the answers
// into the board list as they come.
import type { Board } from '../../shared/contract/index.js';
import type { BoardList } from './board-list.js';
import { manualId } from './board-records.js';
import { probeEngine, probeSsh, probeSupervisor } from './probe.js';
import { ProbeScheduler } from './probe-scheduler.js';
import { resolveBoard } from './resolve-host.js';

export const words = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Where a probe's outcome goes: the list, or a record kept aside (`devices.info` of any address). */
export type ApplyProbe = (id: string, patch: (board: Board) => Board) => void;

export class BoardProber {
  private readonly scheduler = new ProbeScheduler();

  constructor(private readonly boards: BoardList) {}

  /** Engine, supervisor and ssh probed in parallel; each port's result lands on its own. */
  probe(board: Board, apply: ApplyProbe = (id, patch) => this.boards.update(id, patch)) {
    const { id, address } = board;
    const at = () => new Date().toISOString();
    if (address === null) return Promise.resolve();
    const engine = this.scheduler
      .run(id, 'engine', () => probeEngine(address))
      .then(
        (facts) =>
          apply(id, (b) => {
            const next: Board = { ...b, engine: facts, engineState: 'up', probedAt: at() };
            delete next.engineError;
            return next;
          }),
        (error: unknown) =>
          apply(id, (b) => ({
            ...b,
            engine: null,
            engineState: 'down',
            engineError: words(error),
            probedAt: at(),
          })),
      );
    const supervisor = this.scheduler
      .run(id, 'supervisor', () => probeSupervisor(address))
      .then(
        (facts) => apply(id, (b) => ({ ...b, supervisor: { state: 'up', ...facts } })),
        (error: unknown) =>
          apply(id, (b) => ({ ...b, supervisor: { state: 'down', error: words(error) } })),
      );
    const ssh = this.scheduler
      .run(id, 'ssh', () => probeSsh(address, board.sshPort))
      .then(
        (result) => apply(id, (b) => ({ ...b, ssh: { state: 'up', ...result } })),
        (error: unknown) =>
          apply(id, (b) => ({ ...b, ssh: { state: 'down', error: words(error) } })),
      );
    return Promise.all([engine, supervisor, ssh]).then(() => undefined);
  }

  /** A hand-added board: resolve its name again (DHCP moves boards), then probe it. */
  async refreshManual(input: string): Promise<void> {
    const id = manualId(input);
    const knownHost = (host: string) => this.boards.knownHost(host);
    const address = await resolveBoard(input, knownHost).catch((error: unknown) => {
      this.boards.update(id, (b) => ({
        ...b,
        address: null,
        engine: null,
        engineState: 'down',
        engineError: words(error),
        supervisor: { state: 'down', error: words(error) },
        ssh: { state: 'down', error: words(error) },
      }));
      return null;
    });
    if (address === null) return;
    const current = this.boards.get(id);
    if (!current) return;
    if (current.address !== address) this.boards.put({ ...current, address });
    const board = this.boards.get(id);
    // Its mDNS record is probed already: the same machine twice would be wasted probes.
    if (board && !this.boards.isShadowed(id)) await this.probe(board);
  }

  all(): void {
    for (const board of this.boards.records()) {
      if (board.source === 'manual') void this.refreshManual(board.name);
      else void this.probe(board);
    }
  }
}
