import { registerEnglish } from '../../i18n/i18n.ts';
import english from '../../i18n/locales/en/participant.json';
import '../../styles/participant.css';

registerEnglish(english);

export { JoinPage } from './JoinPage.tsx';
export { ParticipantApp } from './ParticipantApp.tsx';
