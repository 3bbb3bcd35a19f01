import { z } from 'zod';
import { Phase, SetAsideReason, values } from '../domain/enums.ts';
import type { SessionState } from '../domain/state.ts';
import { liveTheme, questionOfTable, questionsOf } from '../domain/state.ts';
import { checkTexts, redact, type AttributionCache, type Finding } from '../harvest/attribution/index.ts';
import { parseSource, readoutTexts, rosterOf, sourceRef } from '../harvest/sources.ts';
import { ErrorCode, refuse, type Refusal } from '../protocol/errors.ts';
import { ids } from '../protocol/ids.ts';
import { Limits } from '../protocol/limits.ts';
import { requiredText, roundNumber, text } from '../protocol/schemas.ts';
import { mergedRefusal, noteOr, themeOf, themeOr } from './lookups.ts';
import { accept, alreadyDone, type Checked, FACILITATORS, isRefusal, write } from './spec.ts';

/**
 * The harvest: themes, sorting notes, the readout's wording, votes and the attribution check's
 * resolutions. Rapporteurs and the facilitator do this work from the first
 * round on, so the readout is half done when the last round ends.
 */

const OPEN = [Phase.lobby, Phase.round, Phase.moving, Phase.harvest] as const;
const STAFF = [...FACILITATORS, 'rapporteur'] as const;
const TO_STAFF = ['facilitators', 'rapporteurs'] as const;

