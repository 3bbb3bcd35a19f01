import { checkTexts, redact, type AttributionCache, type Finding } from '../harvest/attribution/index.ts';
import { buildReadout } from '../harvest/readout.ts';
import { parseSource, readoutTexts, rosterOf, sourceRef } from '../harvest/sources.ts';
import { ErrorCode, refuse, type Refusal } from '../protocol/errors.ts';
import { Limits } from '../protocol/limits.ts';
import type { Actor, CommandOf } from './commands.ts';
import type { DomainEvent } from './events.ts';
import type { Participant, SessionState, Theme } from './state.ts';
import { liveTheme, questionOfTable, questionsOf } from './state.ts';

/**
 * Decisions of the harvest: rapporteur links, themes, sorting notes, the readout's wording,
 * votes, the attribution check's resolutions and publishing. Called from `decide`.
 */

type Decision = { ok: true; events: DomainEvent[]; reply?: Record<string, unknown> } | Refusal;
const accept = (events: DomainEvent[], reply?: Record<string, unknown>): Decision => ({ ok: true, events, reply });
const alreadyDone = (reply?: Record<string, unknown>): Decision => ({ ok: true, events: [], reply });

export type HarvestCommand = CommandOf<
  | 'rapporteur:invite'
  | 'rapporteur:revoke'
  | 'theme:create'
  | 'theme:rename'
  | 'theme:mark'
  | 'theme:merge'
  | 'theme:delete'
  | 'note:sort'
  | 'note:setAside'
  | 'quote:edit'
  | 'synthesis:write'
  | 'vote:configure'
  | 'vote:cast'
  | 'finding:keep'
  | 'finding:redact'
  | 'readout:publish'
>;

/**
 * `attribution` is the session's attribution cache, when its runtime keeps one: the finding and
 * publishing commands then re-scan only texts that changed since the last check.
 */
export function decideHarvest(state: SessionState, c: HarvestCommand, actor: Actor, now: number, attribution?: AttributionCache): Decision {
  switch (c.type) {
    case 'rapporteur:invite':
      return asFacilitator(actor) ?? invite(state, c, now);
    case 'rapporteur:revoke':
      return asFacilitator(actor) ?? revoke(state, c, now);
    case 'vote:configure':
      return asFacilitator(actor) ?? configureVotes(state, c, now);
    case 'vote:cast':
      return castVote(state, c, actor, now);
    default:
      return asRapporteur(state, actor) ?? rapporteurWork(state, c, now, attribution);
  }
}

function asFacilitator(actor: Actor): Refusal | undefined {
  return actor.role === 'facilitator' || actor.role === 'system' ? undefined : refuse(ErrorCode.forbidden, 'Only the facilitator can do this.');
}

/** The facilitator can always act as a rapporteur; a rapporteur only while their link stands. */
function asRapporteur(state: SessionState, actor: Actor): Refusal | undefined {
  if (actor.role === 'facilitator' || actor.role === 'system') return undefined;
  if (actor.role !== 'rapporteur') return refuse(ErrorCode.forbidden, 'Only a rapporteur or the facilitator can do this.');
  const r = state.rapporteurs.get(actor.rapporteurId);
  if (!r || r.revoked) return refuse(ErrorCode.unauthorised, 'This rapporteur link is no longer valid.');
  return undefined;
}

function rapporteurWork(
  state: SessionState,
  c: Exclude<HarvestCommand, CommandOf<'rapporteur:invite' | 'rapporteur:revoke' | 'vote:configure' | 'vote:cast'>>,
  now: number,
  attribution?: AttributionCache,
): Decision {
  switch (c.type) {
    case 'theme:create':
      return createTheme(state, c, now);
    case 'theme:rename':
      return renameTheme(state, c, now);
    case 'theme:mark':
      return markTheme(state, c, now);
    case 'theme:merge':
      return mergeTheme(state, c, now);
    case 'theme:delete':
      return deleteTheme(state, c, now);
    case 'note:sort':
      return sortNote(state, c, now);
    case 'note:setAside':
      return setAside(state, c, now);
    case 'quote:edit':
      return editQuote(state, c, now);
    case 'synthesis:write':
      return writeSynthesis(state, c, now);
    case 'finding:keep':
      return keepFinding(state, c, now, attribution);
    case 'finding:redact':
      return redactFinding(state, c, now, attribution);
    case 'readout:publish':
      return publish(state, c, now, attribution);
  }
}

