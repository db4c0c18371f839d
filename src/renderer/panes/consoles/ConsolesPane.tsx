// SPDX-License-Identifier: Apache-2.0
import { useEffect, useRef, useState } from 'react';
import { useClient } from '../../client/client-context.js';
import { ConsoleView } from './ConsoleView.js';
import { PortList } from './PortList.js';
import { PortOpener } from './PortOpener.js';
import { useConsoles, usePortTies, usePorts } from './use-consoles.js';
import './consoles.css';
import { describeError } from '../../../shared/errors.js';

type Layout = 'tabs' | 'side';

export function ConsolesPane() {
  const client = useClient();
  const all = useConsoles();
  /** Consoles this window left while others still watch them; listed, not shown. */
  const [left, setLeft] = useState<Set<string>>(new Set());
  const sessions = all.filter((s) => !left.has(s.id));
  const elsewhere = all.filter((s) => left.has(s.id));
  const { ports, error } = usePorts();
  const ties = usePortTies(sessions);
  // Leaving the page leaves its consoles, so a port no one watches any more is closed by main.
  const open = useRef(sessions);
  useEffect(() => {
    open.current = sessions;
  });
  useEffect(() => {
    const leave = () => {
      for (const session of open.current) {
        client.call('console.close', { sessionId: session.id }).catch(() => undefined);
      }
    };
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, [client]);
  const [layout, setLayout] = useState<Layout>('tabs');
  const [active, setActive] = useState<string>();
  const [closeError, setCloseError] = useState<string>();
  const shown = sessions.find((s) => s.id === active) ?? sessions[0];

  const close = (sessionId: string) => {
    setCloseError(undefined);
    client.call('console.close', { sessionId }).then(
      ({ closed }) => {
        if (!closed) setLeft(new Set(left).add(sessionId));
      },
      (e: unknown) => setCloseError(describeError(e)),
    );
  };
  const openPort = (path: string) => {
    setCloseError(undefined);
    client.call('console.open', { path }).then(
      (session) => {
        const next = new Set(left);
        next.delete(session.id);
        setLeft(next);
        setActive(session.id);
      },
      (e: unknown) => setCloseError(describeError(e)),
    );
  };
  const show = (sessionId: string, path: string) => {
    const next = new Set(left);
    next.delete(sessionId);
    setLeft(next);
    setActive(sessionId);
    client.call('console.open', { path }).catch((e: unknown) => setCloseError(describeError(e)));
  };

  return (
    <section className="consoles" aria-label="Consoles">
      <header className="consoles-header">
        <h2>Consoles</h2>
        <PortOpener
          ports={ports}
          portsError={error}
          ties={ties}
          onOpened={(session) => setActive(session.id)}
        />
        <div className="layout-switch" role="group" aria-label="Layout">
          <button type="button" aria-pressed={layout === 'tabs'} onClick={() => setLayout('tabs')}>
            Tabs
          </button>
          <button type="button" aria-pressed={layout === 'side'} onClick={() => setLayout('side')}>
            Side by side
          </button>
        </div>
      </header>
      {elsewhere.length > 0 && (
        <p className="muted consoles-elsewhere">
          Open elsewhere (the CLI or another window):{' '}
          {elsewhere.map((session) => (
            <button key={session.id} type="button" onClick={() => show(session.id, session.path)}>
              Show {session.board ?? session.path}
            </button>
          ))}
        </p>
      )}
      {closeError && (
        <p className="error-text" role="alert">
          {closeError}
        </p>
      )}
      {sessions.length === 0 ? (
        <>
          <div className="empty-state">
            <p>
              Serial consoles of your boards show here: boot logs, a login, a kernel panic. Pick a
              port above (or type a path, such as <code>/dev/ttyUSB0</code> or a pty) and press
              Open.
            </p>
            <p>
              A console keeps running when its adapter is unplugged and reconnects by itself,
              marking the gap. The same console is shared with <code>benchtop console PORT</code> in
              a terminal.
            </p>
          </div>
          <PortList ports={ports} onOpen={openPort} />
        </>
      ) : (
        <>
          <details className="ports-details">
            <summary>Serial ports ({ports.length})</summary>
            <PortList ports={ports} onOpen={openPort} />
          </details>
          {layout === 'tabs' && (
            <div className="console-tabs" role="tablist" aria-label="Open consoles">
              {sessions.map((session) => (
                <button
                  key={session.id}
                  type="button"
                  role="tab"
                  aria-selected={session.id === shown?.id}
                  className={`console-tab state-${session.state}`}
                  onClick={() => setActive(session.id)}
                >
                  {session.board ?? session.path.split('/').pop()}
                </button>
              ))}
            </div>
          )}
          <div className={`console-views layout-${layout}`}>
            {sessions.map((session) => (
              <div
                key={session.id}
                className="console-slot"
                hidden={layout === 'tabs' && session.id !== shown?.id}
              >
                <ConsoleView session={session} onClose={() => close(session.id)} />
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
