// SPDX-License-Identifier: Apache-2.0
import { EmptyState } from '../../components/EmptyState.js';

export function ConsolesPane() {
  return (
    <EmptyState title="Consoles">
      <p>Serial getty consoles of your boards, several at once, surviving unplug and replug.</p>
      <p>Not available yet in this build.</p>
    </EmptyState>
  );
}
