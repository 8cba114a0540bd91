import { DEFAULT_CRITERIA, DEFAULT_STANDARD_CONDITIONS, RoundDetailView } from '@grants/rounds';
import { describe, expect, it } from 'vitest';
import {
  newRoundForm,
  readCopyForm,
  readRoundForm,
  roundChanges,
  roundFormFromBody,
  roundFormFromRound,
  roundProblems,
} from './admin-round-forms';
import { FormBody } from './form-body';

const FUND_YEAR = '0b7c9a52-5a55-4b8e-9f39-1a2b3c4d5e6f';
const VERSION = '4c0e6a1d-2b3c-4d5e-8f70-8192a3b4c5d6';
const OBJECTIVE = '9d2f0c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const LONDON = 'Europe/London';

/** The new round's form as the page gives it, filled in. */
function filledIn(overrides: FormBody = {}): FormBody {
  const form = newRoundForm({ disallowedCostCategories: ['Ongoing core running costs'] });
  const body: FormBody = {
    ...form.values,
    fundYearId: FUND_YEAR,
    planVersionId: VERSION,
    title: 'Small grants 2027/28',
    description: 'One-off grants.\r\n\r\nFor groups.',
    'opensAt-day': '1',
    'opensAt-month': '6',
    'opensAt-year': '2027',
    'closesAt-day': '31',
    'closesAt-month': '7',
    'closesAt-year': '2027',
    minAward: '500',
    maxAward: '25,000',
    objectiveIds: [OBJECTIVE],
    acceptedLegalForms: form.acceptedLegalForms,
    criterionRows: String(form.criteria.length),
    conditionRows: String(form.conditions.length),
  };
  form.criteria.forEach((c, i) => {
    body[`criterion-${i}-title`] = c.title;
    body[`criterion-${i}-guidance`] = c.guidance;
    body[`criterion-${i}-weight`] = c.weight;
  });
  form.conditions.forEach((c, i) => {
    body[`condition-${i}-text`] = c.text;
    body[`condition-${i}-timing`] = c.timing;
  });
  return { ...body, ...overrides };
}

