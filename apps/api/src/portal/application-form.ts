import {
  ApplicationAnswers,
  BUDGET_CATEGORIES,
  BudgetCategory,
  BudgetLineDto,
  FUNDING_STATUSES,
  FundingStatus,
  MAX_PENCE,
  OtherFundingDto,
  UpdateApplicationDto,
} from '@grants/applications';
import { FieldError, isCalendarDate, Pence } from '@grants/common';
import { FormProblem } from './account-forms';
import { field, fields, FormBody } from './form-body';

/**
 * The application's task list: one section per page, each owning some of the answers. The order is the
 * order a group would think of them in, and the order of the check-answers page.
 */
export const SECTIONS = [
  { key: 'organisation', title: 'Your organisation', answers: ['groupChecklist'] },
  { key: 'project', title: 'Your project and its activities', answers: ['title', 'summary', 'activities'] },
  { key: 'objectives', title: 'Plan objectives it serves', answers: ['objectives'] },
  { key: 'measures', title: 'Success measures and targets', answers: ['successMeasures'] },
  { key: 'areas', title: 'Areas that benefit', answers: ['beneficiaryAreas'] },
  { key: 'dates', title: 'Project dates', answers: ['startDate', 'endDate'] },
  { key: 'budget', title: 'Budget', answers: ['budgetLines', 'amountRequestedPence'] },
  { key: 'other-funding', title: 'Other funding', answers: ['otherFunding'] },
  { key: 'exit-plan', title: 'When the funding ends', answers: ['exitPlan'] },
  { key: 'safeguarding', title: 'Safeguarding', answers: ['safeguarding'] },
  { key: 'declarations', title: 'Declarations', answers: ['declarations'] },
] as const;

export type SectionKey = (typeof SECTIONS)[number]['key'];
export type SectionStatus = 'completed' | 'in-progress' | 'not-started';

export const isSectionKey = (value: string): value is SectionKey => SECTIONS.some((s) => s.key === value);

/** The answer a field path belongs to: `budgetLines[2].amountPence` → `budgetLines`. */
const answerOf = (path: string): string => /^[A-Za-z]+/.exec(path)?.[0] ?? path;

export function sectionOf(path: string): SectionKey {
  const answer = answerOf(path);
  return SECTIONS.find((s) => (s.answers as readonly string[]).includes(answer))?.key ?? 'project';
}

/** Whether the group has given anything in the section yet (an optional section with nothing is done). */
function started(key: SectionKey, a: ApplicationAnswers, smallGroup: boolean): boolean {
  switch (key) {
    case 'organisation':
      return !smallGroup || Object.values(a.groupChecklist).some((v) => v !== null);
    case 'project':
      return Boolean(a.title || a.summary || a.activities.length);
    case 'objectives':
      return a.objectives.length > 0;
    case 'measures':
      return a.successMeasures.length > 0;
    case 'areas':
      return a.beneficiaryAreas.length > 0;
    case 'dates':
      return Boolean(a.startDate || a.endDate);
    case 'budget':
      return a.budgetLines.length > 0;
    case 'other-funding':
      return true;
    case 'exit-plan':
      return Boolean(a.exitPlan);
    case 'safeguarding':
      return a.safeguarding.confirmed || a.safeguarding.involvesChildrenOrAdultsAtRisk !== null;
    case 'declarations':
      return Object.values(a.declarations).some(Boolean);
  }
}

/** Each section's status, from the answers and what submitting would refuse now. */
export function sectionStatuses(
  answers: ApplicationAnswers,
  problems: FieldError[],
  smallGroup: boolean,
): Record<SectionKey, SectionStatus> {
  const open = new Set(problems.map((p) => sectionOf(p.field)));
  return Object.fromEntries(
    SECTIONS.map(({ key }) => [
      key,
      !started(key, answers, smallGroup) ? 'not-started' : open.has(key) ? 'in-progress' : 'completed',
    ]),
  ) as Record<SectionKey, SectionStatus>;
}

/** Pounds as people type them ("£1,250", "1250.50") into integer pence, never through a float. */
export function parsePounds(text: string): Pence | null {
  const cleaned = text.replace(/[£,\s]/g, '');
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  const pence = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return pence <= MAX_PENCE ? pence : null;
}

