import { useT } from '../i18n/i18n.ts';
import { useAudio } from './store.ts';

/** Why this page has no working audio, and what to do about it; or why the server ended it. */
export function Problem() {
  const t = useT();
  const problem = useAudio((s) => s.problem);
  const refusal = useAudio((s) => s.refusal);
  const ended = useAudio((s) => s.ended);
  return (
    <>
      {problem && (
        <p
          className={`notice${problem === 'microphone' || problem === 'noMicrophone' ? '' : ' notice--error'}`}
          role="alert"
          data-testid="audio-problem"
          data-problem={problem}
        >
          {t(`audio.problem.${problem}`)}
        </p>
      )}
      {refusal && (
        <p className="notice notice--error" role="alert" data-testid="audio-refusal">
          {refusal}
        </p>
      )}
      {ended && (
        <p className="notice" role="status" data-testid="audio-ended" data-reason={ended}>
          {t(`audio.ended.${ended}`)}
        </p>
      )}
    </>
  );
}
