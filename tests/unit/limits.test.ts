import { describe, expect, it } from 'vitest';
import { MemoryWindows } from '../../server/security/limits.ts';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, pass: (ms: number) => (now += ms) };
}

describe('a budget in one process’s memory', () => {
  it('lets a participant spend their burst, refuses the next with when to try again, and opens a new window after', () => {
    const time = clock();
    const commands = new MemoryWindows(5, 1000, time.now);
    for (let i = 0; i < 5; i++) expect(commands.take('s1:p:amaka')).toEqual({ ok: true });
    time.pass(400);
    expect(commands.take('s1:p:amaka')).toEqual({ ok: false, retryAfterMs: 600 });
    // Someone else at the same table still has their own budget.
    expect(commands.take('s1:p:bolat')).toEqual({ ok: true });
    time.pass(600);
    expect(commands.take('s1:p:amaka')).toEqual({ ok: true });
  });

  it('answers at once, without a promise, so a note waits for no turn of the event loop', () => {
    const commands = new MemoryWindows(5, 1000, clock().now);
    expect(commands.take('s1:p:amaka')).not.toBeInstanceOf(Promise);
  });

  it('says a key is blocked only while its window is spent, and forgets a key on request', async () => {
    const time = clock();
    const guesses = new MemoryWindows(2, 300_000, time.now);
    expect(await guesses.blocked('10.0.0.7')).toBeNull();
    guesses.take('10.0.0.7');
    guesses.take('10.0.0.7');
    expect(await guesses.blocked('10.0.0.7')).toBe(300_000);
    await guesses.forget('10.0.0.7');
    expect(await guesses.blocked('10.0.0.7')).toBeNull();
    guesses.take('10.0.0.7');
    guesses.take('10.0.0.7');
    time.pass(300_000);
    expect(await guesses.blocked('10.0.0.7')).toBeNull();
  });

  it('lets go of the windows of people who stopped writing, at the first take after their window ended', () => {
    const time = clock();
    const commands = new MemoryWindows(5, 1000, time.now);
    for (let p = 0; p < 2000; p++) commands.take(`s1:p:${p}`);
    expect(commands.size).toBe(2000);
    time.pass(1000);
    // The first take after a window's length sweeps every window that ended.
    commands.take('s1:p:still-writing');
    expect(commands.size).toBe(1);
  });

  it('does not hold a participant back for longer than a window when the clock goes back', () => {
    const time = clock();
    const notes = new MemoryWindows(6, 30_000, time.now);
    for (let i = 0; i < 6; i++) notes.take('s1:p:amaka');
    expect(notes.take('s1:p:amaka')).toEqual({ ok: false, retryAfterMs: 30_000 });
    // An injected clock steps back twenty minutes; the window it opened cannot last that long.
    time.pass(-20 * 60_000);
    expect(notes.take('s1:p:amaka')).toEqual({ ok: true });
  });

  it('keeps a key such as __proto__ as any other key', () => {
    const commands = new MemoryWindows(1, 1000, clock().now);
    expect(commands.take('__proto__')).toEqual({ ok: true });
    expect(commands.take('__proto__')).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(commands.take('constructor')).toEqual({ ok: true });
  });
});