/** Pence as a form shows them back: plain pounds, pence only when there are some. */
export function poundsText(pence: Pence): string {
  const pounds = Math.floor(pence / 100);
  const rest = pence % 100;
  return rest ? `${pounds}.${String(rest).padStart(2, '0')}` : String(pounds);
}

/** A figure such as a target ("40", "12.5"); at most four decimal places, as the API takes. */
export function parseFigure(text: string): number | null {
  const cleaned = text.replace(/[,\s]/g, '');
  if (!/^-?\d{1,13}(\.\d{1,4})?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** GOV.UK's date input (day, month, year boxes) as a calendar date. */
export function parseDateInput(
  body: FormBody | undefined,
  name: string,
): { value: string | null; parts: { day: string; month: string; year: string }; ok: boolean } {
  const parts = {
    day: field(body, `${name}-day`).trim(),
    month: field(body, `${name}-month`).trim(),
    year: field(body, `${name}-year`).trim(),
  };
  if (!parts.day && !parts.month && !parts.year) return { value: null, parts, ok: true };
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) {
    return { value: null, parts, ok: false };
  }
  const value = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  return isCalendarDate(value) ? { value, parts, ok: true } : { value: null, parts, ok: false };
}

export function dateParts(date: string | null): { day: string; month: string; year: string } {
  if (!date) return { day: '', month: '', year: '' };
  const [year, month, day] = date.split('-') as [string, string, string];
  return { day: String(Number(day)), month: String(Number(month)), year };
}

export const BUDGET_CATEGORY_LABELS: Record<BudgetCategory, string> = {
  staff: 'Staff',
  volunteer_expenses: 'Volunteer expenses',
  equipment: 'Equipment',
  materials: 'Materials',
  venue_hire: 'Venue hire',
  training: 'Training',
  publicity: 'Publicity',
  travel: 'Travel',
  evaluation: 'Evaluation',
  management_and_overheads: 'Management and overheads',
  other: 'Other',
};

export const FUNDING_STATUS_LABELS: Record<FundingStatus, string> = {
  secured: 'Secured',
  applied: 'Applied for',
};

/** What a section's form says, checked: the answers to save, or the problems to show on the page. */
export interface SectionForm {
  input: UpdateApplicationDto;
  problems: FormProblem[];
  /** Rows of a repeating section as typed, to show back with the problems. */
  rows?: Record<string, string>[];
}

const text = (body: FormBody | undefined, name: string): string => field(body, name).trim();
const orNull = (value: string): string | null => value || null;
const yesNo = (value: string): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);

/** How many blank rows a repeating section offers beyond what is filled in. */
export const SPARE_ROWS = 2;
/** The most rows a page offers: the form's field limit, with room for the rest of the form. */
export const MAX_ROWS = 50;

function rowCount(body: FormBody | undefined): number {
  const n = Number(field(body, 'rows'));
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_ROWS) : 0;
}

function budgetForm(body: FormBody | undefined): SectionForm {
  const rows: Record<string, string>[] = [];
  const lines: BudgetLineDto[] = [];
  const problems: FormProblem[] = [];
  for (let i = 0; i < rowCount(body); i++) {
    const row = {
      description: text(body, `line-${i}-description`),
      category: text(body, `line-${i}-category`),
      amount: text(body, `line-${i}-amount`),
    };
    if (!row.description && !row.category && !row.amount) continue;
    const at = rows.push(row) - 1;
    const amount = parsePounds(row.amount);
    if (!row.description)
      problems.push({ field: `line-${at}-description`, message: `Describe cost ${at + 1}` });
    if (!BUDGET_CATEGORIES.includes(row.category as BudgetCategory)) {
      problems.push({ field: `line-${at}-category`, message: `Select what kind of cost ${at + 1} is` });
    }
    if (amount === null) {
      problems.push({
        field: `line-${at}-amount`,
        message: `Cost ${at + 1} must be an amount in pounds, like 1250 or 1250.50`,
      });
    }
    if (row.description && amount !== null) {
      lines.push({
        description: row.description,
        category: row.category as BudgetCategory,
        amountPence: amount,
      });
    }
  }
  const total = lines.reduce((sum, l) => sum + l.amountPence, 0);
  // The amount asked for is the budget's total: the rules require them equal, so one is never typed twice.
  return { input: { budgetLines: lines, amountRequestedPence: lines.length ? total : null }, problems, rows };
}

