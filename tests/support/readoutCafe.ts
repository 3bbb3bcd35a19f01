import type { Actor } from '../../shared/commands/spec.ts';
import type { Language } from '../../shared/domain/enums.ts';
import { currentFindings } from '../../shared/commands/harvest.ts';
import type { ReadoutInput } from '../../shared/harvest/readout.ts';
import { STAKEHOLDER_GROUPS } from '../../shared/domain/stakeholders.ts';
import type { KeepReason } from '../../shared/harvest/attribution/index.ts';
import { Cafe, guest, participant, setup } from './domain.ts';

/**
 * A whole café, fixed to the last byte, for the readout's golden files: 30 people from five
 * stakeholder groups (names in eight scripts, five of them online) at six tables, three guiding
 * questions, three rounds of notes in six languages; a rapporteur who sorts, merges, sets aside
 * and resolves every attribution finding (two kept, for a stated reason); a facilitator who hides
 * an abusive note; dot votes. In the third round only two people write for the third question:
 * the appendix must not give that round.
 */

export const READOUT_NOW = Date.UTC(2026, 10, 24, 17, 5);

/** Everyone in the room, with long names in several scripts: none may ever reach a readout. */
export const PEOPLE = [
  { name: 'Amaka Chukwuemeka-Okafor', group: 'Government' },
  { name: 'Jürgen Weiß-Hoffmann', group: 'Private sector' },
  { name: '小林 花子', group: 'Academia' },
  { name: 'Олег Петрович Смирнов', group: 'Government' },
  { name: 'Nguyễn Thị Lan Anh', group: 'Civil society' },
  { name: 'Siobhán Ní Bhriain', group: 'Technical community' },
  { name: 'محمد بن عبد الله الأمين', group: 'Government' },
  { name: 'Zoë Lefèvre-Moreau', group: 'Civil society' },
  { name: 'María José Fernández de la Cruz', group: 'Private sector' },
  { name: 'Kwabena Owusu-Ansah', group: 'Technical community' },
  { name: 'Priya Raghunathan Iyer', group: 'Government' },
  { name: 'Ingrid Solveig Haugen', group: 'Civil society' },
  { name: 'Tevita Fifita Taufa', group: 'Government' },
  { name: 'Chen Jiayi 陈佳怡', group: 'Private sector' },
  { name: 'Laila Haddad-Khoury', group: 'Civil society' },
  { name: 'Bongani Sibusiso Dlamini', group: 'Technical community' },
  { name: 'Anahí Quispe Mamani', group: 'Civil society' },
  { name: 'Władysław Grzegorz Brzęczyszczykiewicz', group: 'Government' },
  { name: 'Fatoumata Binta Diallo', group: 'Private sector' },
  { name: 'ยุพิน ศรีสวัสดิ์', group: 'Technical community' },
  { name: 'Ηλέκτρα Παπαδοπούλου', group: 'Civil society' },
  { name: 'Rhys Llewelyn ap Gruffydd', group: 'Academia' },
  { name: 'Aigerim Nurlanqyzy Zhaksylykova', group: 'Government' },
  { name: 'Joaquim Pereira dos Santos', group: 'Private sector' },
  { name: 'Mele Kaufana Havili', group: 'Civil society' },
  { name: 'Dawit Alemayehu Tesfaye', group: 'Technical community' },
  { name: 'Saoirse Nic Giolla Phádraig', group: 'Civil society' },
  { name: 'Hamid Reza Tehrani-Zadeh', group: 'Government' },
  { name: 'Esi Afriyie Boateng', group: 'Private sector' },
  { name: 'Oksana Ivanivna Kovalenko', group: 'Technical community' },
] as const;
const REMOTE = new Set([4, 11, 17, 23, 29]);

export const QUESTIONS = [
  'Who should govern digital identity systems, and how should they be held to account?',
  'How should open digital infrastructure be funded over the long term?',
  'What does meaningful public consultation look like before a system is deployed?',
] as const;

