// SPDX-License-Identifier: Apache-2.0
// What a service becomes on the engine (create request, hash, strategy) and what is refused.
import { describe, expect, it } from 'vitest';
import { configHash } from '../../../src/main/push/deploy/config-hash.js';
import { containerSpec } from '../../../src/main/push/deploy/container-spec.js';
import {
  deployRefusals,
  type EngineFacts,
} from '../../../src/main/push/deploy/deploy-constraints.js';
import {
  DEFAULT_HANDOVER_TIMEOUT_MS,
  handoverTimeoutMs,
  updateStrategy,
} from '../../../src/main/push/deploy/update-strategy.js';
import { composition, service } from '../../support/push-project.js';

const noFacts: EngineFacts = { containers: [], imagesPresent: new Set() };

describe('container spec', () => {
  it('joins the project network with the service name as alias and locks mounted twice', () => {
    const project = composition('demo', [service('api', { dockerfile: 'FROM x' })]);
    const { create, networks } = containerSpec(project, project.services[0]!);
    expect(networks).toEqual([{ network: 'demo_default', aliases: ['api'] }]);
    expect(create.NetworkingConfig?.EndpointsConfig).toEqual({
      demo_default: { Aliases: ['api'] },
    });
    expect(create.HostConfig?.Init).toBe(true);
    expect(create.HostConfig?.Mounts?.map((m) => `${m.Source}:${m.Target}`)).toEqual([
      'demo_api_lock:/tmp/balena',
      'demo_api_lock:/tmp/resin',
    ]);
    expect(create.Labels).toMatchObject({
      'io.benchtop.project': 'demo',
      'io.benchtop.service': 'api',
    });
  });

  it('maps ports, volumes, devices, env, capabilities and network_mode', () => {
    const project = {
      ...composition('demo', []),
      volumes: { data: { external: false, labels: {} }, shared: { external: true, labels: {} } },
    };
    const spec = service('web', {
      image: 'bench/busybox',
      init: false,
      restart: 'unless-stopped',
      privileged: true,
      environment: { B: '2', A: '1' },
      ports: [{ published: 80, target: 8080, protocol: 'tcp' }],
      expose: [9000],
      mounts: [
        { type: 'volume', source: 'data', target: '/data', readOnly: false },
        { type: 'volume', source: 'shared', target: '/shared', readOnly: true },
        { type: 'bind', source: '/srv', target: '/srv', readOnly: false },
      ],
      devices: ['/dev/ttyUSB0', '/dev/i2c-1:/dev/i2c:rw'],
      capAdd: ['NET_ADMIN'],
      capDrop: ['MKNOD'],
      networkMode: 'host',
    });
    const { create, networks } = containerSpec(project, spec);
    expect(networks).toEqual([]);
    expect(create.NetworkingConfig).toBeUndefined();
    expect(create.Env).toEqual(['A=1', 'B=2']);
    expect(create.ExposedPorts).toEqual({ '8080/tcp': {}, '9000/tcp': {} });
    const host = create.HostConfig;
    expect(host?.NetworkMode).toBe('host');
    expect(host?.Init).toBe(false);
    expect(host?.RestartPolicy).toEqual({ Name: 'unless-stopped' });
    expect(host?.Privileged).toBe(true);
    expect(host?.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '', HostPort: '80' }] });
    expect(host?.Mounts?.slice(0, 3).map((m) => `${m.Type} ${m.Source}:${m.Target}`)).toEqual([
      'volume demo_data:/data',
      'volume shared:/shared',
      'bind /srv:/srv',
    ]);
    expect(host?.Devices).toEqual([
      { PathOnHost: '/dev/ttyUSB0', PathInContainer: '/dev/ttyUSB0', CgroupPermissions: 'rwm' },
      { PathOnHost: '/dev/i2c-1', PathInContainer: '/dev/i2c', CgroupPermissions: 'rw' },
    ]);
    expect([host?.CapAdd, host?.CapDrop]).toEqual([['NET_ADMIN'], ['MKNOD']]);
  });

  it('keeps service:x for applying to resolve', () => {
    const project = composition('demo', []);
    const spec = containerSpec(project, service('sidecar', { networkMode: 'service:web' }));
    expect(spec.networkModeService).toBe('web');
  });
});

