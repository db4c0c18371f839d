// SPDX-License-Identifier: Apache-2.0
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AppInfo } from '../shared/contract/index.js';
import type { Caller } from '../shared/roles.js';
import { CallerContext } from './client/caller-context.js';
import { ClientContext } from './client/client-context.js';
import { connectClient, type ConnectionState } from './client/connect.js';
import { Notifications } from './components/Notifications.js';
import { StatusBar } from './components/StatusBar.js';
import { NavigationContext } from './navigation.js';
import { panes, type PaneEntry } from './panes/index.js';
import { useJobs } from './stores/use-jobs.js';

function Shell(props: { connection: ConnectionState; info: AppInfo | undefined }) {
  const [active, setActive] = useState<PaneEntry['id']>('flash');
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const jobs = useJobs();

  const select = (index: number) => {
    const pane = panes[(index + panes.length) % panes.length];
    if (!pane) return;
    setActive(pane.id);
    tabs.current[panes.indexOf(pane)]?.focus();
  };

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const digit = Number(event.key);
      if ((event.altKey || event.ctrlKey) && digit >= 1 && digit <= panes.length) {
        event.preventDefault();
        select(digit - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onTabKey = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      ArrowLeft: index - 1,
      ArrowUp: index - 1,
      Home: 0,
      End: panes.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };

  return (
    <NavigationContext.Provider value={setActive}>
      <div className="app">
        <nav className="pane-tabs" role="tablist" aria-label="Benchtop" aria-orientation="vertical">
          <div className="brand">Benchtop</div>
          {panes.map((pane, index) => (
            <button
              key={pane.id}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`tab-${pane.id}`}
              aria-selected={active === pane.id}
              aria-controls={`pane-${pane.id}`}
              tabIndex={active === pane.id ? 0 : -1}
              title={`${pane.label} (Alt+${index + 1})`}
              onClick={() => setActive(pane.id)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              <span className="tab-key">{index + 1}</span> {pane.label}
            </button>
          ))}
        </nav>
        {panes.map((pane) => (
          <main
            key={pane.id}
            className="pane"
            role="tabpanel"
            id={`pane-${pane.id}`}
            aria-labelledby={`tab-${pane.id}`}
            hidden={active !== pane.id}
          >
            <pane.component />
          </main>
        ))}
        <StatusBar connection={props.connection} info={props.info} jobs={jobs} />
        <Notifications />
      </div>
    </NavigationContext.Provider>
  );
}

export function App() {
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const client = useMemo(() => connectClient(setConnection), []);
  const [info, setInfo] = useState<AppInfo>();
  const [caller, setCaller] = useState<Caller>();
  useEffect(() => {
    client.call('app.info', {}).then(setInfo, () => undefined);
    client.call('app.whoami', {}).then(setCaller, () => undefined);
  }, [client]);
  return (
    <ClientContext.Provider value={client}>
      <CallerContext.Provider value={caller}>
        <Shell connection={connection} info={info} />
      </CallerContext.Provider>
    </ClientContext.Provider>
  );
}
