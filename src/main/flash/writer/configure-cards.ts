// SPDX-License-Identifier: Apache-2.0
// After the image is written and verified: each card's own files into its boot partition, then
// read back, so a card is only called done when its config is really there.
import { toErrorInfo, type ErrorInfo } from '../../../shared/error-core.js';
import type { WriterOutput, WriterRequest } from './protocol.js';

export async function configureCards(
  request: WriterRequest,
  live: ReadonlySet<string>,
  send: (message: WriterOutput) => void,
  fail: (target: string, error: ErrorInfo) => void,
): Promise<void> {
  for (const [index, target] of request.targets.entries()) {
    if (!live.has(target.device)) continue;
    const files = request.files[index];
    let configVerified = false;
    if (files && files.length > 0) {
      if (request.bootPartition === undefined) {
        fail(target.device, {
          code: 'NO_BOOT_PARTITION',
          message: 'The image has no boot partition to configure.',
        });
        continue;
      }
      try {
        // balena-image-fs (ext2fs with it) loads only when a card is configured.
        const { readBackBootFiles, writeBootFiles } = await import('./configure-target.js');
        send({ type: 'phase', phase: 'configuring', target: target.device });
        await writeBootFiles(target.device, target.size, request.bootPartition, files);
        send({ type: 'phase', phase: 'reading back', target: target.device });
        configVerified = await readBackBootFiles(
          target.device,
          target.size,
          request.bootPartition,
          files,
        );
      } catch (error) {
        fail(target.device, toErrorInfo(error));
        continue;
      }
      if (!configVerified) {
        fail(target.device, {
          code: 'VERIFY_FAILED',
          message: `The configuration read back from ${target.device} differs from what was written.`,
        });
        continue;
      }
    }
    send({ type: 'target-done', target: target.device, verified: request.verify, configVerified });
  }
}
