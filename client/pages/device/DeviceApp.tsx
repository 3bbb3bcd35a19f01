import { useEffect, useState } from 'react';
import { startCall, stopCall } from '../../audio/call.ts';
import { Controls, Level } from '../../audio/Controls.tsx';
import { Problem } from '../../audio/Problem.tsx';
import { Roster, useRemoteCount } from '../../audio/Roster.tsx';
import { support, useAudio } from '../../audio/store.ts';
import { useT } from '../../i18n/i18n.ts';
import { useConnection } from '../../state/connection.ts';
import { BroadcastBanner } from '../../ui/BroadcastBanner.tsx';
import { ConnectionBadge } from '../../ui/ConnectionBadge.tsx';
import { Countdown } from '../../ui/Countdown.tsx';
import { RoundWarning } from '../../ui/RoundWarning.tsx';
import { Header } from '../../ui/Header.tsx';
import { deviceSeat, startDevice, stopDevice, useDevice } from './session.ts';

/**
 * The table device's screen, read from across the table: how many remote people are connected,
 * who of them is speaking, who cannot hear the room or has a hand up, and who could not connect.
 */
export function DeviceApp({ sessionId }: { sessionId: string }) {
  const t = useT();
  const [started, setStarted] = useState<'started' | 'no-credentials' | null>(null);
  const status = useConnection((s) => s.status);
  const { session, table, broadcast, ended } = useDevice();
  const call = useAudio((s) => s.status);
  const count = useRemoteCount();
  const [dismissed, setDismissed] = useState<string | null>(null);

  useEffect(() => {
    // Starting opens the connection (an effect by nature) and says whether this link can be used.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setStarted(startDevice(sessionId));
    return () => {
      void stopCall();
      stopDevice();
    };
  }, [sessionId]);

  let body: React.ReactNode;
  if (started === 'no-credentials') body = <p className="notice notice--error">{t('audio.device.noCredentials')}</p>;
  else if (ended)
    body = (
      <p className="notice notice--error" data-testid="device-ended">
        {t('audio.device.replacedLink')}
      </p>
    );
  else if (status === 'refused')
    body = (
      <p className="notice notice--error" data-testid="device-ended">
        {t('audio.device.replacedLink')}
      </p>
    );
  else if (!session || !table)
    body = (
      <p className="loading" role="status">
        {t('audio.device.connecting')}
      </p>
    );
  else {
    const closed = session.phase === 'closed';
    const unable = support();
    body = (
      <div className="stack" data-testid="device" data-table-id={table.id} data-status={call}>
        {broadcast && dismissed !== broadcast.id && <BroadcastBanner broadcast={broadcast} onDismiss={() => setDismissed(broadcast.id)} />}
        <div className="stack stack--xs">
          <p className="eyebrow">{t('audio.device.title')}</p>
          <h1 className="table-name">{table.name}</h1>
          <p className="question">{table.question}</p>
          <Countdown timer={session.timer} className="countdown--hero" warnMs={session.phase === 'round' ? (session.warnMs ?? 0) : undefined} />
          <RoundWarning session={session} className="round-warning--phone" />
        </div>
        {closed ? (
          <p className="notice">{t('audio.device.closed')}</p>
        ) : call === 'off' ? (
          <div className="card stack stack--sm">
            <p>{t('audio.device.explain')}</p>
            {unable && (
              <p className="notice notice--error" role="alert">
                {t(`audio.problem.${unable}`)}
              </p>
            )}
            <button
              type="button"
              className="btn btn--primary btn--large btn--block"
              onClick={() => void startCall('device', deviceSeat)}
              data-testid="device-start"
            >
              {t('audio.device.start')}
            </button>
          </div>
        ) : (
          <div className="card stack stack--sm">
            <p role="status">{call === 'live' ? t('audio.device.live') : t('audio.starting')}</p>
            <p className="device__count" data-testid="audio-count">
              {t('audio.count', { count })}
            </p>
            <Roster large />
            <Level label={t('audio.device.level')} />
            <Controls member={false} />
            <button type="button" className="btn btn--ghost" onClick={() => void stopCall()}>
              {t('audio.device.stop')}
            </button>
          </div>
        )}
        <Problem />
      </div>
    );
  }

  return (
    <div className="page">
      <Header home={false}>
        <ConnectionBadge />
      </Header>
      <main id="main" className="device">
        {body}
      </main>
    </div>
  );
}
