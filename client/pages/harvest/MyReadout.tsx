import { useState } from 'react';
import { unreachable, type SetAsideReason } from '../../../shared/domain/enums.ts';
import type { Fate } from '../../../shared/harvest/types.ts';
import { useT, type MessageId, type t as translate } from '../../i18n/i18n.ts';
import { useParticipantHarvest } from '../../state/harvest.ts';
import { report } from '../../ui/toast.tsx';
import { loadMyNotes } from './participantHarvest.ts';
import './strings.ts';

const SET_ASIDE: Record<SetAsideReason, MessageId> = { 'off-topic': 'h.fate.offTopic', duplicate: 'h.fate.duplicate', abusive: 'h.fate.abusive' };

/** A note's fate in the phone's language (the readout itself is in the session's); none yet: written after it. */
function fateText(fate: Fate | null, t: typeof translate): string {
  if (!fate) return t('h.fate.later');
  switch (fate.kind) {
    case 'theme':
      return t('h.fate.theme', { theme: fate.theme });
    case 'merged':
      return t('h.fate.merged', { theme: fate.theme, from: fate.from });
    case 'set-aside':
      return t(SET_ASIDE[fate.reason]);
    case 'withheld':
      return t('h.fate.withheld');
    case 'unused':
      return t('h.fate.unused');
    default:
      return unreachable(fate);
  }
}

/** The published readout's link, and what became of this participant's own notes. */
export function MyReadout() {
  const t = useT();
  const url = useParticipantHarvest((s) => s.readoutUrl);
  const mine = useParticipantHarvest((s) => s.mine);
  const [busy, setBusy] = useState(false);
  if (!url) return null;
  return (
    <section className="card card--accent stack" aria-labelledby="readout-title" data-testid="my-readout">
      <h2 id="readout-title" className="card__title">
        {t('h.readout.title')}
      </h2>
      <p>{t('h.readout.body')}</p>
      <a className="btn btn--primary btn--block" href={url} target="_blank" rel="noopener">
        {t('h.readout.open')}
      </a>
      {mine === null ? (
        <button
          type="button"
          className="btn btn--secondary btn--block"
          disabled={busy}
          aria-busy={busy}
          onClick={async () => {
            setBusy(true);
            try {
              const result = await loadMyNotes();
              if (!result.ok) report(result, '');
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('h.readout.mine')}
        </button>
      ) : (
        <section className="stack stack--sm" aria-labelledby="mine-title" data-testid="my-notes">
          <h3 id="mine-title" className="card__title">
            {t('h.readout.mineTitle')}
          </h3>
          {mine.notes.length === 0 ? (
            <p className="muted">{t('h.readout.noNotes')}</p>
          ) : (
            <ul className="plain-list stack stack--sm">
              {mine.notes.map((n) => (
                <li key={n.id} className="harvest-note" data-testid="my-note">
                  <p className="harvest-note__text">{n.text}</p>
                  <p>
                    {n.ref && <strong>{n.ref} · </strong>}
                    <span data-testid="fate">{fateText(n.fate, t)}</span>
                  </p>
                </li>
              ))}
            </ul>
          )}
          <p className="muted">{t('h.readout.private')}</p>
        </section>
      )}
    </section>
  );
}
