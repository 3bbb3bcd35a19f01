import { useT } from '../i18n/i18n.ts';
import { engine, useAudio } from './store.ts';

/** A member's own signals: mute, "can't hear the table", a raised hand, and showing their name. */
export function Controls({ member }: { member: boolean }) {
  const t = useT();
  const muted = useAudio((s) => s.muted);
  const cantHear = useAudio((s) => s.cantHear);
  const hand = useAudio((s) => s.hand);
  const showName = useAudio((s) => s.showName);
  const canSpeak = useAudio((s) => s.problem !== 'microphone' && s.problem !== 'noMicrophone');
  return (
    <div className="audio-controls">
      {canSpeak && (
        <button
          type="button"
          className={`btn ${muted ? 'btn--primary' : 'btn--secondary'}`}
          aria-pressed={muted}
          onClick={() => void engine().then((c) => c.setMuted(!muted))}
          data-testid="audio-mute"
        >
          {muted ? t('audio.unmute') : t('audio.mute')}
        </button>
      )}
      {member && (
        <>
          <button
            type="button"
            className="btn btn--secondary"
            aria-pressed={cantHear}
            onClick={() => void engine().then((c) => c.setCantHear(!cantHear))}
            data-testid="audio-cant-hear"
          >
            {cantHear ? t('audio.canHear') : t('audio.cantHear')}
          </button>
          <button
            type="button"
            className="btn btn--secondary"
            aria-pressed={hand}
            onClick={() => void engine().then((c) => c.setHand(!hand))}
            data-testid="audio-hand"
          >
            {hand ? t('audio.handDown') : t('audio.hand')}
          </button>
          <label className="audio-controls__name">
            <input type="checkbox" checked={showName} onChange={(e) => void engine().then((c) => c.setShowName(e.target.checked))} />
            {t('audio.showName')}
          </label>
        </>
      )}
    </div>
  );
}

/** This page's own microphone level, so the room sees its sound goes in. */
export function Level({ label }: { label: string }) {
  const level = useAudio((s) => s.level);
  return (
    <div className="audio-level">
      <span>{label}</span>
      <meter min={0} max={1} value={level} aria-label={label} />
    </div>
  );
}
