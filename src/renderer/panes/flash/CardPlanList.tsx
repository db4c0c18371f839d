// SPDX-License-Identifier: Apache-2.0
import type { PlannedCard } from './card-plan.js';

/**
 * Each chosen card, its number, name and static address (and, from a cards table, its slot
 * and labels), before anything is written.
 */
export function CardPlanList(props: { cards: PlannedCard[]; problem: string | undefined }) {
  const { cards, problem } = props;
  if (cards.length === 0) return null;
  const fromTable = cards.some((card) => card.slot !== undefined);
  return (
    <div className="flash-plan" data-testid="card-plan">
      <table>
        <thead>
          <tr>
            <th>Card</th>
            {fromTable && <th>Slot</th>}
            <th>Target</th>
            <th>Hostname</th>
            <th>Static address</th>
            {fromTable && <th>Labels</th>}
          </tr>
        </thead>
        <tbody>
          {cards.map((card) => (
            <tr key={card.target} data-testid="plan-row">
              <td>{card.index ?? 'next'}</td>
              {fromTable && <td className="mono">{card.slot ?? '-'}</td>}
              <td className="mono">{card.target}</td>
              <td className="mono">{card.hostname ?? 'from its uuid'}</td>
              <td className="mono">{card.address ?? 'DHCP'}</td>
              {fromTable && <td>{card.labels?.join(' ') || '-'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {cards.some((card) => card.index === undefined) && (
        <p className="muted">Numbered after the last card of the manifest added to.</p>
      )}
      {problem && (
        <p role="alert" className="flash-error">
          {problem}
        </p>
      )}
    </div>
  );
}
