// SPDX-License-Identifier: Apache-2.0
import type { BoardService } from '../../../shared/contract/index.js';
import { useRoleGates } from '../../client/caller-context.js';
import { serviceKey, useBoardServices, type ServiceAction } from './use-board-services.js';

const since = (iso: string | undefined): string => (iso ? iso.slice(0, 19).replace('T', ' ') : '-');

const actions: { action: ServiceAction; label: string; when: (s: BoardService) => boolean }[] = [
  { action: 'restart', label: 'Restart', when: () => true },
  { action: 'stop', label: 'Stop', when: (s) => s.state === 'running' },
  { action: 'start', label: 'Start', when: (s) => s.state !== 'running' },
];

/** The services Benchtop pushed to this board, as a fleet dashboard's device page shows them. */
export function BoardServices({ board }: { board: string }) {
  const { services, error, busy, act } = useBoardServices(board);
  const role = useRoleGates()('board.service');
  return (
    <>
      <h4>Services</h4>
      {error && <p className="error-text">{error}</p>}
      {services && services.length === 0 ? (
        <p className="muted">No project pushed to this board: use “Push a project”.</p>
      ) : (
        <table className="list" aria-label="Services" aria-busy={services === undefined}>
          <thead>
            <tr>
              <th>Service</th>
              <th>Project</th>
              <th>State</th>
              <th>Image</th>
              <th>Started</th>
              <th>Restarts</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {services?.map((s) => {
              const working = busy.has(serviceKey(s));
              return (
                <tr
                  key={serviceKey(s)}
                  data-testid="board-service"
                  data-service={s.name}
                  data-state={s.state}
                  aria-busy={working}
                >
                  <td>{s.name}</td>
                  <td>{s.project}</td>
                  <td>
                    {s.state}
                    {s.health && <span className="muted"> ({s.health})</span>}
                  </td>
                  <td className="mono">{s.image}</td>
                  <td data-testid="service-started">{since(s.startedAt)}</td>
                  <td>{s.restarts}</td>
                  <td className="devices-service-actions">
                    {actions
                      .filter((a) => a.when(s))
                      .map((a) => (
                        <button
                          key={a.action}
                          type="button"
                          disabled={working || role.blocked}
                          title={role.title}
                          aria-label={`${a.label} ${s.name}`}
                          onClick={() => act(s, a.action)}
                        >
                          {a.label}
                        </button>
                      ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
