// SPDX-License-Identifier: Apache-2.0
import { useCallback, useState } from 'react';
import type { LiveSession } from '../../../shared/contract/index.js';
import { useKeyedEvent } from '../../client/client-context.js';
import {
  startView,
  stoppedView,
  withOutput,
  withState,
  withSync,
  type LiveView,
} from './live-timeline.js';

/**
 * One session's state and timeline, from its own events only (subscribed by its id). The
 * session's state at start comes with live.start's answer, so an event sent before the
 * subscription reached the engine is not needed to show where it stands.
 */
export function useLiveFeed(session: LiveSession) {
  const [view, setView] = useState<LiveView>(() => startView(session));
  const id = session.sessionId;
  useKeyedEvent('live.sync', id, (event) => setView((v) => withSync(v, event)));
  useKeyedEvent('live.state', id, (event) => setView((v) => withState(v, event)));
  useKeyedEvent('live.output', id, (event) => setView((v) => withOutput(v, event)));
  const stopped = useCallback(
    () => setView((v) => stoppedView(v, 'Live sync stopped; the containers keep running.')),
    [],
  );
  return { view, stopped };
}
