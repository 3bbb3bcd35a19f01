import { i18n, type Messages } from '@lingui/core';
import { registerEnglish } from '../i18n/i18n.ts';
import english from '../i18n/locales/en/audio.json';
import french from '../i18n/locales/fr/audio.json';
import '../styles/audio.css';

// Table audio's strings (in both languages, 1 kB) and styles travel with its code, which most
// phones never load, rather than adding to the loader every page starts with.
registerEnglish(english);
// A copy: Lingui merges later catalogs into the first object it was given.
i18n.load('fr', { ...(french as unknown as Messages) });
