// SPDX-License-Identifier: Apache-2.0
import type { PushBoardResult } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';

const runPathText = {
  engine: 'run by Benchtop on its engine',
  supervisor: 'handed to its supervisor',
};

/** One board's outcome: each service created, replaced or unchanged, or what went wrong. */
export function PushBoardResultView({ result }: { result: PushBoardResult }) {
  return (
    <div
      className={`push-result state-${result.state}`}
      data-testid="board-result"
      data-board={result.board}
      data-state={result.state}
    >
      <p>
        <strong>{result.state === 'succeeded' ? 'Pushed' : 'Failed'}</strong>
        {result.runPath && ` · ${runPathText[result.runPath]}`}
        {result.target && ` · ${result.target.deviceType} (${result.target.arch})`}
        {result.builtOn && ` · images built on ${result.builtOn}`}
        {result.release && (
          <>
            {' · release '}
            <span className="mono">{result.release}</span>
          </>
        )}
      </p>
      {result.error && (
        <p className="push-error" role="alert">
          {describeError(result.error)}
        </p>
      )}
      {result.services.length > 0 && (
        <ul className="push-outcomes" aria-label={`Services on ${result.board}`}>
          {result.services.map((service) => (
            <li key={service.name} data-service={service.name} data-outcome={service.outcome}>
              <strong>{service.name}</strong> {service.outcome}{' '}
              <span className="mono muted">
                {service.image}
                {service.imageId && ` ${service.imageId.replace(/^sha256:/, '').slice(0, 12)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
