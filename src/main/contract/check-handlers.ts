// SPDX-License-Identifier: Apache-2.0
import { isCommandName, commands } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { Service } from './service.js';

/**
 * Every contract command answered by exactly one service. TypeScript already refuses a missing
 * handler; this catches at start what types cannot: two services declaring the same command,
 * which a spread of their maps would hide by keeping the last.
 */
export function checkHandlers(services: readonly Service<never>[]): void {
  const servedBy = new Map<string, number>();
  services.forEach((service, index) => {
    for (const name of Object.keys(service.handlers)) {
      if (!isCommandName(name)) {
        throw new BenchtopError(
          'INTERNAL',
          `Service ${index} answers "${name}", not in the contract.`,
        );
      }
      const other = servedBy.get(name);
      if (other !== undefined) {
        throw new BenchtopError(
          'INTERNAL',
          `Services ${other} and ${index} both answer "${name}".`,
        );
      }
      servedBy.set(name, index);
    }
  });
  const missing = Object.keys(commands).filter((name) => !servedBy.has(name));
  if (missing.length > 0) {
    throw new BenchtopError('INTERNAL', `No service answers ${missing.join(', ')}.`);
  }
}
