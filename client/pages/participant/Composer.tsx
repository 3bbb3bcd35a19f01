import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { NoteKind } from '../../../shared/domain/enums.ts';
import { Limits } from '../../../shared/protocol/limits.ts';
import { useT } from '../../i18n/i18n.ts';
import { useParticipant } from '../../state/participant.ts';
import { composerTarget } from '../../state/participantSelectors.ts';
import { KIND_LABEL } from '../../ui/KindTag.tsx';
import { writeNote } from './session.ts';

const KINDS = Object.values(NoteKind);

/**
 * Anchored to the bottom of the phone, in reach of a thumb. Sending never waits for the network:
 * the note is kept on the device and shows as pending until the server has it.
 */
export function Composer() {
  const t = useT();
  const id = useId();
  // Derived from the whole state: a selector returning a fresh object would re-render forever.
  const target = composerTarget(useParticipant());
  const [text, setText] = useState('');
  const [kind, setKind] = useState<NoteKind | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);

  if (!target) return null;

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!writeNote(text, kind)) return;
    setText('');
    setKind(null);
    field.current?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Ctrl/Cmd+Enter sends from a laptop keyboard; Enter alone keeps its newline.
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
  };
  const left = Limits.noteChars - text.length;

  return (
    <form className="composer" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="composer">
      <p id={`${id}-title`} className="composer__target">
        {target.late ? t('p.composer.late', { table: target.tableName }) : t('p.composer.title', { table: target.tableName })}
      </p>
      <div className="chips" role="group" aria-label={t('p.composer.kind')}>
        {KINDS.map((k) => (
          <button key={k} type="button" className={`chip chip--${k}`} aria-pressed={kind === k} onClick={() => setKind(kind === k ? null : k)}>
            {t(KIND_LABEL[k])}
          </button>
        ))}
      </div>
      <div className="composer__row">
        <label htmlFor={`${id}-text`} className="visually-hidden">
          {t('p.composer.label')}
        </label>
        <textarea
          id={`${id}-text`}
          ref={field}
          className="input composer__input"
          rows={2}
          value={text}
          maxLength={Limits.noteChars}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
          placeholder={t('p.composer.placeholder')}
          aria-describedby={left < 100 ? `${id}-left` : undefined}
        />
        <button type="submit" className="btn btn--primary composer__send" disabled={!text.trim()}>
          {t('p.composer.send')}
        </button>
      </div>
      {left < 100 && (
        <p id={`${id}-left`} className="field__hint">
          {t('p.composer.left', { count: left })}
        </p>
      )}
    </form>
  );
}
