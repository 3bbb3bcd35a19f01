import type { AudioMemberView } from '../../shared/protocol/audio.ts';
import { useT } from '../i18n/i18n.ts';
import { othersIn, useAudio } from './store.ts';

/**
 * Who else is in the table's call, each as "the room" or "remote 2" (or the name they chose to
 * show), with who is speaking now and each one's signals: muted, can't hear you, hand raised, and
 * why they could not connect. `large` is the table device's screen, read from across a table.
 */
export function Roster({ large = false }: { large?: boolean }) {
  const t = useT();
  const roster = useAudio((s) => s.roster);
  const self = useAudio((s) => s.self);
  const peers = useAudio((s) => s.peers);
  const live = useAudio((s) => s.status === 'live');
  const others = othersIn({ roster, self });
  if (!others.length) return <p className="muted">{t('audio.nobody')}</p>;
  return (
    <ul className={`audio-roster${large ? ' audio-roster--large' : ''}`} aria-label={t('audio.title')} data-testid="audio-roster">
      {others.map((m) => {
        const peer = live ? peers.get(m.address) : undefined;
        const speaking = peer?.speaking === true && !m.muted;
        return (
          <li
            key={m.address}
            className={`audio-member${speaking ? ' audio-member--speaking' : ''}`}
            data-testid="audio-member"
            data-kind={m.kind}
            data-state={peer?.state ?? 'none'}
            data-trouble={m.trouble ?? 'none'}
            data-speaking={speaking}
          >
            <span className="audio-member__dot" aria-hidden="true" />
            <span className="audio-member__name">{label(t, m)}</span>
            <span className="audio-member__signals">
              {flags(t, m, peer?.state, speaking).map((f) => (
                <span key={f.key} className={`audio-flag audio-flag--${f.key}`}>
                  {f.text}
                </span>
              ))}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

type T = ReturnType<typeof useT>;

export function label(t: T, m: AudioMemberView): string {
  if (m.kind === 'device') return t('audio.member.device');
  return m.name ? t('audio.member.named', { name: m.name, number: m.number }) : t('audio.member.remote', { number: m.number });
}

function flags(t: T, m: AudioMemberView, state: string | undefined, speaking: boolean) {
  const out: { key: string; text: string }[] = [];
  if (m.trouble) out.push({ key: 'trouble', text: t(`audio.trouble.${m.trouble}`) });
  else if (state === 'failed') out.push({ key: 'trouble', text: t('audio.state.failed') });
  else if (state === 'connecting') out.push({ key: 'connecting', text: t('audio.state.connecting') });
  if (m.cantHear) out.push({ key: 'cantHear', text: t('audio.state.cantHear') });
  if (m.hand) out.push({ key: 'hand', text: t('audio.state.hand') });
  if (m.muted) out.push({ key: 'muted', text: t('audio.state.muted') });
  if (speaking) out.push({ key: 'speaking', text: t('audio.state.speaking') });
  return out;
}

/** How many remote people are in the call (and connected to this page, when it is in it). */
export function useRemoteCount(): number {
  return useAudio(
    (s) =>
      othersIn(s).filter((m) => m.kind === 'remote' && m.trouble !== 'unsupported' && (s.status !== 'live' || s.peers.get(m.address)?.state === 'connected'))
        .length,
  );
}