describe('config hash', () => {
  const project = composition('demo', [service('api', { dockerfile: 'FROM x' })]);
  const spec = containerSpec(project, project.services[0]!);

  it('is the same for the same request and image, whatever the key order', () => {
    const reordered = {
      ...spec,
      create: Object.fromEntries(Object.entries(spec.create).reverse()),
    };
    expect(configHash(reordered, 'sha256:1')).toBe(configHash(spec, 'sha256:1'));
  });

  it('changes with the image and with the configuration', () => {
    expect(configHash(spec, 'sha256:2')).not.toBe(configHash(spec, 'sha256:1'));
    const env = containerSpec(
      project,
      service('api', { dockerfile: 'FROM x', environment: { A: '1' } }),
    );
    expect(configHash(env, 'sha256:1')).not.toBe(configHash(spec, 'sha256:1'));
  });
});

describe('update strategy labels', () => {
  it('reads the four strategies and falls back to download-then-kill', () => {
    expect(updateStrategy({})).toBe('download-then-kill');
    expect(updateStrategy({ 'io.balena.update.strategy': 'hand-over' })).toBe('hand-over');
    expect(updateStrategy({ 'io.balena.update.strategy': 'kill-then-download' })).toBe(
      'kill-then-download',
    );
    expect(updateStrategy({ 'io.balena.update.strategy': 'nonsense' })).toBe('download-then-kill');
  });

  it('reads the hand-over timeout in ms, defaulting to a minute', () => {
    expect(handoverTimeoutMs({})).toBe(DEFAULT_HANDOVER_TIMEOUT_MS);
    expect(handoverTimeoutMs({ 'io.balena.update.handover-timeout': '1500' })).toBe(1500);
    expect(handoverTimeoutMs({ 'io.balena.update.handover-timeout': 'soon' })).toBe(60_000);
    expect(handoverTimeoutMs({ 'io.balena.update.handover-timeout': '' })).toBe(60_000);
  });
});

describe('deploy refusals', () => {
  it('refuses a board running a balena supervisor, as unreachable', () => {
    const facts: EngineFacts = {
      ...noFacts,
      containers: [{ name: 'resin_supervisor', running: true, publishedPorts: [] }],
    };
    const [refusal] = deployRefusals(composition('demo', []), facts);
    expect(refusal?.code).toBe('UNREACHABLE');
    expect(refusal?.message).toContain('resin_supervisor');
  });

  it("refuses a port held by another project's container, not by this project's own", () => {
    const project = composition('demo', [
      service('web', {
        dockerfile: 'FROM x',
        ports: [{ published: 80, target: 80, protocol: 'tcp' }],
      }),
    ]);
    const holder = (p: string | undefined) => ({
      ...noFacts,
      containers: [
        {
          name: 'x',
          running: true,
          ...(p ? { project: p } : {}),
          publishedPorts: [{ port: 80, protocol: 'tcp' }],
        },
      ],
    });
    expect(deployRefusals(project, holder('demo'))).toEqual([]);
    expect(deployRefusals(project, holder(undefined)).map((e) => e.code)).toEqual(['BUSY']);
  });

  it('refuses two services publishing one port, hand-over with a host port, and missing images', () => {
    const port = [{ published: 80, target: 80, protocol: 'tcp' as const }];
    const project = composition('demo', [
      service('a', { dockerfile: 'FROM x', ports: port }),
      service('b', {
        dockerfile: 'FROM x',
        ports: port,
        labels: { 'io.balena.update.strategy': 'hand-over' },
      }),
      service('c', { image: 'bench/redis' }),
    ]);
    expect(deployRefusals(project, noFacts).map((e) => e.message)).toEqual([
      expect.stringContaining(
        'Service b uses the hand-over update strategy and publishes host port 80',
      ),
      expect.stringContaining('Service c runs image bench/redis, which the board does not have'),
      'Services a and b both publish port 80/tcp.',
    ]);
  });
});
