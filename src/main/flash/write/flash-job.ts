// SPDX-License-Identifier: Apache-2.0
import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { FlashResult, ManifestCard } from '../../../shared/contract/index.js';
import type { FlashRequest } from '../../../shared/contract/index.js';
import { BenchtopError, toErrorInfo, type ErrorInfo } from '../../../shared/errors.js';
import type { z } from 'zod';
import type { JobContext, TaskHandle } from '../../jobs/job-runner.js';
import { assignTable, buildCardConfigs, type CardConfig } from '../configure/card-config.js';
import { confirmations, refusals } from '../drives/drive-constraints.js';
import { describeTarget, withWarnings, type DriveRecord } from '../drives/list-drives.js';
import { inspectImage, readBootConfig } from '../image/inspect-image.js';
import { isUrl } from '../../../shared/is-url.js';
import { devicesHolding } from '../drives/read-block-topology.js';
import { writerStartError, type spawnWriter } from '../writer/spawn-writer.js';
import type { WriterMessage } from '../writer/protocol.js';
import { checkAgainstEarlier, planBatch, recordBatch } from './batch.js';
import { refuseAliases } from './refuse-aliases.js';

type Request = z.output<typeof FlashRequest>;

interface Card {
  drive: DriveRecord;
  task: TaskHandle;
  config: CardConfig | undefined;
  error: ErrorInfo | undefined;
  verified: boolean;
  configVerified: boolean;
  done: boolean;
}

const refusalCode = (code: string): ErrorInfo['code'] =>
  code === 'too-small' ? 'TOO_SMALL' : 'UNSAFE_TARGET';

/** The image's own config.json (unredacted), so options are added to it, not replace it. */
async function imageConfig(image: string, bootIndex: number): Promise<Record<string, unknown>> {
  // etcher-sdk, for this only: a flash without a config (or with a template) never loads it.
  const [{ openImage }, { loadConfigured }] = await Promise.all([
    import('../image/open-image.js'),
    import('../etcher/configured.js'),
  ]);
  const opened = await openImage(image);
  try {
    if (!(await opened.inner.canRead())) return {};
    const { SourceDisk } = await loadConfigured();
    return (await readBootConfig(new SourceDisk(opened.inner), bootIndex)) ?? {};
  } catch {
    return {};
  } finally {
    await opened.close();
  }
}

/**
 * One flash: check everything that can be checked before writing (image, config, every
 * target's safety), and only then start the privileged writer and follow it per card.
 */
