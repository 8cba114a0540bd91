import { ApplicationAnswers } from '@grants/applications';
import { describe, expect, it } from 'vitest';
import {
  parseDateInput,
  parseFigure,
  parsePounds,
  poundsText,
  problemSentence,
  readSection,
  sectionOf,
  sectionStatuses,
} from './application-form';

const NONE = { objectiveIds: [], measureIds: [], areaCodes: [] };

const EMPTY: ApplicationAnswers = {
  title: null,
  summary: null,
  activities: [],
  objectives: [],
  successMeasures: [],
  beneficiaryAreas: [],
  startDate: null,
  endDate: null,
  amountRequestedPence: null,
  budgetLines: [],
  otherFunding: [],
  exitPlan: null,
  safeguarding: { confirmed: false, policyNotes: null, involvesChildrenOrAdultsAtRisk: null },
  groupChecklist: {
    constitutionHasDissolutionClause: null,
    unrelatedCommitteeMembers: null,
    bankAccountInGroupName: null,
  },
  declarations: {
    informationTrue: false,
    oneOffUnderstood: false,
    conditionsUnderstood: false,
    dataProtection: false,
  },
};

describe('the application form’s pieces', () => {
  it('reads pounds as people type them into pence, never through a float', () => {
    expect(parsePounds('£1,250')).toBe(125_000);
    expect(parsePounds('1250.5')).toBe(125_050);
    expect(parsePounds(' 0.07 ')).toBe(7);
    expect(parsePounds('1,234,567.89')).toBe(123_456_789);
    for (const bad of ['', 'twenty', '12.345', '-5', '1e3', '£', '99999999999'])
      expect(parsePounds(bad), bad).toBeNull();
    expect(poundsText(125_050)).toBe('1250.50');
    expect(poundsText(125_000)).toBe('1250');
    expect(parsePounds(poundsText(7))).toBe(7);
  });

  it('reads figures and dates, and refuses what is not one', () => {
    expect(parseFigure('12.5')).toBe(12.5);
    expect(parseFigure('1,000')).toBe(1000);
    expect(parseFigure('lots')).toBeNull();
    const date = (day: string, month: string, year: string) =>
      parseDateInput({ 'd-day': day, 'd-month': month, 'd-year': year }, 'd');
    expect(date('1', '4', '2027')).toMatchObject({ value: '2027-04-01', ok: true });
    expect(date('29', '2', '2028').value).toBe('2028-02-29');
    expect(date('31', '2', '2027')).toMatchObject({ value: null, ok: false });
    expect(date('', '', '')).toMatchObject({ value: null, ok: true });
    expect(date('1', '4', '27').ok).toBe(false);
  });

  it('drops empty budget rows, names the row of each problem, and asks for the lines’ total', () => {
    const body = {
      rows: '4',
      'line-0-description': 'Radios',
      'line-0-category': 'equipment',
      'line-0-amount': '1,800',
      'line-2-description': 'Leaflets',
      'line-2-category': 'cake',
      'line-2-amount': 'ten',
    };
    const form = readSection('budget', body, NONE);
    expect(form.problems.map((p) => p.field)).toEqual(['line-1-category', 'line-1-amount']);
    expect(form.rows).toHaveLength(2);
    const fixed = readSection(
      'budget',
      { ...body, 'line-2-category': 'publicity', 'line-2-amount': '10' },
      NONE,
    );
    expect(fixed.problems).toEqual([]);
    expect(fixed.input).toEqual({
      budgetLines: [
        { description: 'Radios', category: 'equipment', amountPence: 180_000 },
        { description: 'Leaflets', category: 'publicity', amountPence: 1_000 },
      ],
      amountRequestedPence: 181_000,
    });
    // A tampered row count cannot make the page read more rows than it offers.
    expect(readSection('budget', { rows: '1000000' }, NONE).input.budgetLines).toEqual([]);
  });

  it('keeps only the choices the page offered', () => {
    const choices = { objectiveIds: ['o1'], measureIds: ['m1'], areaCodes: ['E1'] };
    expect(
      readSection('objectives', { objectives: ['o1', 'o2', 'o1'], 'contribution-o1': ' How ' }, choices)
        .input,
    ).toEqual({
      objectives: [{ objectiveId: 'o1', contribution: 'How' }],
    });
    expect(readSection('areas', { areas: ['E1', 'E9'] }, choices).input).toEqual({
      beneficiaryAreas: ['E1'],
    });
    expect(readSection('measures', { 'target-m1': '40', 'target-m2': '5' }, choices).input).toEqual({
      successMeasures: [{ measureId: 'm1', target: 40, baseline: null }],
    });
  });

  it('gives each section its status from the answers and the submission rules’ problems', () => {
    const answers = {
      ...EMPTY,
      title: 'Speedwatch',
      budgetLines: [{ description: 'x', category: 'other' as const, amountPence: 1 }],
    };
    const statuses = sectionStatuses(
      answers,
      [{ field: 'summary', message: 'summarise the project' }],
      false,
    );
    expect(statuses.project).toBe('in-progress');
    expect(statuses.budget).toBe('completed');
    expect(statuses.dates).toBe('not-started');
    expect(statuses.organisation).toBe('completed');
    expect(statuses['other-funding']).toBe('completed');
    expect(sectionStatuses(EMPTY, [], true).organisation).toBe('not-started');
    expect(sectionOf('budgetLines[3].amountPence')).toBe('budget');
    expect(sectionOf('declarations.dataProtection')).toBe('declarations');
  });

  it('turns the rules’ messages into sentences about what the person sees', () => {
    expect(problemSentence({ field: 'summary', message: 'summarise the project' })).toEqual({
      section: 'project',
      message: 'Summarise the project',
    });
    expect(
      problemSentence({ field: 'amountRequestedPence', message: 'must be at least £500.00 for this round' })
        .message,
    ).toBe('The amount you are asking for must be at least £500.00 for this round');
    expect(
      problemSentence({
        field: 'objectives[1].contribution',
        message: 'say how the project serves this objective',
      }).message,
    ).toBe('Say how the project serves this objective (2)');
    expect(
      problemSentence({
        field: 'declarations.oneOffUnderstood',
        message: 'must be agreed before submitting',
      }),
    ).toEqual({
      section: 'declarations',
      message: 'Agree that the grant is one-off',
    });
    expect(
      problemSentence({ field: 'title', message: 'title must be shorter than or equal to 200 characters' })
        .message,
    ).toBe('Project title must be shorter than or equal to 200 characters');
  });
});
