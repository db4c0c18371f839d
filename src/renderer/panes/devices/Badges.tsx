// SPDX-License-Identifier: Apache-2.0
import type { Board, Reach } from '../../../shared/contract/index.js';

const tone: Record<Reach, string> = { up: 'badge-ok', down: 'badge-bad', pending: '' };

export function ReachBadge(props: {
  state: Reach;
  up: string;
  down: string;
  title?: string | undefined;
}) {
  const text = props.state === 'up' ? props.up : props.state === 'down' ? props.down : 'probing';
  return (
    <span className={`badge ${tone[props.state]}`} title={props.title}>
      {text}
    </span>
  );
}

export function EngineBadge(props: { board: Board }) {
  const { board } = props;
  return (
    <ReachBadge
      state={board.engineState}
      up={board.engine ? `engine ${board.engine.version}` : 'engine'}
      down="engine unreachable"
      title={board.engineError}
    />
  );
}
