// SPDX-License-Identifier: Apache-2.0
// The options of a push as the form holds them, and as push.start takes them.
import type { CommandInput } from '../../../shared/contract/index.js';

export interface PushOptionsState {
  nocache: boolean;
  /** One `[service:]KEY=VALUE` a line. */
  env: string;
  buildArgs: string;
  /** For boards that do not say theirs; empty leaves the engine's default. */
  deviceType: string;
  /** Keep syncing the project's changes to the boards after the push. */
  live: boolean;
}

export const defaultPushOptions: PushOptionsState = {
  nocache: false,
  env: '',
  buildArgs: '',
  deviceType: '',
  live: true,
};

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

export function toPushInput(
  source: string,
  boards: string[],
  options: PushOptionsState,
): CommandInput<'push.start'> {
  const deviceType = options.deviceType.trim();
  return {
    source,
    boards,
    nocache: options.nocache,
    env: lines(options.env),
    buildArgs: lines(options.buildArgs),
    ...(deviceType ? { deviceType } : {}),
    live: options.live,
  };
}

/** The live session that follows a push to `board`: the same project values the push had. */
export function toLiveInput(
  push: CommandInput<'push.start'>,
  board: string,
): CommandInput<'live.start'> {
  return {
    board,
    source: push.source,
    env: push.env ?? [],
    buildArgs: push.buildArgs ?? [],
    multiDockerignore: push.multiDockerignore ?? false,
    ...(push.deviceType === undefined ? {} : { deviceType: push.deviceType }),
  };
}
