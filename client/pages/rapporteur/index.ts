import { loadNamespace, registerEnglish } from '../../i18n/i18n.ts';
import english from '../../i18n/locales/en/harvest.json';
import board from '../../i18n/locales/en/board.json';
import '../../styles/harvest.css';
import '../../styles/board.css';

// The board's strings are the rapporteur's alone: they never travel to a phone.
registerEnglish(english);
registerEnglish(board);
void loadNamespace('harvest');
void loadNamespace('board');

export { RapporteurApp } from './RapporteurApp.tsx';
