// SPDX-License-Identifier: Apache-2.0
import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';

export interface SummaryState {
  summary: ProjectSummary | undefined;
  error: string | undefined;
  loading: boolean;
}

/**
 * What push.inspect says of the chosen folder. The first board's arch and device type fill the
 * template values (boards of other kinds get theirs at push time); asked again when they change.
 */
export function useProjectSummary(
  source: string | undefined,
  board: string | undefined,
  deviceType: string,
  /** Grows to read the folder again after it was edited. */
  reload: number,
): SummaryState {
  const client = useClient();
  const type = deviceType.trim();
  const question = JSON.stringify([source, board, type, reload]);
  const [answer, setAnswer] = useState<{ for: string; summary?: ProjectSummary; error?: string }>({
    for: '',
  });
  useEffect(() => {
    if (!source) return undefined;
    let alive = true;
    const inspect = (withBoard: boolean) =>
      client.call('push.inspect', {
        source,
        ...(withBoard && board ? { board } : {}),
        ...(type ? { deviceType: type } : {}),
      });
    // A board that does not answer still lets the folder be read, with generic values, and says so.
    const ask = () =>
      inspect(true)
        .then(
          (summary) => ({ summary, error: undefined }),
          async (error: unknown) => {
            if (!board) throw error;
            const summary = await inspect(false);
            const why = describeError(error);
            return { summary, error: `Template values are ${summary.target.deviceType}'s: ${why}` };
          },
        )
        .then(
          (answer) => alive && setAnswer({ for: question, ...answer }),
          (error: unknown) => alive && setAnswer({ for: question, error: describeError(error) }),
        );
    // A device type being typed is asked about once the typing pauses.
    const timer = setTimeout(() => void ask(), 200);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, source, board, type, question]);
  if (!source) return { summary: undefined, error: undefined, loading: false };
  // While a new answer is on its way the last one stays on screen, marked as loading.
  return { summary: answer.summary, error: answer.error, loading: answer.for !== question };
}
