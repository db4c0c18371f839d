// SPDX-License-Identifier: Apache-2.0
// dockerode's failures (shapes as it throws them) turned into words and codes for people.
import { describe, expect, it } from 'vitest';
import { BenchtopError } from '../../../src/shared/errors.js';
import { engineError, engineMessage } from '../../../src/main/docker/index.js';

const http = (statusCode: number, message: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) server error - ${message} `), {
    statusCode,
    json: { message },
  });

describe('engine errors', () => {
  it("takes the engine's own sentence, without dockerode's prefix", () => {
    expect(engineMessage(http(500, 'boom'))).toBe('boom');
    expect(
      engineMessage(new Error('(HTTP code 404) no such container - No such container: x ')),
    ).toBe('No such container: x');
  });

  it('calls a taken port BUSY and says so', () => {
    const error = engineError(
      http(
        500,
        'driver failed programming external connectivity: Bind for 0.0.0.0:80 failed: port is already allocated',
      ),
      'web: start-new',
    );
    expect(error.code).toBe('BUSY');
    expect(error.message).toBe('A port is already taken on the board (web: start-new).');
  });

  it('tells a dead engine from a slow one', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.231.0.2:2375'), {
      code: 'ECONNREFUSED',
    });
    expect(engineError(refused, 'listing').code).toBe('UNREACHABLE');
    const slow = Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' });
    expect(engineError(slow, 'listing').code).toBe('TIMEOUT');
  });

  it('maps 404 and 409, and passes a BenchtopError through', () => {
    expect(engineError(http(404, 'no such image'), 'x').code).toBe('NOT_FOUND');
    expect(engineError(http(409, 'name in use'), 'x').code).toBe('BUSY');
    const own = new BenchtopError('INVALID_CONFIG', 'mine');
    expect(engineError(own, 'x')).toBe(own);
  });
});
