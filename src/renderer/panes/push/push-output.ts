// SPDX-License-Identifier: Apache-2.0
// A push's output as the pane shows it: per board, per service, in the order they first spoke.
import type { EventPayload } from '../../../shared/contract/index.js';

/** A long build keeps its last lines; the whole output stays in the CLI's `--json`. */
export const MAX_LINES_PER_GROUP = 2000;

export type PushOutputEvent = EventPayload<'push.output'>;

export interface OutputGroup {
  readonly board: string;
  /** Undefined for the push's own lines about the board (probing, deploying, the result). */
  readonly service: string | undefined;
  readonly lines: readonly { kind: PushOutputEvent['kind']; text: string }[];
  /** Lines dropped from the start to keep the view light. */
  readonly dropped: number;
}

export type PushOutput = ReadonlyMap<string, OutputGroup>;

const groupKey = (board: string, service: string | undefined): string =>
  `${board}\u0000${service ?? ''}`;

/** A new map with the event's line added to its group (made on its first line). */
export function appendOutput(output: PushOutput, event: PushOutputEvent): PushOutput {
  const key = groupKey(event.board, event.service);
  const group = output.get(key) ?? {
    board: event.board,
    service: event.service,
    lines: [],
    dropped: 0,
  };
  const lines = [...group.lines, { kind: event.kind, text: event.line }];
  const over = Math.max(0, lines.length - MAX_LINES_PER_GROUP);
  const next = new Map(output);
  next.set(key, { ...group, lines: lines.slice(over), dropped: group.dropped + over });
  return next;
}

/** The boards in the order their output began, each with its groups in the same order. */
export function groupsByBoard(output: PushOutput): Map<string, OutputGroup[]> {
  const boards = new Map<string, OutputGroup[]>();
  for (const group of output.values()) {
    const list = boards.get(group.board) ?? [];
    list.push(group);
    boards.set(group.board, list);
  }
  return boards;
}