function otherFundingForm(body: FormBody | undefined): SectionForm {
  const rows: Record<string, string>[] = [];
  const lines: OtherFundingDto[] = [];
  const problems: FormProblem[] = [];
  for (let i = 0; i < rowCount(body); i++) {
    const row = {
      funderName: text(body, `funding-${i}-funder`),
      amount: text(body, `funding-${i}-amount`),
      status: text(body, `funding-${i}-status`),
    };
    if (!row.funderName && !row.amount && !row.status) continue;
    const at = rows.push(row) - 1;
    const amount = parsePounds(row.amount);
    if (!row.funderName) problems.push({ field: `funding-${at}-funder`, message: `Name funder ${at + 1}` });
    if (amount === null) {
      problems.push({
        field: `funding-${at}-amount`,
        message: `The amount from funder ${at + 1} must be in pounds, like 2500`,
      });
    }
    if (!FUNDING_STATUSES.includes(row.status as FundingStatus)) {
      problems.push({
        field: `funding-${at}-status`,
        message: `Select whether the money from funder ${at + 1} is secured or applied for`,
      });
    }
    if (row.funderName && amount !== null && FUNDING_STATUSES.includes(row.status as FundingStatus)) {
      lines.push({ funderName: row.funderName, amountPence: amount, status: row.status as FundingStatus });
    }
  }
  return { input: { otherFunding: lines }, problems, rows };
}

/** The objectives and measures a page offered: only those can be chosen. */
export interface SectionChoices {
  objectiveIds: readonly string[];
  measureIds: readonly string[];
  areaCodes: readonly string[];
}

/**
 * A section's posted form as answers. Only what cannot be read at all is a problem here (an amount that
 * is not money, a date that does not exist); what is missing is the submission rules' to say, on the
 * task list and the check-answers page, so a group can save half a section and come back.
 */
export function readSection(
  key: SectionKey,
  body: FormBody | undefined,
  choices: SectionChoices,
): SectionForm {
  switch (key) {
    case 'organisation': {
      const members = text(body, 'unrelatedCommitteeMembers');
      const count = members === '' ? null : /^\d{1,4}$/.test(members) ? Number(members) : NaN;
      return {
        input: {
          groupChecklist: {
            constitutionHasDissolutionClause: yesNo(text(body, 'constitutionHasDissolutionClause')),
            unrelatedCommitteeMembers: Number.isNaN(count) ? null : count,
            bankAccountInGroupName: yesNo(text(body, 'bankAccountInGroupName')),
          },
        },
        problems: Number.isNaN(count)
          ? [
              {
                field: 'unrelatedCommitteeMembers',
                message: 'Enter the number of committee members as a whole number, like 4',
              },
            ]
          : [],
      };
    }
    case 'project':
      return {
        input: {
          title: orNull(text(body, 'title')),
          summary: orNull(text(body, 'summary')),
          // One activity per line: a list that works the same with JavaScript off.
          activities: text(body, 'activities')
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean)
            .map((description) => ({ description })),
        },
        problems: [],
      };
    case 'objectives': {
      const chosen = fields(body, 'objectives').filter((id) => choices.objectiveIds.includes(id));
      return {
        input: {
          objectives: [...new Set(chosen)].map((objectiveId) => ({
            objectiveId,
            contribution: text(body, `contribution-${objectiveId}`),
          })),
        },
        problems: [],
      };
    }
    case 'measures': {
      const problems: FormProblem[] = [];
      const successMeasures: { measureId: string; target: number; baseline: number | null }[] = [];
      for (const measureId of choices.measureIds) {
        const targetText = text(body, `target-${measureId}`);
        const baselineText = text(body, `baseline-${measureId}`);
        if (!targetText && !baselineText) continue;
        const target = parseFigure(targetText);
        const baseline = baselineText ? parseFigure(baselineText) : null;
        if (target === null)
          problems.push({ field: `target-${measureId}`, message: 'Enter the target as a number, like 40' });
        if (baselineText && baseline === null) {
          problems.push({
            field: `baseline-${measureId}`,
            message: 'Enter where it stands now as a number, like 25',
          });
        }
        if (target !== null && (baseline !== null || !baselineText)) {
          successMeasures.push({ measureId, target, baseline });
        }
      }
      return { input: { successMeasures }, problems };
    }
    case 'areas':
      return {
        input: {
          beneficiaryAreas: [...new Set(fields(body, 'areas'))].filter((c) => choices.areaCodes.includes(c)),
        },
        problems: [],
      };
    case 'dates': {
      const start = parseDateInput(body, 'startDate');
      const end = parseDateInput(body, 'endDate');
      const problems: FormProblem[] = [];
      if (!start.ok)
        problems.push({
          field: 'startDate-day',
          message: 'The start date must be a real date, like 1 4 2027',
        });
      if (!end.ok)
        problems.push({ field: 'endDate-day', message: 'The end date must be a real date, like 31 3 2028' });
      return { input: { startDate: start.value, endDate: end.value }, problems };
    }
    case 'budget':
      return budgetForm(body);
    case 'other-funding':
      return otherFundingForm(body);
    case 'exit-plan':
      return { input: { exitPlan: orNull(text(body, 'exitPlan')) }, problems: [] };
    case 'safeguarding':
      return {
        input: {
          safeguarding: {
            confirmed: field(body, 'confirmed') === 'yes',
            involvesChildrenOrAdultsAtRisk: yesNo(text(body, 'involvesChildrenOrAdultsAtRisk')),
            policyNotes: orNull(text(body, 'policyNotes')),
          },
        },
        problems: [],
      };
    case 'declarations': {
      const agreed = new Set(fields(body, 'declarations'));
      return {
        input: {
          declarations: {
            informationTrue: agreed.has('informationTrue'),
            oneOffUnderstood: agreed.has('oneOffUnderstood'),
            conditionsUnderstood: agreed.has('conditionsUnderstood'),
            dataProtection: agreed.has('dataProtection'),
          },
        },
        problems: [],
      };
    }
  }
}

