import { registerEnglish } from '../../i18n/i18n.ts';
import english from '../../i18n/locales/en/facilitator.json';
import '../../styles/facilitator.css';

registerEnglish(english);

export { Console } from './Console.tsx';
export { NewSession } from './NewSession.tsx';
