// SPDX-License-Identifier: Apache-2.0
/** A console as a tile of the grid, and its part in a broadcast. */
export interface Tile {
  /** Broadcast typing is on in the grid. */
  readonly broadcasting: boolean;
  readonly receiving: boolean;
  /** How many consoles receive. */
  readonly count: number;
  onReceive(receiving: boolean): void;
}

/** While broadcasting, every tile's title has a tick: does this console receive? */
export function BroadcastPick(props: { name: string; tile: Tile }) {
  const { tile } = props;
  if (!tile.broadcasting) return null;
  return (
    <input
      type="checkbox"
      className="broadcast-pick"
      aria-label={`Broadcast to ${props.name}`}
      title="Receives what is typed into any ticked console"
      checked={tile.receiving}
      onChange={(event) => tile.onReceive(event.target.checked)}
    />
  );
}

/**
 * A receiving tile says so in capitals on a strip of its own (and the grid outlines it), so no
 * one types into twelve boards by surprise.
 */
export function BroadcastStrip(props: { tile: Tile }) {
  const { tile } = props;
  if (!tile.broadcasting || !tile.receiving) return null;
  return (
    <div
      className="broadcast-badge"
      data-testid="broadcast-badge"
      title="Typing into this console goes to every ticked console"
    >
      BROADCAST to {tile.count}
    </div>
  );
}
