// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { BenchtopError } from '../../../src/shared/errors.js';
import { DockerConnectTimeout, dockerError } from '../../../src/main/docker/index.js';

const target = { board: 'abc1234', address: '10.231.0.2' };

/** What Node's sockets reject with: an Error carrying an errno code. */
const socketError = (code: string, message: string): Error =>
  Object.assign(new Error(message), { code });

/** What dockerode rejects with for an HTTP status it does not expect (docker-modem's shape). */
const httpError = (statusCode: number, reason: string, json: unknown): Error =>
  Object.assign(new Error(`(HTTP code ${statusCode}) ${reason} - ${JSON.stringify(json)} `), {
    statusCode,
    reason,
    json,
  });

describe('dockerError: socket failures', () => {
  it('a refused connection says the engine is not running or not open, naming the board', () => {
    const error = dockerError(socketError('ECONNREFUSED', 'connect ECONNREFUSED'), target);
    expect(error.code).toBe('UNREACHABLE');
    expect(error.message).toMatch(/^abc1234 refused a connection on port 2375: .*not running/);
  });

  it('the connect timeout names its length; a bare ETIMEDOUT says the board stopped answering', () => {
    const timedOut = dockerError(new DockerConnectTimeout('10.231.0.99:2375', 3000), target);
    expect(timedOut.code).toBe('UNREACHABLE');
    expect(timedOut.message).toContain('did not answer within 3 s');
    expect(timedOut.detail).toBe('no connection to 10.231.0.99:2375 within 3000 ms');
    const bare = dockerError(socketError('ETIMEDOUT', 'read ETIMEDOUT'), target);
    expect(bare.message).toContain('stopped answering');
  });

  it('no route to the board says to check the cable and the network', () => {
    const error = dockerError(socketError('EHOSTUNREACH', 'connect EHOSTUNREACH'), target);
    expect(error.code).toBe('UNREACHABLE');
    expect(error.message).toContain("on the board's network");
  });

  it('a name that does not resolve is NOT_FOUND and asks for the IP address', () => {
    const error = dockerError(socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND x'), {
      board: 'x.local',
      address: 'x.local',
    });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('give its IP address');
  });

  it('a connection dropped mid-request (socket hang up) says the board may have rebooted', () => {
    for (const failure of [
      socketError('ECONNRESET', 'socket hang up'),
      new Error('socket hang up'),
    ]) {
      const error = dockerError(failure, target);
      expect(error.code).toBe('UNREACHABLE');
      expect(error.message).toContain('may have rebooted');
    }
  });
});

describe('dockerError: the engine answered with an error status', () => {
  it("404 keeps the engine's words, not dockerode's guess", () => {
    const error = dockerError(
      httpError(404, 'no such container', { message: 'No such image: app:latest' }),
      target,
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(
      'The Docker engine of abc1234 (10.231.0.2:2375): No such image',
    );
    expect(error.detail).toBe('HTTP 404: No such image: app:latest');
  });

  it('404 of an archive HEAD (no body) does not claim the container is missing', () => {
    const error = dockerError(httpError(404, 'no such container', Buffer.alloc(0)), target);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).not.toMatch(/no such container/i);
    expect(error.detail).toBe('HTTP 404');
  });

  it('409 is BUSY with what to do', () => {
    const error = dockerError(
      httpError(409, 'conflict', {
        message: 'Conflict. The container name "/web" is already in use',
      }),
      target,
    );
    expect(error.code).toBe('BUSY');
    expect(error.message).toContain('already in use');
    expect(error.message).toContain('remove it first');
  });

  it("500 passes the engine's message on, naming the board", () => {
    const error = dockerError(
      httpError(500, 'server error', { message: 'Cannot locate specified Dockerfile: Dockerfile' }),
      target,
    );
    expect(error.code).toBe('DOCKER_FAILED');
    expect(error.message).toBe(
      'The Docker engine of abc1234 (10.231.0.2:2375) failed (HTTP 500): Cannot locate specified Dockerfile: Dockerfile.',
    );
  });

  it('a BenchtopError passes through unchanged', () => {
    const original = new BenchtopError('CANCELLED', 'stopped');
    expect(dockerError(original, target)).toBe(original);
  });
});
