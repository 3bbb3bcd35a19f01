import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLabelledCafe, plenaryNotes } from '../../bench/lib/labelled-notes.ts';
import { suggestThemes } from '../../shared/harvest/suggest/index.ts';
import { ThemeSuggester } from '../../server/harvest/suggestWorker.ts';

/**
 * The server asks for a question's suggested themes on a worker thread, so that a plenary's
 * harvest does not hold up every other session's events while it is computed.
 */

const logger = pino({ level: 'silent' });
const cafe = loadLabelledCafe();
const question = cafe.notes.filter((note) => note.question === 'q1').map(({ id, text }) => ({ id, text }));
let suggester: ThemeSuggester | null = null;

afterEach(async () => {
  await suggester?.close();
  suggester = null;
});

describe('the theme suggester', () => {
  it('answers from its worker thread what the engine answers inline', async () => {
    suggester = new ThemeSuggester(logger);
    const suggestions = await suggester.suggest(question, { language: 'en' });
    expect(suggestions).toEqual(suggestThemes(question, { language: 'en' }));
    expect(suggestions.clusters.length).toBeGreaterThan(5);
  });

  it('keeps the event loop free while a plenary of 2,500 notes is computed', async () => {
    suggester = new ThemeSuggester(logger);
    await suggester.suggest(question.slice(0, 3), { language: 'en' }); // the thread is up
    const plenary = plenaryNotes(cafe, 2500).map(({ id, text }) => ({ id, text }));
    const order: string[] = [];
    const answer = suggester.suggest(plenary, { language: 'en' }).then((s) => {
      order.push('answer');
      return s;
    });
    setTimeout(() => order.push('timer'), 0);
    const suggestions = await answer;
    expect(order).toEqual(['timer', 'answer']);
    expect(suggestions.clusters.length).toBeGreaterThan(30);
  });

  it('answers several questions asked at once, each with its own notes', async () => {
    suggester = new ThemeSuggester(logger);
    const questions = ['q1', 'q2', 'q3'].map((q) => cafe.notes.filter((note) => note.question === q).map(({ id, text }) => ({ id, text })));
    const answers = await Promise.all(questions.map((notes) => suggester!.suggest(notes, { language: 'en' })));
    answers.forEach((answer, i) => {
      const ids = new Set(questions[i]!.map((note) => note.id));
      for (const cluster of answer.clusters) for (const id of cluster.noteIds) expect(ids.has(id)).toBe(true);
    });
  });

  it('passes the engine’s refusal back to the caller, and goes on answering', async () => {
    suggester = new ThemeSuggester(logger);
    await expect(
      suggester.suggest(
        [
          { id: 'a', text: 'one' },
          { id: 'a', text: 'two' },
        ],
        { language: 'en' },
      ),
    ).rejects.toThrow(/given twice/);
    expect((await suggester.suggest(question, { language: 'en' })).clusters.length).toBeGreaterThan(5);
  });

  it('computes inline when asked to, with the same answer', async () => {
    suggester = new ThemeSuggester(logger, 'inline');
    expect(await suggester.suggest(question, { language: 'fr' })).toEqual(suggestThemes(question, { language: 'fr' }));
  });

  it('refuses the jobs still waiting when it is closed', async () => {
    suggester = new ThemeSuggester(logger);
    const pending = suggester.suggest(plenaryNotes(cafe, 2500), { language: 'en' });
    const refused = expect(pending).rejects.toThrow(/closed/);
    await suggester.close();
    await refused;
  });
});
