// SPDX-License-Identifier: Apache-2.0
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImageInfo } from '../../../shared/contract/index.js';
import { followJob } from '../../../shared/follow-job.js';
import type { Job } from '../../../shared/jobs.js';
import { useMissingRole } from '../../client/caller-context.js';
import { useClient } from '../../client/client-context.js';
import { CardPlanList } from './CardPlanList.js';
import { CardsTablePicker, type LoadedTable } from './CardsTablePicker.js';
import { ConfigForm } from './ConfigForm.js';
import { FlashRun } from './FlashRun.js';
import { ImagePicker } from './ImagePicker.js';
import { ReflashConfirm } from './ReflashConfirm.js';
import { RunOptions, initialRunOptions, type RunOptionsState } from './RunOptions.js';
import { TargetPicker } from './TargetPicker.js';
import { planCards, sameCards, startIndexOf } from './card-plan.js';
import { jobSummary } from './job-summary.js';
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
  const missing = useMissingRole('flash.start');
  const [info, setInfo] = useState<ImageInfo>();
  const [targets, setTargets] = useState<string[]>([]);
  const [form, setForm] = useState<ConfigFormState>(emptyConfigForm);
  const [options, setOptions] = useState<RunOptionsState>(initialRunOptions);
  const [table, setTable] = useState<LoadedTable>();
  const [jobId, setJobId] = useState<string>();
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<string>();
  /** The cards the last run wrote: flashing them again needs a second yes. */
  const [lastRun, setLastRun] = useState<string[]>();
  const [asking, setAsking] = useState(false);
  const runView = useRef<HTMLDivElement>(null);
  const showRun = () => runView.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  // A run that starts below the fold (a small window) is brought into view once.
  useEffect(() => {
    if (jobId !== undefined) runView.current?.scrollIntoView({ block: 'nearest' });
  }, [jobId]);
  const errors = validateConfigForm(form);
  const running = job?.state === 'running' || (jobId !== undefined && job === undefined);
  const onSelected = useCallback((devices: string[]) => setTargets(devices), []);
  const startIndex = startIndexOf(options.startIndex);
  const firstIndex =
    startIndex === 'invalid'
      ? 1
      : (startIndex ?? (options.manifestMode === 'append' ? undefined : 1));
  const plan = planCards(form, targets, firstIndex, table?.cards);
  const again = !running && sameCards(targets, lastRun);

  const start = () => {
    if (!info || startIndex === 'invalid') return;
    setAsking(false);
    setError(undefined);
    setJob(undefined);
    setLastRun(targets);
    const config = toFlashConfig(form);
    const manifest = options.manifest.trim();
    followJob(
      client,
      () =>
        client.call('flash.start', {
          image: info.path,
          targets,
          verify: options.verify,
          confirmLarge: options.confirmLarge,
          ...(config ? { config } : {}),
          ...(table ? { cards: table.cards } : {}),
          ...(manifest
            ? {
                manifest,
                append: options.manifestMode === 'append',
                overwrite: options.manifestMode === 'overwrite',
              }
            : {}),
          ...(startIndex !== undefined ? { startIndex } : {}),
        }),
      setJob,
      setJobId,
    ).catch((e: unknown) => setError(describeError(e)));
  };

  const blockers = [
    // The role first: nothing else on the page would make the button work for them.
    missing !== undefined && `have ${missing}`,
    !info && 'choose an image',
    targets.length === 0 && 'pick at least one target',
    Object.keys(errors).length > 0 && 'fix the configuration',
    plan.problem !== undefined &&
      (table ? 'fix the cards table or the targets' : 'fix the configuration'),
    startIndex === 'invalid' && 'fix the first card number',
    options.manifestMode !== 'refuse' && !options.manifest.trim() && 'name the manifest file',
  ].filter(Boolean);
  const count = targets.length;
  const cards = `${count || ''} card${count === 1 ? '' : 's'}`;

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
        <CardsTablePicker table={table} onLoaded={setTable} />
        <CardPlanList cards={plan.cards} problem={plan.problem} />
        <RunOptions
          options={options}
          startIndexError={
            startIndex === 'invalid' ? 'A whole number from 1, or blank.' : undefined
          }
          onChange={setOptions}
        />
        <div className="flash-row">
          <button
            type="button"
            className="primary"
            disabled={blockers.length > 0 || running || asking}
            onClick={() => (again ? setAsking(true) : start())}
          >
            {again ? `Flash these ${cards} again…` : `Flash ${cards}`}
          </button>
          {blockers.length > 0 && !running && (
            <span className="muted">To flash: {blockers.join(', ')}.</span>
          )}
        </div>
        {asking && (
          <ReflashConfirm
            count={count}
            mode={options.manifestMode}
            onConfirm={start}
            onCancel={() => setAsking(false)}
          />
        )}
        {error && (
          <p role="alert" className="flash-error">
            {error}
          </p>
        )}
        <div ref={runView}>
          {job && (
            <FlashRun
              job={job}
              onCancel={() =>
                void client.call('jobs.cancel', { jobId: job.id }).catch(() => undefined)
              }
            />
          )}
        </div>
      </section>
      {job?.state === 'running' && (
        // Stays at the bottom of the pane while the run is scrolled away.
        <div className="flash-strip" role="status" data-testid="flash-strip">
          <span>{jobSummary(job)}</span>
          <button type="button" onClick={showRun}>
            Show
          </button>
          <button
            type="button"
            onClick={() =>
              void client.call('jobs.cancel', { jobId: job.id }).catch(() => undefined)
            }
          >
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
