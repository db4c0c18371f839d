// SPDX-License-Identifier: Apache-2.0
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { FlashConfig, ManifestCard } from '../../../shared/contract/index.js';
import { checkConfigText } from '../../../shared/config-text.js';
import { BenchtopError } from '../../../shared/errors.js';
import { hints } from '../../../shared/error-hints.js';
import { formatBytes } from '../../../shared/format.js';
import { isUrl } from '../../../shared/is-url.js';
import { printJson, printTable, reportError } from '../output.js';
import { withConnection } from '../run-action.js';
import { readCardsTable } from './flash-cards.js';

interface FlashOptions {
  target: string[];
  config?: string;
  hostname?: string;
  deviceType?: string;
  devMode?: boolean;
  persistentLogging?: boolean;
  var: string[];
  wifiSsid?: string;
  wifiPskFile?: string;
  staticIp?: string;
  gateway?: string;
  dns: string[];
  verify: boolean;
  manifest?: string;
  append?: boolean;
  overwrite?: boolean;
  startIndex?: string;
  yes?: boolean;
  json?: boolean;
  cards?: string;
}

const slotColumn: [string, (card: ManifestCard) => string] = ['SLOT', (c) => c.slot ?? '-'];

const collect = (value: string, previous: string[]): string[] => [...previous, value];

