// SPDX-License-Identifier: Apache-2.0
// One live session: a project watched and synced to one board. Changes are batched, planned by
// the rules, carried out (run-plans.ts), and each sync is told as a live.sync event. The engine
// is pinged all along: when it stops answering the session says so, keeps watching and keeps
// every change; when it answers again, what changed is compared with the containers
// (resync.ts) before syncing goes on.
import type Docker from 'dockerode';
import type {
  LiveServiceSync,
  LiveSession,
  LiveState,
  LiveSyncEvent,
} from '../../../shared/contract/live.js';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors.js';
import type { EventBus } from '../../contract/event-bus.js';
import type { FileChange, LiveRules, ServiceSyncPlan } from '../sync-plan.js';
import { isUnreachable } from './apply-service-plan.js';
import { withNewFolderContents } from './new-folders.js';
import { ChangeBatcher, type BatcherOptions } from './change-batcher.js';
import { resync } from './resync.js';
import { runPlans } from './run-plans.js';
import { watchProject, type ProjectWatcher } from './watch-project.js';

/** How often the engine is asked whether it is there; also how soon a lost board is noticed. */
export const PROBE_INTERVAL_MS = 1500;
const LISTED_CHANGES = 200;

export interface SessionDeps {
  readonly bus: EventBus;
  readonly sessionId: string;
  readonly board: { readonly name: string; readonly address: string };
  /** For syncs (no deadline: a command may run long). */
  readonly docker: Docker;
  /** Resolves when the engine answers within a short deadline, rejects otherwise. */
  readonly probe: () => Promise<void>;
  readonly project: { readonly name: string; readonly root: string };
  /** The rules now (a rebuild after a compose change compiles them again). */
  readonly rules: () => LiveRules;
  /** Loads the project again if needed, rebuilds the service and replaces its container. */
  readonly rebuild: (service: string, onLine: (line: string) => void) => Promise<void>;
  readonly batching?: BatcherOptions;
  readonly probeIntervalMs?: number;
}

export class LiveSyncSession {
  private state: LiveState = 'watching';
  private syncs = 0;
  private watcher: ProjectWatcher | undefined;
  private monitor: NodeJS.Timeout | undefined;
  private probing = false;
  private controller = new AbortController();
  private readonly batcher: ChangeBatcher;
  /** Every path changed since the session began: what a resync compares. */
  private readonly touched = new Map<string, FileChange['kind']>();
  private readonly startedAt = new Date().toISOString();

  constructor(private readonly deps: SessionDeps) {
    this.batcher = new ChangeBatcher((batch) => this.sync(batch), deps.batching);
  }

  get id(): string {
    return this.deps.sessionId;
  }

  describe(): LiveSession {
    return {
      sessionId: this.deps.sessionId,
      board: this.deps.board.name,
      address: this.deps.board.address,
      project: this.deps.project.name,
      root: this.deps.project.root,
      state: this.state,
      startedAt: this.startedAt,
      syncs: this.syncs,
      pending: this.batcher.size,
    };
  }

  /** Watches from now on; the compose initial_sync files go first. */
  async start(): Promise<void> {
    this.watcher = await watchProject({
      root: this.deps.project.root,
      ignored: (file) => this.deps.rules().ignored(file),
      onChange: (change) => {
        this.touched.set(change.path, change.kind);
        this.batcher.add(change);
      },
      onError: (error) =>
        this.setState(this.state, `Watching the project failed: ${toErrorInfo(error).message}`),
    });
    this.monitor = setInterval(() => this.check(), this.deps.probeIntervalMs ?? PROBE_INTERVAL_MS);
    // Told before the initial sync, so the first watching state names the project's folder.
    this.setState('watching', `Watching ${this.deps.project.root} for changes.`);
    const initial = this.deps.rules().initialSync();
    if (initial.length > 0) await this.syncPlans('initial', [], initial);
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    clearInterval(this.monitor);
    this.batcher.pause();
    this.controller.abort();
    await this.watcher?.close();
    this.setState('stopped', 'Live sync stopped; the containers keep running.');
  }

  /** Read through a getter: TypeScript narrows a field across an await as if nothing changed it. */
  private get stopped(): boolean {
    return this.state === 'stopped';
  }

  private get offline(): boolean {
    return this.state === 'offline';
  }

  private setState(state: LiveState, message: string): void {
    if (this.state === 'stopped') return;
    this.state = state;
    this.deps.bus.emit('live.state', {
      sessionId: this.deps.sessionId,
      board: this.deps.board.name,
      state,
      message,
      pending: this.batcher.size,
    });
  }

  private async sync(reported: readonly FileChange[]): Promise<void> {
    const rules = this.deps.rules();
    const batch = await withNewFolderContents(this.deps.project.root, reported, (file) =>
      rules.ignored(file),
    );
    for (const change of batch) this.touched.set(change.path, change.kind);
    return this.syncPlans('change', batch, () => rules.plan(batch));
  }