/** Each note a theme key (or what becomes of it) and its words. */
type Pool = readonly (readonly [string, string])[];
const POOLS: readonly Pool[] = [
  [
    ['oversight', 'An independent regulator, not the ministry that runs the system, should audit it every year.'],
    ['oversight', 'Les audits doivent être publiés en entier, pas seulement un résumé.'],
    ['oversight', 'Parliament needs the power to call the operator to account, with real sanctions.'],
    ['oversight', 'يجب أن تخضع أنظمة الهوية الرقمية لرقابة هيئة مستقلة تنشر تقاريرها للجميع.'],
    ['consent', 'People must be able to see who looked at their record, and when.'],
    ['consent', 'El consentimiento debe poder retirarse en cualquier momento, sin perder el acceso a servicios básicos.'],
    ['consent', '数据只能用于收集时说明的目的。'],
    ['inclusion', 'Nobody should lose access to health care because they have no ID card yet.'],
    ['inclusion', 'Регистрация должна быть бесплатной и доступной в сельских районах.'],
    ['inclusion-dup', 'Offline alternatives must stay, for people without phones.'],
    ['oversight', 'As the Secretary-General said last year, oversight must be independent to be trusted.'],
    ['off-topic', 'Can we get the slides from this morning’s plenary?'],
    ['duplicate', 'An independent regulator should audit it every year.'],
  ],
  [
    ['maintenance', 'Maintenance needs a budget line of its own, not a one-off grant.'],
    ['maintenance', 'Les logiciels publics ont besoin d’équipes permanentes, pas de projets de deux ans.'],
    ['maintenance', 'Fund the boring parts: security updates, documentation, support.'],
    ['maintenance', 'يجب تخصيص ميزانية دائمة لصيانة البنية التحتية الرقمية المفتوحة.'],
    ['public-money', 'Public money, public code: what taxpayers fund should be open.'],
    ['public-money', 'La financiación pública debería exigir licencias abiertas.'],
    ['public-money', '公共资金资助的软件应当开源，并允许其他国家复用。'],
    ['pooling', 'Regional pooling lets small states share the cost of one shared platform.'],
    ['pooling', 'Совместное финансирование несколькими странами снижает риски для каждой.'],
    ['pooling', 'Development banks could guarantee ten years of funding for shared platforms.'],
    ['pooling', 'Ada Lovelace would have loved a shared, open platform like this.'],
    ['off-topic', 'The Wi-Fi in room B keeps dropping.'],
    ['abusive', 'Anyone who disagrees with this is an idiot.'],
  ],
  [
    ['early', 'Consult before the tender is written, not after the contract is signed.'],
    ['early', 'La consultation doit commencer avant le choix technique.'],
    ['early', 'يجب أن تبدأ المشاورة العامة قبل كتابة المواصفات التقنية.'],
    ['reach', 'Go where people are: markets, clinics and community radio, not only online forms.'],
    ['reach', 'Los materiales deben estar en las lenguas locales, no solo en la lengua oficial.'],
    ['reach', '应当为残障人士提供无障碍的参与方式。'],
    ['feedback', 'Publish what was changed because of the consultation, and what was not, and why.'],
    ['feedback', 'Участники должны видеть, что стало с их предложениями.'],
    ['feedback', 'A consultation without a published answer is just a survey.'],
    ['unused', 'Maybe a pilot in two districts first?'],
    ['off-topic', 'Who is organising the dinner tonight?'],
  ],
];

const THEMES: Record<string, { question: number; name: string; key?: boolean; synthesis: string }> = {
  oversight: {
    question: 0,
    name: 'Independent oversight',
    key: true,
    synthesis:
      'Oversight must sit outside the body that runs the system: an independent regulator, audits published in full, and a parliament able to sanction.',
  },
  consent: {
    question: 0,
    name: 'Consent and control',
    key: true,
    synthesis: 'People should see who used their data and be able to withdraw consent without losing basic services.',
  },
  inclusion: {
    question: 0,
    name: 'Nobody left without services',
    synthesis: 'Registration must be free and close to people, and services must not depend on holding an ID yet.',
  },
  'inclusion-dup': { question: 0, name: 'Offline alternatives', synthesis: '' },
  maintenance: {
    question: 1,
    name: 'Maintenance as a budget line',
    key: true,
    synthesis: 'What keeps infrastructure safe is permanent, unglamorous work; it needs recurrent budgets rather than project grants.',
  },
  'public-money': {
    question: 1,
    name: 'Public money, public code',
    synthesis: 'Public funding should come with open licences, so that others can reuse what was paid for.',
  },
  pooling: {
    question: 1,
    name: 'Pooling across countries',
    key: true,
    synthesis: 'Small countries can share the cost and the risk of one platform, with long guarantees from development banks.',
  },
  early: {
    question: 2,
    name: 'Consult before choices are made',
    key: true,
    synthesis: 'Consultation comes before the specifications and the tender, while the answer can still change the design.',
  },
  reach: {
    question: 2,
    name: 'Reach people where they are',
    synthesis: 'Meetings in markets and clinics, local languages and accessible formats reach those online forms miss.',
  },
  feedback: {
    question: 2,
    name: 'Say what became of each proposal',
    synthesis: 'A consultation earns trust when it publishes what changed because of it, what did not, and why.',
  },
};