// ───────── rapporteurs ─────────

function invite(state: SessionState, c: CommandOf<'rapporteur:invite'>, now: number): Decision {
  if (state.rapporteurs.has(c.rapporteurId)) return refuse(ErrorCode.conflict, 'That rapporteur id is taken.');
  const label = c.label || `Rapporteur ${state.rapporteurs.size + 1}`;
  return accept([{ type: 'rapporteur:invited', at: now, rapporteurId: c.rapporteurId, label, tokenHash: c.tokenHash }], { rapporteurId: c.rapporteurId, label });
}

function revoke(state: SessionState, c: CommandOf<'rapporteur:revoke'>, now: number): Decision {
  const r = state.rapporteurs.get(c.rapporteurId);
  if (!r) return refuse(ErrorCode.notFound, 'No such rapporteur.');
  if (r.revoked) return alreadyDone();
  return accept([{ type: 'rapporteur:revoked', at: now, rapporteurId: r.id }]);
}

// ───────── themes ─────────

function themeOrRefusal(state: SessionState, id: string): Theme | Refusal {
  const theme = state.harvest.themes.get(id);
  return theme ?? refuse(ErrorCode.notFound, 'No such theme.');
}
const isRefusal = (x: object): x is Refusal => 'ok' in x && x.ok === false;

function mergedRefusal(state: SessionState, theme: Theme): Refusal {
  const into = liveTheme(state.harvest, theme.id);
  return refuse(ErrorCode.conflict, `“${theme.name}” was merged into “${into?.name ?? 'another theme'}”.`);
}

function createTheme(state: SessionState, c: CommandOf<'theme:create'>, now: number): Decision {
  const existing = state.harvest.themes.get(c.id);
  if (existing) {
    return existing.question === c.question && existing.name === c.name ? alreadyDone({ themeId: c.id }) : refuse(ErrorCode.conflict, 'That theme id is taken.');
  }
  if (!questionsOf(state).some((q) => q.key === c.question)) return refuse(ErrorCode.notFound, 'No such question.');
  return accept([{ type: 'theme:created', at: now, themeId: c.id, question: c.question, name: c.name }], { themeId: c.id });
}

function renameTheme(state: SessionState, c: CommandOf<'theme:rename'>, now: number): Decision {
  const theme = themeOrRefusal(state, c.id);
  if (isRefusal(theme)) return theme;
  if (theme.name === c.name) return alreadyDone();
  return accept([{ type: 'theme:renamed', at: now, themeId: theme.id, name: c.name }]);
}

function markTheme(state: SessionState, c: CommandOf<'theme:mark'>, now: number): Decision {
  const theme = themeOrRefusal(state, c.id);
  if (isRefusal(theme)) return theme;
  if (theme.mergedInto) return mergedRefusal(state, theme);
  if (theme.keyFinding === c.key) return alreadyDone();
  return accept([{ type: 'theme:marked', at: now, themeId: theme.id, keyFinding: c.key }]);
}

function mergeTheme(state: SessionState, c: CommandOf<'theme:merge'>, now: number): Decision {
  const theme = themeOrRefusal(state, c.id);
  if (isRefusal(theme)) return theme;
  const into = themeOrRefusal(state, c.into);
  if (isRefusal(into)) return into;
  if (theme.mergedInto === into.id) return alreadyDone();
  if (theme.id === into.id) return refuse(ErrorCode.conflict, 'A theme cannot be merged into itself.');
  if (theme.mergedInto) return mergedRefusal(state, theme);
  if (into.mergedInto) return mergedRefusal(state, into);
  if (theme.question !== into.question) return refuse(ErrorCode.conflict, 'Only themes of the same question can be merged.');
  return accept([{ type: 'theme:merged', at: now, themeId: theme.id, into: into.id }]);
}

function deleteTheme(state: SessionState, c: CommandOf<'theme:delete'>, now: number): Decision {
  const theme = state.harvest.themes.get(c.id);
  if (!theme) return alreadyDone();
  const mergedHere = [...state.harvest.themes.values()].filter((t) => t.mergedInto === theme.id);
  if (mergedHere.length) return refuse(ErrorCode.conflict, `Themes were merged into “${theme.name}”; it can be renamed but not deleted.`);
  return accept([{ type: 'theme:deleted', at: now, themeId: theme.id }]);
}

