// SPDX-License-Identifier: Apache-2.0
// The Devices capability: the live list of boards (mDNS and hand-added), probed, for every face.
import type {
  AppInfo,
  BoardDetail,
  BrowseStatus,
  devicesCommands,
} from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { EventBus } from '../contract/event-bus.js';
import type { DockerClientFactory } from '../docker/index.js';
import type { Service } from '../contract/service.js';
import type { AdvertChange } from './advert.js';
import { networkInterfaces } from 'node:os';
import { BoardList } from './board-list.js';
import { selectInterfaces } from './interfaces.js';
import { BoardProber, words } from './board-prober.js';
import { sshCommand } from '../../shared/boards.js';
import { advertId, boardFromAdvert, manualId, typedBoard } from './board-records.js';
import { engineContents } from './engine-detail.js';
import { MdnsBrowser, defaultTimings, type BrowserTimings } from './mdns-browser.js';
import { checkBoardAddress, resolveBoard } from './resolve-host.js';
import { loadSavedDevices, saveDevices, type SavedDevices } from './saved-boards.js';

export { BoardList, type BoardTarget } from './board-list.js';

export interface DevicesOptions {
  bus: EventBus;
  host: AppInfo['host'];
  /** The engine's one list, shared with the services that aim at a board (push). */
  boards?: BoardList;
  dockerClient?: DockerClientFactory;
  timings?: BrowserTimings;
  /** How often every listed board is probed again. */
  probeIntervalMs?: number;
}

const PROBE_INTERVAL_MS = 5000;

/** The list the engine shares: its changes go to every face as `devices.changed`. */
export const createBoardList = (bus: EventBus): BoardList =>
  new BoardList((change) => bus.emit('devices.changed', change));

export function createDevicesService(
  options: DevicesOptions,
): Service<keyof typeof devicesCommands> {
  const { bus } = options;
  const boards = options.boards ?? createBoardList(bus);
  const prober = new BoardProber(boards);
  let saved: SavedDevices | undefined;
  let activation: Promise<void> | undefined;
  let probeTimer: NodeJS.Timeout | undefined;
  let disposed = false;

  const status = (): BrowseStatus => ({
    enabled: browser.isRunning,
    allow: browser.allowList,
    active: browser.interfaces.map(({ name, address }) => ({ name, address })),
    available: selectInterfaces(networkInterfaces(), []).map((iface) => iface.name),
  });

  const onAdverts = (changes: AdvertChange[]): void => {
    for (const change of changes) {
      const id = advertId(change.advert);
      if (change.kind === 'disappeared') {
        boards.remove(id, change.reason);
        continue;
      }
      const before = boards.get(id);
      const board = boardFromAdvert(change.advert, before);
      boards.put(board);
      // After the packets already waiting: a bench answering at once is listed first, probed next.
      if (!before || before.left || before.address !== board.address) {
        setImmediate(() => {
          const current = boards.get(id);
          if (current) void prober.probe(current);
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
  const knownHost = (hostname: string) => boards.knownHost(hostname);

  const savedDevices = async (): Promise<SavedDevices> => (saved ??= await loadSavedDevices());

  /** Nothing runs until a face asks: a CLI `benchtop info` must not probe or multicast. */
  const activate = (): Promise<void> =>
    (activation ??= (async () => {
      const devices = await savedDevices();
      if (disposed) return;
      const now = Date.now();
      for (const entry of devices.manual) {
        if (!boards.get(manualId(entry.address)))
          boards.put(typedBoard(entry.address, 'manual', now, null));
      }
      probeTimer = setInterval(() => prober.all(), options.probeIntervalMs ?? PROBE_INTERVAL_MS);
      prober.all();
    })());

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
        return boards.list().map((b) => {
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
        const existing = boards.listed(manualId(input));
        if (existing) return existing;
        const address = await resolveBoard(input, knownHost);
        const devices = await savedDevices();
        if (!devices.manual.some((m) => m.address === input)) {
          devices.manual.push({ address: input, addedAt: new Date().toISOString() });
          await saveDevices(devices);
        }
        const board = typedBoard(input, 'manual', Date.now(), address);
        boards.put(board);
        if (!boards.isShadowed(board.id)) await prober.probe(board);
        return boards.listed(board.id) ?? board;
      },
      'devices.remove': async ({ address: typed }) => {
        await activate();
        const input = typed.trim().toLowerCase().replace(/\.$/, '');
        const devices = await savedDevices();
        const board =
          boards.get(manualId(input)) ??
          boards.records().find((b) => b.source === 'manual' && b.address === input);
        if (!board) {
          const other = boards.findBoard(input);
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
        boards.remove(board.id, 'removed');
        return { removed: board };
      },
      'devices.forget': async ({ address }) => {
        await activate();
        return { forgotten: boards.forget(address) };
      },
      'devices.info': async ({ address: typed }) => {
        let board = boards.findBoard(typed);
        if (!board) {
          // Any address works, listed or not: `benchtop device info 10.0.0.7` needs no browsing.
          const input = checkBoardAddress(typed);
          const address = await resolveBoard(input, knownHost);
          let direct = typedBoard(input, 'direct', Date.now(), address);
          await prober.probe(direct, (_id, patch) => {
            direct = patch(direct);
          });
          board = direct;
        } else {
          await prober.probe(board);
          board = boards.listed(board.id) ?? board;
        }
        const detail: BoardDetail = {
          board,
          containers: [],
          images: [],
          sshCommand: sshCommand(board),
        };
        if (board.address !== null && board.engineState === 'up') {
          try {
            Object.assign(
              detail,
              await engineContents(
                { board: board.name, address: board.address },
                options.dockerClient,
              ),
            );
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
        prober.all();
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
