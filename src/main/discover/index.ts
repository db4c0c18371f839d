// SPDX-License-Identifier: Apache-2.0
// The Devices capability: the live list of boards (mDNS and hand-added), probed, for every face.
import type {
  AppInfo,
  Board,
  BoardDetail,
  BrowseStatus,
  DeviceChange,
} from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { EventBus } from '../contract/event-bus.js';
import type { Service } from '../contract/service.js';
import type { AdvertChange } from './advert-table.js';
import { sshCommand } from '../../shared/boards.js';
import { boardFromAdvert, manualId, sameBoard, typedBoard } from './board-records.js';
import { engineContents } from './engine-detail.js';
import { MdnsBrowser, defaultTimings, type BrowserTimings } from './mdns-browser.js';
import { probeEngine, probeSsh, probeSupervisor } from './probe.js';
import { ProbeScheduler } from './probe-scheduler.js';
import { checkBoardAddress, resolveBoard } from './resolve-host.js';
import { loadSavedDevices, saveDevices, type SavedDevices } from './saved-boards.js';

type DevicesCommand =
  | 'devices.list'
  | 'devices.browse'
  | 'devices.browseStatus'
  | 'devices.add'
  | 'devices.remove'
  | 'devices.info'
  | 'devices.refresh';

export interface DevicesOptions {
  bus: EventBus;
  host: AppInfo['host'];
  timings?: BrowserTimings;
  /** How often every listed board is probed again. */
  probeIntervalMs?: number;
}

const PROBE_INTERVAL_MS = 5000;

