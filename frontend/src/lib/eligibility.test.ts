import { describe, expect, it } from 'vitest';
import { ageOn, passwordProblems } from './eligibility';

describe('eligibility rules', () => {
  it('counts whole years and turns 18 on the birthday itself', () => {
    const today = new Date(2026, 5, 10); // 10 June 2026, local
    expect(ageOn('2008-06-10', today)).toBe(18);
    expect(ageOn('2008-06-11', today)).toBe(17);
    expect(ageOn('2008-02-29', new Date(2026, 1, 28))).toBe(17);
    expect(ageOn('not a date', today)).toBeNull();
  });

  it('names every missing part of a weak password', () => {
    expect(passwordProblems('short')).toEqual([
      'at least 12 characters',
      'an upper-case letter',
      'a digit',
      'a symbol',
    ]);
    expect(passwordProblems('Correct-Horse-9')).toEqual([]);
  });
});
