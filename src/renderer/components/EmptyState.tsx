// SPDX-License-Identifier: Apache-2.0
import type { ReactNode } from 'react';

/** What a pane will show, and how to get there; never placeholder data that looks real. */
export function EmptyState(props: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state" aria-label={props.title}>
      <h2>{props.title}</h2>
      <div>{props.children}</div>
    </section>
  );
}
