// SPDX-License-Identifier: Apache-2.0
// A deadline around one board's request, so a board that never answers fails alone and on time
// instead of waiting for the system's TCP retries.
import { BenchtopError } from '../../../shared/errors.js';

/** Resolves as `work` does, or rejects with TIMEOUT after `ms`; the timer never outlives it. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(
        new BenchtopError(
          'TIMEOUT',
          `${what} did not answer within ${ms / 1000} s: check that the board is powered, on this network, and at this address.`,
        ),
      );
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
