// SPDX-License-Identifier: Apache-2.0
import { EmptyState } from '../../components/EmptyState.js';

export function PushPane() {
  return (
    <EmptyState title="Push">
      <p>
        Build a project on a board&apos;s engine, run it, stream its logs and keep it live while you
        edit.
      </p>
      <p>Not available yet in this build.</p>
    </EmptyState>
  );
}
