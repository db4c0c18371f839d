// SPDX-License-Identifier: Apache-2.0
// `benchtop users`: the named users of `benchtop serve`. Each runs attached to the serve on the
// same home when one runs, so a revoke closes that user's connections there at once; with no
// serve running it edits the users file, which the next serve reads.
import { Option, type Command } from 'commander';
import { ROLES, roleMeaning, type Role } from '../../../shared/roles.js';
import { printJson, printTable } from '../output.js';
import { withConnection, type JsonOption } from '../run-action.js';

const rolesHelp = `Roles:\n${ROLES.map((role) => `  ${role.padEnd(9)} ${roleMeaning[role]}`).join('\n')}`;

export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description('Named users of `benchtop serve`, each with a role and a token of their own')
    .addHelpText(
      'after',
      `\n${rolesHelp}\n\nThe serve's own token (the CLI on its machine) is the owner: an admin.`,
    );

  users
    .command('add <name>')
    .description('Add a user; prints their token once (only its hash is kept)')
    .addOption(new Option('--role <role>', 'what they may do').choices(ROLES).makeOptionMandatory())
    .option('--json', 'print JSON')
    .addHelpText('after', `\n${rolesHelp}\n\nExample:\n  benchtop users add alice --role operator`)
    .action((name: string, options: JsonOption & { role: Role }) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const added = await client.call('users.add', { name, role: options.role });
        if (options.json) printJson(added);
        else
          process.stdout.write(
            `Added ${added.name} (${added.role}). Their token, shown only now:\n${added.token}\n` +
              'They send it as `Authorization: Bearer <token>`, or open the serve’s address with `#token=<token>`.\n',
          );
      }),
    );

  users
    .command('list')
    .description('The users and their roles (never their tokens)')
    .option('--json', 'print JSON')
    .action((options: JsonOption) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const list = await client.call('users.list', {});
        if (options.json) printJson(list);
        else if (list.length === 0)
          process.stdout.write('No users yet: `benchtop users add NAME --role viewer`.\n');
        else
          printTable(list, [
            ['NAME', (u) => u.name],
            ['ROLE', (u) => u.role],
            ['ADDED', (u) => u.createdAt.slice(0, 19).replace('T', ' ')],
          ]);
      }),
    );

  users
    .command('revoke <name>')
    .description('Remove a user: their token stops working and their open connections close')
    .option('--json', 'print JSON')
    .action((name: string, options: JsonOption) =>
      withConnection({ ...options, attach: true }, async ({ client, via }) => {
        const revoked = await client.call('users.revoke', { name });
        if (options.json) printJson({ ...revoked, via });
        else
          process.stdout.write(
            `Revoked ${revoked.name}${via === 'server' ? '; their open connections are closed' : ''}.\n`,
          );
      }),
    );
}
