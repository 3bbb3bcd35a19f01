import { registerEnglish } from '../../i18n/i18n.ts';
import english from '../../i18n/locales/en/display.json';
import '../../styles/display.css';

registerEnglish(english);

export { DisplayApp } from './DisplayApp.tsx';
