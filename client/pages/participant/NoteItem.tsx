import { memo, Suspense, useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { useParticipant } from '../../state/participant.ts';
import type { ListedNote } from '../../state/participantSelectors.ts';
import { describeRefusal } from '../../ui/refusal.ts';
import { KindTag } from '../../ui/KindTag.tsx';
import { NoteDeleted, NoteEditor } from './later.ts';
import { deleteNote, discardNote, editNote, flagNote, undoDelete } from './session.ts';

/**
 * One note. No author, ever: "yours" is the only authorship anyone is shown. Your own notes can be
 * edited in place and deleted, with a few seconds to undo; both work offline, like writing.
 */
export const NoteItem = memo(function NoteItem({ note }: { note: ListedNote }) {
  const t = useT();
  const id = useId();
  const deleting = useParticipant((s) => s.deleting.includes(note.id));
  const [editing, setEditing] = useState(false);
  const edit = useRef<HTMLButtonElement>(null);
  const back = useRef(false);
  useEffect(() => {
    // Back from the editor (or from an undone deletion): focus where the person was.
    if (!editing && !deleting && back.current) edit.current?.focus();
    back.current = false;
  }, [editing, deleting]);

  if (deleting) {
    return (
      <Suspense fallback={null}>
        <NoteDeleted
          id={note.id}
          onUndo={() => {
            back.current = true;
            undoDelete(note.id);
          }}
        />
      </Suspense>
    );
  }
  return (
    <li className={`note ${note.mine ? 'note--mine' : ''} ${note.pending ? 'note--pending' : ''} ${note.failed ? 'note--failed' : ''}`} data-note-id={note.id}>
      <div className="note__meta">
        {note.kind && <KindTag kind={note.kind} />}
        {note.mine && <span className="note__mine">{t('p.notes.mine')}</span>}
        {note.pending && !note.failed && <span className="note__status">{t('p.notes.pending')}</span>}
        {note.held && <span className="note__status">{t('p.notes.held')}</span>}
        {note.edited && <span className="note__status">{t('p.notes.edited')}</span>}
      </div>
      {editing ? (
        <Suspense fallback={<p className="note__text">{note.text}</p>}>
          <NoteEditor
            note={note}
            save={editNote}
            onDone={() => {
              back.current = true;
              setEditing(false);
            }}
          />
        </Suspense>
      ) : (
        <p className="note__text" id={`${id}-text`}>
          {note.text}
        </p>
      )}
      {note.mine && !editing && !note.failed && (
        <div className="note__actions">
          <button type="button" className="btn btn--ghost btn--small" ref={edit} aria-describedby={`${id}-text`} onClick={() => setEditing(true)}>
            {t('p.notes.edit')}
          </button>
          <button type="button" className="btn btn--ghost btn--small btn--danger-text" aria-describedby={`${id}-text`} onClick={() => deleteNote(note.id)}>
            {t('p.notes.delete')}
          </button>
        </div>
      )}
      {!note.mine && !note.pending && <FlagButton id={note.id} />}
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

/** Reports someone else's note to the facilitators, once. */
function FlagButton({ id }: { id: string }) {
  const t = useT();
  const flagged = useParticipant((s) => s.flagged.includes(id));
  const [busy, setBusy] = useState(false);
  if (flagged) return <p className="note__status note__flagged">{t('p.notes.flagged')}</p>;
  return (
    <div className="note__actions">
      <button
        type="button"
        className="btn btn--ghost btn--small"
        title={t('p.notes.flagHint')}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void flagNote(id).finally(() => setBusy(false));
        }}
      >
        {t('p.notes.flag')}
      </button>
    </div>
  );
}
