/** How many threads render (scripts/pipeline/renderer.ts): by the amount of work, measured, unless --jobs says. */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { renderThreads, TASKS_PER_EXTRA_THREAD } from '../../scripts/pipeline/renderer.ts';

describe('renderThreads', () => {
  it('without --jobs renders in one thread until a second one pays: a small build, one changed HSA, the shipped data', () => {
    for (const tasks of [1, 25, 41, TASKS_PER_EXTRA_THREAD - 1]) expect(renderThreads(undefined, tasks), String(tasks)).toBe(1);
  });

  it('without --jobs adds a thread per TASKS_PER_EXTRA_THREAD tasks, up to the cores', () => {
    expect(renderThreads(undefined, TASKS_PER_EXTRA_THREAD)).toBe(Math.min(2, availableParallelism()));
    expect(renderThreads(undefined, 260)).toBe(Math.min(4, availableParallelism()));
    expect(renderThreads(undefined, 100_000)).toBe(availableParallelism());
  });

  it('with --jobs renders in that many threads, as long as each gets two tasks', () => {
    expect(renderThreads(2, 41)).toBe(2);
    expect(renderThreads(4, 5)).toBe(3);
    expect(renderThreads(3, 1)).toBe(1);
    expect(renderThreads(1, 1000)).toBe(1);
  });
});
