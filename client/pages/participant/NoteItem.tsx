import { memo } from 'react';
import { useT } from '../../i18n/i18n.ts';
import type { ListedNote } from '../../state/participantSelectors.ts';
import { describeRefusal } from '../../ui/refusal.ts';
import { KindTag } from '../../ui/KindTag.tsx';
import { discardNote } from './session.ts';

/** One note. No author, ever: "yours" is the only authorship anyone is shown. */
export const NoteItem = memo(function NoteItem({ note }: { note: ListedNote }) {
  const t = useT();
  return (
    <li className={`note ${note.mine ? 'note--mine' : ''} ${note.pending ? 'note--pending' : ''} ${note.failed ? 'note--failed' : ''}`} data-note-id={note.id}>
      <div className="note__meta">
        {note.kind && <KindTag kind={note.kind} />}
        {note.mine && <span className="note__mine">{t('p.notes.mine')}</span>}
        {note.pending && !note.failed && <span className="note__status">{t('p.notes.pending')}</span>}
        {note.edited && <span className="note__status">{t('p.notes.edited')}</span>}
      </div>
      <p className="note__text">{note.text}</p>
      {note.failed && (
        <div className="note__failed">
          <p role="alert">{t('p.notes.failed', { reason: describeRefusal({ ok: false, ...note.failed }) })}</p>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => discardNote(note.id)}>
            {t('p.notes.discard')}
          </button>
        </div>
      )}
    </li>
  );
});
