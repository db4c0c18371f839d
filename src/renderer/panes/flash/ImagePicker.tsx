// SPDX-License-Identifier: Apache-2.0
import { useState, type DragEvent } from 'react';
import type { ImageInfo } from '../../../shared/contract/index.js';
import { formatBytes } from '../../../shared/format.js';
import { useClient } from '../../client/client-context.js';
import { pathOfFile } from '../../client/file-path.js';
import { PathField } from '../../components/PathField.js';

/** Only the desktop app can tell where a picked or dropped file is. */
const desktop = typeof window !== 'undefined' && window.benchtop !== undefined;
import { describeError } from '../../../shared/errors.js';

export function ImagePicker(props: {
  info: ImageInfo | undefined;
  onInspected: (info: ImageInfo | undefined) => void;
}) {
  const client = useClient();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  const inspect = (image: string) => {
    if (image.trim() === '') return;
    setBusy(true);
    setError(undefined);
    props.onInspected(undefined);
    client.call('image.inspect', { image: image.trim() }).then(
      (info) => {
        props.onInspected(info);
        setBusy(false);
      },
      (e: unknown) => {
        setError(describeError(e));
        setBusy(false);
      },
    );
  };

  const choose = (file: File | undefined) => {
    if (!file) return;
    const local = pathOfFile(file);
    if (local) {
      setPath(local);
      inspect(local);
    } else
      setError(
        `A browser does not tell where "${file.name}" is: type its path on the machine running Benchtop.`,
      );
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };

  return (
    <section className="flash-step" aria-labelledby="flash-image-title">
      <h3 id="flash-image-title">1. Image</h3>
      <div
        className={`flash-drop${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="image-drop"
      >
        <form
          className="flash-row"
          onSubmit={(event) => {
            event.preventDefault();
            inspect(path);
          }}
        >
          <PathField
            id="flash-image-path"
            label="Image path or URL"
            placeholder="/path/to/balena.img.zip or https://…, on the machine running Benchtop"
            value={path}
            files
            onChange={setPath}
            onChoose={inspect}
          />
          <button type="submit" disabled={busy || path.trim() === ''}>
            {busy ? 'Reading…' : 'Inspect'}
          </button>
          {desktop && (
            <label className="button-like">
              Choose file…
              <input
                type="file"
                hidden
                accept=".img,.raw,.iso,.gz,.xz,.bz2,.zip"
                onChange={(event) => choose(event.target.files?.[0])}
              />
            </label>
          )}
        </form>
        <p className="muted">
          {desktop
            ? 'Or drop an image here.'
            : 'Paths complete from the disk of the machine running Benchtop (Tab, arrows).'}
        </p>
      </div>
      {error && (
        <p role="alert" className="flash-error">
          {error}
        </p>
      )}
      {props.info && <ImageFacts info={props.info} />}
    </section>
  );
}

function ImageFacts({ info }: { info: ImageInfo }) {
  return (
    <dl className="flash-facts" data-testid="image-facts">
      <dt>Format</dt>
      <dd>
        {info.format}
        {info.compressedSize !== undefined && ` · ${formatBytes(info.compressedSize)} compressed`}
      </dd>
      <dt>Size</dt>
      <dd>
        {formatBytes(info.size)}
        {info.sizeIsEstimated && ' (estimated)'}
      </dd>
      <dt>Partitions</dt>
      <dd>
        {info.partitionTable.toUpperCase()}:{' '}
        {info.partitions
          .map((p) => `${p.index} ${p.filesystem}${p.label ? ` "${p.label}"` : ''}`)
          .join(', ')}
      </dd>
      <dt>Boot partition</dt>
      <dd data-testid="boot-partition">
        {info.bootPartition ? `partition ${info.bootPartition.index}` : 'none'} ({info.bootReason})
      </dd>
      {info.bmap && (
        <>
          <dt>Bmap</dt>
          <dd>{info.bmap}</dd>
        </>
      )}
    </dl>
  );
}
