import { loadNamespace, registerEnglish } from '../../i18n/i18n.ts';
import english from '../../i18n/locales/en/later.json';

// The strings of the phone's parts that load after its first screen travel with them (see later.ts).
registerEnglish(english);
void loadNamespace('later');
