import type { TableMode } from '../../../shared/domain/enums.ts';
import type { SessionSetup } from '../../../shared/protocol/schemas.ts';

/** The create form edits strings (minutes, optional links); this turns them into a SessionSetup. */

export interface TableDraft {
  key: string;
  name: string;
  question: string;
  videoUrl: string;
  mode: TableMode;
}

export interface SetupDraft {
  title: string;
  description: string;
  rounds: string;
  roundMinutes: string;
  movingMinutes: string;
  autoAdvance: boolean;
  /** Flag likely abuse with the word list (off unless chosen). */
  wordList?: boolean;
  stakeholderGroups?: string[];
  tables: TableDraft[];
}

let keySeq = 0;
export const newTableKey = () => `t${++keySeq}`;

export function emptyTable(): TableDraft {
  return { key: newTableKey(), name: '', question: '', videoUrl: '', mode: 'hybrid' };
}

export function draftFrom(setup: SessionSetup): SetupDraft {
  return {
    title: setup.title,
    description: setup.description ?? '',
    rounds: String(setup.rounds),
    roundMinutes: minutes(setup.roundSeconds),
    movingMinutes: minutes(setup.movingSeconds),
    autoAdvance: setup.autoAdvance,
    ...(setup.wordList ? { wordList: true } : {}),
    stakeholderGroups: setup.stakeholderGroups,
    tables: setup.tables.map((t) => ({
      key: newTableKey(),
      name: t.name ?? '',
      question: t.question,
      videoUrl: t.videoUrl ?? '',
      mode: t.mode ?? 'hybrid',
    })),
  };
}

function minutes(seconds: number): string {
  return String(Math.round((seconds / 60) * 10) / 10);
}

export function setupFrom(d: SetupDraft): SessionSetup {
  const setup: SessionSetup = {
    title: d.title.trim(),
    description: d.description.trim(),
    rounds: Number(d.rounds),
    roundSeconds: Math.round(Number(d.roundMinutes) * 60),
    movingSeconds: Math.round(Number(d.movingMinutes) * 60),
    autoAdvance: d.autoAdvance,
    tables: d.tables.map((t) => ({
      ...(t.name.trim() ? { name: t.name.trim() } : {}),
      question: t.question.trim(),
      ...(t.videoUrl.trim() ? { videoUrl: t.videoUrl.trim() } : {}),
      mode: t.mode,
    })),
  };
  if (d.stakeholderGroups) setup.stakeholderGroups = d.stakeholderGroups;
  if (d.wordList) setup.wordList = true;
  return setup;
}