describe('the round forms', () => {
  it('reads every term of a new round: London times as instants, pounds as pence, the defaults it showed', () => {
    const { command, problems } = readRoundForm(filledIn(), LONDON);
    expect(problems).toEqual([]);
    expect(command).toMatchObject({
      fundYearId: FUND_YEAR,
      planVersionId: VERSION,
      title: 'Small grants 2027/28',
      description: 'One-off grants.\n\nFor groups.',
      opensAt: '2027-06-01T08:00:00.000Z',
      closesAt: '2027-07-31T16:00:00.000Z',
      minAwardPence: 50_000,
      maxAwardPence: 2_500_000,
      maxProjectMonths: 12,
      acceptanceWindowDays: 28,
      interimReportOverMonths: 6,
      finalReportDueDays: 28,
      objectiveIds: [OBJECTIVE],
      disallowedCostCategories: ['Ongoing core running costs'],
    });
    expect(command!.criteria).toEqual(DEFAULT_CRITERIA.map((c) => ({ ...c })));
    expect(command!.standardConditions).toEqual(DEFAULT_STANDARD_CONDITIONS.map((c) => ({ ...c })));
    expect(command!.acceptedLegalForms.length).toBeGreaterThan(3);
    // An empty half-way box is a final report only.
    expect(
      readRoundForm(filledIn({ interimReportOverMonths: '' }), LONDON).command?.interimReportOverMonths,
    ).toBe(null);
  });

  it('says what is wrong in the page’s words: no name, bad money, closing before opening', () => {
    const { command, problems } = readRoundForm(
      filledIn({
        title: ' ',
        minAward: '£5.999',
        maxAward: '0',
        'closesAt-month': '5',
        'opensAt-time': 'nine',
        objectiveIds: [],
      }),
      LONDON,
    );
    expect(command).toBeNull();
    expect(problems).toEqual([
      { field: 'title', message: 'Enter the round’s name' },
      {
        field: 'opensAt-time',
        message: 'The time the round opens must be a time, like 9am, 5:30pm or 17:30',
      },
      { field: 'minAward', message: 'The smallest grant must be an amount in pounds, like 500 or 500.00' },
      { field: 'maxAward', message: 'The largest grant must be more than £0' },
      { field: 'objectiveIds', message: 'Select at least one objective the round funds' },
    ]);
    const backwards = readRoundForm(filledIn({ 'closesAt-month': '5', maxAward: '100' }), LONDON).problems;
    expect(backwards).toEqual([
      { field: 'closesAt-day', message: 'The round must close after it opens' },
      { field: 'maxAward', message: 'The largest grant must be at least the smallest grant' },
    ]);
  });

  it('reads the criteria and conditions rows, leaving blank ones out and numbering what is left', () => {
    const body = filledIn({
      criterionRows: '3',
      'criterion-0-title': 'Need',
      'criterion-0-weight': '60',
      'criterion-1-title': '',
      'criterion-1-guidance': '',
      'criterion-1-weight': '',
      'criterion-2-title': 'Value',
      'criterion-2-weight': '200',
      conditionRows: '2',
      'condition-0-text': '',
      'condition-1-text': 'Bank details first',
      'condition-1-timing': 'someday',
    });
    expect(readRoundForm(body, LONDON).problems).toEqual([
      { field: 'criterion-1-weight', message: 'Give criterion 2 a weight from 1 to 100' },
      { field: 'condition-0-timing', message: 'Select when condition 1 applies' },
    ]);
    const again = roundFormFromBody(body);
    expect(again.criteria.map((c) => c.title)).toEqual(['Need', 'Value', '', '']);
    expect(again.conditions.map((c) => c.text)).toEqual(['Bank details first', '', '']);
  });

  it('changes only what moved, so an open round keeps its frozen terms untouched', () => {
    const round = {
      id: 'r',
      title: 'Small grants 2027/28',
      description: 'One-off grants.\n\nFor groups.',
      phase: 'open',
      opensAt: new Date('2027-06-01T08:00:20.000Z'),
      closesAt: new Date('2027-07-31T16:00:00.000Z'),
      minAwardPence: 50_000,
      maxAwardPence: 2_500_000,
      maxProjectMonths: 12,
      acceptanceWindowDays: 28,
      interimReportOverMonths: 6,
      finalReportDueDays: 28,
      acceptedLegalForms: readRoundForm(filledIn(), LONDON).command!.acceptedLegalForms,
      disallowedCostCategories: ['ongoing core running costs'],
      fundYear: { id: FUND_YEAR, label: '2027/28', startsOn: '2027-04-01', endsOn: '2028-03-31' },
      planVersion: { id: VERSION, planId: 'p', number: 1, label: 'v1' },
      objectiveIds: [OBJECTIVE],
      criteria: DEFAULT_CRITERIA.map((c, i) => ({ ...c, id: `c${i}`, position: i + 1 })),
      standardConditions: DEFAULT_STANDARD_CONDITIONS.map((c, i) => ({ ...c, id: `k${i}`, position: i + 1 })),
    } as unknown as RoundDetailView;
    const form = roundFormFromRound(round, LONDON);
    expect(form.values).toMatchObject({
      'opensAt-day': '1',
      'opensAt-month': '6',
      'opensAt-year': '2027',
      'opensAt-time': '9am',
      'closesAt-time': '5pm',
      maxAward: '25000',
    });
    const same = readRoundForm(filledIn(), LONDON).command!;
    expect(roundChanges(same, round)).toEqual({});
    const later = readRoundForm(
      filledIn({ 'closesAt-day': '30', 'closesAt-month': '8', title: 'Renamed' }),
      LONDON,
    ).command!;
    expect(roundChanges(later, round)).toEqual({ title: 'Renamed', closesAt: '2027-08-30T16:00:00.000Z' });
  });

  it('copies with a new window, sending a name or fund year only when they change', () => {
    const round = { title: 'Small grants', fundYear: { id: FUND_YEAR } };
    const body = {
      title: 'Small grants',
      fundYearId: FUND_YEAR,
      'opensAt-day': '1',
      'opensAt-month': '6',
      'opensAt-year': '2028',
      'opensAt-time': '9am',
      'closesAt-day': '31',
      'closesAt-month': '7',
      'closesAt-year': '2028',
      'closesAt-time': '5pm',
    };
    expect(readCopyForm(body, round, LONDON).command).toEqual({
      opensAt: '2028-06-01T08:00:00.000Z',
      closesAt: '2028-07-31T16:00:00.000Z',
    });
    expect(readCopyForm({ ...body, title: 'Next' }, round, LONDON).command?.title).toBe('Next');
    expect(
      readCopyForm({ ...body, 'opensAt-day': '31', 'opensAt-month': '2' }, round, LONDON).problems,
    ).toEqual([{ field: 'opensAt-day', message: 'The date the round opens must be a real date' }]);
  });

  it('puts the service’s refusals beside their boxes, in the page’s words', () => {
    expect(
      roundProblems('title')([
        { field: 'closesAt', message: 'must be after opensAt' },
        { field: 'maxAwardPence', message: "must not exceed the fund year's cap of £10,000.00" },
        { field: 'planVersionId', message: 'the plan version must be published' },
        { field: 'criteria[1].title', message: 'repeats another criterion' },
        { field: 'minAwardPence', message: 'minAwardPence must not be less than 1' },
        { field: 'somethingElse', message: 'is odd' },
      ]),
    ).toEqual([
      { field: 'closesAt-day', message: 'The closing time must be after the opening time' },
      { field: 'maxAward', message: "The largest grant must not exceed the fund year's cap of £10,000.00" },
      { field: 'planVersionId', message: 'The plan version must be published' },
      { field: 'criterion-1-title', message: 'Criterion 2’s title repeats another criterion' },
      { field: 'minAward', message: 'The smallest grant must not be less than 1' },
      { field: 'title', message: 'Is odd' },
    ]);
  });
});
