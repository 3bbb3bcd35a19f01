import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { useParticipant } from '../../state/participant.ts';
import type { Rotation } from '../../state/participantSelectors.ts';
import { Countdown } from '../../ui/Countdown.tsx';
import './laterStrings.ts';

/** When a round ends: the whole screen is one instruction, readable at arm's length. */
export function RotationCard({ rotation }: { rotation: Rotation }) {
  const t = useT();
  const session = useParticipant((s) => s.session)!;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [rotation.kind]);
  const midRound = 'midRound' in rotation;

  const title =
    rotation.kind === 'move'
      ? t('p.rotation.move', { table: rotation.tableName })
      : rotation.kind === 'host'
        ? t('p.rotation.host', { table: rotation.tableName })
        : rotation.kind === 'stay'
          ? t('p.rotation.stay', { table: rotation.tableName })
          : rotation.kind === 'unseated'
            ? t('p.rotation.unseated')
            : t('p.rotation.pending');

  return (
    <section className={`rotation rotation--${rotation.kind}`} aria-labelledby="rotation-title" data-testid="rotation">
      <div className="rotation__body">
        <p className="eyebrow rotation__eyebrow">{midRound ? t('p.rotation.moved') : t('p.rotation.eyebrow', { round: session.round - 1 })}</p>
        <h1 id="rotation-title" className="rotation__title" tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {'question' in rotation && <p className="rotation__question">{rotation.question}</p>}
        {rotation.kind === 'host' && <p className="rotation__hint">{t('p.rotation.hostHint')}</p>}
        <div className="rotation__clock">
          {!midRound && <p className="rotation__clock-label">{t('p.rotation.nextIn', { round: session.round })}</p>}
          <Countdown timer={session.timer} />
        </div>
      </div>
      <button
        type="button"
        className="btn btn--inverse btn--block btn--large"
        onClick={() => useParticipant.setState(midRound ? { movedMidRound: null } : { dismissedRotation: session.round })}
      >
        {rotation.kind === 'move' ? t('p.rotation.onMyWay') : t('p.rotation.ok')}
      </button>
    </section>
  );
}
