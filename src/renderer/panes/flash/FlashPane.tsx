// SPDX-License-Identifier: Apache-2.0
import { useCallback, useState } from 'react';
import type { ImageInfo } from '../../../shared/contract/index.js';
import { followJob } from '../../../shared/follow-job.js';
import type { Job } from '../../../shared/jobs.js';
import { useClient } from '../../client/client-context.js';
import { ConfigForm } from './ConfigForm.js';
import { FlashRun } from './FlashRun.js';
import { ImagePicker } from './ImagePicker.js';
import { TargetPicker } from './TargetPicker.js';
import {
  emptyConfigForm,
  toFlashConfig,
  validateConfigForm,
  type ConfigFormState,
} from './config-form.js';
import './flash.css';
import { describeError } from '../../../shared/errors.js';

export function FlashPane() {
  const client = useClient();
  const [info, setInfo] = useState<ImageInfo>();
  const [targets, setTargets] = useState<string[]>([]);
  const [form, setForm] = useState<ConfigFormState>(emptyConfigForm);
  const [verify, setVerify] = useState(true);
  const [manifest, setManifest] = useState('');
  const [confirmLarge, setConfirmLarge] = useState(false);
  const [jobId, setJobId] = useState<string>();
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<string>();
  const errors = validateConfigForm(form);
  const running = job?.state === 'running' || (jobId !== undefined && job === undefined);
  const onSelected = useCallback((devices: string[]) => setTargets(devices), []);

  const start = () => {
    if (!info) return;
    setError(undefined);
    setJob(undefined);
    const config = toFlashConfig(form);
    followJob(
      client,
      () =>
        client.call('flash.start', {
          image: info.path,
          targets,
          verify,
          confirmLarge,
          ...(config ? { config } : {}),
          ...(manifest.trim() ? { manifest: manifest.trim() } : {}),
        }),
      setJob,
      setJobId,
    ).catch((e: unknown) => setError(describeError(e)));
  };

  const blockers = [
    !info && 'choose an image',
    targets.length === 0 && 'pick at least one target',
    Object.keys(errors).length > 0 && 'fix the configuration',
  ].filter(Boolean);

  return (
    <div className="flash">
      <header>
        <h2>Flash</h2>
        <p className="muted">
          Write one OS image to several cards at once, verify it, and give every card its own
          config.json. Start by choosing an image.
        </p>
      </header>
      <ImagePicker info={info} onInspected={setInfo} />
      <TargetPicker image={info?.path} selected={targets} onSelected={onSelected} />
      <ConfigForm
        form={form}
        errors={errors}
        bootFound={info ? info.bootPartition !== undefined : undefined}
        onChange={setForm}
      />
      <section className="flash-step" aria-labelledby="flash-go-title">
        <h3 id="flash-go-title">4. Flash</h3>
        <div className="flash-row">
          <label className="flash-inline">
            <input
              type="checkbox"
              checked={verify}
              onChange={(event) => setVerify(event.target.checked)}
            />
            Verify after writing
          </label>
          <label className="flash-inline">
            <input
              type="checkbox"
              checked={confirmLarge}
              onChange={(event) => setConfirmLarge(event.target.checked)}
            />
            Yes, also write drives larger than 128 GB
          </label>
          <input
            aria-label="Manifest file"
            placeholder="manifest file (default: Benchtop's manifests folder)"
            value={manifest}
            onChange={(event) => setManifest(event.target.value)}
            className="flash-path"
          />
          <button
            type="button"
            className="primary"
            disabled={blockers.length > 0 || running}
            onClick={start}
          >
            Flash {targets.length || ''} card{targets.length === 1 ? '' : 's'}
          </button>
        </div>
        {blockers.length > 0 && !running && (
          <p className="muted">To flash: {blockers.join(', ')}.</p>
        )}
        {error && (
          <p role="alert" className="flash-error">
            {error}
          </p>
        )}
        {job && (
          <FlashRun
            job={job}
            onCancel={() =>
              void client.call('jobs.cancel', { jobId: job.id }).catch(() => undefined)
            }
          />
        )}
      </section>
    </div>
  );
}
