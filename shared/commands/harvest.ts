import { z } from 'zod';
import { Phase, SetAsideReason, values } from '../domain/enums.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { Note, NoteId, SessionState } from '../domain/state.ts';
import { liveTheme, questionOfTable, questionsOf } from '../domain/state.ts';
import { checkTexts, KEEP_REASONS, redact, type AttributionCache, type Finding, type KeepReason } from '../harvest/attribution/index.ts';
import { parseSource, readoutTexts, rosterOf, sourceRef } from '../harvest/sources.ts';
import { ErrorCode, refuse, type Refusal } from '../protocol/errors.ts';
import { ids } from '../protocol/ids.ts';
import { Limits } from '../protocol/limits.ts';
import { requiredText, roundNumber, text } from '../protocol/schemas.ts';
import { mergedRefusal, noteOr as anyNoteOr, themeOf, themeOr } from './lookups.ts';
import { accept, alreadyDone, type Checked, FACILITATORS, isRefusal, read, write } from './spec.ts';
import type { SuggestionsView } from '../protocol/views.ts';

/**
 * The harvest: themes, sorting notes, the readout's wording, votes and the attribution check's
 * resolutions. Rapporteurs and the facilitator do this work from the first
 * round on, so the readout is half done when the last round ends.
 */

const OPEN = [Phase.lobby, Phase.round, Phase.moving, Phase.harvest] as const;
const STAFF = [...FACILITATORS, 'rapporteur'] as const;
const TO_STAFF = ['facilitators', 'rapporteurs'] as const;
/** Notes named in a bulk command: client ids, a whole board at most (repeats count once). */
const bulkNotes = z.array(ids.client).min(1).max(Limits.maxBulkNotes);

