import { useId, useState } from 'react';
import { Limits } from '../../../shared/protocol/limits.ts';
import { useT } from '../../i18n/i18n.ts';
import { useRapporteur } from '../../state/rapporteur.ts';
import { report } from '../../ui/toast.tsx';
import { run } from './session.ts';

/** The question's synthesis, under the board. */
export function QuestionSynthesis({ questionKey }: { questionKey: string }) {
  const t = useT();
  const id = useId();
  const saved = useRapporteur((s) => s.view?.harvest.syntheses[questionKey] ?? '');
  const [text, setText] = useState(saved);
  return (
    <form
      className="card stack stack--sm"
      onSubmit={async (e) => {
        e.preventDefault();
        report(await run('synthesis:write', { question: questionKey, text }), t('h.done.synthesis'));
      }}
    >
      <label htmlFor={id} className="card__title">
        {t('h.synthesis')}
      </label>
      <textarea id={id} className="input" rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={Limits.synthesisChars} />
      <div>
        <button type="submit" className="btn btn--secondary" disabled={text === saved}>
          {t('h.saveSynthesis')}
        </button>
      </div>
    </form>
  );
}

/** The key takeaways across questions, one a line; without any, the readout draws them from the key findings. */
export function Takeaways() {
  const t = useT();
  const id = useId();
  const saved = useRapporteur((s) => s.view?.harvest.takeaways ?? []);
  const [text, setText] = useState(saved.join('\n'));
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const tooMany = lines.length > Limits.maxTakeaways;
  return (
    <form
      className="card stack stack--sm"
      aria-labelledby={`${id}-title`}
      onSubmit={async (e) => {
        e.preventDefault();
        report(await run('takeaways:write', { texts: lines }), t('b.did.takeaways'));
      }}
    >
      <h2 id={`${id}-title`} className="section-title">
        {t('b.takeaways')}
      </h2>
      <label htmlFor={id}>{t('b.takeawaysLabel', { max: Limits.maxTakeaways })}</label>
      <textarea id={id} className="input" rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={tooMany} />
      <div>
        <button type="submit" className="btn btn--secondary" disabled={tooMany || lines.join('\n') === saved.join('\n')}>
          {t('b.saveTakeaways')}
        </button>
      </div>
    </form>
  );
}
