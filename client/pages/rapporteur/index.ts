import { registerEnglish } from '../../i18n/i18n.ts';
import english from '../../i18n/locales/en/harvest.json';
import '../../styles/harvest.css';

registerEnglish(english);

export { RapporteurApp } from './RapporteurApp.tsx';
