import { describe, expect, it } from 'vitest';
import {
  answerOfField,
  answersToRecheck,
  REQUESTABLE_ANSWERS,
  unrequestedFields,
} from './requestable-answers';

describe('answerOfField', () => {
  it.each([
    ['budgetLines[2].amountPence', 'budgetLines'],
    ['budgetLines[0]', 'budgetLines'],
    ['safeguarding.confirmed', 'safeguarding'],
    ['groupChecklist.bankAccountInGroupName', 'groupChecklist'],
    ['title', 'title'],
    ['documents[1].kind', 'documents'],
  ])('%s belongs to %s', (field, answer) => {
    expect(answerOfField(field)).toBe(answer);
  });

  it('maps every requestable answer to itself', () => {
    for (const answer of REQUESTABLE_ANSWERS) expect(answerOfField(answer)).toBe(answer);
  });
});

describe('unrequestedFields', () => {
  it('accepts fields within the reopened answers, nested or not', () => {
    expect(
      unrequestedFields(
        ['budgetLines', 'budgetLines[1].amountPence', 'safeguarding.confirmed', 'title'],
        ['budgetLines', 'safeguarding', 'title'],
      ),
    ).toEqual([]);
  });

  it('accepts nothing sent', () => {
    expect(unrequestedFields([], ['title'])).toEqual([]);
  });

  it('gives one error for each sent field outside the reopened answers, in order, naming what is reopened', () => {
    const errors = unrequestedFields(
      ['summary', 'budgetLines[0].amountPence', 'safeguarding.confirmed', 'exitPlan'],
      ['budgetLines', 'documents'],
    );
    expect(errors.map((e) => e.field)).toEqual(['summary', 'safeguarding.confirmed', 'exitPlan']);
    for (const e of errors) {
      expect(e.message).toContain('budgetLines');
      expect(e.message).toContain('documents');
    }
  });

  it('matches whole answer names, not prefixes', () => {
    expect(unrequestedFields(['titles', 'budget.x'], ['title', 'budgetLines']).map((e) => e.field)).toEqual([
      'titles',
      'budget.x',
    ]);
  });

  it('refuses every field when nothing is reopened', () => {
    expect(unrequestedFields(['title', 'summary'], []).map((e) => e.field)).toEqual(['title', 'summary']);
  });

  it('gives an error for each repeat of an unrequested field', () => {
    expect(unrequestedFields(['summary', 'summary'], ['title']).map((e) => e.field)).toEqual([
      'summary',
      'summary',
    ]);
  });
});

describe('answersToRecheck', () => {
  it('adds the answers checked together with the reopened ones', () => {
    expect([...answersToRecheck(['amountRequestedPence'])].sort()).toEqual([
      'amountRequestedPence',
      'budgetLines',
    ]);
    expect([...answersToRecheck(['endDate', 'summary'])].sort()).toEqual(['endDate', 'startDate', 'summary']);
    expect([...answersToRecheck(['objectives'])].sort()).toEqual(['objectives', 'successMeasures']);
  });
});
