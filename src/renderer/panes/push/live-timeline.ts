// SPDX-License-Identifier: Apache-2.0
// One live session as the Push pane shows it: its state, and its syncs newest first. Pure, so
// the pane's hook only feeds it the session's events.
import type {
  LiveOutputEvent,
  LiveSession,
  LiveState,
  LiveStateEvent,
  LiveSyncEvent,
} from '../../../shared/contract/index.js';

/** Syncs kept on screen; older ones drop off the end of the timeline. */
export const MAX_SYNCS = 200;
/** Build lines kept per sync (a rebuild prints many). */
export const MAX_OUTPUT_LINES = 400;

export interface TimelineEntry {
  sync: LiveSyncEvent;
  /** Build and deploy lines of the services this sync rebuilt, `service: line`. */
  output: string[];
}

export interface LiveView {
  state: LiveState;
  message: string;
  pending: number;
  syncs: TimelineEntry[];
  /** Lines of a rebuild still under way, given to the sync they belong to when it ends. */
  output: string[];
}

export function startView(session: LiveSession): LiveView {
  return {
    state: session.state,
    message: session.state === 'watching' ? `Watching ${session.root} for changes.` : session.state,
    pending: session.pending,
    syncs: [],
    output: [],
  };
}

export function withSync(view: LiveView, sync: LiveSyncEvent): LiveView {
  const entry: TimelineEntry = { sync, output: view.output };
  return { ...view, syncs: [entry, ...view.syncs].slice(0, MAX_SYNCS), output: [] };
}

export function withState(view: LiveView, event: LiveStateEvent): LiveView {
  // Nothing comes after a stop: a late event cannot bring a stopped session back.
  if (view.state === 'stopped') return view;
  return { ...view, state: event.state, message: event.message, pending: event.pending };
}

export function withOutput(view: LiveView, event: LiveOutputEvent): LiveView {
  const output = [...view.output, `${event.service}: ${event.line}`];
  return { ...view, output: output.slice(-MAX_OUTPUT_LINES) };
}

export function stoppedView(view: LiveView, message: string): LiveView {
  return { ...view, state: 'stopped', message, pending: 0 };
}

/** The state in a word or two for the indicator. */
export function stateLabel(state: LiveState, pending: number): string {
  switch (state) {
    case 'watching':
      return 'Live';
    case 'syncing':
      return 'Live, syncing';
    case 'offline':
      return pending > 0
        ? `Board offline, ${pending} change${pending === 1 ? '' : 's'} waiting`
        : 'Board offline';
    case 'resyncing':
      return 'Board back, resyncing';
    case 'stopped':
      return 'Live sync stopped';
  }
}

/** A sync failed as a whole or for one of its services. */
export function syncFailed(sync: LiveSyncEvent): boolean {
  return sync.error !== undefined || sync.services.some((s) => s.error !== undefined);
}

/** "12:03:04.512" in the viewer's time zone. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
