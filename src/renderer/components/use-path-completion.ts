// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import type { PathEntry } from '../../shared/contract/index.js';
import { describeError } from '../../shared/errors.js';
import { useClient } from '../client/client-context.js';

/** Typing fast asks once, when the typing pauses. */
const PAUSE_MS = 120;

export interface PathCompletion {
  entries: PathEntry[];
  truncated: boolean;
  error: string | undefined;
  /** The answer is for the text now in the field. */
  current: boolean;
}

/** The engine's completions for a path being typed; an answer for older text is dropped. */
export function usePathCompletion(typed: string, enabled: boolean): PathCompletion {
  const client = useClient();
  const [answer, setAnswer] = useState<PathCompletion & { for: string }>({
    for: '',
    entries: [],
    truncated: false,
    error: undefined,
    current: false,
  });

  useEffect(() => {
    if (!enabled || typed.trim() === '') return undefined;
    let alive = true;
    const timer = setTimeout(() => {
      client.call('paths.complete', { path: typed }).then(
        (result) =>
          alive &&
          setAnswer({
            for: typed,
            entries: result.entries,
            truncated: result.truncated,
            error: undefined,
            current: true,
          }),
        (error: unknown) =>
          alive &&
          setAnswer({
            for: typed,
            entries: [],
            truncated: false,
            error: describeError(error),
            current: true,
          }),
      );
    }, PAUSE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, typed, enabled]);

  return { ...answer, current: answer.for === typed };
}
