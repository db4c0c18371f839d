// SPDX-License-Identifier: Apache-2.0
// Runs a built composition through a board's supervisor in local mode, as `balena push` does:
// read its target state, post ours (the device's name and config kept), then watch it apply.
// Images must already be on the board's engine under the names posted. The log stream is
// opened before posting so that no failure line is missed; failures there name the service.
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchtopError } from '../../../shared/errors.js';
import type { Composition } from '../composition.js';
import { localAppName, localReleaseHash } from '../project/index.js';
import { ApplyWatch, type ApplyFailure } from './apply-watch.js';
import type { SupervisorLogLine } from './log-lines.js';
import { streamSupervisorLogs } from './stream-logs.js';
import { SupervisorClient } from './supervisor-client.js';
import { localImageName, localTargetState, type PostedTargetState } from './target-state.js';

export const DEFAULT_APPLY_TIMEOUT_MS = 120_000;

export interface SupervisorDeployOptions {
  /** The board: "10.0.0.5", "board.local", or host:port for a forwarded port. */
  readonly address: string;
  readonly composition: Composition;
  /** The image each service runs, by service; default local_image_<service>:latest. */
  readonly images?: ReadonlyMap<string, string>;
  /** Progress for people: what the supervisor does, per service. */
  readonly onLine?: (text: string) => void;
  /** Every log line that arrives while the release is applied. */
  readonly onLog?: (line: SupervisorLogLine) => void;
  readonly signal?: AbortSignal;
  /** How long the supervisor may take to run the release. */
  readonly applyTimeoutMs?: number;
  readonly pollMs?: number;
  /** Deadline of each request (default 3 s). */
  readonly timeoutMs?: number;
  readonly heartbeatMs?: number;
}

export interface SupervisorDeployResult {
  /** What was posted, for `--json` and for a later live sync. */
  readonly posted: PostedTargetState;
  /** Each service's container as the last status poll showed it. */
  readonly services: readonly { readonly name: string; readonly status: string }[];
  /** Failures the supervisor reported and then got past (it retries). */
  readonly recovered: readonly ApplyFailure[];
}

export async function deployViaSupervisor(
  options: SupervisorDeployOptions,
): Promise<SupervisorDeployResult> {
  const { composition } = options;
  const say = (text: string): void => options.onLine?.(text);
  const timing = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const client = new SupervisorClient(options.address, timing);
  const names = composition.services.map((service) => service.name);
  const images = new Map(
    names.map((name) => [name, options.images?.get(name) ?? localImageName(name)]),
  );

  say(`Reading the target state of the supervisor on ${client.where}.`);
  const posted = localTargetState(await client.targetState(), composition, images);
  const watch = new ApplyWatch(names, images);

  const logs = new AbortController();
  const stopLogs = (): void => logs.abort();
  options.signal?.addEventListener('abort', stopLogs, { once: true });
  const following = followLogs(options, logs.signal, (line) => {
    options.onLog?.(line);
    const failure = watch.noteLog(line);
    if (failure !== undefined) say(`${failure.service ?? 'supervisor'}: ${failure.message}`);
    else if (line.isSystem) say(`supervisor: ${line.message}`);
  });
  try {
    if (!(await following.connected)) {
      say('The log stream did not open; failures will show as container states only.');
    }
    say(`Posting release ${localReleaseHash} of ${localAppName} (${names.join(', ')}).`);
    await client.setTargetState(posted);
    return await waitForApplied(client, watch, posted, options);
  } finally {
    options.signal?.removeEventListener('abort', stopLogs);
    logs.abort();
    await following.done;
  }
}

async function waitForApplied(
  client: SupervisorClient,
  watch: ApplyWatch,
  posted: PostedTargetState,
  options: SupervisorDeployOptions,
): Promise<SupervisorDeployResult> {
  const timeoutMs = options.applyTimeoutMs ?? DEFAULT_APPLY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let pollsSinceFailure = 0;
  for (;;) {
    if (options.signal?.aborted) {
      throw new BenchtopError(
        'CANCELLED',
        `Stopped waiting for ${client.where}; its supervisor goes on applying the release.`,
      );
    }
    const status = await client.status();
    const { lines, done } = watch.noteStatus(status);
    for (const line of lines) options.onLine?.(line);
    if (done) {
      return {
        posted,
        services: watch.services.map((name) => ({ name, status: watch.stateOf(status, name) })),
        recovered: [...watch.failures],
      };
    }
    // A failure, and a poll after it with the release still not running: the supervisor
    // would retry it for ever, so the push reports the first one (the cause, usually).
    const [failure] = watch.failures;
    if (failure !== undefined && ++pollsSinceFailure >= 2) {
      throw failedError(client, watch, status, failure);
    }
    if (Date.now() >= deadline) {
      const last = watch.failures.at(-1);
      throw new BenchtopError(
        'TIMEOUT',
        `The supervisor on ${client.where} had not run the release after ${timeoutMs / 1000} s: ` +
          `${watch.notRunning()}.` +
          (last === undefined ? '' : ` Its last failure: ${last.message}`),
      );
    }
    await sleep(options.pollMs ?? 500, undefined, { signal: options.signal }).catch(() => {});
  }
}

function failedError(
  client: SupervisorClient,
  watch: ApplyWatch,
  status: Parameters<ApplyWatch['stateOf']>[0],
  failure: ApplyFailure,
): BenchtopError {
  const what = failure.service === null ? 'the release' : `service ${failure.service}`;
  const state =
    failure.service === null ? '' : ` Its container: ${watch.stateOf(status, failure.service)}.`;
  const others = watch.failures.filter((f) => f !== failure).map((f) => f.message);
  return new BenchtopError(
    'DOCKER_FAILED',
    `The supervisor on ${client.where} could not run ${what}: ${failure.message}.${state}`,
    others.length === 0 ? undefined : others.join('\n'),
  );
}

/** The log stream, with a promise that says whether it opened (it is optional to a deploy). */
function followLogs(
  options: SupervisorDeployOptions,
  signal: AbortSignal,
  onLine: (line: SupervisorLogLine) => void,
): { connected: Promise<boolean>; done: Promise<void> } {
  let opened: (value: boolean) => void = () => {};
  const connected = new Promise<boolean>((resolve) => (opened = resolve));
  const done = streamSupervisorLogs({
    address: options.address,
    signal,
    onLine,
    onConnection: (event) => {
      if (event.state === 'connected') opened(true);
      else options.onLine?.(`Log stream lost (${event.reason}); reconnecting.`);
    },
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
  })
    .catch(() => undefined)
    .finally(() => opened(false));
  return { connected, done };
}