// ───────── notes ─────────

function noteForHarvest(state: SessionState, noteId: string) {
  const note = state.notes.get(noteId);
  if (!note || note.deleted) return refuse(ErrorCode.notFound, 'No such note.');
  return note;
}

/** Where a note is now: the theme holding it, or null. */
function themeOfNote(state: SessionState, noteId: string): Theme | undefined {
  return [...state.harvest.themes.values()].find((t) => t.noteIds.includes(noteId));
}

function sortNote(state: SessionState, c: CommandOf<'note:sort'>, now: number): Decision {
  const note = noteForHarvest(state, c.noteId);
  if (isRefusal(note)) return note;
  const current = themeOfNote(state, note.id);
  if (c.themeId === null) {
    if (!current && !state.harvest.setAside.has(note.id)) return alreadyDone();
    return accept([{ type: 'note:sorted', at: now, noteId: note.id, themeId: null }]);
  }
  const theme = themeOrRefusal(state, c.themeId);
  if (isRefusal(theme)) return theme;
  if (theme.mergedInto) return mergedRefusal(state, theme);
  if (note.hidden) return refuse(ErrorCode.forbidden, 'The facilitator has hidden that note; it cannot be quoted.');
  if (questionOfTable(state, note.tableId)?.key !== theme.question) return refuse(ErrorCode.conflict, 'That note answers another question than this theme.');
  if (current?.id === theme.id) return alreadyDone();
  return accept([{ type: 'note:sorted', at: now, noteId: note.id, themeId: theme.id }]);
}

function setAside(state: SessionState, c: CommandOf<'note:setAside'>, now: number): Decision {
  const note = noteForHarvest(state, c.noteId);
  if (isRefusal(note)) return note;
  const detail = c.detail ?? '';
  const current = state.harvest.setAside.get(note.id);
  if (current && current.reason === c.reason && current.detail === detail) return alreadyDone();
  return accept([{ type: 'note:sidelined', at: now, noteId: note.id, reason: c.reason, detail }]);
}

function editQuote(state: SessionState, c: CommandOf<'quote:edit'>, now: number): Decision {
  let source: string;
  let original: string;
  if ('noteId' in c) {
    const note = noteForHarvest(state, c.noteId);
    if (isRefusal(note)) return note;
    source = sourceRef.note(note.id);
    original = note.text;
  } else {
    const text = state.summaries.get(c.tableId)?.get(c.round);
    if (!text) return refuse(ErrorCode.notFound, 'No summary for that table and round.');
    source = sourceRef.summary(c.tableId, c.round);
    original = text;
  }
  // Writing back the original words drops the readout's copy.
  const next = c.text === original ? null : c.text;
  if ((state.harvest.quotes.get(source) ?? null) === next) return alreadyDone();
  return accept([{ type: 'quote:edited', at: now, source, text: next }]);
}

function writeSynthesis(state: SessionState, c: CommandOf<'synthesis:write'>, now: number): Decision {
  if (!questionsOf(state).some((q) => q.key === c.question)) return refuse(ErrorCode.notFound, 'No such question.');
  if ((state.harvest.syntheses.get(c.question) ?? '') === c.text) return alreadyDone();
  return accept([{ type: 'synthesis:written', at: now, question: c.question, text: c.text }]);
}

// ───────── votes ─────────

function configureVotes(state: SessionState, c: CommandOf<'vote:configure'>, now: number): Decision {
  if (state.harvest.votesPerParticipant === c.votesPerParticipant) return alreadyDone();
  const most = Math.max(0, ...[...state.harvest.votes.keys()].map((pid) => dotsCast(state, pid)));
  if (most > c.votesPerParticipant) return refuse(ErrorCode.conflict, `Someone has already placed ${most} dots; the budget cannot go below that.`);
  return accept([{ type: 'vote:configured', at: now, votesPerParticipant: c.votesPerParticipant }]);
}

/** Dots a participant has on themes that still stand (merged themes pass theirs on). */
export function dotsCast(state: SessionState, participantId: string, except?: string): number {
  let total = 0;
  for (const [themeId, dots] of state.harvest.votes.get(participantId) ?? []) {
    if (themeId !== except && liveTheme(state.harvest, themeId)) total += dots;
  }
  return total;
}

