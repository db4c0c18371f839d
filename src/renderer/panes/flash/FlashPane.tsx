// SPDX-License-Identifier: Apache-2.0
import { EmptyState } from '../../components/EmptyState.js';

export function FlashPane() {
  return (
    <EmptyState title="Flash">
      <p>Write an OS image to SD cards or eMMC, each card with its own config.json, verified.</p>
      <p>
        Not available yet in this build. From a terminal: <code>benchtop --help</code>.
      </p>
    </EmptyState>
  );
}
