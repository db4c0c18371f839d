// SPDX-License-Identifier: Apache-2.0
import type { CommandName, CommandSpec } from '../../shared/contract/index.js';
import { handlerMap, type Handler } from './handlers.js';
import type { Service } from './service.js';

/**
 * A service whose modules load on its first command. Its command names come from its area's
 * contract map, so the engine answers them (and lists them) without loading anything.
 */
export function lazyService<K extends CommandName>(
  contract: Readonly<Record<K, CommandSpec>>,
  load: () => Promise<Service<K>>,
): Service<K> {
  let loading: Promise<Service<K>> | undefined;
  const service = (): Promise<Service<K>> => (loading ??= load());
  const forward =
    (name: K): Handler<K> =>
    async (args, context) =>
      (await service()).handlers[name](args, context);
  const names: K[] = [];
  for (const name in contract) names.push(name);
  return {
    handlers: handlerMap(names.map((name) => [name, forward(name)] as const)),
    async clientGone(clientId) {
      if (loading) await (await loading).clientGone?.(clientId);
    },
    async dispose() {
      if (loading) await (await loading).dispose?.();
    },
  };
}
