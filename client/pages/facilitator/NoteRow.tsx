import type { NoteView } from '../../../shared/protocol/views.ts';
import { useT } from '../../i18n/i18n.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { KindTag } from '../../ui/KindTag.tsx';
import { run } from './session.ts';
import { useAction } from './useAction.ts';

/** A note on the dashboard. The facilitator can hide it, or mute its author, without learning who that is. */
export function NoteRow({ note }: { note: NoteView }) {
  const t = useT();
  const { busy, act } = useAction();
  return (
    <li className={`fnote ${note.hidden ? 'fnote--hidden' : ''}`} data-note-id={note.id}>
      <p className="fnote__text">
        {note.kind && <KindTag kind={note.kind} />} {note.hidden && <span className="badge">{t('f.hidden')}</span>}{' '}
        {note.held && <span className="badge badge--held">{t('m.held')}</span>} <span className="fnote__words">{note.text}</span>
      </p>
      <div className="fnote__actions">
        {note.hidden ? (
          <>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              disabled={busy !== null}
              onClick={() => void act('show', () => run('note:hide', { id: note.id, hidden: false }), t('f.done.shown'))}
            >
              {t('f.show')}
            </button>
            {/* Only once a note is hidden: muting its author is the step after, for a troll. */}
            <ConfirmButton
              className="btn btn--ghost btn--small btn--danger-text"
              confirm={t('m.muteConfirm')}
              onConfirm={() => void act('mute', () => run('author:mute', { id: note.id }), t('m.done.muted'))}
              disabled={busy !== null}
            >
              {t('m.mute')}
            </ConfirmButton>
          </>
        ) : (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            disabled={busy !== null}
            onClick={() => void act('hide', () => run('note:hide', { id: note.id, hidden: true }), t('f.done.hidden'))}
          >
            {t('f.hide')}
          </button>
        )}
      </div>
    </li>
  );
}
