// SPDX-License-Identifier: Apache-2.0
import { useLayoutEffect, useMemo, useRef } from 'react';
import type { LogLine } from '../../../shared/contract/index.js';
import { serviceColours } from './service-colour.js';

/** Within this many pixels of the end, the view follows new lines; further up, it stays put. */
const FOLLOW_SLACK = 40;

const clock = (timestamp: string): string => timestamp.slice(11, 19);

function Line({ line, colour }: { line: LogLine; colour: number }) {
  const who = line.service ?? 'system';
  return (
    <div
      className={`push-log-line${line.system ? ' system' : ''}${line.stream === 'stderr' ? ' stderr' : ''}`}
      data-testid="log-line"
      data-service={line.service ?? ''}
      data-system={line.system}
    >
      <span className="muted">{clock(line.timestamp)}</span>{' '}
      <span className={`push-log-who svc-${colour}`}>
        {line.system ? `[${who} · system]` : `[${who}]`}
      </span>{' '}
      {line.message}
    </div>
  );
}

/** A board's log lines, each prefixed and coloured by service; system lines marked. */
export function LogView({ board, lines }: { board: string; lines: LogLine[] }) {
  const box = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const colours = useMemo(() => serviceColours(lines.map((l) => l.service ?? 'system')), [lines]);
  useLayoutEffect(() => {
    const element = box.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [lines]);
  return (
    <div
      ref={box}
      className="push-log mono"
      role="log"
      aria-label={`Logs of ${board}`}
      tabIndex={0}
      onScroll={(event) => {
        const e = event.currentTarget;
        following.current = e.scrollHeight - e.scrollTop - e.clientHeight < FOLLOW_SLACK;
      }}
    >
      {lines.length === 0 && <div className="muted">Nothing logged yet.</div>}
      {lines.map((line, index) => (
        <Line key={index} line={line} colour={colours.get(line.service ?? 'system') ?? 0} />
      ))}
    </div>
  );
}
