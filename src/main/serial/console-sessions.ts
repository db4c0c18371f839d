// SPDX-License-Identifier: Apache-2.0
// The open console sessions, one per port: a second viewer of a port joins its session, and
// the port closes when its last viewer leaves.
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConsoleSettings } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { EventBus } from '../contract/event-bus.js';
import { ConsoleSessionHandle } from './console-session.js';
import { identifyPort, memoryKeys, serialOf } from './identify-port.js';
import type { PortMemory } from './port-memory.js';
import type { PortTies } from './port-ties.js';

export interface ConsoleSessionsDeps {
  bus: EventBus;
  memory: PortMemory;
  ties: PortTies;
  /** A port opened or closed: the port list should say so. */
  changed(): void;
}

export class ConsoleSessions {
  private readonly sessions = new Map<string, ConsoleSessionHandle>();
  /** Opens in flight, by resolved path: two viewers opening at once share one port. */
  private readonly opening = new Map<string, Promise<ConsoleSessionHandle>>();

  constructor(private readonly deps: ConsoleSessionsDeps) {}

  get(id: string): ConsoleSessionHandle {
    const found = this.sessions.get(id);
    if (!found) throw new BenchtopError('NOT_FOUND', `There is no open console with id ${id}.`);
    return found;
  }

  all(): ConsoleSessionHandle[] {
    return [...this.sessions.values()];
  }

  /** The session on this port, opened now (with remembered settings) if there is none. */
  async open(
    given: string,
    settings: Partial<ConsoleSettings> | undefined,
  ): Promise<ConsoleSessionHandle> {
    const path = resolve(given);
    const changes = settings && Object.keys(settings).length > 0 ? settings : undefined;
    const inflight = this.opening.get(path);
    if (inflight) {
      const shared = await inflight;
      if (changes) await this.applySettings(shared, changes);
      return shared;
    }
    const task = (async () => {
      const existing = await this.find(path);
      if (existing) {
        if (changes) await this.applySettings(existing, changes);
        return existing;
      }
      const { bus, memory, ties } = this.deps;
      const identity = await identifyPort(path);
      const remembered = await memory.settingsFor(memoryKeys(path, identity));
      const full = ConsoleSettings.parse({ ...remembered, ...changes });
      const created = new ConsoleSessionHandle(bus, path, identity, full);
      await ties.loadOnce();
      created.board = ties.boardOf(path, serialOf(identity));
      await created.start();
      this.sessions.set(created.id, created);
      if (changes) await memory.remember(memoryKeys(path, identity), full);
      this.deps.changed();
      return created;
    })();
    this.opening.set(path, task);
    try {
      return await task;
    } finally {
      this.opening.delete(path);
    }
  }

  /** Changes a session's settings and remembers them for its port. */
  async applySettings(
    target: ConsoleSessionHandle,
    change: Partial<ConsoleSettings>,
  ): Promise<void> {
    const next = ConsoleSettings.parse({ ...target.currentSettings, ...change });
    await target.updateSettings(next);
    await this.deps.memory.remember(memoryKeys(target.currentPath, target.identity), next);
  }

  /** One viewer leaves; true when that closed the port (last viewer, or forced). */
  async leave(target: ConsoleSessionHandle, clientId: string, force: boolean): Promise<boolean> {
    const left = target.removeViewer(clientId);
    if (left > 0 && !force) {
      if (target.logOwnerId === clientId && !target.hasViewer(clientId)) {
        await this.endLogOf(target, 'its owner left the console');
      }
      return false;
    }
    this.sessions.delete(target.id);
    await target.close();
    this.deps.changed();
    return true;
  }

  /** Ends the logs this client owns: a CLI that quits takes its log with it. */
  async endLogsOf(clientId: string): Promise<void> {
    for (const target of this.all()) {
      if (target.logOwnerId === clientId) await this.endLogOf(target, 'its owner went away');
    }
  }

  private async endLogOf(target: ConsoleSessionHandle, why: string): Promise<void> {
    await target.setLog(null, { plain: false, owner: undefined }, `log ended: ${why}`);
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.all().map((s) => s.close()));
    this.sessions.clear();
  }

  private async find(path: string): Promise<ConsoleSessionHandle | undefined> {
    const real = await realpath(path).catch(() => path);
    for (const existing of this.sessions.values()) {
      if (existing.currentPath === path) return existing;
      const theirs = await realpath(existing.currentPath).catch(() => existing.currentPath);
      if (theirs === real) return existing;
    }
    return undefined;
  }
}
