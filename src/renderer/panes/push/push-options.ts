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
}

export const defaultPushOptions: PushOptionsState = {
  nocache: false,
  env: '',
  buildArgs: '',
  deviceType: '',
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
  };
}