async function readText(path: string, what: string): Promise<string> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new BenchtopError(
      error.code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT',
      `Cannot read the ${what} ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
    );
  });
}

/** Options to the contract's FlashConfig; undefined when nothing is to be configured. */
async function configFrom(options: FlashOptions): Promise<FlashConfig | undefined> {
  const config: FlashConfig = {};
  if (options.config) {
    config.template = await readText(options.config, 'config file');
    checkConfigText(config.template, options.config);
  }
  if (options.hostname) config.hostname = options.hostname;
  if (options.deviceType) config.deviceType = options.deviceType;
  if (options.devMode) config.developmentMode = true;
  if (options.persistentLogging) config.persistentLogging = true;
  if (options.var.length > 0) {
    config.variables = Object.fromEntries(
      options.var.map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1)
          throw new BenchtopError('INVALID_INPUT', `--var takes KEY=VALUE, not "${pair}".`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
    );
  }
  if (options.wifiSsid || options.wifiPskFile) {
    if (!options.wifiSsid || !options.wifiPskFile)
      throw new BenchtopError('INVALID_INPUT', '--wifi-ssid and --wifi-psk-file go together.');
    // The PSK comes from a file so it never shows in shell history or `ps`.
    const psk = (await readText(options.wifiPskFile, 'Wi-Fi key file')).trim();
    config.wifi = { ssid: options.wifiSsid, psk };
  }
  if (options.staticIp) {
    config.staticIp = {
      address: options.staticIp,
      dns: options.dns,
      ...(options.gateway ? { gateway: options.gateway } : {}),
    };
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

function startIndexFrom(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,5}$/.test(text))
    throw new BenchtopError(
      'INVALID_INPUT',
      `--start-index takes a whole number from 1, not "${text}".`,
    );
  return Number(text);
}

export function registerFlash(program: Command): void {
  program
    .command('flash <image>')
    .description(
      'Write an image to one or more drives at once, verify it, and give each card its own config.json',
    )
    .requiredOption('-t, --target <device>', 'drive to write (repeat for several)', collect, [])
    .option(
      '--config <file>',
      'config.json to inject; {{uuid}} {{index}} {{hostname}} make it a per-card template',
    )
    .option(
      '--hostname <name>',
      'hostname (numbered -1, -2 … for several cards unless it uses {{index}})',
    )
    .option('--device-type <slug>', 'deviceType in config.json')
    .option('--dev-mode', 'developmentMode: open the engine port and local mode for the bench')
    .option('--persistent-logging', 'keep logs across reboots')
    .option('--var <key=value>', 'extra config.json variable (repeatable)', collect, [])
    .option('--wifi-ssid <ssid>', 'Wi-Fi network (NetworkManager file in system-connections/)')
    .option('--wifi-psk-file <file>', 'file holding the Wi-Fi key (never printed)')
    .option(
      '--static-ip <cidr>',
      "first card's static IPv4 address, e.g. 192.168.1.50/24 (the next cards count up)",
    )
    .option('--gateway <ip>', 'gateway for --static-ip')
    .option('--dns <ip>', 'DNS server for --static-ip (repeatable)', collect, [])
    .option(
      '--cards <file>',
      'CSV of cards (slot, hostname; optional ip, labels, target, config.NAME): one per target, in order or by its target column',
    )
    .option('--no-verify', 'skip reading back what was written')
    .option('--manifest <file>', 'write the run manifest here (JSON, and CSV beside it)')
    .option('--append', 'add this run to an existing manifest (numbering continues after it)')
    .option('--overwrite', 'replace an existing manifest (without this or --append it is refused)')
    .option(
      '--start-index <n>',
      "the first card's {{index}} (default: after the manifest's last card with --append, else 1)",
    )
    .option('-y, --yes', 'confirm drives larger than 128 GB')
    .option('--json', 'JSON lines for progress, then the result')
    .action(async (image: string, options: FlashOptions) => {
      let config: FlashConfig | undefined;
      let startIndex: number | undefined;
      let cards: Awaited<ReturnType<typeof readCardsTable>> | undefined;
      try {
        // commander counts the empty default of a repeatable option as given.
        if (options.target.length === 0)
          throw BenchtopError.withHint(
            'INVALID_INPUT',
            `No drive to write ${image} to was named.`,
            hints.noTarget,
          );
        startIndex = startIndexFrom(options.startIndex);
        config = await configFrom(options);
        if (options.cards) cards = await readCardsTable(options.cards);
      } catch (error) {
        reportError(error, options.json ?? false);
        return;
      }
      await withConnection(options, async ({ client }) => {
        // Only a flash needs these (cli-progress among them): other commands start without.
        const [{ followJobOnTerminal }, { jobResult }] = await Promise.all([
          import('../follow-job.js'),
          import('../../../shared/job-result.js'),
        ]);
        const job = await followJobOnTerminal(
          client,
          () =>
            client.call('flash.start', {
              image: isUrl(image) ? image : resolve(image),
              targets: options.target,
              verify: options.verify,
              confirmLarge: options.yes ?? false,
              append: options.append ?? false,
              overwrite: options.overwrite ?? false,
              ...(startIndex !== undefined ? { startIndex } : {}),
              ...(config ? { config } : {}),
              ...(cards ? { cards } : {}),
              ...(options.manifest ? { manifest: resolve(options.manifest) } : {}),
            }),
          { json: options.json ?? false },
        );
        if (job.state !== 'succeeded') {
          throw job.error
            ? BenchtopError.fromInfo(job.error)
            : new BenchtopError('CANCELLED', 'The flash was cancelled; the cards are incomplete.');
        }
        const result = jobResult('flash.start', job);
        const failed = result.cards.filter((card) => card.error !== undefined);
        if (options.json) printJson({ result });
        else {
          printTable(result.cards, [
            ...(cards ? [slotColumn] : []),
            ['TARGET', (c) => c.target],
            ['RESULT', (c) => (c.error ? `FAILED: ${c.error}` : 'ok')],
            ['VERIFIED', (c) => (c.verified ? 'yes' : 'no')],
            ['CONFIG', (c) => (c.configVerified ? 'read back ok' : c.uuid ? 'no' : '-')],
            ['HOSTNAME', (c) => c.hostname || '-'],
            ['ADDRESS', (c) => c.address ?? '-'],
            ['UUID', (c) => c.uuid || '-'],
          ]);
          process.stdout.write(
            `${formatBytes(result.bytesWritten)} written per card${result.sparse ? ' (sparse: unused blocks skipped)' : ''}.\n`,
          );
          if (result.manifest)
            process.stdout.write(`Manifest: ${result.manifest} (and ${result.csv})\n`);
        }
        const first = failed[0];
        if (first) {
          const code =
            job.tasks.find((task) => task.id === first.target)?.error?.code ?? 'INTERNAL';
          if (!options.json)
            process.stderr.write(
              `benchtop: ${failed.length} of ${result.cards.length} cards failed.\n`,
            );
          reportError({ code, message: first.error ?? 'failed' }, options.json ?? false);
        }
      });
    });
}
