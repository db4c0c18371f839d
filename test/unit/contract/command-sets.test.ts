// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { checkHandlers } from '../../../src/main/contract/check-handlers.js';
import { lazyService } from '../../../src/main/contract/lazy-service.js';
import type { Service } from '../../../src/main/contract/service.js';
import { createEngine } from '../../../src/main/engine.js';
import {
  appCommands,
  commands,
  devicesCommands,
  flashCommands,
  groupCommands,
  inventoryCommands,
  liveCommands,
  pushCommands,
  serialCommands,
  shellCommands,
  usersCommands,
} from '../../../src/shared/contract/index.js';
import { BenchtopError } from '../../../src/shared/errors.js';
import { localOwner } from '../../../src/main/contract/local-owner.js';

const areas = [
  appCommands,
  devicesCommands,
  flashCommands,
  groupCommands,
  inventoryCommands,
  liveCommands,
  pushCommands,
  serialCommands,
  shellCommands,
  usersCommands,
];
const context = { transport: 'local', clientId: 'test', caller: localOwner() } as const;

/** A stand-in for the flash service: the real one loads drivelist and the writer. */
function fakeFlash(calls: string[]): Service<keyof typeof flashCommands> {
  return {
    handlers: {
      'drives.list': async (args) => {
        calls.push(`drives.list showVirtual=${String(args.showVirtual)}`);
        return [];
      },
      'image.inspect': async () => {
        throw new BenchtopError('NOT_AN_IMAGE', 'Not an image.');
      },
      'flash.start': async () => ({ jobId: 'job-1' }),
    },
  };
}

// Never called: TypeScript checks these lines (npm test type-checks test/), vitest does not.
export const refusedByTypeScript = (): Service<keyof typeof flashCommands>[] => [
  {
    // @ts-expect-error a service that leaves out one of its contract's commands ('flash.start')
    handlers: {
      'drives.list': async () => [],
      'image.inspect': async () => Promise.reject(new Error('unused')),
    },
  },
  {
    handlers: {
      'drives.list': async () => [],
      'image.inspect': async () => Promise.reject(new Error('unused')),
      'flash.start': async () => ({ jobId: 'unused' }),
      // @ts-expect-error a service that answers another area's command
      'devices.list': async () => [],
    },
  },
];

describe('command sets derived from the contract', () => {
  it('splits the contract into areas that share no command name', () => {
    const names = areas.flatMap((area) => Object.keys(area));
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(Object.keys(commands).sort());
  });

  it('gives a lazy service exactly its area’s names, and loads it on the first command', async () => {
    const calls: string[] = [];
    let loads = 0;
    const flash = lazyService(flashCommands, async () => {
      loads++;
      return fakeFlash(calls);
    });
    expect(Object.keys(flash.handlers).sort()).toEqual(Object.keys(flashCommands).sort());
    expect(loads).toBe(0);
    await expect(flash.handlers['drives.list']({ showVirtual: true }, context)).resolves.toEqual(
      [],
    );
    await expect(
      flash.handlers['flash.start'](
        {
          image: 'a.img',
          targets: ['/dev/null'],
          verify: true,
          append: false,
          overwrite: false,
          confirmLarge: false,
        },
        context,
      ),
    ).resolves.toEqual({
      jobId: 'job-1',
    });
    expect(loads).toBe(1);
    expect(calls).toEqual(['drives.list showVirtual=true']);
  });

  it('builds an engine (which runs the check below) that reaches every area, lazy ones too', async () => {
    const engine = createEngine({ host: 'cli' });
    // Dispatch reaches a handler for a command of each area, lazy ones included.
    await expect(engine.dispatch('app.info', {}, context)).resolves.toMatchObject({ host: 'cli' });
    await expect(engine.dispatch('console.list', {}, context)).resolves.toEqual([]);
    await expect(engine.dispatch('shell.list', {}, context)).resolves.toEqual([]);
    await expect(engine.dispatch('devices.browseStatus', {}, context)).resolves.toMatchObject({
      enabled: expect.any(Boolean) as boolean,
    });
    await engine.dispose();
  });

  it('refuses at start a command answered twice, not at all, or outside the contract', () => {
    const notLoaded = () => Promise.reject(new Error('not loaded'));
    const others = [
      lazyService(appCommands, notLoaded),
      lazyService(devicesCommands, notLoaded),
      lazyService(pushCommands, notLoaded),
      lazyService(shellCommands, notLoaded),
      lazyService(liveCommands, notLoaded),
      lazyService(inventoryCommands, notLoaded),
      lazyService(groupCommands, notLoaded),
      lazyService(usersCommands, notLoaded),
    ];
    const flash = fakeFlash([]);
    const serial = lazyService(serialCommands, notLoaded);
    expect(() => checkHandlers([...others, flash, serial])).not.toThrow();
    expect(() => checkHandlers([...others, flash, serial, flash])).toThrow(
      /Services 8 and 10 both answer "drives.list"/,
    );
    expect(() => checkHandlers([...others, serial])).toThrow(
      /No service answers drives.list, image.inspect, flash.start/,
    );
    const strayHandlers = { 'no.such': async () => ({}) };
    const stray: Service<never> = { handlers: strayHandlers };
    expect(() => checkHandlers([...others, flash, serial, stray])).toThrow(
      /answers "no.such", not in the contract/,
    );
  });
});
