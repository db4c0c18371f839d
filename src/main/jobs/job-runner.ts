// SPDX-License-Identifier: Apache-2.0
import { randomUUID } from 'node:crypto';
import type { JobResults } from '../../shared/contract/index.js';
import { BenchtopError, toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import type { Job, JobProgress, JobTask } from '../../shared/jobs.js';
import type { EventBus } from '../contract/event-bus.js';
import { Speedometer } from './speedometer.js';

/** Progress events are sent at most this often per job; finishes and phase changes always go. */
const EMIT_INTERVAL_MS = 100;
const KEEP_FINISHED_JOBS = 200;

export interface ProgressReport {
  done: number;
  total?: number;
  unit?: JobProgress['unit'];
}

export interface TaskHandle {
  phase(name: string): void;
  progress(report: ProgressReport): void;
  succeed(): void;
  fail(error: unknown): void;
  readonly state: JobTask['state'];
}

export interface JobContext {
  readonly signal: AbortSignal;
  readonly jobId: string;
  phase(name: string): void;
  progress(report: ProgressReport): void;
  task(id: string, label: string): TaskHandle;
  /** Throws CANCELLED if the job was asked to stop. */
  throwIfCancelled(): void;
  /**
   * The job ends failed with this error once its work returns, and keeps the result the work
   * returns: a group where some boards failed has still a result for every board.
   */
  failWithResult(error: unknown): void;
}

interface Entry {
  job: Job;
  controller: AbortController;
  done: Promise<Job>;
  lastEmit: number;
  timer: NodeJS.Timeout | undefined;
}

const endPhase = (state: Job['state']): string => (state === 'succeeded' ? 'done' : state);

/** A finished part's progress: nothing left to go, no speed to speak of. */
function settle(target: { progress?: JobProgress }): void {
  const progress = target.progress;
  if (!progress) return;
  delete progress.speed;
  delete progress.eta;
}

function withSpeed(report: ProgressReport, meter: Speedometer): JobProgress {
  const speed = meter.sample(report.done);
  const progress: JobProgress = { done: report.done, unit: report.unit ?? 'bytes' };
  if (report.total !== undefined) progress.total = report.total;
  if (speed !== undefined) {
    progress.speed = speed;
    if (report.total !== undefined && speed > 0) {
      progress.eta = Math.max(0, (report.total - report.done) / speed);
    }
  }
  return progress;
}

/**
 * Every long task in Benchtop runs here: one id, one event shape, cancel, a final result. A job's
 * kind is the name of the command that starts it, and its work must return what that command's
 * contract entry declares (`job: ResultSchema`). Tests may run other kinds with their own map.
 */
export class JobRunner<Results extends object = JobResults> {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly bus: EventBus) {}

  start<K extends keyof Results & string>(
    kind: K,
    title: string,
    work: (context: JobContext) => Promise<Results[K]>,
    /** Who started it: the caller's user name, kept on the job for the history. */
    by?: string,
  ): Job {
    const controller = new AbortController();
    const job: Job = {
      id: randomUUID(),
      kind,
      title,
      state: 'running',
      phase: 'starting',
      tasks: [],
      startedAt: new Date().toISOString(),
      ...(by === undefined ? {} : { by }),
    };
    const entry: Entry = {
      job,
      controller,
      done: Promise.resolve(job),
      lastEmit: 0,
      timer: undefined,
    };
    this.entries.set(job.id, entry);
    this.prune();
    entry.done = this.run(entry, work);
    this.emitNow(entry);
    return structuredClone(job);
  }

  list(): Job[] {
    return [...this.entries.values()].map((entry) => structuredClone(entry.job));
  }

  get(id: string): Job {
    return structuredClone(this.entry(id).job);
  }

  cancel(id: string): Job {
    const entry = this.entry(id);
    if (entry.job.state === 'running') entry.controller.abort();
    return structuredClone(entry.job);
  }

  /** Resolves with the finished job (never rejects: failure is a state). */
  async wait(id: string): Promise<Job> {
    return structuredClone(await this.entry(id).done);
  }

  cancelAll(): void {
    for (const entry of this.entries.values()) {
      if (entry.job.state === 'running') entry.controller.abort();
    }
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new BenchtopError('NOT_FOUND', `There is no job with id ${id}.`);
    return entry;
  }

  private async run<R>(entry: Entry, work: (context: JobContext) => Promise<R>): Promise<Job> {
    const { job, controller } = entry;
    let failure: ErrorInfo | undefined;
    const context: JobContext = {
      signal: controller.signal,
      jobId: job.id,
      ...this.reporter(entry, job),
      task: (id, label) => this.addTask(entry, id, label),
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new BenchtopError('CANCELLED', 'Cancelled.');
      },
      failWithResult: (error) => {
        failure = toErrorInfo(error);
      },
    };
    // Let start() return before the work runs, so callers can subscribe first.
    await Promise.resolve();
    try {
      const result = await work(context);
      if (controller.signal.aborted) this.finish(entry, 'cancelled', cancelledError());
      else if (failure) this.finish(entry, 'failed', failure, result);
      else this.finish(entry, 'succeeded', undefined, result);
    } catch (error) {
      if (controller.signal.aborted) this.finish(entry, 'cancelled', cancelledError());
      else this.finish(entry, 'failed', toErrorInfo(error));
    }
    return job;
  }

  /** phase() and progress() for a job or one of its tasks: both carry the same two fields. */
  private reporter(
    entry: Entry,
    target: { phase: string; progress?: JobProgress },
  ): Pick<JobContext, 'phase' | 'progress'> {
    const meter = new Speedometer();
    return {
      phase: (name) => {
        target.phase = name;
        delete target.progress;
        meter.reset();
        this.emitNow(entry);
      },
      progress: (report) => {
        target.progress = withSpeed(report, meter);
        this.emitSoon(entry);
      },
    };
  }

  private addTask(entry: Entry, id: string, label: string): TaskHandle {
    const task: JobTask = { id, label, state: 'running', phase: 'waiting' };
    entry.job.tasks.push(task);
    this.emitNow(entry);
    return {
      get state() {
        return task.state;
      },
      ...this.reporter(entry, task),
      succeed: () => {
        if (task.state !== 'running') return;
        task.state = 'succeeded';
        task.phase = 'done';
        this.emitNow(entry);
      },
      fail: (error) => {
        if (task.state !== 'running') return;
        const info = toErrorInfo(error);
        task.state = info.code === 'CANCELLED' ? 'cancelled' : 'failed';
        task.error = info;
        this.emitNow(entry);
      },
    };
  }

  private finish(entry: Entry, state: Job['state'], error?: ErrorInfo, result?: unknown): void {
    const { job } = entry;
    job.state = state;
    job.endedAt = new Date().toISOString();
    // The last event says how it ended, not the phase it was in when it did.
    job.phase = endPhase(state);
    settle(job);
    if (error) job.error = error;
    if (result !== undefined) job.result = result;
    for (const task of job.tasks) {
      if (task.state === 'running') {
        task.state = state === 'succeeded' ? 'succeeded' : 'cancelled';
        task.phase = endPhase(task.state);
        if (state !== 'succeeded') task.error = error ?? cancelledError();
      }
      if (task.state === 'succeeded') settle(task);
    }
    this.emitNow(entry);
  }

  private emitSoon(entry: Entry): void {
    const wait = entry.lastEmit + EMIT_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.emitNow(entry);
    entry.timer ??= setTimeout(() => this.emitNow(entry), wait);
  }

  private emitNow(entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.lastEmit = Date.now();
    this.bus.emit('job.update', structuredClone(entry.job));
  }

  private prune(): void {
    const finished = [...this.entries.values()].filter((e) => e.job.state !== 'running');
    for (const entry of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED_JOBS))) {
      this.entries.delete(entry.job.id);
    }
  }
}

function cancelledError(): ErrorInfo {
  return { code: 'CANCELLED', message: 'Cancelled on request.' };
}
