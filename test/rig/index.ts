// SPDX-License-Identifier: Apache-2.0
// Typed wrapper over test/rig/rig.sh (the virtual bench board) for integration tests and benches.
// The script does the work; this runs it, and checks and types the JSON it prints.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const rigScript = fileURLToPath(new URL('./rig.sh', import.meta.url));

/** What is alive on a board right now (null: that part was not brought up). */
export interface RigBoardLive {
  /** The host-side veth is up (`net-off` takes it down). */
  readonly link: boolean;
  /** The board's avahi-daemon runs (`advert-off` stops it). */
  readonly advertising: boolean;
  /** tcp/22222 answers from the host (the board's sshd). */
  readonly ssh: boolean;
  /** GET /_ping answers OK. */
  readonly engine: boolean | null;
  /** The console pty link exists and its respawn loop runs. */
  readonly console: boolean | null;
}

export interface RigBoard {
  readonly index: number;
  readonly name: string;
  readonly namespace: string;
  readonly hostInterface: string;
  readonly boardInterface: string;
  readonly hostAddress: string;
  readonly address: string;
  /** 7 hex digits, like a balenaOS device's short uuid; advertised as `<hostname>.local`. */
  readonly hostname: string;
  readonly sshPort: number;
  /** `tcp://<address>:2375`, or null when the rig was brought up with `engine: false`. */
  readonly dockerHost: string | null;
  /** The pty link to open as the board's serial port, or null with `console: false`. */
  readonly consolePath: string | null;
  readonly live: RigBoardLive;
}

export interface Rig {
  readonly up: true;
  readonly stateDir: string;
  /** Mode 600; holds the console user's password (it changes on every `up`). */
  readonly passwordFile: string;
  readonly user: string;
  /**
   * Mode 600: the private key every board's sshd lets root in with (its host OS shell on
   * 22222). Give it to Benchtop as BENCHTOP_SSH_KEY.
   */
  readonly sshKey: string;
  readonly hostAvahi: boolean;
  readonly boards: readonly RigBoard[];
}

export interface NoRig {
  readonly up: false;
  readonly stateDir: string;
}

export type RigStatus = Rig | NoRig;

export interface RigUpOptions {
  /** A dockerd per board (default true); off lets discovery benches run many boards cheaply. */
  engine?: boolean;
  /** A getty console per board (default true). */
  console?: boolean;
  /** A host avahi-daemon on D-Bus for `avahi-browse` (default true). */
  hostAvahi?: boolean;
}

export interface RigCommandResult {
  readonly stdout: string;
  readonly stderr: string;
}

const UP_TIMEOUT_MS = 300_000;
const DOWN_TIMEOUT_MS = 300_000;
const COMMAND_TIMEOUT_MS = 120_000;

/** Runs `bash rig.sh ARGS`; rejects with the script's own words when it fails. */
export function rigCommand(
  args: readonly string[],
  timeoutMs: number = COMMAND_TIMEOUT_MS,
): Promise<RigCommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [rigScript, ...args],
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const why = error.killed
            ? `timed out after ${timeoutMs} ms`
            : `failed (exit code ${String(error.code)})`;
          reject(new Error(`rig.sh ${args.join(' ')} ${why}\n${stderr.trim()}`));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}

export async function rigUp(n: number, opts: RigUpOptions = {}): Promise<Rig> {
  const args = ['up', String(n)];
  if (opts.engine === false) args.push('--no-engine');
  if (opts.console === false) args.push('--no-console');
  if (opts.hostAvahi === false) args.push('--no-host-avahi');
  const { stdout } = await rigCommand(args, UP_TIMEOUT_MS);
  const status = parseRigStatus(stdout);
  if (!status.up) throw new Error(`rig.sh up ${n} printed a rig that is not up: ${stdout}`);
  return status;
}

/** One board with its engine and no console or host avahi: what push and live tests use. */
export async function rigUpOneBoard(): Promise<RigBoard> {
  const rig = await rigUp(1, { console: false, hostAvahi: false });
  const first = rig.boards[0];
  if (first === undefined) throw new Error('the rig came up without a board');
  return first;
}

export async function rigDown(): Promise<void> {
  await rigCommand(['down'], DOWN_TIMEOUT_MS);
}

export async function rigStatus(): Promise<RigStatus> {
  const { stdout } = await rigCommand(['status']);
  return parseRigStatus(stdout);
}

// --- Parsing: the script's JSON is checked, not cast. -----------------------------------------

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field<T>(o: Json, key: string, check: (v: unknown) => v is T, what: string): T {
  const v = o[key];
  if (!check(v)) throw new Error(`rig JSON: "${key}" should be ${what}, got ${JSON.stringify(v)}`);
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isBooleanOrNull = (v: unknown): v is boolean | null => v === null || typeof v === 'boolean';

function parseLive(v: unknown): RigBoardLive {
  if (!isObject(v)) throw new Error(`rig JSON: "live" should be an object`);
  return {
    link: field(v, 'link', isBoolean, 'a boolean'),
    advertising: field(v, 'advertising', isBoolean, 'a boolean'),
    ssh: field(v, 'ssh', isBoolean, 'a boolean'),
    engine: field(v, 'engine', isBooleanOrNull, 'a boolean or null'),
    console: field(v, 'console', isBooleanOrNull, 'a boolean or null'),
  };
}

function parseBoard(v: unknown): RigBoard {
  if (!isObject(v)) throw new Error(`rig JSON: a board should be an object`);
  return {
    index: field(v, 'index', isNumber, 'a number'),
    name: field(v, 'name', isString, 'a string'),
    namespace: field(v, 'namespace', isString, 'a string'),
    hostInterface: field(v, 'hostInterface', isString, 'a string'),
    boardInterface: field(v, 'boardInterface', isString, 'a string'),
    hostAddress: field(v, 'hostAddress', isString, 'a string'),
    address: field(v, 'address', isString, 'a string'),
    hostname: field(v, 'hostname', isString, 'a string'),
    sshPort: field(v, 'sshPort', isNumber, 'a number'),
    dockerHost: field(v, 'dockerHost', isStringOrNull, 'a string or null'),
    consolePath: field(v, 'consolePath', isStringOrNull, 'a string or null'),
    live: parseLive(v['live']),
  };
}

export function parseRigStatus(text: string): RigStatus {
  const v: unknown = JSON.parse(text);
  if (!isObject(v)) throw new Error(`rig JSON: expected an object, got ${text}`);
  const stateDir = field(v, 'stateDir', isString, 'a string');
  if (field(v, 'up', isBoolean, 'a boolean') === false) return { up: false, stateDir };
  const boards = v['boards'];
  if (!Array.isArray(boards)) throw new Error(`rig JSON: "boards" should be an array`);
  return {
    up: true,
    stateDir,
    passwordFile: field(v, 'passwordFile', isString, 'a string'),
    user: field(v, 'user', isString, 'a string'),
    sshKey: field(v, 'sshKey', isString, 'a string'),
    hostAvahi: field(v, 'hostAvahi', isBoolean, 'a boolean'),
    boards: boards.map(parseBoard),
  };
}