/** The words a person sees for each answer, for the rules' and the API's messages about it. */
const ANSWER_LABELS: Record<string, string> = {
  title: 'Project title',
  summary: 'Summary',
  activities: 'Activities',
  objectives: 'Plan objectives',
  successMeasures: 'Success measures',
  beneficiaryAreas: 'Areas that benefit',
  startDate: 'Start date',
  endDate: 'End date',
  amountRequestedPence: 'The amount you are asking for',
  budgetLines: 'The budget lines',
  otherFunding: 'Other funding',
  exitPlan: 'What happens when the funding ends',
  safeguarding: 'Safeguarding',
  groupChecklist: 'Your group’s checks',
  declarations: 'Declarations',
  documents: 'Documents',
};

/** An answer's name as the person sees it ("budgetLines" → "The budget lines"). */
export const answerLabel = (answer: string): string => ANSWER_LABELS[answer] ?? answer;

const DECLARATION_WORDS: Record<string, string> = {
  informationTrue: 'that the information is true and complete',
  oneOffUnderstood: 'that the grant is one-off',
  conditionsUnderstood: 'that grants come with conditions',
  dataProtection: 'to how your data is used and published',
};

/**
 * A rule's message ("give the project a title", "must be at most £5,000.00 for this round") as a sentence
 * about the answer the person sees, and the section page to fix it on.
 */
export function problemSentence(problem: FieldError): { section: SectionKey; message: string } {
  const section = sectionOf(problem.field);
  const declaration = /^declarations\.(\w+)$/.exec(problem.field);
  if (declaration) {
    return { section, message: `Agree ${DECLARATION_WORDS[declaration[1]!] ?? 'to the declaration'}` };
  }
  const label = ANSWER_LABELS[answerOf(problem.field)] ?? 'This answer';
  const index = /\[(\d+)\]/.exec(problem.field);
  const which = index ? ` (${Number(index[1]) + 1})` : '';
  const reason = problem.message.replace(/^[A-Za-z.[\]0-9]+ (must|should)/, '$1');
  const sentence = /^(must|is|should|add|belongs|the )/.test(reason)
    ? `${label}${which} ${reason}`
    : `${reason.charAt(0).toUpperCase()}${reason.slice(1)}${which}`;
  return { section, message: sentence.charAt(0).toUpperCase() + sentence.slice(1) };
}
