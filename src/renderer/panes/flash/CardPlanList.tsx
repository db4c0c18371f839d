// SPDX-License-Identifier: Apache-2.0
import type { PlannedCard } from './card-plan.js';

/** Each chosen card, its number, name and static address, before anything is written. */
export function CardPlanList(props: { cards: PlannedCard[]; problem: string | undefined }) {
  const { cards, problem } = props;
  if (cards.length === 0) return null;
  return (
    <div className="flash-plan" data-testid="card-plan">
      <table>
        <thead>
          <tr>
            <th>Card</th>
            <th>Target</th>
            <th>Hostname</th>
            <th>Static address</th>
          </tr>
        </thead>
        <tbody>
          {cards.map((card) => (
            <tr key={card.target} data-testid="plan-row">
              <td>{card.index ?? 'next'}</td>
              <td className="mono">{card.target}</td>
              <td className="mono">{card.hostname ?? 'from its uuid'}</td>
              <td className="mono">{card.address ?? 'DHCP'}</td>
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
