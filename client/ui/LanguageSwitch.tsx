import { useId } from 'react';
import { LANGUAGE_NAMES, LOCALES, setLocale, useLocale, useT, type Locale } from '../i18n/i18n.ts';

/** On every page: events are international, and the browser's guess is not always right. */
export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  return (
    <div className="lang">
      <label htmlFor={id} className="visually-hidden">
        {t('lang.label')}
      </label>
      <select id={id} className="lang__select" value={locale} onChange={(e) => void setLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l} dir="auto">
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
