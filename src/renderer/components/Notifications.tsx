// SPDX-License-Identifier: Apache-2.0
import { useState } from 'react';
import { describeError } from '../../shared/errors.js';
import type { Job } from '../../shared/jobs.js';
import { useEvent } from '../client/client-context.js';

interface Toast {
  id: string;
  kind: 'success' | 'error' | 'info';
  title: string;
  text: string;
}

function toastFor(job: Job): Toast | undefined {
  if (job.state === 'succeeded')
    return { id: job.id, kind: 'success', title: `${job.title}: done`, text: '' };
  if (job.state === 'cancelled')
    return { id: job.id, kind: 'info', title: `${job.title}: cancelled`, text: '' };
  if (job.state === 'failed' && job.error) {
    return {
      id: job.id,
      kind: 'error',
      title: `${job.title}: failed`,
      text: describeError(job.error),
    };
  }
  return undefined;
}

/** A toast when a job ends, so a finished flash is noticed from any pane. */
export function Notifications() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEvent('job.update', (job) => {
    const toast = toastFor(job);
    if (toast)
      setToasts((current) => [...current.filter((t) => t.id !== toast.id), toast].slice(-5));
  });
  const dismiss = (id: string) => setToasts((current) => current.filter((t) => t.id !== id));
  return (
    <div className="notifications" aria-live="assertive">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
        >
          <strong>{toast.title}</strong>
          {toast.text && <p>{toast.text}</p>}
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
