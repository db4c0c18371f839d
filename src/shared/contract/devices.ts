// SPDX-License-Identifier: Apache-2.0
import { z } from 'zod';
import { command } from './define.js';

/** Whether a port of a board answered its last probe; 'pending' until the first one ends. */
export const Reach = z.enum(['pending', 'up', 'down']);
export type Reach = z.infer<typeof Reach>;

/** What the board's Docker engine says about itself (/version and /info). */
export const EngineFacts = z.object({
  version: z.string(),
  apiVersion: z.string(),
  os: z.string(),
  arch: z.string(),
  kernelVersion: z.string().optional(),
  containers: z.object({ running: z.number(), paused: z.number(), stopped: z.number() }).optional(),
  images: z.number().optional(),
  storageDriver: z.string().optional(),
  memTotal: z.number().optional(),
  cpus: z.number().optional(),
});
export type EngineFacts = z.infer<typeof EngineFacts>;

/** 'direct': asked for by address (device info), not kept in the list. */
export const BoardSource = z.enum(['mdns', 'manual', 'direct']);
export type BoardSource = z.infer<typeof BoardSource>;

/** Why a board stopped being seen over mDNS. */
const LEAVE_REASONS = ['goodbye', 'expired', 'silent', 'interface-gone'] as const;

/** One board on the bench: how it was found, where it is, and what answered on it. */
export const Board = z.object({
  /** Stable while the board stays listed: `mdns:<interface>:<instance>` or `manual:<host>`. */
  id: z.string(),
  name: z.string(),
  /** The mDNS host name (`abc1234.local`) or the name typed by hand; null for a bare address. */
  hostname: z.string().nullable(),
  /** The IPv4 address probes go to; null when a hand-added name does not resolve. */
  address: z.string().nullable(),
  /** The host interface the advert came in on; null for hand-added boards. */
  interface: z.string().nullable(),
  source: BoardSource,
  /** In the saved hand-added list; true with source 'mdns' when it was also heard over mDNS. */
  addedByHand: z.boolean(),
  sshPort: z.number().int(),
  /** TXT record of the advert, trimmed to a sane size. */
  txt: z.record(z.string(), z.string()),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Engine facts, or null while unreachable (or not yet probed: see engineState). */
  engine: EngineFacts.nullable(),
  engineState: Reach,
  /** Why the engine probe failed, in words. */
  engineError: z.string().optional(),
  supervisor: z.object({
    state: Reach,
    error: z.string().optional(),
    /** From the supervisor's /v2/local/device-info, which answers in local mode. */
    deviceType: z.string().optional(),
    arch: z.string().optional(),
  }),
  ssh: z.object({ state: Reach, banner: z.string().optional(), error: z.string().optional() }),
  /** When the last complete probe ended. */
  probedAt: z.string().nullable(),
  /**
   * Set when a board Benchtop had reached stopped being seen: it stays listed (greyed, with
   * lastSeen) until it comes back or is forgotten (devices.forget).
   */
  left: z.object({ at: z.string(), reason: z.enum(LEAVE_REASONS) }).optional(),
});
export type Board = z.infer<typeof Board>;

export const Container = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  /** Docker's own words, e.g. "Up 3 minutes". */
  status: z.string(),
  created: z.string(),
  ports: z.array(z.string()),
});
export type Container = z.infer<typeof Container>;

export const Image = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  size: z.number(),
  created: z.string(),
});
export type Image = z.infer<typeof Image>;

export const BoardDetail = z.object({
  board: Board,
  containers: z.array(Container),
  images: z.array(Image),
  /** Why containers and images could not be listed (engine down). */
  engineError: z.string().optional(),
  sshCommand: z.string(),
});
export type BoardDetail = z.infer<typeof BoardDetail>;

export const BrowseInterface = z.object({ name: z.string(), address: z.string() });
export type BrowseInterface = z.infer<typeof BrowseInterface>;

export const BrowseStatus = z.object({
  enabled: z.boolean(),
  /** Interface names (a `*` matches any characters); empty means every multicast interface. */
  allow: z.array(z.string()),
  /** The interfaces browsed right now. */
  active: z.array(BrowseInterface),
  /** Every multicast interface up now, allowed or not: what an allow-list can name. */
  available: z.array(z.string()),
});
export type BrowseStatus = z.infer<typeof BrowseStatus>;

const InterfaceName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:@*-]+$/, 'an interface name (letters, digits, . _ - : @, * wildcard)');

/** An IPv4 address or a host name as a person types it. */
export const BoardAddress = z.string().trim().min(1).max(253);

const Empty = z.object({}).strict();

export const devicesCommands = {
  'devices.list': command({
    role: 'viewer',
    description: 'The boards known right now (found over mDNS or added by hand)',
    input: Empty,
    result: z.array(Board),
  }),
  'devices.browse': command({
    // Changes what the whole bench browses (and saves it): not read-only, though not the host's own settings.
    role: 'operator',
    description: 'Start or stop mDNS browsing, limited to the given interfaces',
    input: z
      .object({
        enabled: z.boolean().default(true),
        /** Omit to keep the current allow-list; [] browses every multicast interface. */
        interfaces: z.array(InterfaceName).max(256).optional(),
        /** Keep this as the setting used when Benchtop starts next. */
        save: z.boolean().default(false),
      })
      .strict(),
    result: BrowseStatus,
  }),
  'devices.browseStatus': command({
    role: 'viewer',
    description: 'Whether browsing runs, its allow-list and the interfaces browsed now',
    input: Empty,
    result: BrowseStatus,
  }),
  'devices.add': command({
    // Edits the bench's saved list of boards, which every user sees.
    role: 'operator',
    description: 'Add a board by address or host name (kept in the saved list)',
    input: z.object({ address: BoardAddress }).strict(),
    result: Board,
  }),
  'devices.remove': command({
    // Edits the bench's saved list of boards, which every user sees.
    role: 'operator',
    description: 'Remove a hand-added board from the saved list',
    input: z.object({ address: BoardAddress }).strict(),
    result: z.object({ removed: Board }),
  }),
  'devices.forget': command({
    // Drops a board from what every user sees.
    role: 'operator',
    description: 'Forget a board that left the network (listed greyed since), by name or address',
    input: z.object({ address: BoardAddress }).strict(),
    result: z.object({ forgotten: Board }),
  }),
  'devices.info': command({
    // Probes the board (engine, supervisor, ssh) and only reads.
    role: 'viewer',
    description: 'One board in detail: probes, containers and images (any address works)',
    input: z.object({ address: BoardAddress }).strict(),
    result: BoardDetail,
  }),
  'devices.refresh': command({
    // Probes sooner than the interval would; reads only.
    role: 'viewer',
    description: 'Probe every listed board now instead of at the next interval',
    input: Empty,
    result: z.object({ boards: z.number() }),
  }),
};

export const DeviceChange = z.object({
  /** 'left': stopped being seen, still listed (board.left); 'disappeared': off the list. */
  kind: z.enum(['appeared', 'updated', 'left', 'disappeared']),
  board: Board,
  /**
   * Why a board left or disappeared; 'merged': now listed as another record of the same
   * machine (a hand-added board as its mDNS record, a board that left as its new advert).
   */
  reason: z.enum([...LEAVE_REASONS, 'removed', 'merged', 'forgotten']).optional(),
});
export type DeviceChange = z.infer<typeof DeviceChange>;

export const devicesEvents = {
  'devices.changed': DeviceChange,
  'devices.browsing': BrowseStatus,
};
