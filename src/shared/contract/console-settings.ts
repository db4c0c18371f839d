// SPDX-License-Identifier: Apache-2.0
// A serial console's line settings (rate, framing, flow control, line-end maps), the choices
// each offers, and their defaults: one source for the contract, the CLI's options and the UI.
import { z } from 'zod';

/** The rates in the UI's list; any other whole number in range is accepted as custom. */
export const BAUD_PRESETS = [
  9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1500000,
  2000000, 3000000,
] as const;

/** The settings' choices, listed once for the contract, the CLI's options and the UI's fields. */
export const DATA_BITS = [5, 6, 7, 8] as const;
export const STOP_BITS = [1, 1.5, 2] as const;
export const Parity = z.enum(['none', 'even', 'odd', 'mark', 'space']);
export const FlowControl = z.enum(['none', 'rts-cts', 'xon-xoff']);
export const SendMap = z.enum(['none', 'cr-to-lf', 'cr-to-crlf', 'lf-to-cr']);
export const ReceiveMap = z.enum(['none', 'lf-to-crlf', 'cr-to-lf', 'ignore-cr']);

const settingFields = {
  baudRate: z.number().int().min(50).max(4_000_000),
  dataBits: z.literal(DATA_BITS),
  parity: Parity,
  stopBits: z.literal(STOP_BITS),
  flowControl: FlowControl,
  /** What is done to typed line ends before they go to the board. */
  sendMap: SendMap,
  /** What is done to the board's line ends before viewers and the log see them. */
  receiveMap: ReceiveMap,
  /** Show what is typed in the output too, for boards that do not echo. */
  localEcho: z.boolean(),
};

export const ConsoleSettings = z.object({
  baudRate: settingFields.baudRate.default(115200),
  dataBits: settingFields.dataBits.default(8),
  parity: settingFields.parity.default('none'),
  stopBits: settingFields.stopBits.default(1),
  flowControl: settingFields.flowControl.default('none'),
  sendMap: settingFields.sendMap.default('none'),
  receiveMap: settingFields.receiveMap.default('none'),
  localEcho: settingFields.localEcho.default(false),
});
/** Only the settings being changed: no defaults, so what is left out stays as it was. */
export const ConsoleSettingsChange = z.object(settingFields).partial().strict();
export type ConsoleSettingsChange = z.infer<typeof ConsoleSettingsChange>;
export type ConsoleSettings = z.infer<typeof ConsoleSettings>;
export const defaultConsoleSettings = (): ConsoleSettings => ConsoleSettings.parse({});