const words = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createDevicesService(options: DevicesOptions): Service<DevicesCommand> {
  const { bus } = options;
  const boards = new Map<string, Board>();
  const scheduler = new ProbeScheduler();
  let saved: SavedDevices | undefined;
  let activation: Promise<void> | undefined;
  let probeTimer: NodeJS.Timeout | undefined;
  let disposed = false;

  const emit = (change: DeviceChange): void => bus.emit('devices.changed', change);

  /** Stores a new record of a board and tells the faces if something they show changed. */
  const put = (next: Board): void => {
    const before = boards.get(next.id);
    boards.set(next.id, next);
    if (!before) emit({ kind: 'appeared', board: next });
    else if (!sameBoard(before, next)) emit({ kind: 'updated', board: next });
  };

  /** Applies a probe's outcome to the board's current record, if it is still listed. */
  const update = (id: string, patch: (board: Board) => Board): void => {
    const current = boards.get(id);
    if (current) put(patch(current));
  };

  const status = (): BrowseStatus => ({
    enabled: browser.isRunning,
    allow: browser.allowList,
    active: browser.interfaces.map(({ name, address }) => ({ name, address })),
  });

  const onAdverts = (changes: AdvertChange[]): void => {
    for (const change of changes) {
      const id = `mdns:${change.advert.iface}:${change.advert.instance}`;
      if (change.kind === 'disappeared') {
        const board = boards.get(id);
        if (!board) continue;
        boards.delete(id);
        emit({ kind: 'disappeared', board, reason: change.reason });
        continue;
      }
      const before = boards.get(id);
      const board = boardFromAdvert(change.advert, before);
      put(board);
      // After the packets already waiting: a bench answering at once is listed first, probed next.
      if (!before || before.address !== board.address) {
        setImmediate(() => {
          const current = boards.get(id);
          if (current) void probe(current);
        });
      }
    }
  };

  const browser = new MdnsBrowser(
    {
      onChanges: onAdverts,
      onInterfaces: () => bus.emit('devices.browsing', status()),
    },
    options.timings ?? defaultTimings,
  );

  const knownHost = (hostname: string): string | undefined => {
    for (const board of boards.values()) {
      if (board.source === 'mdns' && board.hostname === hostname && board.address)
        return board.address;
    }
    return undefined;
  };

  /** Engine, supervisor and ssh probed in parallel; each port's result lands on its own. */
  const probe = (board: Board, apply: typeof update = update): Promise<void> => {
    const { id } = board;
    const address = board.address;
    const at = () => new Date().toISOString();
    if (address === null) return Promise.resolve();
    const engine = scheduler
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
    const supervisor = scheduler
      .run(id, 'supervisor', () => probeSupervisor(address))
      .then(
        (facts) => apply(id, (b) => ({ ...b, supervisor: { state: 'up', ...facts } })),
        (error: unknown) =>
          apply(id, (b) => ({ ...b, supervisor: { state: 'down', error: words(error) } })),
      );
    const ssh = scheduler
      .run(id, 'ssh', () => probeSsh(address, board.sshPort))
      .then(
        (result) => apply(id, (b) => ({ ...b, ssh: { state: 'up', ...result } })),
        (error: unknown) =>
          apply(id, (b) => ({ ...b, ssh: { state: 'down', error: words(error) } })),
      );
    return Promise.all([engine, supervisor, ssh]).then(() => undefined);
  };

  /** A hand-added board: resolve its name again (DHCP moves boards), then probe it. */
  const refreshManual = async (input: string): Promise<void> => {
    const id = manualId(input);
    const address = await resolveBoard(input, knownHost).catch((error: unknown) => {
      update(id, (b) => ({
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
    const current = boards.get(id);
    if (!current) return;
    if (current.address !== address) put({ ...current, address });
    const board = boards.get(id);
    if (board) await probe(board);
  };

  const probeAll = (): void => {
    for (const board of boards.values()) {
      if (board.source === 'manual') void refreshManual(board.name);
      else void probe(board);
    }
  };

  const savedDevices = async (): Promise<SavedDevices> => (saved ??= await loadSavedDevices());

  /** Nothing runs until a face asks: a CLI `benchtop info` must not probe or multicast. */
  const activate = (): Promise<void> =>
    (activation ??= (async () => {
      const devices = await savedDevices();
      if (disposed) return;
      const now = Date.now();
      for (const entry of devices.manual) {
        if (!boards.has(manualId(entry.address)))
          put(typedBoard(entry.address, 'manual', now, null));
      }
      probeTimer = setInterval(probeAll, options.probeIntervalMs ?? PROBE_INTERVAL_MS);
      probeAll();
    })());

  const findBoard = (input: string): Board | undefined => {
    const wanted = input.trim().toLowerCase().replace(/\.$/, '');
    const all = [...boards.values()];
    return (
      boards.get(input) ??
      all.find((b) => b.address === wanted) ??
      all.find((b) => b.hostname === wanted || b.hostname === `${wanted}.local`) ??
      all.find((b) => b.name.toLowerCase() === wanted)
    );
  };

  // The app and `serve` resume browsing as the person left it; the CLI browses only on request.
  if (options.host !== 'cli') {
    void savedDevices().then(async (devices) => {
      if (disposed || !devices.browse.enabled) return;
      await browser.start(devices.browse.allow);
      bus.emit('devices.browsing', status());
      return activate();
    });
  }

  return {
    handlers: {
      'devices.list': async () => {
        await activate();
        const heard = new Map(
          browser.list().map((a) => [`mdns:${a.iface}:${a.instance}`, a.lastSeen]),
        );
        return [...boards.values()].map((b) => {
          const seen = heard.get(b.id);
          return seen === undefined ? b : { ...b, lastSeen: new Date(seen).toISOString() };
        });
      },
      'devices.browse': async ({ enabled, interfaces, save }) => {
        await activate();
        const allow = interfaces ?? browser.allowList;
        if (enabled) await browser.start(allow);
        else await browser.stop();
        if (save) {
          const devices = await savedDevices();
          devices.browse = { enabled, allow };
          await saveDevices(devices);
        }
        const now = status();
        bus.emit('devices.browsing', now);
        return now;
      },
      'devices.browseStatus': async () => status(),
      'devices.add': async ({ address: typed }) => {
        await activate();
        const input = checkBoardAddress(typed);
        const existing = boards.get(manualId(input));
        if (existing) return existing;
        const address = await resolveBoard(input, knownHost);
        const devices = await savedDevices();
        if (!devices.manual.some((m) => m.address === input)) {
          devices.manual.push({ address: input, addedAt: new Date().toISOString() });
          await saveDevices(devices);
        }
        const board = typedBoard(input, 'manual', Date.now(), address);
        put(board);
        await probe(board);
        return boards.get(board.id) ?? board;
      },
      'devices.remove': async ({ address: typed }) => {
        await activate();
        const input = typed.trim().toLowerCase().replace(/\.$/, '');
        const devices = await savedDevices();
        const board =
          boards.get(manualId(input)) ??
          [...boards.values()].find((b) => b.source === 'manual' && b.address === input);
        if (!board) {
          const other = findBoard(input);
          if (other) {
            throw new BenchtopError(
              'INVALID_INPUT',
              `${other.name} was found over mDNS, not added by hand: it leaves the list when it stops advertising.`,
            );
          }
          throw new BenchtopError(
            'NOT_FOUND',
            `No hand-added board "${typed.slice(0, 80)}" is in the saved list.`,
          );
        }
        devices.manual = devices.manual.filter((m) => m.address !== board.name);
        await saveDevices(devices);
        boards.delete(board.id);
        emit({ kind: 'disappeared', board, reason: 'removed' });
        return { removed: board };
      },
      'devices.info': async ({ address: typed }) => {
        let board = findBoard(typed);
        if (!board) {
          // Any address works, listed or not: `benchtop device info 10.0.0.7` needs no browsing.
          const input = checkBoardAddress(typed);
          const address = await resolveBoard(input, knownHost);
          let direct = typedBoard(input, 'direct', Date.now(), address);
          await probe(direct, (_id, patch) => {
            direct = patch(direct);
          });
          board = direct;
        } else {
          await probe(board);
          board = boards.get(board.id) ?? board;
        }
        const detail: BoardDetail = {
          board,
          containers: [],
          images: [],
          sshCommand: sshCommand(board),
        };
        if (board.address !== null && board.engineState === 'up') {
          try {
            Object.assign(detail, await engineContents(board.address));
          } catch (error) {
            detail.engineError = words(error);
          }
        } else {
          detail.engineError = board.engineError ?? 'the engine is not reachable';
        }
        return detail;
      },
      'devices.refresh': async () => {
        await activate();
        browser.queryNow();
        probeAll();
        return { boards: boards.size };
      },
    },
    async dispose() {
      disposed = true;
      if (probeTimer) clearInterval(probeTimer);
      await browser.stop();
    },
  };
}