  /** One sync: plans carried out and told; a board gone keeps the batch for later. */
  private async syncPlans(
    trigger: LiveSyncEvent['trigger'],
    batch: readonly FileChange[],
    plans: readonly ServiceSyncPlan[] | (() => readonly ServiceSyncPlan[]),
  ): Promise<void> {
    if (this.state === 'stopped' || this.state === 'offline') {
      this.batcher.putBack(batch);
      return;
    }
    const started = Date.now();
    // The controller is replaced when the board leaves: this sync answers to the one it began with.
    const { signal } = this.controller;
    this.setState('syncing', `Syncing ${batch.length} change${batch.length === 1 ? '' : 's'}.`);
    try {
      const planned = typeof plans === 'function' ? plans() : plans;
      const services = await this.run(planned, signal);
      this.emitSync(trigger, batch, services, started);
      this.setState('watching', 'Watching for changes.');
    } catch (error) {
      if (this.stopped) return;
      if (isUnreachable(error) || signal.aborted) {
        this.batcher.putBack(batch);
        this.emitSync(trigger, batch, [], started, toErrorInfo(error));
        this.goOffline(error);
        return;
      }
      this.emitSync(trigger, batch, [], started, toErrorInfo(error));
      this.setState('watching', 'Watching for changes.');
    }
  }

  private run(plans: readonly ServiceSyncPlan[], signal: AbortSignal): Promise<LiveServiceSync[]> {
    return runPlans(
      {
        docker: this.deps.docker,
        board: this.deps.board.name,
        project: this.deps.project.name,
        signal,
        rebuild: (service) => {
          this.forgetBuilt(service);
          return this.deps.rebuild(service, (line) =>
            this.deps.bus.emit('live.output', {
              sessionId: this.deps.sessionId,
              board: this.deps.board.name,
              service,
              line,
            }),
          );
        },
      },
      plans,
    );
  }

  /**
   * A rebuild puts the service's files as they are now into its image: a later resync need not
   * compare them. (One changed during the build is touched again by its own event.)
   */
  private forgetBuilt(service: string): void {
    const rules = this.deps.rules();
    for (const [file, kind] of this.touched) {
      const plans = rules.plan([{ path: file, kind }]);
      if (plans.some((plan) => plan.service === service)) this.touched.delete(file);
    }
  }

  private emitSync(
    trigger: LiveSyncEvent['trigger'],
    batch: readonly FileChange[],
    services: LiveServiceSync[],
    started: number,
    error?: ErrorInfo,
  ): void {
    this.syncs += 1;
    this.deps.bus.emit('live.sync', {
      sessionId: this.deps.sessionId,
      board: this.deps.board.name,
      sync: this.syncs,
      trigger,
      changes: batch.slice(0, LISTED_CHANGES).map(({ path, kind }) => ({ path, kind })),
      changeCount: batch.length,
      services,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      ...(error === undefined ? {} : { error }),
    });
  }

  private goOffline(error: unknown): void {
    if (this.state === 'offline' || this.state === 'stopped') return;
    this.batcher.pause();
    // Whatever still waits on the board gives up now rather than at a TCP timeout.
    this.controller.abort();
    this.controller = new AbortController();
    this.setState(
      'offline',
      `${this.deps.board.name} left (${toErrorInfo(error).message}); still watching, changes are kept until it is back.`,
    );
  }

  /** The monitor's tick: notice a board leaving, or coming back. */
  private check(): void {
    if (this.probing || this.state === 'stopped' || this.state === 'resyncing') return;
    this.probing = true;
    this.deps
      .probe()
      .then(
        () => {
          if (this.state === 'offline') return this.resync();
        },
        (error: unknown) => this.goOffline(error),
      )
      .catch(() => undefined)
      .finally(() => (this.probing = false));
  }

  private async resync(): Promise<void> {
    const waiting = this.batcher.take();
    this.setState(
      'resyncing',
      `${this.deps.board.name} is back: comparing what changed with its containers.`,
    );
    const started = Date.now();
    const { signal } = this.controller;
    try {
      const services = await resync(
        {
          rules: this.deps.rules(),
          root: this.deps.project.root,
          touched: this.touched,
          pending: new Set(waiting.map((change) => change.path)),
          docker: this.deps.docker,
          project: this.deps.project.name,
          signal,
        },
        (plans) => this.run(plans, signal),
      );
      this.emitSync('resync', waiting, services, started);
      this.setState('watching', `${this.deps.board.name} is in sync again; watching for changes.`);
      this.batcher.resume();
    } catch (error) {
      this.batcher.putBack(waiting);
      if (isUnreachable(error) || signal.aborted) {
        this.state = 'watching';
        this.goOffline(error);
        return;
      }
      this.emitSync('resync', waiting, [], started, toErrorInfo(error));
      this.setState('watching', 'Watching for changes.');
      this.batcher.resume();
    }
  }
}
