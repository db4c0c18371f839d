// SPDX-License-Identifier: Apache-2.0
import { useState } from 'react';
import { describeError } from '../../../shared/errors.js';
import { useClient } from '../../client/client-context.js';
import { ConsoleSlots, type Slot } from './ConsoleSlots.js';
import { ConsoleView } from './ConsoleView.js';
import { GridBar } from './GridBar.js';
import { GridDialog } from './GridDialog.js';
import type { Layout } from './open-consoles-memory.js';
import { PaneControls } from './PaneControls.js';
import { PortList } from './PortList.js';
import { PortOpener } from './PortOpener.js';
import { useBroadcast } from './use-broadcast.js';
import { useConsoles, usePortTies, usePorts } from './use-consoles.js';
import { useRestoreConsoles } from './use-restore-consoles.js';
import { ShellView } from './ShellView.js';
import { useShells } from './use-shells.js';
import './consoles.css';

export function ConsolesPane() {
  const client = useClient();
  const all = useConsoles();
  /** Consoles this window left while others still watch them; listed, not shown. */
  const [left, setLeft] = useState<Set<string>>(new Set());
  const sessions = all.filter((s) => !left.has(s.id));
  const elsewhere = all.filter((s) => left.has(s.id));
  const { ports, error } = usePorts();
  const ties = usePortTies(sessions);
  const [layout, setLayout] = useState<Layout>('tabs');
  const [active, setActive] = useState<string>();
  const [closeError, setCloseError] = useState<string>();
  const shown = sessions.find((s) => s.id === active) ?? sessions[0];
  const shells = useShells(setActive);
  const [gridDialog, setGridDialog] = useState(false);
  const inGrid = layout === 'grid';
  const broadcast = useBroadcast(
    sessions.map((s) => s.id),
    inGrid,
  );
  useRestoreConsoles(sessions, layout, shown, (savedLayout, savedActive) => {
    setLayout(savedLayout);
    if (savedActive) setActive(savedActive);
  });

  const close = (sessionId: string) => {
    setCloseError(undefined);
    client.call('console.close', { sessionId }).then(
      ({ closed }) => {
        if (!closed) setLeft(new Set(left).add(sessionId));
      },
      (e: unknown) => setCloseError(describeError(e)),
    );
  };
  const show = (sessionId: string | undefined, path: string) => {
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
    if (sessionId) setActive(sessionId);
  };

  const slots: Slot[] = [
    ...sessions.map((session) => ({
      id: session.id,
      tab: session.board ?? session.path.split('/').pop() ?? session.path,
      state: session.state,
      view: (
        <ConsoleView
          session={session}
          onClose={() => close(session.id)}
          fanOut={broadcast.fanOut}
          tile={
            inGrid
              ? {
                  broadcasting: broadcast.on,
                  receiving: broadcast.receivers.includes(session.id),
                  count: broadcast.receivers.length,
                  onReceive: (on) => broadcast.setReceiving(session.id, on),
                }
              : undefined
          }
        />
      ),
    })),
    ...shells.shells.map(({ session, title }) => ({
      id: session.id,
      tab: title,
      state: session.state,
      view: (
        <ShellView
          session={session}
          title={title}
          onExit={(exit) => shells.ended(session.id, { ...session, state: 'exited', exit })}
          onClose={() => shells.close(session.id)}
        />
      ),
    })),
  ];

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
        <button type="button" onClick={() => setGridDialog(true)}>
          Grid…
        </button>
        <PaneControls layout={layout} onLayout={setLayout} />
      </header>
      {gridDialog && (
        <GridDialog
          ports={ports}
          onOpened={(opened) => {
            if (opened.length > 0) setLayout('grid');
            const next = new Set(left);
            for (const session of opened) next.delete(session.id);
            setLeft(next);
          }}
          onClose={() => setGridDialog(false)}
        />
      )}
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
      {shells.error && (
        <p className="error-text" role="alert">
          {shells.error}
        </p>
      )}
      {sessions.length === 0 && shells.shells.length === 0 ? (
        <>
          <div className="empty-state">
            <p>
              Serial consoles of your boards show here: boot logs, a login, a kernel panic. Pick a
              port above (or type a path, such as <code>/dev/ttyUSB0</code> or a pty) and press
              Open. Terminals into a board&apos;s host OS or its containers open here too, from the
              board&apos;s detail in Devices (&quot;Terminal:&quot;).
            </p>
            <p>
              A console keeps running when its adapter is unplugged and reconnects by itself,
              marking the gap. The same console is shared with <code>benchtop console PORT</code> in
              a terminal.
            </p>
          </div>
          <PortList ports={ports} onOpen={(path) => show(undefined, path)} />
        </>
      ) : (
        <>
          <details className="ports-details">
            <summary>Serial ports ({ports.length})</summary>
            <PortList ports={ports} onOpen={(path) => show(undefined, path)} />
          </details>
          {inGrid && <GridBar sessions={sessions} broadcast={broadcast} />}
          <ConsoleSlots slots={slots} layout={layout} active={active} onActivate={setActive} />
        </>
      )}
    </section>
  );
}
