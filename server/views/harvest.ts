import { currentFindings, dotsCast } from '../../shared/commands/harvest.ts';
import type { ParticipantId, SessionState } from '../../shared/domain/state.ts';
import { liveTheme, questionsOf } from '../../shared/domain/state.ts';
import { redactAll } from '../../shared/harvest/attribution/index.ts';
import { attributionCacheOf } from '../sessions/attribution.ts';
import { rosterOf } from '../../shared/harvest/sources.ts';
import { describeFate } from '../../shared/harvest/types.ts';
import { isSuggestLanguage, type SuggestLanguage, type SuggestNote } from '../../shared/harvest/suggest/index.ts';
import { paths } from '../../shared/protocol/paths.ts';
import { dotsLeftOf } from '../../shared/harvest/votes.ts';
import type {
  BallotView,
  DisplayHarvest,
  HarvestPatch,
  HarvestView,
  MyNotesView,
  QuestionView,
  RapporteurRow,
  RapporteurSnapshot,
  ReadoutLink,
  ThemeView,
} from '../../shared/protocol/views.ts';
import { sessionHeader, summariesAt } from './common.ts';
import { rapporteurNotes } from './moderation.ts';

export const readoutPath = paths.readout;

export function questionViews(state: SessionState): QuestionView[] {
  return questionsOf(state).map((q) => ({ key: q.key, text: q.text, tableIds: [...q.tableIds] }));
}

export function readoutLinks(state: SessionState): ReadoutLink[] {
  return state.harvest.readouts.map((r) => ({ readoutId: r.readoutId, version: r.version, url: readoutPath(r.readoutId) }));
}

export function latestReadout(state: SessionState): ReadoutLink | null {
  return readoutLinks(state).at(-1) ?? null;
}

/** Dots per standing theme: a merged theme's dots count for the theme it went into. */
function tally(state: SessionState): Map<string, number> {
  const votes = new Map<string, number>();
  for (const ballot of state.harvest.votes.values()) {
    for (const [themeId, dots] of ballot) {
      const live = liveTheme(state.harvest, themeId);
      if (live) votes.set(live.id, (votes.get(live.id) ?? 0) + dots);
    }
  }
  return votes;
}

/**
 * Views computed once per version of a session: a reconnect storm of a plenary asks for the same
 * ballot thousands of times, and the attribution check behind the harvest view is not free.
 */
function perVersion<T>(compute: (state: SessionState) => T): (state: SessionState) => T {
  const cache = new WeakMap<SessionState, { version: number; value: T }>();
  return (state) => {
    const hit = cache.get(state);
    if (hit && hit.version === state.version) return hit.value;
    const value = compute(state);
    cache.set(state, { version: state.version, value });
    return value;
  };
}

const attributionCache = attributionCacheOf;

/** For facilitators and rapporteurs. Findings name only sources and matches, never authors. */
export const harvestView = perVersion(computeHarvestView);

function computeHarvestView(state: SessionState): HarvestView {
  const { harvest } = state;
  const votes = tally(state);
  const themes: ThemeView[] = [...harvest.themes.values()].map((t) => ({
    id: t.id,
    question: t.question,
    name: t.name,
    keyFinding: t.keyFinding,
    noteIds: [...t.noteIds],
    mergedInto: t.mergedInto,
    votes: t.mergedInto ? 0 : (votes.get(t.id) ?? 0),
    synthesis: t.synthesis ?? '',
    quotes: [...(t.quotes ?? [])],
  }));
  return {
    votesPerParticipant: harvest.votesPerParticipant,
    voters: voters(state),
    themes,
    setAside: [...harvest.setAside].map(([noteId, a]) => ({ noteId, reason: a.reason, detail: a.detail })),
    quotes: Object.fromEntries(harvest.quotes),
    syntheses: Object.fromEntries(harvest.syntheses),
    ...harvestFindings(state),
    readouts: readoutLinks(state),
    takeaways: [...(harvest.takeaways ?? [])],
    changed: [...(harvest.changed ?? [])],
  };
}

/**
 * The attribution check's findings in what would be published now. Through the session's cache,
 * only texts that changed (or that a newcomer's name could match) are scanned again.
 */
export const harvestFindings = perVersion((state: SessionState): Pick<HarvestView, 'findings' | 'unresolved'> => {
  const findings = currentFindings(state, attributionCache(state)).map(({ replacement: _r, ...f }) => f);
  return { findings, unresolved: findings.filter((f) => !f.kept).length };
});

function voters(state: SessionState): number {
  return [...state.harvest.votes.keys()].filter((pid) => dotsCast(state, pid) > 0).length;
}

/** The tallies alone, for a vote: the staff's board is not rebuilt for each dot. */
export function harvestVotes(state: SessionState): NonNullable<HarvestPatch['votes']> {
  const votes = tally(state);
  return { byTheme: [...votes].map(([themeId, n]) => ({ themeId, votes: n })), voters: voters(state) };
}

/**
 * Whether a join changed what the check finds: the session's cache takes the newcomer in and says
 * whether any text it holds could name them. Before any check ran there is nothing to recompute.
 */
export function joinTouchesFindings(state: SessionState): boolean {
  const cache = attributionCache(state);
  return cache.indexed && cache.update(rosterOf(state)) > 0;
}

/** Most themes per question the room display shows: it is read from the back of the room. */
const DISPLAY_THEMES = 5;

/**
 * What the room display shows of the harvest: the themes to vote on (names redacted as on the
 * ballot) and how many have voted, then the final dots and the readout's link once published.
 * Nothing before the harvest.
 */
