import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Limits } from '../../../shared/protocol/limits.ts';
import { useT } from '../../i18n/i18n.ts';
import type { ListedNote } from '../../state/participantSelectors.ts';
import './laterStrings.ts';

/** Editing one of your notes in place; `save` keeps the new words on the device and sends them (false: nothing to save). */
export function NoteEditor({ note, save: keep, onDone }: { note: ListedNote; save: (id: string, text: string) => boolean; onDone: () => void }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(note.text);
  const save = (e?: FormEvent) => {
    e?.preventDefault();
    if (text.trim() === note.text || keep(note.id, text)) onDone();
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') onDone();
    else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save();
  };
  return (
    <form className="note__edit" onSubmit={save}>
      <label htmlFor={id} className="visually-hidden">
        {t('p.notes.editLabel')}
      </label>
      <textarea
        id={id}
        className="input"
        rows={3}
        value={text}
        maxLength={Limits.noteChars}
        autoFocus
        onFocus={(e) => e.currentTarget.setSelectionRange(text.length, text.length)}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
      />
      <div className="note__actions">
        <button type="button" className="btn btn--ghost btn--small" onClick={onDone}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn--primary btn--small" disabled={!text.trim()}>
          {t('p.notes.save')}
        </button>
      </div>
    </form>
  );
}

/** In place of a note just deleted, for a few seconds: Undo. */
export function NoteDeleted({ id, onUndo }: { id: string; onUndo: () => void }) {
  const t = useT();
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = undo.current;
    button?.focus();
    // When the deletion goes through, focus returns to the notes rather than to nowhere.
    return () => {
      if (document.activeElement === button || document.activeElement === document.body) document.getElementById('notes-now')?.focus();
    };
  }, []);
  return (
    <li className="note note--deleted" data-note-id={id}>
      <p role="status">{t('p.notes.deleted')}</p>
      <button type="button" className="btn btn--secondary btn--small" ref={undo} onClick={onUndo}>
        {t('p.notes.undo')}
      </button>
    </li>
  );
}
