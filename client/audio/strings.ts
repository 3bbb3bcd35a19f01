import { loadNamespace, registerEnglish } from '../i18n/i18n.ts';
import english from '../i18n/locales/en/audio.json';
import '../styles/audio.css';

// Table audio's English strings and styles travel with its code, which most phones never load,
// rather than adding to the loader every page starts with; other languages load on demand, one
// at a time, like every role's catalog.
registerEnglish(english);
void loadNamespace('audio');