export async function runFlash(
  request: Request,
  ctx: JobContext,
  spawn: typeof spawnWriter,
): Promise<FlashResult> {
  const image = isUrl(request.image)
    ? request.image
    : isAbsolute(request.image)
      ? request.image
      : resolve(request.image);
  const table = request.cards && assignTable(request.cards, request.targets, request.config);
  await refuseAliases(request.targets);
  const batch = await planBatch(request);

  ctx.phase('inspecting');
  // The image and the drives are looked at side by side: none of this is privileged, and the
  // writer (root) still starts only after all of it has passed.
  const described = request.targets.map((target) =>
    describeTarget(target).then(
      (drive) => ({ drive }),
      (error: unknown) => ({ error }),
    ),
  );
  // A cards table configures each card even without other options; without either, nothing
  // goes into the boot partition, so it is not looked for.
  const config = request.config ?? (table ? {} : undefined);
  const inspected = inspectImage(image, { boot: config !== undefined });
  const located = isUrl(image)
    ? Promise.resolve({ path: undefined, holders: [] })
    : realpath(image).then(async (path) => ({ path, holders: await devicesHolding(path) }));
  // A missing image is the inspect's to report, in its words (NOT_FOUND), not realpath's.
  located.catch(() => undefined);
  const info = await inspected;
  const { path: imagePath, holders } = await located;

  let configs: (CardConfig | undefined)[] = request.targets.map(() => undefined);
  if (config) {
    if (!info.bootPartition) {
      throw new BenchtopError(
        'NO_BOOT_PARTITION',
        `Configuration was asked for, but ${image} has no boot partition to put it in (${info.bootReason}). Nothing was written.`,
      );
    }
    const base =
      config.template === undefined ? await imageConfig(image, info.bootPartition.index) : {};
    const built = buildCardConfigs(config, request.targets.length, base, batch.startIndex, table);
    checkAgainstEarlier(batch, built);
    configs = built;
  }

  ctx.phase('checking targets');
  const cards: Card[] = [];
  for (const [index, target] of request.targets.entries()) {
    const task = ctx.task(target, target);
    const card: Card = {
      drive: { device: target } as DriveRecord,
      task,
      config: configs[index],
      error: undefined,
      verified: false,
      configVerified: false,
      done: false,
    };
    cards.push(card);
    try {
      const drive = await described[index];
      if (drive === undefined || 'error' in drive) throw drive?.error;
      card.drive = withWarnings(drive.drive, {
        path: imagePath,
        size: info.sizeIsEstimated ? undefined : info.size,
        holders,
      });
      const refused = refusals(card.drive.warnings)[0];
      if (refused)
        throw new BenchtopError(refusalCode(refused.code), `${refused.message} Not written.`);
      const confirm = confirmations(card.drive.warnings)[0];
      if (confirm && !request.confirmLarge)
        throw new BenchtopError(
          'UNSAFE_TARGET',
          `${confirm.message} Pass --yes (or confirm) to write it.`,
        );
    } catch (error) {
      card.error = toErrorInfo(error);
      task.fail(error);
    }
  }
  const writable = cards.filter((card) => card.error === undefined);
  if (writable.length === 0) {
    const first = cards[0]?.error;
    throw first
      ? new BenchtopError(first.code, first.message)
      : new BenchtopError('INVALID_INPUT', 'No targets.');
  }
  ctx.throwIfCancelled();

  ctx.phase('writing');
  const byDevice = new Map(writable.map((card) => [card.drive.device, card]));
  let imageChecksum = '';
  let bytesWritten = 0;
  let sparse = false;
  let fatal: ErrorInfo | undefined;
  const onMessage = (message: WriterMessage): void => {
    const card = 'target' in message && message.target ? byDevice.get(message.target) : undefined;
    const running = card ? [card] : writable.filter((c) => !c.done && c.error === undefined);
    switch (message.type) {
      case 'phase':
        for (const c of running) c.task.phase(message.phase);
        break;
      case 'progress':
        for (const c of running) {
          const report =
            message.total !== undefined
              ? { done: message.done, total: message.total }
              : { done: message.done };
          c.task.progress(report);
        }
        break;
      case 'target-failed':
        if (card) {
          card.error = message.error;
          card.task.fail(message.error);
        }
        break;
      case 'target-done':
        if (card) {
          card.done = true;
          card.verified = message.verified;
          card.configVerified = message.configVerified;
          card.task.succeed();
        }
        break;
      case 'done':
        imageChecksum = message.imageChecksum;
        bytesWritten = message.bytesWritten;
        sparse = message.sparse;
        break;
      case 'fatal':
        fatal = message.error;
        break;
      case 'ready':
        break;
    }
  };
  const writer = spawn(onMessage);
  writer.start({
    image,
    tmpdir: tmpdir(),
    targets: writable.map((card) => ({
      device: card.drive.device,
      size: card.drive.size,
      mountpoints: card.drive.mountpoints,
    })),
    verify: request.verify,
    trim: true,
    ...(info.bmap ? { bmap: info.bmap } : {}),
    ...(info.bootPartition ? { bootPartition: info.bootPartition.index } : {}),
    files: writable.map((card) =>
      card.config ? card.config.files.map(({ path, content }) => ({ path, content })) : null,
    ),
  });
  const onAbort = (): void => writer.cancel();
  ctx.signal.addEventListener('abort', onAbort);
  const exit = await writer.exited.finally(() => ctx.signal.removeEventListener('abort', onAbort));
  ctx.throwIfCancelled();
  if (fatal) throw BenchtopError.fromInfo(fatal);
  if (exit.code !== 0) throw writerStartError(exit.code, exit.stderr);

  const time = new Date().toISOString();
  const manifestCards: ManifestCard[] = cards.map((card) => {
    const entry: ManifestCard = {
      ...(card.config ? { index: card.config.index } : {}),
      target: card.drive.device,
      serial: card.drive.serial ?? '',
      uuid: card.config?.uuid ?? '',
      hostname: card.config?.hostname ?? '',
      ...(card.config?.address ? { address: card.config.address } : {}),
      ...(card.config?.slot !== undefined
        ? { slot: card.config.slot, labels: card.config.labels ?? [] }
        : {}),
      imageChecksum,
      verified: card.error === undefined && card.verified,
      configVerified: card.error === undefined && card.configVerified,
      time,
    };
    if (card.error) entry.error = card.error.message;
    else if (!card.done) entry.error = 'The writer did not finish this card.';
    return entry;
  });
  const result: FlashResult = {
    cards: manifestCards,
    bytesWritten,
    sparse,
    image: imagePath,
    ...(request.config?.deviceType ? { deviceType: request.config.deviceType } : {}),
  };
  // Every run is recorded: where asked, else under Benchtop's own folder.
  const written = await recordBatch(batch, manifestCards, time);
  result.manifest = written.json;
  result.csv = written.csv;
  if (manifestCards.every((card) => card.error !== undefined)) {
    const first = cards.find((card) => card.error)?.error;
    throw first
      ? new BenchtopError(first.code, first.message)
      : new BenchtopError('INTERNAL', 'No card was written.');
  }
  return result;
}
