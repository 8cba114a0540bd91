import { DomainError } from '@grants/common';
import { describe, expect, it } from 'vitest';
import {
  readConflict,
  readDecision,
  readInformationRequest,
  readRecommendation,
  readScores,
  readScreening,
  refusalProblems,
} from './case-forms';

describe('the officers’ forms', () => {
  it('needs details with a declared conflict, and nothing more without one', () => {
    expect(readConflict({}).problems.map((p) => p.field)).toEqual(['hasConflict']);
    expect(readConflict({ hasConflict: 'yes' }).problems.map((p) => p.field)).toEqual(['details']);
    expect(readConflict({ hasConflict: 'yes', details: 'My sister' }).command).toEqual({
      hasConflict: true,
      details: 'My sister',
    });
    expect(readConflict({ hasConflict: 'no', details: 'ignored' }).command).toEqual({ hasConflict: false });
  });

  it('reads overrides only with a reason, and reasons when not eligible', () => {
    expect(readScreening({ outcome: 'ineligible' }).problems.map((p) => p.field)).toEqual(['reasons']);
    expect(
      readScreening({ outcome: 'eligible', 'override-one_off': 'pass' }).problems.map((p) => p.field),
    ).toEqual(['override-one_off-reason']);
    expect(
      readScreening({
        outcome: 'eligible',
        'override-one_off': 'pass',
        'override-one_off-reason': 'New work',
        'override-bogus': 'pass',
      }).command,
    ).toEqual({ outcome: 'eligible', overrides: [{ rule: 'one_off', outcome: 'pass', reason: 'New work' }] });
  });

  it('takes scores on the 0–5 scale only, empty meaning not yet scored', () => {
    const form = readScores({ 'score-a': '4', 'score-b': '', 'comment-a': 'Good', action: 'submit' }, [
      'a',
      'b',
    ]);
    expect(form.command).toEqual({
      scores: [
        { criterionId: 'a', score: 4, comment: 'Good' },
        { criterionId: 'b', score: null, comment: null },
      ],
      submit: true,
    });
    expect(readScores({ 'score-a': '6' }, ['a']).problems.map((p) => p.field)).toEqual(['score-a']);
  });

  it('needs every moderated score, an amount when funding in part, and reasons against an objective', () => {
    const partial = readRecommendation({ outcome: 'fund_in_part', 'moderated-a': '3' }, ['a', 'b'], ['o']);
    expect(partial.problems.map((p) => p.field)).toEqual(['moderated-b', 'amount', 'summary', 'reason-o']);
    expect(
      readRecommendation(
        {
          outcome: 'fund_in_part',
          'moderated-a': '3',
          amount: '£1,500',
          summary: 'Good',
          'reason-o': 'Serves it',
        },
        ['a'],
        ['o'],
      ).command,
    ).toEqual({
      moderatedScores: [{ criterionId: 'a', score: 3, comment: null }],
      outcome: 'fund_in_part',
      amountPence: 150_000,
      summary: 'Good',
      reasons: [{ objectiveId: 'o', reason: 'Serves it' }],
    });
  });

  it('reads special conditions one per line, and only for an award', () => {
    expect(
      readDecision({
        outcome: 'award',
        reasons: 'Good',
        conditionsBeforePayment: 'Consent\n\n  Insurance ',
        conditionsOngoing: 'Logo',
      }).command,
    ).toEqual({
      outcome: 'award',
      reasons: 'Good',
      specialConditions: [
        { text: 'Consent', timing: 'before_payment' },
        { text: 'Insurance', timing: 'before_payment' },
        { text: 'Logo', timing: 'ongoing' },
      ],
    });
    expect(readDecision({ outcome: 'refuse', reasons: 'No', conditionsOngoing: 'Logo' }).command).toEqual({
      outcome: 'refuse',
      reasons: 'No',
    });
    expect(
      readDecision({ outcome: 'award', reasons: 'x', amount: 'lots' }).problems.map((p) => p.field),
    ).toEqual(['amount']);
  });

  it('shows the service’s refusal in its own words', () => {
    const error = DomainError.rule('Every condition must be confirmed', [
      { field: 'x', message: 'condition 2 is not confirmed' },
    ]);
    expect(refusalProblems(error, 'outcome')).toEqual([
      { field: 'outcome', message: 'Condition 2 is not confirmed' },
    ]);
    expect(refusalProblems(DomainError.conflict('Too late'), 'outcome')).toEqual([
      { field: 'outcome', message: 'Too late' },
    ]);
  });

  it('asks for information about known answers only, with a message', () => {
    expect(readInformationRequest({}).problems.map((p) => p.field)).toEqual(['answers', 'message']);
    expect(
      readInformationRequest({ answers: ['budgetLines', 'secrets', 'budgetLines'], message: 'Why?' }).command,
    ).toEqual({
      answers: ['budgetLines'],
      message: 'Why?',
    });
  });
});
