// SPDX-License-Identifier: Apache-2.0
import { Command, CommanderError } from 'commander';
import { appVersion } from '../app/version.js';
import { registerBoard } from './commands/board.js';
import { registerBoards } from './commands/boards.js';
import { registerConsole } from './commands/console.js';
import { registerDevice } from './commands/device.js';
import { registerDevices } from './commands/devices.js';
import { registerDrives } from './commands/drives.js';
import { registerExec } from './commands/exec.js';
import { registerFlash } from './commands/flash.js';
import { registerGroupActions } from './commands/group-actions.js';
import { registerImage } from './commands/image.js';
import { registerInfo } from './commands/info.js';
import { registerInventory } from './commands/inventory.js';
import { registerLogs } from './commands/logs.js';
import { registerPorts } from './commands/ports.js';
import { registerPush } from './commands/push.js';
import { registerServe } from './commands/serve.js';
import { registerShell } from './commands/shell.js';
import { registerUsers } from './commands/users.js';
import { ExitCode, exitCodeHelp } from './exit-codes.js';
import { addHomeOption } from './home-option.js';

export function buildProgram(): Command {
  const program = new Command('benchtop')
    .description('Flash, find, talk to and push containers to the boards on your bench.')
    .version(appVersion)
    .showHelpAfterError()
    .addHelpText('after', `\n${exitCodeHelp}`)
    .exitOverride();
  addHomeOption(program);
  registerInfo(program);
  registerServe(program);
  registerDevices(program);
  registerDevice(program);
  registerPorts(program);
  registerConsole(program);
  registerDrives(program);
  registerImage(program);
  registerFlash(program);
  registerPush(program);
  registerLogs(program);
  registerShell(program);
  registerBoards(program);
  registerBoard(program);
  registerInventory(program);
  registerExec(program);
  registerGroupActions(program);
  registerUsers(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `benchtop … | head` closes our stdout early; that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    throw error;
  }
}
