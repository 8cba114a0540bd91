import { describe, expect, it } from 'vitest';
import {
  criteriaProblems,
  CriterionTerms,
  DEFAULT_CRITERIA,
  MAX_CRITERIA,
  normaliseCriteria,
  sameCriteria,
} from './assessment-criteria';

const criterion = (title: string, weight = 10, guidance = 'Look at the evidence.'): CriterionTerms => ({
  title,
  guidance,
  weight,
});

describe('DEFAULT_CRITERIA', () => {
  it('has six criteria whose weights sum to 100', () => {
    expect(DEFAULT_CRITERIA).toHaveLength(6);
    expect(DEFAULT_CRITERIA.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
  });

  it('has unique titles and guidance for each', () => {
    const titles = DEFAULT_CRITERIA.map((c) => c.title.trim().toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
    expect(DEFAULT_CRITERIA.every((c) => c.guidance.trim() !== '')).toBe(true);
  });

  it('passes its own checks and is already normalised', () => {
    expect(criteriaProblems(DEFAULT_CRITERIA)).toEqual([]);
    expect(sameCriteria(normaliseCriteria(DEFAULT_CRITERIA), DEFAULT_CRITERIA)).toBe(true);
    expect(normaliseCriteria(DEFAULT_CRITERIA)).toEqual(DEFAULT_CRITERIA);
  });
});

describe('criteriaProblems', () => {
  it('accepts a single criterion', () => {
    expect(criteriaProblems([criterion('Need')])).toEqual([]);
  });

  it('refuses an empty list', () => {
    expect(criteriaProblems([]).map((p) => p.field)).toEqual(['criteria']);
  });

  it('accepts exactly MAX_CRITERIA and refuses one more', () => {
    const many = Array.from({ length: MAX_CRITERIA + 1 }, (_, i) => criterion(`Criterion ${i + 1}`));
    expect(criteriaProblems(many.slice(0, MAX_CRITERIA))).toEqual([]);
    const problems = criteriaProblems(many);
    expect(problems.map((p) => p.field)).toEqual(['criteria']);
    expect(problems[0]!.message).toContain(String(MAX_CRITERIA));
  });

  it('uses the field name it is given', () => {
    expect(criteriaProblems([], 'round.criteria').map((p) => p.field)).toEqual(['round.criteria']);
    expect(criteriaProblems([criterion(' ')], 'c').map((p) => p.field)).toEqual(['c[0].title']);
  });

  it.each(['', '   ', '\t\n'])('refuses a blank title %j', (title) => {
    expect(criteriaProblems([criterion('Need'), criterion(title)]).map((p) => p.field)).toEqual([
      'criteria[1].title',
    ]);
  });

  it('refuses a repeated title, ignoring case and surrounding space', () => {
    const problems = criteriaProblems([
      criterion('Value for money'),
      criterion('Need'),
      criterion('  VALUE for Money '),
    ]);
    expect(problems.map((p) => p.field)).toEqual(['criteria[2].title']);
    expect(problems[0]!.message).toContain('repeats');
  });

  it('does not treat titles differing inside as repeats', () => {
    expect(criteriaProblems([criterion('Value for money'), criterion('Value  for money')])).toEqual([]);
  });

  it.each([0, -1, 101, 2.5, Number.NaN])('refuses a weight of %s', (weight) => {
    expect(criteriaProblems([criterion('Need', weight)]).map((p) => p.field)).toEqual(['criteria[0].weight']);
  });

  it.each([1, 100, 37])('accepts a weight of %s', (weight) => {
    expect(criteriaProblems([criterion('Need', weight)])).toEqual([]);
  });

  it('does not need the weights to sum to 100', () => {
    expect(criteriaProblems([criterion('A', 1), criterion('B', 3)])).toEqual([]);
    expect(criteriaProblems([criterion('A', 100), criterion('B', 100)])).toEqual([]);
  });

  it('reports every problem, each at its index', () => {
    const problems = criteriaProblems([criterion('Need', 0), criterion(' '), criterion('need', 2.5)]);
    expect(problems.map((p) => p.field)).toEqual([
      'criteria[0].weight',
      'criteria[1].title',
      'criteria[2].title',
      'criteria[2].weight',
    ]);
  });
});

describe('normaliseCriteria', () => {
  it('trims titles and guidance and keeps weights and order', () => {
    expect(
      normaliseCriteria([criterion('  Need ', 20, '\n Evidence. \t'), criterion('Money', 5, 'Costs.')]),
    ).toEqual([criterion('Need', 20, 'Evidence.'), criterion('Money', 5, 'Costs.')]);
  });

  it('does not change its input', () => {
    const input = [criterion(' Need ')];
    normaliseCriteria(input);
    expect(input[0]!.title).toBe(' Need ');
  });
});

describe('sameCriteria', () => {
  const a = criterion('Need', 20, 'Evidence.');
  const b = criterion('Money', 10, 'Costs.');

  it('is true for the same criteria in the same order', () => {
    expect(sameCriteria([a, b], [{ ...a }, { ...b }])).toBe(true);
    expect(sameCriteria([], [])).toBe(true);
  });

  it('ignores surrounding space in titles and guidance', () => {
    expect(
      sameCriteria([a, b], [criterion(' Need  ', 20, ' Evidence.\n'), criterion('\tMoney', 10, 'Costs. ')]),
    ).toBe(true);
  });

  it('is false when the order differs', () => {
    expect(sameCriteria([a, b], [b, a])).toBe(false);
  });

  it('is false when a title, guidance or weight differs, or a criterion is added', () => {
    expect(sameCriteria([a], [criterion('need', 20, 'Evidence.')])).toBe(false);
    expect(sameCriteria([a], [criterion('Need', 20, 'Other evidence.')])).toBe(false);
    expect(sameCriteria([a], [criterion('Need', 21, 'Evidence.')])).toBe(false);
    expect(sameCriteria([a], [a, b])).toBe(false);
    expect(sameCriteria([a, b], [a])).toBe(false);
  });
});
