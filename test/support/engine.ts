// SPDX-License-Identifier: Apache-2.0
// Reading a rig board's engine in tests: its events in order, and a command's output in a container.
import Docker from 'dockerode';

/** A rig board's engine over the network, as Benchtop reaches it. */
export const engineOf = (address: string, timeout = 60_000): Docker =>
  new Docker({ host: address, port: 2375, protocol: 'http', timeout });

export interface EngineEvent {
  readonly type: string;
  readonly action: string;
  readonly name: string;
  readonly id: string;
  readonly timeNano: number;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  timeNano?: number;
}

/**
 * The events from `sinceMs` (Date.now() before the work) to now, oldest first. The API takes
 * whole seconds here; the rest is cut by timeNano. `until` a moment ahead makes the stream end.
 */
export async function engineEvents(
  docker: Docker,
  sinceMs: number,
  filters: Record<string, string[]> = {},
): Promise<EngineEvent[]> {
  const stream = await docker.getEvents({
    since: Math.floor(sinceMs / 1000),
    until: Math.ceil(Date.now() / 1000),
    filters: JSON.stringify(filters),
  });
  let text = '';
  for await (const chunk of stream as unknown as AsyncIterable<Buffer>) text += chunk.toString();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RawEvent)
    .map((event) => ({
      type: event.Type ?? '',
      action: (event.Action ?? '').split(':')[0] ?? '',
      name: event.Actor?.Attributes?.['name'] ?? '',
      id: event.Actor?.ID ?? '',
      timeNano: event.timeNano ?? 0,
    }))
    .filter((event) => event.timeNano >= sinceMs * 1e6);
}

/** Index of the first event with this action on a container whose name matches. */
export function indexOf(
  events: readonly EngineEvent[],
  action: string,
  name: string | RegExp,
): number {
  return events.findIndex(
    (event) =>
      event.action === action &&
      (typeof name === 'string' ? event.name === name : name.test(event.name)),
  );
}

/** Runs `cmd` in a running container; resolves to what it printed (a tty keeps it unframed). */
export async function execOutput(
  docker: Docker,
  containerId: string,
  cmd: string[],
): Promise<string> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true });
  let text = '';
  for await (const chunk of stream as unknown as AsyncIterable<Buffer>) text += chunk.toString();
  return text;
}