/** Which notes the rapporteur quotes, by theme: the pool's index of the words chosen. */
// Two quotes name someone outside the room (the Secretary-General, Ada Lovelace): the rapporteur keeps those with a reason.
const QUOTED: Record<string, readonly number[]> = {
  oversight: [0, 3, 10],
  consent: [5],
  maintenance: [0, 1],
  pooling: [7, 10],
  early: [2],
  feedback: [8],
  'public-money': [6],
};

const TAKEAWAYS = [
  'Trust in digital public infrastructure rests on oversight that is independent of whoever runs it.',
  'Infrastructure is kept safe by recurrent budgets for maintenance, which small states can pool.',
  'Consultation must come early, reach people offline and in their languages, and answer back.',
];

const rapporteur: Actor = { role: 'rapporteur', rapporteurId: 'r-1' };
const facilitator: Actor = { role: 'facilitator' };

export interface ReadoutCafe {
  cafe: Cafe;
  input: Partial<ReadoutInput>;
  /** Every string that must never appear in a readout. */
  names: string[];
}

/** `notesPerRound`: how many notes each person writes a round (by their index); the golden café writes one or two. */
export function readoutCafe(
  options: { language?: Language; takeaways?: boolean; notesPerRound?: (person: number, round: number) => number } = {},
): ReadoutCafe {
  const cafe = new Cafe(
    setup({
      title: 'Trust in digital public infrastructure',
      description:
        'A pre-event café of the regional Internet governance forum.\n\nThree guiding questions on how digital identity, payments and data exchange can be governed, funded and consulted on, with people from every stakeholder group.',
      date: '2026-11-23',
      place: 'Kigali Convention Centre, Kigali',
      ...(options.language ? { language: options.language } : {}),
      tables: QUESTIONS.flatMap((question) => [{ question }, { question }]),
      rounds: 3,
      roundSeconds: 25 * 60,
    }),
  );
  cafe.now += 60_000;
  const ids = PEOPLE.map((p, i) => {
    const participantId = `p-${String(i + 1).padStart(2, '0')}`;
    // The same group in the session's language: a French café offers "Gouvernement".
    const group = STAKEHOLDER_GROUPS[options.language ?? 'en'][STAKEHOLDER_GROUPS.en.indexOf(p.group)]!;
    cafe.do(
      { type: 'participant:join', participantId, tokenHash: `h-${participantId}`, name: p.name, group, presence: REMOTE.has(i) ? 'remote' : 'room' },
      guest,
    );
    return participantId;
  });
  cafe.do({ type: 'rapporteur:invite', rapporteurId: 'r-1', tokenHash: 'rh-1' });
  cafe.do({ type: 'seating:assign' });

  const questionOfTable = (tableId: string) => Math.floor((Number(tableId.slice(1)) - 1) / 2);
  const notes: { id: string; question: number; index: number }[] = [];
  const cursor = [0, 0, 0];
  for (const round of [1, 2, 3]) {
    cafe.do({ type: 'round:start', round });
    cafe.advance(60_000);
    let q3writers = 0;
    for (const [i, pid] of ids.entries()) {
      const tableId = cafe.tableOf(pid)!;
      const question = questionOfTable(tableId);
      // The small cell: in round 3, only two people write for the third question.
      if (round === 3 && question === 2 && ++q3writers > 2) continue;
      const count = options.notesPerRound?.(i, round) ?? ((i + round) % 3 === 0 ? 2 : 1);
      for (let n = 0; n < count; n++) {
        const pool = POOLS[question]!;
        const index = cursor[question]!++ % pool.length;
        const id = `note-r${round}-${String(i + 1).padStart(2, '0')}-${n}`;
        cafe.do({ type: 'note:add', id, tableId, round, text: pool[index]![1] }, participant(pid));
        notes.push({ id, question, index });
        cafe.advance(7_000);
      }
    }
    cafe.do({ type: 'round:end', round });
  }

  // The rapporteur's work: a theme per key, then every note to its place.
  const themeIds = new Map<string, string>();
  for (const [key, theme] of Object.entries(THEMES)) {
    const id = `theme-${key}`;
    cafe.do({ type: 'theme:create', id, question: `q${theme.question + 1}`, name: theme.name }, rapporteur);
    if (theme.key) cafe.do({ type: 'theme:mark', id, key: true }, rapporteur);
    themeIds.set(key, id);
  }
  for (const n of notes) {
    const key = POOLS[n.question]![n.index]![0];
    if (key === 'off-topic' || key === 'duplicate' || key === 'abusive') cafe.do({ type: 'note:setAside', noteId: n.id, reason: key }, rapporteur);
    else if (key !== 'unused') cafe.do({ type: 'note:sort', noteId: n.id, themeId: themeIds.get(key)! }, rapporteur);
  }
  // The facilitator hides the first abusive note; "Offline alternatives" turns out to repeat "Nobody left without services".
  cafe.do({ type: 'note:hide', id: notes.find((n) => POOLS[n.question]![n.index]![0] === 'abusive')!.id, hidden: true }, facilitator);
  cafe.do({ type: 'theme:merge', id: themeIds.get('inclusion-dup')!, into: themeIds.get('inclusion')! }, rapporteur);
  cafe.do(
    {
      type: 'synthesis:write',
      question: 'q1',
      text: 'Participants agreed that a digital identity system earns trust only when someone other than its operator can look inside it, and when people keep control over their own records. Inclusion came up at every table: services must not wait for an ID.',
    },
    rapporteur,
  );
  cafe.do(
    {
      type: 'synthesis:write',
      question: 'q2',
      text: 'The tables converged on recurrent funding for maintenance rather than new projects, and on open licences as the condition of public money.',
    },
    rapporteur,
  );
  cafe.do(
    {
      type: 'synthesis:write',
      question: 'q3',
      text: 'Consultation was seen as worthwhile only when it starts early, reaches people offline and in their own languages, and reports back on every proposal.',
    },
    rapporteur,
  );

  cafe.do({ type: 'harvest:open' });
  cafe.do({ type: 'vote:configure', votesPerParticipant: 3 });
  const live = [...themeIds.entries()].filter(([key]) => key !== 'inclusion-dup').map(([, id]) => id);
  for (const [i, pid] of ids.entries()) {
    if (i % 5 === 4) continue; // some never vote
    cafe.do({ type: 'vote:cast', themeId: live[(i * 7) % live.length]!, dots: 2 }, participant(pid));
    cafe.do({ type: 'vote:cast', themeId: live[(i * 3 + 1) % live.length]!, dots: 1 }, participant(pid));
  }

  // The rapporteur's choices for the report, by command: the quotes, each theme's finding, the takeaways.
  const quotes = new Map<string, string[]>();
  for (const [key, indexes] of Object.entries(QUOTED)) {
    const question = THEMES[key]!.question;
    const chosen = indexes.map((index) => notes.find((n) => n.question === question && n.index === index && !cafe.state.notes.get(n.id)!.hidden)!.id);
    for (const noteId of chosen) cafe.do({ type: 'quote:choose', noteId, chosen: true }, rapporteur);
    quotes.set(themeIds.get(key)!, chosen);
  }
  for (const [key, id] of themeIds)
    if (THEMES[key]!.synthesis && key !== 'inclusion-dup') cafe.do({ type: 'synthesis:write', themeId: id, text: THEMES[key]!.synthesis }, rapporteur);
  if (options.takeaways !== false) cafe.do({ type: 'takeaways:write', texts: [...TAKEAWAYS] }, rapporteur);

  // Every attribution finding in what is published resolved: the public figure and the historical one kept, the rest redacted.
  const keep: Record<string, KeepReason> = { 'secretary-general': 'public-role', 'ada lovelace': 'not-a-participant' };
  for (let guard = 0; guard < 200; guard++) {
    const open = currentFindings(cafe.state).find((f) => !f.kept);
    if (!open) break;
    const reason = Object.entries(keep).find(([k]) => open.match.toLowerCase().includes(k))?.[1];
    if (reason) cafe.do({ type: 'finding:keep', key: open.key, reason }, rapporteur);
    else cafe.do({ type: 'finding:redact', key: open.key }, rapporteur);
  }

  // The same choices as an explicit input: a preview or a test may pass them; they agree with the state.
  const input: Partial<ReadoutInput> = {
    quotes,
    themeSyntheses: new Map(
      [...themeIds]
        .filter(([key]) => THEMES[key]!.synthesis && key !== 'inclusion-dup')
        .map(([, id]) => [id, cafe.state.harvest.themes.get(id)!.synthesis!] as const),
    ),
    takeaways: [...(cafe.state.harvest.takeaways ?? [])],
  };
  const names = PEOPLE.flatMap((p) => [p.name, ...p.name.split(/[\s-]+/).filter((part) => part.length >= 4)]);
  return { cafe, input, names };
}
