import { neutraliseCell } from '@grants/register';
import { AwardFigures, BREAKDOWNS, FundYearReport, MeasuresReport, PlanPeriodReport } from './reports';

/**
 * The reports as RFC 4180 CSV: a header row, CRLF line ends, a field quoted when it holds a quote, comma or
 * line break (quotes inside doubled). Text cells are neutralised against formula injection (a leading
 * `=`, `+`, `-`, `@`, tab or CR gets an apostrophe); numbers are written as numbers and never changed.
 * Money goes out twice: as pounds with two decimals (`1234.50`) and as integer pence.
 */

/** A cell: text (neutralised), a number or a formatted number (written as they are), or empty (null). */
type Cell = string | number | null | { readonly numeral: string };

function field(cell: Cell): string {
  const s =
    cell === null
      ? ''
      : typeof cell === 'number'
        ? String(cell)
        : typeof cell === 'string'
          ? neutraliseCell(cell)
          : cell.numeral;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((cells) => `${cells.map(field).join(',')}\r\n`).join('');
}

/** Whole pence as pounds with two decimals, by integer arithmetic (no binary fractions): 123456 → "1234.56". */
export function poundsOf(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const MONEY_HEADER = [
  'awards',
  'committed_pounds',
  'committed_pence',
  'paid_pounds',
  'paid_pence',
  'returned_pounds',
  'returned_pence',
];

/** A number in pounds, written as formatted: a numeral, not text, so never neutralised. */
const pounds = (pence: number): Cell => ({ numeral: poundsOf(pence) });

function money(f: AwardFigures): Cell[] {
  return [
    f.awards,
    pounds(f.committedPence),
    f.committedPence,
    pounds(f.paidPence),
    f.paidPence,
    pounds(f.returnedPence),
    f.returnedPence,
  ];
}

const FUND_YEAR_ROWS: Record<(typeof BREAKDOWNS)[number], keyof FundYearReport> = {
  area: 'byArea',
  partnership: 'byPartnership',
  objective: 'byObjective',
  aim: 'byAim',
  round: 'byRound',
  legal_form: 'byLegalForm',
};

/** A `total` row (every award once), then each breakdown's rows, named in the `breakdown` column. */
export function fundYearReportCsv(report: FundYearReport): string {
  const rows: Cell[][] = [['total', null, 'All awards', ...money(report.totals)]];
  for (const breakdown of BREAKDOWNS) {
    for (const row of report[FUND_YEAR_ROWS[breakdown]] as FundYearReport['byArea']) {
      rows.push([breakdown, row.key, row.label, ...money(row)]);
    }
  }
  return csvDocument(['breakdown', 'key', 'label', ...MONEY_HEADER], rows);
}

/**
 * One row per breakdown row and fund year (long form: a spreadsheet's pivot table puts the years side by
 * side), after a `total` row per year.
 */
export function planPeriodReportCsv(report: PlanPeriodReport): string {
  const years = new Map(report.fundYears.map((c) => [c.fundYear.id, c.fundYear]));
  const rows: Cell[][] = report.fundYears.map((c) => [
    'total',
    null,
    'All awards',
    c.fundYear.fundName,
    c.fundYear.label,
    c.fundYear.id,
    ...money(c.totals),
  ]);
  const breakdowns = [
    ['area', report.byArea],
    ['partnership', report.byPartnership],
    ['objective', report.byObjective],
  ] as const;
  for (const [breakdown, list] of breakdowns) {
    for (const row of list) {
      for (const cell of row.years) {
        const year = years.get(cell.fundYearId)!;
        rows.push([breakdown, row.key, row.label, year.fundName, year.label, year.id, ...money(cell)]);
      }
    }
  }
  return csvDocument(
    ['breakdown', 'key', 'label', 'fund', 'fund_year', 'fund_year_id', ...MONEY_HEADER],
    rows,
  );
}

/** One row per measure; the case studies are counted here (their text is in the JSON). */
export function measuresReportCsv(report: MeasuresReport): string {
  return csvDocument(
    [
      'plan_version',
      'objective_number',
      'objective_title',
      'measure_id',
      'measure_code',
      'description',
      'unit',
      'grants',
      'target_total',
      'grants_reporting',
      'reported_total',
      'case_studies',
    ],
    report.measures.map((m) => [
      m.planVersionNumber,
      m.objectiveNumber,
      m.objectiveTitle,
      m.measureId,
      m.measureCode,
      m.description,
      m.unit,
      m.grants,
      m.targetTotal,
      m.grantsReporting,
      m.reportedTotal,
      m.caseStudyCount,
    ]),
  );
}

/** A file name from free text: letters, digits and dashes only, so the header needs no escaping. */
export function csvFilename(...parts: string[]): string {
  const stem = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${stem || 'report'}.csv`;
}
