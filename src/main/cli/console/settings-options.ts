// SPDX-License-Identifier: Apache-2.0
// The port settings as command-line options (tio's letters), shared by `console` and `console exec`.
import { Option, type Command } from 'commander';
import {
  DATA_BITS,
  Parity,
  ReceiveMap,
  SendMap,
  STOP_BITS,
  type ConsoleSettings,
} from '../../../shared/contract/index.js';

export interface SettingsOptions {
  baud?: string;
  databits?: string;
  parity?: ConsoleSettings['parity'];
  stopbits?: string;
  flow?: 'none' | 'hard' | 'soft';
  localEcho?: boolean;
  mapSend?: ConsoleSettings['sendMap'];
  mapReceive?: ConsoleSettings['receiveMap'];
}

/** tio's words for flow control. */
const flowByWord = { none: 'none', hard: 'rts-cts', soft: 'xon-xoff' } as const;

/** Only what was given on the command line: the rest comes from what the port remembers. */
export function settingsFrom(options: SettingsOptions): Partial<ConsoleSettings> | undefined {
  const settings: Record<string, unknown> = {};
  // Numbers stay strings when they are not numbers, so the contract's check names the bad value.
  const num = (text: string): number | string => (/^\d+(\.\d+)?$/.test(text) ? Number(text) : text);
  if (options.baud !== undefined) settings['baudRate'] = num(options.baud);
  if (options.databits !== undefined) settings['dataBits'] = num(options.databits);
  if (options.parity !== undefined) settings['parity'] = options.parity;
  if (options.stopbits !== undefined) settings['stopBits'] = num(options.stopbits);
  if (options.flow !== undefined) settings['flowControl'] = flowByWord[options.flow];
  if (options.localEcho) settings['localEcho'] = true;
  if (options.mapSend !== undefined) settings['sendMap'] = options.mapSend;
  if (options.mapReceive !== undefined) settings['receiveMap'] = options.mapReceive;
  return Object.keys(settings).length > 0 ? settings : undefined;
}

export function addSettingsOptions(command: Command): Command {
  return command
    .option('-b, --baud <bps>', 'baud rate (9600 … 3000000 or any other)')
    .addOption(new Option('-d, --databits <n>', 'data bits').choices(DATA_BITS.map(String)))
    .addOption(new Option('-p, --parity <p>', 'parity').choices(Parity.options))
    .addOption(new Option('-s, --stopbits <n>', 'stop bits').choices(STOP_BITS.map(String)))
    .addOption(new Option('-f, --flow <f>', 'flow control').choices(Object.keys(flowByWord)))
    .addOption(new Option('--map-send <m>', 'line ends typed → board').choices(SendMap.options))
    .addOption(
      new Option('--map-receive <m>', 'line ends board → screen').choices(ReceiveMap.options),
    )
    .option('-e, --local-echo', 'show what you type (for boards that do not echo)');
}
