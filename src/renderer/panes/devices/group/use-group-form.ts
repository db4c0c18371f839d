// SPDX-License-Identifier: Apache-2.0
// What every group action's dialog shares: its form's fields as text, the limits every group
// command takes (boards at once, time per board), and starting the job once the contract's own
// schema accepts the request (its words on a mistake, the engine's if it refuses).
import { useState } from 'react';
import { describeError } from '../../../../shared/errors.js';
import type { JobRef } from '../../../../shared/jobs.js';

export type GroupForm = Record<string, string>;

/** The fields GroupRunFields shows, as they start. */
export const limitDefaults: GroupForm = { concurrency: '8', timeout: '60' };

/** The limits as a group command takes them. */
export const limitsOf = (form: GroupForm) => ({
  concurrency: Number(form['concurrency']),
  timeoutMs: Math.round(Number(form['timeout']) * 1000),
});

/** A schema's safeParse() result, as much of it as is read here. */
type Parsed<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };

export function useGroupForm(initial: GroupForm, onStarted: (jobId: string) => void) {
  const [form, setForm] = useState<GroupForm>({ ...limitDefaults, ...initial });
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const set = (key: string) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  /** Starts the job when the request is valid; says what is wrong when not. */
  const start = <T>(request: Parsed<T>, call: (data: T) => Promise<JobRef>): void => {
    if (!request.success) {
      const issue = request.error.issues[0];
      setError(
        `${issue?.path.map(String).join('.') || 'request'}: ${issue?.message ?? 'not valid'}`,
      );
      return;
    }
    setError(undefined);
    setStarting(true);
    call(request.data).then(
      ({ jobId }) => onStarted(jobId),
      (e: unknown) => {
        setStarting(false);
        setError(describeError(e));
      },
    );
  };
  return { form, set, error, starting, start };
}

/** "1 board", "12 boards": how every dialog names the selection. */
export const countBoards = (count: number): string => `${count} board${count === 1 ? '' : 's'}`;
