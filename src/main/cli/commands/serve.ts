// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import { printJson, reportError } from '../output.js';

interface ServeOptions {
  host: string;
  port: string;
  allowRemote?: boolean;
  hostName: string[];
  json?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the Benchtop UI and API over HTTP + WebSocket (loopback by default)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '7455')
    .option(
      '--allow-remote',
      'allow listening on a non-loopback address (the token is still required)',
    )
    .option(
      '--host-name <name>',
      'another name browsers use to reach this server, e.g. with --allow-remote (repeatable)',
      (name: string, names: string[]) => [...names, name],
      [] as string[],
    )
    .option('--json', 'print the URL and token as JSON')
    .addHelpText(
      'after',
      '\nThe printed token is the owner’s (every right). Others get their own token and role with\n`benchtop users add NAME --role viewer|operator|admin` (run with the same --home).',
    )
    .action(async (options: ServeOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        reportError(
          { code: 'INVALID_INPUT', message: `--port must be 0 to 65535, not "${options.port}".` },
          options.json ?? false,
        );
        return;
      }
      // The engine and the HTTP server load here, not when any command starts.
      const [
        { keepServingOnUnhandledRejection },
        { rendererDir },
        { createEngine },
        { startServer },
        { removeServerState, writeServerState },
        { createUsersStore, usersPath, watchUsersFile },
      ] = await Promise.all([
        import('../../app/keep-serving.js'),
        import('../../app/package-root.js'),
        import('../../engine.js'),
        import('../../server/http-server.js'),
        import('../../server/server-state-file.js'),
        import('../../users/index.js'),
      ]);
      keepServingOnUnhandledRejection();
      const engine = createEngine({ host: 'server' });
      const users = createUsersStore(usersPath());
      const server = await startServer({
        engine,
        host: options.host,
        port,
        allowRemote: options.allowRemote ?? false,
        hostNames: options.hostName,
        findUser: (token) => users.callerOf(token),
        staticDir: rendererDir,
      }).catch(async (error: unknown) => {
        await engine.dispose();
        reportError(error, options.json ?? false);
        return undefined;
      });
      if (!server) return;
      const stopWatch = watchUsersFile(usersPath(), () => void server.recheckUsers());
      await writeServerState({
        pid: process.pid,
        host: server.host,
        port: server.port,
        token: server.token,
      });
      if (options.json)
        printJson({ url: server.url, host: server.host, port: server.port, token: server.token });
      else
        process.stdout.write(
          `Benchtop is serving on ${server.host}:${server.port}\nOpen: ${server.url}\n`,
        );
      const shutdown = async (): Promise<void> => {
        await removeServerState(process.pid);
        stopWatch();
        await server.close();
        await engine.dispose();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
    });
}