function castVote(state: SessionState, c: CommandOf<'vote:cast'>, actor: Actor, now: number): Decision {
  if (actor.role !== 'participant') return refuse(ErrorCode.forbidden, 'Only participants vote.');
  const p: Participant | undefined = state.participants.get(actor.participantId);
  if (!p || p.status !== 'active') return refuse(ErrorCode.unauthorised, 'You are no longer part of this session.');
  if (state.phase !== 'harvest') return refuse(ErrorCode.wrongPhase, 'Voting opens with the harvest.');
  const theme = themeOrRefusal(state, c.themeId);
  if (isRefusal(theme)) return theme;
  if (theme.mergedInto) return mergedRefusal(state, theme);
  const budget = state.harvest.votesPerParticipant;
  const others = dotsCast(state, p.id, theme.id);
  if (others + c.dots > budget) return refuse(ErrorCode.conflict, `You have ${budget} dots in all and ${budget - others} left for this theme.`);
  if ((state.harvest.votes.get(p.id)?.get(theme.id) ?? 0) === c.dots) return alreadyDone({ dotsLeft: budget - others - c.dots });
  return accept([{ type: 'vote:recorded', at: now, participantId: p.id, themeId: theme.id, dots: c.dots }], { dotsLeft: budget - others - c.dots });
}

// ───────── the attribution check ─────────

/**
 * Every finding in what would be published now, each with the rapporteur's decision if any. The
 * cache, when the caller keeps one for the session, spares re-scanning texts that did not change.
 */
export function currentFindings(state: SessionState, cache?: AttributionCache): (Finding & { kept: { reason: string } | null })[] {
  return checkTexts(readoutTexts(state), rosterOf(state), cache).map((f) => ({ ...f, kept: state.harvest.kept.get(f.key) ?? null }));
}

function findingOrRefusal(state: SessionState, key: string, cache?: AttributionCache): Finding | Refusal {
  const finding = checkTexts(readoutTexts(state), rosterOf(state), cache).find((f) => f.key === key);
  return finding ?? refuse(ErrorCode.notFound, 'No such finding in the readout as it stands; it may have been resolved already.');
}

function keepFinding(state: SessionState, c: CommandOf<'finding:keep'>, now: number, cache?: AttributionCache): Decision {
  const finding = findingOrRefusal(state, c.key, cache);
  if (isRefusal(finding)) return finding;
  if (state.harvest.kept.get(c.key)?.reason === c.reason) return alreadyDone();
  return accept([{ type: 'finding:kept', at: now, key: c.key, reason: c.reason }]);
}

function redactFinding(state: SessionState, c: CommandOf<'finding:redact'>, now: number, cache?: AttributionCache): Decision {
  const finding = findingOrRefusal(state, c.key, cache);
  if (isRefusal(finding)) return finding;
  const source = parseSource(finding.source);
  if (!source) return refuse(ErrorCode.internal, 'That finding has no source to redact.');
  const text = readoutTexts(state).find((t) => t.source === finding.source)!.text;
  const next = redact(text, finding);
  if (source.kind === 'theme' && next.length > Limits.themeNameChars) return refuse(ErrorCode.invalid, 'The redacted theme name would be too long; rename the theme instead.');
  return accept([{ type: 'finding:redacted', at: now, key: c.key, source: finding.source, text: next }], { source: finding.source, text: next });
}

// ───────── publishing ─────────

function publish(state: SessionState, c: CommandOf<'readout:publish'>, now: number, cache?: AttributionCache): Decision {
  if (state.phase !== 'harvest') return refuse(ErrorCode.wrongPhase, 'The readout is published during the harvest.');
  if (state.harvest.readouts.some((r) => r.readoutId === c.readoutId)) return refuse(ErrorCode.conflict, 'That readout id is taken.');
  const unresolved = currentFindings(state, cache).filter((f) => !f.kept).length;
  if (unresolved > 0) {
    return refuse(ErrorCode.conflict, `${unresolved} attribution ${unresolved === 1 ? 'finding is' : 'findings are'} unresolved: redact, rephrase or keep each with a reason before publishing.`);
  }
  const version = state.harvest.readouts.length + 1;
  const { readout, noteNumbers } = buildReadout(state, { version, minGroupSize: c.minGroupSize ?? Limits.defaultMinGroupSize, now });
  return accept([{ type: 'readout:published', at: now, readoutId: c.readoutId, version, readout, noteNumbers }], { readoutId: c.readoutId, version });
}
