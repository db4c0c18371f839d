// SPDX-License-Identifier: Apache-2.0
import { EmptyState } from '../../components/EmptyState.js';

export function DevicesPane() {
  return (
    <EmptyState title="Devices">
      <p>
        The boards on the bench network, found over mDNS, with their engine, supervisor and ssh
        state.
      </p>
      <p>Not available yet in this build.</p>
    </EmptyState>
  );
}
