// SPDX-License-Identifier: Apache-2.0
import { useEffect, useRef } from 'react';
import type { OutputGroup } from './push-output.js';

/** One service's build steps on one board (or the board's own push lines), newest in view. */
export function BuildOutput({ group, open }: { group: OutputGroup; open: boolean }) {
  const end = useRef<HTMLDivElement>(null);
  const last = group.lines.length;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [last]);
  const title = group.service ?? 'push';
  return (
    <details
      className="push-output"
      open={open}
      data-testid="build-output"
      data-board={group.board}
      data-service={group.service ?? ''}
      data-lines={group.lines.length}
    >
      <summary>
        <span className="mono">{title}</span>{' '}
        <span className="muted">
          {group.lines.length} line{group.lines.length === 1 ? '' : 's'}
        </span>
      </summary>
      <pre aria-label={`Output of ${title} on ${group.board}`}>
        {group.dropped > 0 && <div className="muted">… {group.dropped} earlier lines left out</div>}
        {group.lines.map((line, index) => (
          <div key={index} className={`push-line ${line.kind}`}>
            {line.text}
          </div>
        ))}
        <div ref={end} />
      </pre>
    </details>
  );
}