export const harvestCommands = {
  'theme:create': write({
    schema: z.strictObject({ id: ids.theme, question: ids.question, name: requiredText(Limits.themeNameChars) }),
    roles: STAFF,
    phases: OPEN,
    audience: [...TO_STAFF, 'session'],
    decide(state, c, _actor, ctx) {
      const existing = state.harvest.themes.get(c.id);
      if (existing) {
        return existing.question === c.question && existing.name === c.name ? alreadyDone({ themeId: c.id }) : refuse(ErrorCode.conflict, 'That theme id is taken.');
      }
      if (!questionsOf(state).some((q) => q.key === c.question)) return refuse(ErrorCode.notFound, 'No such question.');
      return accept([{ type: 'theme:created', at: ctx.now, themeId: c.id, question: c.question, name: c.name }], { themeId: c.id });
    },
  }),

  'theme:rename': write({
    schema: z.strictObject({ id: ids.theme, name: requiredText(Limits.themeNameChars) }),
    roles: STAFF,
    phases: OPEN,
    audience: [...TO_STAFF, 'session'],
    decide(state, c, _actor, ctx) {
      const theme = themeOr(state, c.id);
      if (isRefusal(theme)) return theme;
      if (theme.name === c.name) return alreadyDone();
      return accept([{ type: 'theme:renamed', at: ctx.now, themeId: theme.id, name: c.name }]);
    },
  }),

  'theme:mark': write({
    schema: z.strictObject({ id: ids.theme, key: z.boolean() }),
    roles: STAFF,
    phases: OPEN,
    audience: TO_STAFF,
    decide(state, c, _actor, ctx) {
      const theme = themeOr(state, c.id);
      if (isRefusal(theme)) return theme;
      if (theme.mergedInto) return mergedRefusal(state, theme);
      if (theme.keyFinding === c.key) return alreadyDone();
      return accept([{ type: 'theme:marked', at: ctx.now, themeId: theme.id, keyFinding: c.key }]);
    },
  }),

  'theme:merge': write({
    schema: z.strictObject({ id: ids.theme, into: ids.theme }),
    roles: STAFF,
    phases: OPEN,
    audience: [...TO_STAFF, 'session'],
    decide(state, c, _actor, ctx) {
      const theme = themeOr(state, c.id);
      if (isRefusal(theme)) return theme;
      const into = themeOr(state, c.into);
      if (isRefusal(into)) return into;
      if (theme.mergedInto === into.id) return alreadyDone();
      if (theme.id === into.id) return refuse(ErrorCode.conflict, 'A theme cannot be merged into itself.');
      if (theme.mergedInto) return mergedRefusal(state, theme);
      if (into.mergedInto) return mergedRefusal(state, into);
      if (theme.question !== into.question) return refuse(ErrorCode.conflict, 'Only themes of the same question can be merged.');
      return accept([{ type: 'theme:merged', at: ctx.now, themeId: theme.id, into: into.id }]);
    },
  }),

  'theme:delete': write({
    schema: z.strictObject({ id: ids.theme }),
    roles: STAFF,
    phases: OPEN,
    audience: [...TO_STAFF, 'session'],
    decide(state, c, _actor, ctx) {
      const theme = state.harvest.themes.get(c.id);
      if (!theme) return alreadyDone();
      if ([...state.harvest.themes.values()].some((t) => t.mergedInto === theme.id)) {
        return refuse(ErrorCode.conflict, `Themes were merged into “${theme.name}”; it can be renamed but not deleted.`);
      }
      return accept([{ type: 'theme:deleted', at: ctx.now, themeId: theme.id }]);
    },
  }),

  'note:sort': write({
    schema: z.strictObject({ noteId: ids.client, themeId: ids.theme.nullable() }),
    roles: STAFF,
    phases: OPEN,
    audience: TO_STAFF,
    decide(state, c, _actor, ctx) {
      const note = noteOr(state, c.noteId);
      if (isRefusal(note)) return note;
      const current = themeOf(state, note.id);
      if (c.themeId === null) {
        if (!current && !state.harvest.setAside.has(note.id)) return alreadyDone();
        return accept([{ type: 'note:sorted', at: ctx.now, noteId: note.id, themeId: null }]);
      }
      const theme = themeOr(state, c.themeId);
      if (isRefusal(theme)) return theme;
      if (theme.mergedInto) return mergedRefusal(state, theme);
      if (note.hidden) return refuse(ErrorCode.forbidden, 'The facilitator has hidden that note; it cannot be quoted.');
      if (questionOfTable(state, note.tableId)?.key !== theme.question) return refuse(ErrorCode.conflict, 'That note answers another question than this theme.');
      if (current?.id === theme.id) return alreadyDone();
      return accept([{ type: 'note:sorted', at: ctx.now, noteId: note.id, themeId: theme.id }]);
    },
  }),

  'note:setAside': write({
    schema: z.strictObject({ noteId: ids.client, reason: z.enum(values(SetAsideReason)), detail: text(Limits.reasonChars).optional() }),
    roles: STAFF,
    phases: OPEN,
    audience: TO_STAFF,
    decide(state, c, _actor, ctx) {
      const note = noteOr(state, c.noteId);
      if (isRefusal(note)) return note;
      const detail = c.detail ?? '';
      const current = state.harvest.setAside.get(note.id);
      if (current && current.reason === c.reason && current.detail === detail) return alreadyDone();
      return accept([{ type: 'note:sidelined', at: ctx.now, noteId: note.id, reason: c.reason, detail }]);
    },
  }),

  /** The readout's wording of a note, or of a host's round summary; the original stays as written. */
  'quote:edit': write({
    schema: z.union([
      z.strictObject({ noteId: ids.client, text: requiredText(Limits.noteChars) }),
      z.strictObject({ tableId: ids.table, round: roundNumber, text: requiredText(Limits.summaryChars) }),
    ]),
    roles: STAFF,
    phases: OPEN,
    audience: TO_STAFF,
    decide(state, c, _actor, ctx) {
      let source: string;
      let original: string;
      if ('noteId' in c) {
        const note = noteOr(state, c.noteId);
        if (isRefusal(note)) return note;
        source = sourceRef.note(note.id);
        original = note.text;
      } else {
        const summary = state.summaries.get(c.tableId)?.get(c.round);
        if (!summary) return refuse(ErrorCode.notFound, 'No summary for that table and round.');
        source = sourceRef.summary(c.tableId, c.round);
        original = summary;
      }
      // Writing back the original words drops the readout's copy.
      const next = c.text === original ? null : c.text;
      if ((state.harvest.quotes.get(source) ?? null) === next) return alreadyDone();
      return accept([{ type: 'quote:edited', at: ctx.now, source, text: next }]);
    },
  }),

  'synthesis:write': write({
    schema: z.strictObject({ question: ids.question, text: text(Limits.synthesisChars) }),
    roles: STAFF,
    phases: OPEN,
    audience: TO_STAFF,
    decide(state, c, _actor, ctx) {
      if (!questionsOf(state).some((q) => q.key === c.question)) return refuse(ErrorCode.notFound, 'No such question.');
      if ((state.harvest.syntheses.get(c.question) ?? '') === c.text) return alreadyDone();
      return accept([{ type: 'synthesis:written', at: ctx.now, question: c.question, text: c.text }]);
    },
  }),

  'vote:configure': write({
    schema: z.strictObject({ votesPerParticipant: z.int().min(1).max(Limits.maxVotesPerParticipant) }),
    roles: FACILITATORS,
    phases: OPEN,
    audience: [...TO_STAFF, 'session'],
    decide(state, c, _actor, ctx) {
      if (state.harvest.votesPerParticipant === c.votesPerParticipant) return alreadyDone();
      const most = Math.max(0, ...[...state.harvest.votes.keys()].map((pid) => dotsCast(state, pid)));
      if (most > c.votesPerParticipant) return refuse(ErrorCode.conflict, `Someone has already placed ${most} dots; the budget cannot go below that.`);
      return accept([{ type: 'vote:configured', at: ctx.now, votesPerParticipant: c.votesPerParticipant }]);
    },
  }),

  'vote:cast': write({
    schema: z.strictObject({ themeId: ids.theme, dots: z.int().min(0).max(Limits.maxVotesPerParticipant) }),
    roles: ['participant'],
    phases: [Phase.harvest],
    wrongPhase: 'Voting opens with the harvest.',
    audience: ['self', ...TO_STAFF],
    decide(state, c, actor, ctx) {
      const p = (actor as Extract<Checked, { role: 'participant' }>).participant;
      const theme = themeOr(state, c.themeId);
      if (isRefusal(theme)) return theme;
      if (theme.mergedInto) return mergedRefusal(state, theme);
      const budget = state.harvest.votesPerParticipant;
      const others = dotsCast(state, p.id, theme.id);
      if (others + c.dots > budget) return refuse(ErrorCode.conflict, `You have ${budget} dots in all and ${budget - others} left for this theme.`);
      const dotsLeft = budget - others - c.dots;
      if ((state.harvest.votes.get(p.id)?.get(theme.id) ?? 0) === c.dots) return alreadyDone({ dotsLeft });
      return accept([{ type: 'vote:recorded', at: ctx.now, participantId: p.id, themeId: theme.id, dots: c.dots }], { dotsLeft });
    },
  }),

  'finding:keep': write({
    schema: z.strictObject({ key: ids.finding, reason: requiredText(Limits.reasonChars) }),
    roles: STAFF,
    phases: OPEN,
    audience: TO_STAFF,
    decide(state, c, _actor, ctx) {
      const finding = findingOr(state, c.key, ctx.attribution);
      if (isRefusal(finding)) return finding;
      if (state.harvest.kept.get(c.key)?.reason === c.reason) return alreadyDone();
      return accept([{ type: 'finding:kept', at: ctx.now, key: c.key, reason: c.reason }]);
    },
  }),

  'finding:redact': write({
    schema: z.strictObject({ key: ids.finding }),
    roles: STAFF,
    phases: OPEN,
    audience: [...TO_STAFF, 'session'],
    decide(state, c, _actor, ctx) {
      const finding = findingOr(state, c.key, ctx.attribution);
      if (isRefusal(finding)) return finding;
      const source = parseSource(finding.source);
      if (!source) return refuse(ErrorCode.internal, 'That finding has no source to redact.');
      const original = readoutTexts(state).find((t) => t.source === finding.source)!.text;
      const next = redact(original, finding);
      if (source.kind === 'theme' && next.length > Limits.themeNameChars) return refuse(ErrorCode.invalid, 'The redacted theme name would be too long; rename the theme instead.');
      return accept([{ type: 'finding:redacted', at: ctx.now, key: c.key, source: finding.source, text: next }], { source: finding.source, text: next });
    },
  }),
};

/** Dots a participant has on themes that still stand (merged themes pass theirs on). */
export function dotsCast(state: SessionState, participantId: string, except?: string): number {
  let total = 0;
  for (const [themeId, dots] of state.harvest.votes.get(participantId) ?? []) {
    if (themeId !== except && liveTheme(state.harvest, themeId)) total += dots;
  }
  return total;
}

/**
 * Every finding in what would be published now, each with the rapporteur's decision if any. The
 * session's cache, when the caller has one, spares re-scanning texts that did not change.
 */
export function currentFindings(state: SessionState, cache?: AttributionCache): (Finding & { kept: { reason: string } | null })[] {
  return checkTexts(readoutTexts(state), rosterOf(state), cache).map((f) => ({ ...f, kept: state.harvest.kept.get(f.key) ?? null }));
}

function findingOr(state: SessionState, key: string, cache?: AttributionCache): Finding | Refusal {
  const finding = checkTexts(readoutTexts(state), rosterOf(state), cache).find((f) => f.key === key);
  return finding ?? refuse(ErrorCode.notFound, 'No such finding in the readout as it stands; it may have been resolved already.');
}
