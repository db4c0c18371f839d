// SPDX-License-Identifier: Apache-2.0
// live.start/stop/list. A session belongs to the client that started it and ends when that
// client leaves (a CLI's Ctrl-C, a closed window); one project on one board has one session.
import { randomUUID } from 'node:crypto';
import type { liveCommands } from '../../../shared/contract/live.js';
import { BenchtopError } from '../../../shared/errors.js';
import type { EventBus } from '../../contract/event-bus.js';
import type { Service } from '../../contract/service.js';
import type { BoardList } from '../../discover/index.js';
import type { DockerClientFactory } from '../../docker/index.js';
import { dockerError } from '../../docker/index.js';
import {
  loadForBoard,
  reachBoard,
  rebuildService,
  type PushRequest,
  type ReachedBoard,
} from '../../push/index.js';
import { liveProject, type RulesModule } from './live-project.js';
import { LiveSyncSession } from './live-session.js';

export interface LiveDeps {
  readonly bus: EventBus;
  readonly boards: BoardList;
  readonly docker: DockerClientFactory;
  readonly rules: RulesModule;
}

/** A ping that fails fast: a board that left is noticed within a couple of seconds. */
const PROBE_TIMEOUT_MS = 2000;

export function createLiveService(deps: LiveDeps): Service<keyof typeof liveCommands> {
  const sessions = new Map<string, { session: LiveSyncSession; clientId: string; key: string }>();
  /** The rules from the project as written; the build and run from it as a live push does. */
  const load = async (reached: ReachedBoard, request: PushRequest) => {
    const plain = await loadForBoard({}, reached, request);
    const rules = await deps.rules.loadLiveRules(plain.composition, plain.composeFiles);
    return { rules, loaded: { ...plain, composition: liveProject(deps.rules, rules) } };
  };

  const stop = async (sessionId: string): Promise<boolean> => {
    const held = sessions.get(sessionId);
    sessions.delete(sessionId);
    await held?.session.stop();
    return held !== undefined;
  };

  return {
    handlers: {
      'live.start': async ({ board, ...input }, context) => {
        // A session lasts until its client goes; a one-shot HTTP call never comes back to go.
        if (context.transport === 'http') {
          throw new BenchtopError(
            'UNSUPPORTED',
            'live.start syncs for its caller until it leaves, which a one-shot HTTP call cannot do: start it over the WebSocket (/ws) or with `benchtop push`.',
          );
        }
        const request: PushRequest = { ...input, nocache: false };
        const reached = await reachBoard(deps, board, input.deviceType);
        let { rules, loaded } = await load(reached, request);
        const key = `${reached.address}\u0000${loaded.composition.name}`;
        const running = [...sessions.values()].find((held) => held.key === key);
        if (running !== undefined) {
          throw new BenchtopError(
            'BUSY',
            `Project ${loaded.composition.name} is already live on ${board} (session ${running.session.id}).`,
            'Stop that session first (Ctrl-C in the terminal that runs it, or live.stop).',
          );
        }
        const probeClient = await deps.docker(reached.address, {
          requestTimeoutMs: PROBE_TIMEOUT_MS,
        });
        // One rebuild at a time: each takes the board's push lock.
        let rebuilding: Promise<unknown> = Promise.resolve();
        const session = new LiveSyncSession({
          bus: deps.bus,
          sessionId: randomUUID(),
          board: { name: board, address: reached.address },
          docker: reached.docker,
          probe: async () => {
            await probeClient.ping().catch((error: unknown) => {
              throw dockerError(error, { board, address: reached.address });
            });
          },
          project: { name: loaded.composition.name, root: loaded.composition.root },
          rules: () => rules,
          rebuild: (service, onLine) => {
            const next = rebuilding.then(async () => {
              // The Dockerfile or the compose file may be what changed: load them again.
              ({ rules, loaded } = await load(reached, request));
              await rebuildService(reached, loaded, service, { onLine });
            });
            rebuilding = next.catch(() => undefined);
            return next;
          },
        });
        sessions.set(session.id, { session, clientId: context.clientId, key });
        try {
          await session.start();
        } catch (error) {
          await stop(session.id);
          throw error;
        }
        return session.describe();
      },
      'live.stop': async ({ sessionId }) => ({ stopped: await stop(sessionId) }),
      'live.list': async () => [...sessions.values()].map(({ session }) => session.describe()),
    },
    async clientGone(clientId) {
      const gone = [...sessions].filter(([, held]) => held.clientId === clientId);
      await Promise.all(gone.map(([id]) => stop(id)));
    },
    async dispose() {
      await Promise.all([...sessions.keys()].map((id) => stop(id)));
    },
  };
}
