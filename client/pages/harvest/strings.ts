import { loadNamespace, registerEnglish } from '../../i18n/i18n.ts';
import english from '../../i18n/locales/en/harvest.json';
import '../../styles/harvest.css';

// The harvest's strings travel with the parts of the participant and facilitator screens that use them.
registerEnglish(english);
void loadNamespace('harvest');
