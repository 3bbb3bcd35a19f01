import { useEffect } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useParticipant } from '../state/participant.ts';
import type { Seat } from './call.ts';
import { Controls, Level } from './Controls.tsx';
import { Problem } from './Problem.tsx';
import { Roster, useRemoteCount } from './Roster.tsx';
import { engine, support, useAudio } from './store.ts';
import './strings.ts';

/**
 * Table audio on the phone or laptop page, at a table that takes remote people: for a remote
 * participant, joining their table's call; for its host, who is in it, and their phone as its
 * device; for anyone else in the room, why their phone stays out of it. The call lives on when this
 * panel is not shown (the rotation card), and follows each new seat by itself.
 */
export default function TableAudio() {
  const t = useT();
  const presence = useParticipant((s) => s.me?.presence);
  const isHost = useParticipant((s) => s.seat?.isHost === true);
  if (presence === 'remote') return <RemoteAudio />;
  if (isHost) return <HostAudio />;
  return (
    <p className="muted" data-testid="room-audio-note">
      {t('audio.roomNote')}
    </p>
  );
}

const start = (as: 'member' | 'device') => void engine().then((c) => c.startCall(as, participantSeat));
const stop = () => void engine().then((c) => c.stopCall());

/** Where the participant sits, as the call follows it: tables that take remote people only. */
const participantSeat: Seat = {
  read() {
    const s = useParticipant.getState();
    const table = s.seat?.table;
    return { tableId: table && table.mode !== 'room' ? table.id : null, open: s.session !== null && s.session.phase !== 'closed' && s.ended === null };
  },
  subscribe: (onChange) => useParticipant.subscribe(onChange),
};

function RemoteAudio() {
  const t = useT();
  const status = useAudio((s) => s.status);
  const self = useAudio((s) => s.self);
  const unable = support();
  return (
    <section className="card stack stack--sm audio" aria-labelledby="audio-title" data-testid="table-audio" data-status={status}>
      <h2 id="audio-title" className="section-title">
        {t('audio.title')}
      </h2>
      {status === 'off' && (
        <>
          <p>{t('audio.explain')}</p>
          {unable && (
            <p className="notice notice--error" role="alert" data-testid="audio-problem" data-problem={unable}>
              {t(`audio.problem.${unable}`)}
            </p>
          )}
          <button type="button" className="btn btn--primary btn--block" onClick={() => start('member')} data-testid="audio-join">
            {t('audio.join')}
          </button>
        </>
      )}
      {status === 'starting' && (
        <p className="muted" role="status">
          {t('audio.starting')}
        </p>
      )}
      {status === 'live' && self && (
        <>
          <p role="status" data-testid="audio-self" data-number={self.number}>
            {t('audio.you', { number: self.number })}
          </p>
          <Controls member />
          <Roster />
        </>
      )}
      <Problem />
      {status !== 'off' && (
        <button type="button" className="btn btn--ghost btn--block" onClick={stop} data-testid="audio-leave">
          {t('audio.leave')}
        </button>
      )}
    </section>
  );
}

/** The host in the room: who is in the call and who speaks, and their own phone as the table device. */
function HostAudio() {
  const t = useT();
  const status = useAudio((s) => s.status);
  const tableId = useParticipant((s) => s.seat?.table?.id);
  const hasDevice = useAudio((s) => s.status === 'live' || (s.roster?.members.some((m) => m.kind === 'device') ?? false));
  const count = useRemoteCount();
  useEffect(() => {
    if (status === 'off') void engine().then((c) => c.watchRoster());
  }, [status, tableId]);
  return (
    <section className="card stack stack--sm audio" aria-labelledby="audio-title" data-testid="host-audio" data-status={status}>
      <h2 id="audio-title" className="section-title">
        {t('audio.host.title')}
      </h2>
      <p data-testid="audio-count">{t('audio.count', { count })}</p>
      <Roster />
      {!hasDevice && <p className="notice">{t('audio.host.noDevice')}</p>}
      {status === 'live' && <Level label={t('audio.device.level')} />}
      {status !== 'off' && <Controls member={false} />}
      <Problem />
      {status === 'off' ? (
        <>
          <p className="muted">{t('audio.host.deviceHint')}</p>
          <button type="button" className="btn btn--secondary btn--block" onClick={() => start('device')} data-testid="audio-use-phone">
            {t('audio.host.useDevice')}
          </button>
        </>
      ) : (
        <button type="button" className="btn btn--ghost btn--block" onClick={stop}>
          {t('audio.host.stopDevice')}
        </button>
      )}
    </section>
  );
}
