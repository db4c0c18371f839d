// SPDX-License-Identifier: Apache-2.0
// Container start events of Benchtop projects from the engine's events API: how a follow
// notices a container that a re-push created, or one the engine restarted.
import type Docker from 'dockerode';
import { pushLabels } from '../composition.js';
import type { ProjectContainer } from '../services/index.js';
import { LineSplitter } from './line-splitter.js';

/** Events carry every label of the container: room for many. */
const MAX_EVENT_CHARS = 256 * 1024;

interface EngineEvent {
  readonly id?: unknown;
  readonly Actor?: { readonly ID?: unknown; readonly Attributes?: Record<string, unknown> };
  readonly time?: unknown;
}

/** The container an event names, when it carries the labels of a Benchtop project. */
export function startedContainer(text: string): ProjectContainer | null {
  let event: EngineEvent;
  try {
    event = JSON.parse(text) as EngineEvent;
  } catch {
    return null; // not ours to judge: the engine's stream, one odd line
  }
  const attributes = event.Actor?.Attributes ?? {};
  const id = event.Actor?.ID ?? event.id;
  const project = attributes[pushLabels.project];
  const service = attributes[pushLabels.service];
  if (typeof id !== 'string' || typeof project !== 'string' || typeof service !== 'string') {
    return null;
  }
  const image = typeof attributes['image'] === 'string' ? attributes['image'] : '';
  const created = typeof event.time === 'number' ? event.time : 0;
  return { id, project, service, state: 'running', image, created };
}

/**
 * Calls `onStart` for each container start of `project` (or of any Benchtop project) until the
 * stream ends: resolves then (the engine went away or `signal` aborted), rejects on a failure.
 */
export async function watchContainerStarts(
  docker: Docker,
  project: string | undefined,
  signal: AbortSignal,
  onStart: (container: ProjectContainer) => void,
  onSubscribed: () => void,
): Promise<void> {
  const label = project === undefined ? pushLabels.project : `${pushLabels.project}=${project}`;
  // dockerode passes abortSignal on for getEvents; its types leave it out.
  const stream = await docker.getEvents({
    filters: { type: ['container'], event: ['start'], label: [label] },
    abortSignal: signal,
  } as Docker.GetEventsOptions);
  onSubscribed();
  const lines = new LineSplitter(MAX_EVENT_CHARS);
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) {
        const started = startedContainer(line);
        if (started) onStart(started);
      }
    });
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', (error: Error) => (signal.aborted ? resolve() : reject(error)));
  }).finally(() => {
    const destroy = (stream as { destroy?: () => void }).destroy;
    destroy?.call(stream);
  });
}
