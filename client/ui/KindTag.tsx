import type { NoteKind } from '../../shared/domain/enums.ts';
import { useT, type MessageId } from '../i18n/i18n.ts';

export const KIND_LABEL: Record<NoteKind, MessageId> = {
  idea: 'kind.idea',
  question: 'kind.question',
  agreement: 'kind.agreement',
  disagreement: 'kind.disagreement',
  action: 'kind.action',
};

export function KindTag({ kind }: { kind: NoteKind }) {
  const t = useT();
  return <span className={`kind kind--${kind}`}>{t(KIND_LABEL[kind])}</span>;
}
