import type { SessionSetup } from '../../../shared/protocol/schemas.ts';
import type { Locale } from '../../i18n/i18n.ts';

/**
 * A ready-made café for a multistakeholder policy event: three tables, three rounds, so everyone
 * meets every question once. Written in each language the app ships, because the questions are
 * what people will read on their phones.
 */
const TEMPLATES: Record<Locale, Omit<SessionSetup, 'language'>> = {
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
      {
        name: 'Confiance',
        question: 'Qu’est-ce qui donnerait confiance dans une identité numérique publique, et qui doit rendre des comptes en cas d’échec ?',
      },
      { name: 'Accès', question: 'Qui est aujourd’hui exclu des services numériques, et que faudrait-il pour l’inclure ?' },
      {
        name: 'Gouvernance',
        question: 'Comment États, entreprises et communautés devraient-ils partager les décisions sur une infrastructure numérique commune ?',
      },
    ],
  },
  es: {
    title: 'Construir juntos la infraestructura pública digital',
    description: 'Un World Café de múltiples partes interesadas bajo la regla de Chatham House.',
    rounds: 3,
    roundSeconds: 20 * 60,
    movingSeconds: 2 * 60,
    autoAdvance: false,
    tables: [
      {
        name: 'Confianza',
        question: '¿Qué haría que la gente confiara en un sistema público de identidad digital, y quién debería rendir cuentas cuando falla?',
      },
      { name: 'Acceso', question: '¿Quién queda hoy fuera de los servicios digitales, y qué haría falta para incluirlo?' },
      { name: 'Gobernanza', question: '¿Cómo deberían gobiernos, empresas y comunidades compartir las decisiones sobre una infraestructura digital común?' },
    ],
  },
  ar: {
    title: 'نبني معًا البنية التحتية الرقمية العامة',
    description: 'مقهى عالمي متعدد أصحاب المصلحة وفق قاعدة تشاتام هاوس.',
    rounds: 3,
    roundSeconds: 20 * 60,
    movingSeconds: 2 * 60,
    autoAdvance: false,
    tables: [
      { name: 'الثقة', question: 'ما الذي يجعل الناس يثقون بنظام عام للهوية الرقمية، ومن ينبغي أن يُساءل عندما يخفق؟' },
      { name: 'الوصول', question: 'من المستبعَد اليوم من الخدمات الرقمية، وما الذي يلزم لإشراكه؟' },
      { name: 'الحوكمة', question: 'كيف ينبغي للحكومات والشركات والمجتمعات أن تتقاسم القرارات بشأن بنية تحتية رقمية مشتركة؟' },
    ],
  },
  zh: {
    title: '共建数字公共基础设施',
    description: '遵循查塔姆研究所规则的多利益相关方世界咖啡馆。',
    rounds: 3,
    roundSeconds: 20 * 60,
    movingSeconds: 2 * 60,
    autoAdvance: false,
    tables: [
      { name: '信任', question: '怎样才能让人们信任公共数字身份系统？系统出问题时应由谁负责？' },
      { name: '接入', question: '今天谁被排除在数字服务之外？怎样才能让他们参与进来？' },
      { name: '治理', question: '政府、企业和社区应如何共同决定共享的数字基础设施？' },
    ],
  },
  ru: {
    title: 'Вместе создаём цифровую общественную инфраструктуру',
    description: 'Многостороннее World Café по правилу Чатем-хауса.',
    rounds: 3,
    roundSeconds: 20 * 60,
    movingSeconds: 2 * 60,
    autoAdvance: false,
    tables: [
      { name: 'Доверие', question: 'Что заставит людей доверять государственной системе цифровой идентификации и кто должен отвечать, когда она даёт сбой?' },
      { name: 'Доступ', question: 'Кто сегодня остаётся без цифровых услуг и что нужно, чтобы их подключить?' },
      { name: 'Управление', question: 'Как правительствам, компаниям и сообществам делить решения об общей цифровой инфраструктуре?' },
    ],
  },
};

/** The template in a language, held in that language: its groups and readout follow. */
export function template(locale: Locale): SessionSetup {
  return { ...structuredClone(TEMPLATES[locale]), language: locale };
}