export const harvestCommands = {
  /**
   * A new theme, with notes already in it when given: accepting a suggested theme (whole, in part,
   * renamed) is this one command.
   */
  'theme:create': write({
    schema: z.strictObject({ id: ids.theme, question: ids.question, name: requiredText(Limits.themeNameChars), noteIds: bulkNotes.optional() }),
    roles: STAFF,
    phases: OPEN,
    audience: [...TO_STAFF, 'session'],
    decide(state, c, _actor, ctx) {
      const existing = state.harvest.themes.get(c.id);
      if (existing) {
        return existing.question === c.question && existing.name === c.name
          ? alreadyDone({ themeId: c.id, sorted: 0 })
          : refuse(ErrorCode.conflict, 'That theme id is taken.');
      }
      if (!questionsOf(state).some((q) => q.key === c.question)) return refuse(ErrorCode.notFound, 'No such question.');
      const events: DomainEvent[] = [{ type: 'theme:created', at: ctx.now, themeId: c.id, question: c.question, name: c.name }];
      const notes = c.noteIds?.length ? notesFor(state, c.noteIds, c.question) : [];
      if (isRefusal(notes)) return notes;
      if (notes.length) events.push({ type: 'notes:sorted', at: ctx.now, noteIds: notes.map((n) => n.id), themeId: c.id });
      return accept(events, { themeId: c.id, sorted: notes.length });
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

  /** Several themes into one, in one command: near-duplicate themes folded at once. */
  'themes:merge': write({
    schema: z.strictObject({ ids: z.array(ids.theme).min(1).max(Limits.maxBulkThemes), into: ids.theme }),
    roles: STAFF,
    phases: OPEN,
    audience: [...TO_STAFF, 'session'],
    decide(state, c, _actor, ctx) {
      const into = themeOr(state, c.into);
      if (isRefusal(into)) return into;
      if (into.mergedInto) return mergedRefusal(state, into);
      const events: DomainEvent[] = [];
      for (const id of new Set(c.ids)) {
        const theme = themeOr(state, id);
        if (isRefusal(theme)) return theme;
        if (theme.mergedInto === into.id) continue;
        if (theme.id === into.id) return refuse(ErrorCode.conflict, 'A theme cannot be merged into itself.');
        if (theme.mergedInto) return mergedRefusal(state, theme);
        if (theme.question !== into.question) return refuse(ErrorCode.conflict, 'Only themes of the same question can be merged.');
        events.push({ type: 'theme:merged', at: ctx.now, themeId: theme.id, into: into.id });
      }
      return events.length ? accept(events, { merged: events.length }) : alreadyDone({ merged: 0 });
    },
  }),

  /** Undoes a merge: the theme stands again with its own notes, quotes and dots. */
  'theme:unmerge': write({
    schema: z.strictObject({ id: ids.theme }),
    roles: STAFF,
    phases: OPEN,
    audience: [...TO_STAFF, 'session'],
    decide(state, c, _actor, ctx) {
      const theme = themeOr(state, c.id);
      if (isRefusal(theme)) return theme;
      if (!theme.mergedInto) return alreadyDone();
      return accept([{ type: 'theme:unmerged', at: ctx.now, themeId: theme.id }]);
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
      if (questionOfTable(state, note.tableId)?.key !== theme.question)
        return refuse(ErrorCode.conflict, 'That note answers another question than this theme.');
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

  /**
   * Many notes into one theme, or back to unsorted (`themeId: null`), in one command: a
   * rapporteur's multi-select never meets a rate limit. All or nothing: one note that cannot go
   * there refuses the whole move. A note marked "changed since sorted" is looked at again by
   * being placed again, even in the theme it is in.
   */
  'notes:sort': write({
    schema: z.strictObject({ noteIds: bulkNotes, themeId: ids.theme.nullable() }),
    roles: STAFF,
    phases: OPEN,
    audience: TO_STAFF,
    decide(state, c, _actor, ctx) {
      const place = placements(state);
      const changed = state.harvest.changed ?? new Set<NoteId>();
      if (c.themeId === null) {
        const notes = existingNotes(state, c.noteIds);
        if (isRefusal(notes)) return notes;
        const moving = notes.filter((n) => place.has(n.id) || state.harvest.setAside.has(n.id) || changed.has(n.id)).map((n) => n.id);
        return moving.length
          ? accept([{ type: 'notes:sorted', at: ctx.now, noteIds: moving, themeId: null }], { sorted: moving.length })
          : alreadyDone({ sorted: 0 });
      }
      const theme = themeOr(state, c.themeId);
      if (isRefusal(theme)) return theme;
      if (theme.mergedInto) return mergedRefusal(state, theme);
      const notes = notesFor(state, c.noteIds, theme.question);
      if (isRefusal(notes)) return notes;
      const moving = notes.filter((n) => place.get(n.id) !== theme.id || changed.has(n.id)).map((n) => n.id);
      return moving.length
        ? accept([{ type: 'notes:sorted', at: ctx.now, noteIds: moving, themeId: theme.id }], { sorted: moving.length })
        : alreadyDone({ sorted: 0 });
    },
  }),

  /** Many notes set aside with one reason, in one command (merging near-duplicates: all but one, as duplicates). */
  'notes:setAside': write({
    schema: z.strictObject({ noteIds: bulkNotes, reason: z.enum(values(SetAsideReason)), detail: text(Limits.reasonChars).optional() }),
    roles: STAFF,
    phases: OPEN,
    audience: TO_STAFF,
    decide(state, c, _actor, ctx) {
      const notes = existingNotes(state, c.noteIds);
      if (isRefusal(notes)) return notes;
      const detail = c.detail ?? '';
      const changed = state.harvest.changed ?? new Set<NoteId>();
      const moving = notes
        .filter((n) => {
          const current = state.harvest.setAside.get(n.id);
          return !current || current.reason !== c.reason || current.detail !== detail || changed.has(n.id);
        })
        .map((n) => n.id);
      if (!moving.length) return alreadyDone({ setAside: 0 });
      return accept([{ type: 'notes:sidelined', at: ctx.now, noteIds: moving, reason: c.reason, detail }], { setAside: moving.length });
    },
  }),

  /** Whether the readout quotes a note of its theme; a note counts toward its theme either way. */
  'quote:choose': write({
    schema: z.strictObject({ noteId: ids.client, chosen: z.boolean() }),
    roles: STAFF,
    phases: OPEN,
    audience: TO_STAFF,
    decide(state, c, _actor, ctx) {
      const note = noteOr(state, c.noteId);
      if (isRefusal(note)) return note;
      const theme = themeOf(state, note.id);
      if (!theme) return refuse(ErrorCode.conflict, 'Only a note in a theme can be quoted; sort it first.');
      if (c.chosen && note.hidden) return refuse(ErrorCode.forbidden, 'The facilitator has hidden that note; it cannot be quoted.');
      if ((theme.quotes ?? []).includes(note.id) === c.chosen) return alreadyDone();
      return accept([{ type: 'quote:chosen', at: ctx.now, themeId: theme.id, noteId: note.id, chosen: c.chosen }]);
    },
  }),

  /** The rapporteur's key takeaways across the questions, the whole list at once (empty ones dropped). */
  'takeaways:write': write({
    schema: z.strictObject({ texts: z.array(text(Limits.takeawayChars)).max(Limits.maxTakeaways) }),
    roles: STAFF,
    phases: OPEN,
    audience: TO_STAFF,
    decide(state, c, _actor, ctx) {
      const texts = c.texts.filter(Boolean);
      const current = state.harvest.takeaways ?? [];
      if (texts.length === current.length && texts.every((t, i) => t === current[i])) return alreadyDone();
      return accept([{ type: 'takeaways:written', at: ctx.now, texts }]);
    },
  }),

  /**
   * Suggested themes for one question's notes still to sort, with near-duplicates grouped:
   * computed by the shell on a worker thread (server/harvest/suggestWorker.ts), never on the
   * session's event loop.
   */
  'themes:suggest': read<SuggestionsView>()({
    schema: z.strictObject({ question: ids.question }),
    roles: STAFF,
    phases: OPEN,
    audience: ['sender'],
    costly: true,
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

  /** A question's synthesis, or a theme's own finding (`themeId`): the key finding under its name. */
  'synthesis:write': write({
    schema: z.union([
      z.strictObject({ question: ids.question, text: text(Limits.synthesisChars) }),
      z.strictObject({ themeId: ids.theme, text: text(Limits.themeSynthesisChars) }),
    ]),
    roles: STAFF,
    phases: OPEN,
    audience: TO_STAFF,
    decide(state, c, _actor, ctx) {
      if ('themeId' in c) {
        const theme = themeOr(state, c.themeId);
        if (isRefusal(theme)) return theme;
        if (theme.mergedInto) return mergedRefusal(state, theme);
        if ((theme.synthesis ?? '') === c.text) return alreadyDone();
        return accept([{ type: 'theme:synthesised', at: ctx.now, themeId: theme.id, text: c.text }]);
      }
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
      if (state.harvest.readouts.length) return refuse(ErrorCode.closed, 'Voting closed when the readout was published.');
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
    /** A reason from the closed set only: "ok" once published a participant's name. */
    schema: z.strictObject({ key: ids.finding, reason: z.enum(KEEP_REASONS as [KeepReason, ...KeepReason[]]) }),
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
      if (source.kind === 'theme' && next.length > Limits.themeNameChars)
        return refuse(ErrorCode.invalid, 'The redacted theme name would be too long; rename the theme instead.');
      if (source.kind === 'takeaway' && next.length > Limits.takeawayChars)
        return refuse(ErrorCode.invalid, 'The redacted takeaway would be too long; rewrite it instead.');
      return accept([{ type: 'finding:redacted', at: ctx.now, key: c.key, source: finding.source, text: next }], { source: finding.source, text: next });
    },
  }),
};

/**
 * A note the harvest may handle. A held note (written after its author was muted) is with its
 * author and the facilitators only until released: to the harvest it does not exist yet, so
 * the refusal is the same as for an id that was never written.
 */
function noteOr(state: SessionState, noteId: string): Note | Refusal {
  const note = anyNoteOr(state, noteId);
  return isRefusal(note) || !note.held ? note : refuse(ErrorCode.notFound, 'No such note.');
}

/** Which theme holds each note now, built once for a bulk command. */
function placements(state: SessionState): Map<NoteId, string> {
  const place = new Map<NoteId, string>();
  for (const theme of state.harvest.themes.values()) for (const id of theme.noteIds) place.set(id, theme.id);
  return place;
}

/** Every note named, each once, all still there; or the refusal for the first that is not. */
function existingNotes(state: SessionState, noteIds: readonly string[]): Note[] | Refusal {
  const notes: Note[] = [];
  for (const id of new Set(noteIds)) {
    const note = noteOr(state, id);
    if (isRefusal(note)) return note;
    notes.push(note);
  }
  return notes;
}

/** Notes that may go into a theme of this question: there, not hidden, answering it. All or none. */
function notesFor(state: SessionState, noteIds: readonly string[], question: string): Note[] | Refusal {
  const notes = existingNotes(state, noteIds);
  if (isRefusal(notes)) return notes;
  const tables = new Set(questionsOf(state).find((q) => q.key === question)?.tableIds ?? []);
  const hidden = notes.filter((n) => n.hidden).length;
  if (hidden)
    return refuse(
      ErrorCode.forbidden,
      `The facilitator has hidden ${hidden === 1 ? 'one of those notes' : `${hidden} of those notes`}; hidden notes cannot be quoted. Nothing was moved.`,
    );
  const elsewhere = notes.filter((n) => !tables.has(n.tableId)).length;
  if (elsewhere)
    return refuse(
      ErrorCode.conflict,
      `${elsewhere === 1 ? 'One of those notes answers' : `${elsewhere} of those notes answer`} another question than this theme. Nothing was moved.`,
    );
  return notes;
}

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
