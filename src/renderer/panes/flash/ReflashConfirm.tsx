// SPDX-License-Identifier: Apache-2.0
import { useEffect, useRef } from 'react';
import type { ManifestMode } from './RunOptions.js';

const manifestWords: Record<ManifestMode, string> = {
  append: 'the manifest keeps the first run and adds this one',
  overwrite: 'the manifest is replaced by this run',
  refuse: 'the first run stays in its manifest',
};

/**
 * A second yes before the cards just written are written again: the new run gives them new
 * uuids, and the boards booted from the first run's cards would no longer match the manifest.
 */
export function ReflashConfirm(props: {
  count: number;
  mode: ManifestMode;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  const them = props.count === 1 ? 'This card was' : `These ${props.count} cards were`;
  return (
    <div
      role="alertdialog"
      aria-labelledby="reflash-title"
      aria-describedby="reflash-text"
      className="flash-confirm"
      onKeyDown={(event) => event.key === 'Escape' && props.onCancel()}
    >
      <strong id="reflash-title">Flash the same cards again?</strong>
      <p id="reflash-text">
        {them} just flashed. Flashing again erases them and gives each a new uuid;{' '}
        {manifestWords[props.mode]}.
      </p>
      <div className="flash-row">
        <button type="button" className="primary" onClick={props.onConfirm}>
          Flash again
        </button>
        <button type="button" ref={keep} onClick={props.onCancel}>
          Keep them
        </button>
      </div>
    </div>
  );
}