export const displayHarvest = perVersion((state: SessionState): DisplayHarvest | null => {
  if (state.phase !== 'harvest' && state.phase !== 'closed') return null;
  const ballot = ballotView(state);
  const votes = tally(state);
  const latest = latestReadout(state);
  return {
    votesPerParticipant: state.harvest.votesPerParticipant,
    voters: voters(state),
    questions: (ballot?.questions ?? []).map((q) => {
      // While the vote is open the room sees who has voted as a count, never the dots: each vote
      // would change the screen and show everyone what that voter chose.
      const themes = (ballot?.themes ?? [])
        .filter((t) => t.question === q.key)
        .map((t) => ({ name: t.name, votes: latest ? (votes.get(t.id) ?? 0) : null }))
        .sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { text: q.text, themes: themes.slice(0, DISPLAY_THEMES), more: Math.max(0, themes.length - DISPLAY_THEMES) };
    }),
    readoutUrl: latest?.url ?? null,
  };
});

export function rapporteurRows(state: SessionState): RapporteurRow[] {
  return [...state.rapporteurs.values()].map((r) => ({ id: r.id, label: r.label, revoked: r.revoked }));
}

/** Notes unattributed (the same view the table sees), summaries, themes and tallies: no people. */
export function rapporteurSnapshot(state: SessionState, rapporteurId: string): RapporteurSnapshot {
  const r = state.rapporteurs.get(rapporteurId);
  return {
    role: 'rapporteur',
    session: sessionHeader(state),
    rapporteur: { id: rapporteurId, label: r?.label ?? 'Rapporteur' },
    tables: state.tables.map((t) => ({ id: t.id, name: t.name, question: t.question })),
    questions: questionViews(state),
    notes: rapporteurNotes(state),
    summaries: state.tables.flatMap((t) => summariesAt(state, t.id)),
    harvest: harvestView(state),
  };
}

/**
 * What participants vote on, from the harvest on. Theme names are the rapporteurs' words; any
 * name of a participant in them is redacted before it reaches a participant's screen.
 */
export const ballotView = perVersion(computeBallotView);

function computeBallotView(state: SessionState): BallotView | null {
  if (state.phase !== 'harvest' && state.phase !== 'closed') return null;
  const roster = rosterOf(state);
  return {
    votesPerParticipant: state.harvest.votesPerParticipant,
    open: state.phase === 'harvest' && state.harvest.readouts.length === 0,
    questions: questionsOf(state).map((q) => ({ key: q.key, text: q.text })),
    themes: [...state.harvest.themes.values()]
      .filter((t) => !t.mergedInto)
      .map((t) => ({ id: t.id, question: t.question, name: redactAll(t.name, roster, attributionCache(state)) })),
  };
}

export function myDots(state: SessionState, participantId: ParticipantId): Record<string, number> {
  const dots: Record<string, number> = {};
  for (const [themeId, n] of state.harvest.votes.get(participantId) ?? []) {
    const live = liveTheme(state.harvest, themeId);
    if (live && n > 0) dots[live.id] = (dots[live.id] ?? 0) + n;
  }
  return dots;
}

export function dotsLeft(state: SessionState, participantId: ParticipantId): number {
  return dotsLeftOf(state.harvest.votesPerParticipant, myDots(state, participantId));
}

/**
 * A participant's own notes and what became of them in the latest published readout, with its
 * number in the appendix. Only ever computed for the asking participant's own id.
 */
export function myNotes(state: SessionState, participantId: ParticipantId): MyNotesView {
  const latest = state.harvest.readouts.at(-1);
  const questions = questionsOf(state);
  const notes: MyNotesView['notes'] = [];
  for (const note of state.notes.values()) {
    if (note.authorId !== participantId || note.deleted) continue;
    const question = questions.find((q) => q.tableIds.includes(note.tableId))?.text ?? '';
    const ref = latest?.noteNumbers.get(note.id) ?? null;
    const fate = ref ? (latest!.readout.appendix.find((e) => e.ref === ref)?.fate ?? null) : null;
    notes.push({
      id: note.id,
      text: note.text,
      question,
      round: note.round,
      ref,
      fate,
      fateText: fate ? describeFate(fate) : latest ? 'Written after the readout was published' : 'The readout is not published yet',
    });
  }
  notes.sort((a, b) => a.round - b.round || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return { readoutUrl: latest ? readoutPath(latest.readoutId) : null, notes };
}

/**
 * What `themes:suggest` sends the worker for one question: its notes still to sort (in no theme,
 * not set aside, not hidden, not held for review), text only, and the session's language. Null for no such question.
 */
export function suggestInput(state: SessionState, question: string): { notes: SuggestNote[]; language: SuggestLanguage } | null {
  const q = questionsOf(state).find((x) => x.key === question);
  if (!q) return null;
  const sorted = new Set<string>();
  for (const theme of state.harvest.themes.values()) for (const id of theme.noteIds) sorted.add(id);
  const notes: SuggestNote[] = [];
  for (const tableId of q.tableIds) {
    for (const id of state.tableNotes.get(tableId) ?? []) {
      const note = state.notes.get(id);
      if (!note || note.deleted || note.hidden || note.held || sorted.has(id) || state.harvest.setAside.has(id)) continue;
      notes.push({ id, text: note.text });
    }
  }
  const language = state.config.language;
  return { notes, language: language && isSuggestLanguage(language) ? language : 'en' };
}
