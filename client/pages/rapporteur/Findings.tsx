import { useId, useState } from 'react';
import type { FindingView } from '../../../shared/protocol/views.ts';
import { isKeepReason, KEEP_REASONS, keepReasonLabel, type KeepReason } from '../../../shared/harvest/attribution/reasons.ts';
import { useLocale, useT, type MessageId } from '../../i18n/i18n.ts';
import { useRapporteur, type RapporteurView } from '../../state/rapporteur.ts';
import { report } from '../../ui/toast.tsx';
import { run } from './session.ts';

const KINDS: Record<FindingView['kind'], MessageId> = {
  person: 'h.kind.person',
  organisation: 'h.kind.organisation',
  'self-identification': 'h.kind.selfIdentification',
  email: 'h.kind.email',
  phone: 'h.kind.phone',
  handle: 'h.kind.handle',
  url: 'h.kind.url',
  attribution: 'h.kind.attribution',
};

/** Where a finding's text comes from, in words: a note, a theme name, a synthesis, a host summary. */
function sourceLabel(view: RapporteurView, source: string, t: ReturnType<typeof useT>): string {
  const [kind, a] = source.split(':');
  const questionOf = (key: string | undefined) => view.questions.findIndex((q) => q.key === key) + 1;
  switch (kind) {
    case 'note': {
      const note = view.notes.find((n) => n.id === a);
      const q = view.questions.findIndex((x) => note && x.tableIds.includes(note.tableId)) + 1;
      return t('h.source.note', { n: q });
    }
    case 'theme':
      return t('h.source.theme', { name: view.harvest.themes.find((th) => th.id === a)?.name ?? '' });
    case 'synthesis':
      return t('h.source.synthesis', { n: questionOf(a) });
    case 'theme-synthesis':
      return t('b.source.themeFinding', { name: view.harvest.themes.find((th) => th.id === a)?.name ?? '' });
    case 'takeaway':
      return t('b.source.takeaway', { n: Number(a) + 1 });
    default:
      return t('h.source.summary');
  }
}

/** The attribution check: every finding with its sentence and suggested redaction, to redact or keep. */
export function Findings() {
  const t = useT();
  const view = useRapporteur((s) => s.view)!;
  const { findings, unresolved } = view.harvest;
  return (
    <section className="card stack" aria-labelledby="findings-title" data-testid="findings">
      <div className="row row--between row--wrap">
        <h2 id="findings-title" className="section-title">
          {t('h.findings')}
        </h2>
        <p className={unresolved ? 'notice notice--error' : 'notice'} role="status" data-testid="unresolved">
          {unresolved ? t('h.unresolved', { count: unresolved }) : t('h.allResolved')}
        </p>
      </div>
      <p className="muted">{t('h.findingsIntro')}</p>
      {findings.length > 0 && (
        <ul className="plain-list stack">
          {findings.map((f) => (
            <FindingRow key={f.key} finding={f} source={sourceLabel(view, f.source, t)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FindingRow({ finding, source }: { finding: FindingView; source: string }) {
  const t = useT();
  const id = useId();
  const [keeping, setKeeping] = useState(false);
  const [reason, setReason] = useState<KeepReason | ''>('');
  const locale = useLocale();
  const at = finding.sentence.indexOf(finding.match);
  return (
    <li className={`finding${finding.kept ? ' finding--kept' : ''}`} data-testid="finding" data-kind={finding.kind}>
      <p className="row row--wrap">
        <span className="kind">{t(KINDS[finding.kind])}</span>
        <span className="muted">{source}</span>
      </p>
      <p>
        {at < 0 ? (
          finding.sentence
        ) : (
          <>
            {finding.sentence.slice(0, at)}
            <mark>{finding.match}</mark>
            {finding.sentence.slice(at + finding.match.length)}
          </>
        )}
      </p>
      <p className="finding__suggestion">
        <span className="muted">{t('h.suggestion')}</span> {finding.suggestion}
      </p>
      {finding.kept ? (
        <p className="muted">
          {t('h.keptBecause', { reason: isKeepReason(finding.kept.reason) ? keepReasonLabel(finding.kept.reason, locale) : finding.kept.reason })}
        </p>
      ) : keeping ? (
        <form
          className="row row--wrap"
          onSubmit={async (e) => {
            e.preventDefault();
            if (reason) report(await run('finding:keep', { key: finding.key, reason }), t('h.done.kept'));
          }}
        >
          <label htmlFor={id}>{t('h.keepReason')}</label>
          <select id={id} className="input input--small" value={reason} onChange={(e) => setReason(e.target.value as KeepReason | '')} required>
            <option value="">{t('h.keepPick')}</option>
            {KEEP_REASONS.map((r) => (
              <option key={r} value={r}>
                {keepReasonLabel(r, locale)}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn--secondary btn--small" disabled={!reason}>
            {t('h.keepConfirm')}
          </button>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setKeeping(false)}>
            {t('h.cancel')}
          </button>
        </form>
      ) : (
        <div className="row row--wrap">
          <button
            type="button"
            className="btn btn--primary btn--small"
            onClick={async () => report(await run('finding:redact', { key: finding.key }), t('h.done.redacted'))}
          >
            {t('h.redact')}
          </button>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setKeeping(true)}>
            {t('h.keep')}
          </button>
        </div>
      )}
    </li>
  );
}
