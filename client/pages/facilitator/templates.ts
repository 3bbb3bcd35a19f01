import type { SessionSetup } from '../../../shared/protocol/schemas.ts';
import type { Locale } from '../../i18n/i18n.ts';

/**
 * A ready-made café for a multistakeholder policy event: three tables, three rounds, so everyone
 * meets every question once. Written in each language the app ships, because the questions are
 * what people will read on their phones.
 */
const TEMPLATES: Record<Locale, SessionSetup> = {
  en: {
    title: 'Shaping digital public infrastructure together',
    description: 'A multistakeholder World Café under the Chatham House Rule.',
    rounds: 3,
    roundSeconds: 20 * 60,
    movingSeconds: 2 * 60,
    autoAdvance: false,
    tables: [
      { name: 'Trust', question: 'What would make people trust a public digital identity system, and who should be accountable when it fails?' },
      { name: 'Access', question: 'Who is left out of digital services today, and what would it take to bring them in?' },
      { name: 'Governance', question: 'How should governments, companies and communities share decisions about shared digital infrastructure?' },
    ],
  },
  fr: {
    title: 'Construire ensemble l’infrastructure publique numérique',
    description: 'Un World Café multipartite sous la règle de Chatham House.',
    rounds: 3,
    roundSeconds: 20 * 60,
    movingSeconds: 2 * 60,
    autoAdvance: false,
    tables: [
      { name: 'Confiance', question: 'Qu’est-ce qui donnerait confiance dans une identité numérique publique, et qui doit rendre des comptes en cas d’échec ?' },
      { name: 'Accès', question: 'Qui est aujourd’hui exclu des services numériques, et que faudrait-il pour l’inclure ?' },
      { name: 'Gouvernance', question: 'Comment États, entreprises et communautés devraient-ils partager les décisions sur une infrastructure numérique commune ?' },
    ],
  },
};

export function template(locale: Locale): SessionSetup {
  return structuredClone(TEMPLATES[locale]);
}
