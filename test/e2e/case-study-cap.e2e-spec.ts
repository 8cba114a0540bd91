import { Role } from '@grants/accounts';
import { addDays, addMonths, FixedClock, instantAt } from '@grants/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportCaseStudy } from '@grants/reporting';
import { CASE_STUDIES_PER_OBJECTIVE } from '../../libs/reporting/src/report-queries';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY, Person } from '../support/api-world';
import {
  acceptOffer,
  awardApplication,
  completeAnswers,
  recommendApplication,
} from '../support/applications';
import { createOpenRound, seedReference, SeededReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';
const LONDON = 'Europe/London';
const clock = new FixedClock(instantAt('2026-12-02', 10, 0, LONDON));

/** A case study as written, with where it was written, for working out what the reports must say. */
interface Written extends ReportCaseStudy {
  reportPosition: number;
  position: number;
  accepted: boolean;
  objectives: number[];
}

/** RFC 4180 as the reports write it: CRLF records, quoted fields with doubled quotes. */
function csvObjects(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  const [header, ...rows] = records;
  for (const row of rows) expect(row).toHaveLength(header!.length);
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!])));
}

/**
 * More than CASE_STUDIES_PER_OBJECTIVE case studies for one plan objective, every one written the way a
 * grant holder writes it (over HTTP: saved, submitted, reviewed), then read back from the officers'
 * measures report (the first ten by award reference, report position and case study position, with the
 * count of all of them) and from the public register's outcomes (consented stories only, anonymised).
 *
 * Three awards serve objective 3 (B serves objective 5 as well); their references run A < B < C, but
 * the case studies are written in the opposite order (C's first, A's final before A's interim), so a
 * list in any order other than the one the SQL defines shows:
 *
 *   A interim (position 1, accepted): 4 studies   A final (position 2, accepted): 3
 *   B interim (accepted): 2                       B final (submitted, not reviewed): 2, never listed
 *   C interim (accepted): 5                       C final (sent back for changes): 1, never listed
 *
 * Objective 3: 4 + 3 + 2 + 5 = 14 accepted; the first ten are A's seven, B's two and C's first.
 * Objective 5: B's two.
 */
describe('the case-study cap in the measures report', () => {
  let t: TestApp;
  let ref: SeededReference;
  let applicant: Person;
  let officer: Person;
  let approver: Person;
  let planId: string;
  let fundYearId: string;
  let objective3: string;
  let objective5: string;
  let roundId: string;
  const written: Written[] = [];
  const award: Record<'A' | 'B' | 'C', { id: string; reference: string; reports: any[] }> = {} as never;
  const as = (p: Person) => ({ token: p.token });

  /** A report's n studies, titled by award, report and the position (from 0) each takes in it. */
  const studies = (label: string, n: number, unconsented: number[] = []) =>
    Array.from({ length: n }, (_, i) => {
      const consent = !unconsented.includes(i);
      return {
        title: `${label} study ${i}`,
        story: `${label}: story ${i} as it happened, names and all.`,
        consentToPublish: consent,
        anonymisedStory: consent ? `${label}: story ${i}, anonymised.` : null,
      };
    });

  async function awardFor(name: string, objectiveNumbers: number[]): Promise<string> {
    const org = await t.post(`${API}/organisations`, { ...ORGANISATION_BODY, name }, as(applicant));
    expect(org.status, org.text).toBe(201);
    const objectives = objectiveNumbers.map((n) => ref.objectives.find((o) => o.number === n)!);
    // Twelve months: an interim report at half-way and a final one.
    const base = completeAnswers(t, ref, [objectives[0]!.id]);
    const applicationId = await recommendApplication(t, {
      applicantToken: applicant.token,
      officer,
      organisationId: org.body.id,
      roundId,
      ref,
      objectiveIds: objectives.map((o) => o.id),
      answers: {
        endDate: addDays(addMonths(base.startDate as string, 12), -1),
        objectives: objectives.map((o) => ({ objectiveId: o.id, contribution: 'Serves it' })),
        successMeasures: objectives.map((o) => ({ measureId: o.measures[0]!.id, target: 40, baseline: 25 })),
      },
    });
    const decision = await awardApplication(t, applicationId, approver);
    await acceptOffer(t, decision.award, as(applicant));
    const published = await t.put(
      `${API}/awards/${decision.award.id}/publication`,
      { title: `${name} project`, description: 'Volunteers out at night.' },
      as(officer),
    );
    expect(published.status, published.text).toBe(200);
    return decision.award.id as string;
  }

  /** Saves the report's content with these case studies, as the grant holder would, and submits it. */
  async function write(
    key: 'A' | 'B' | 'C',
    kind: 'interim' | 'final',
    list: ReturnType<typeof studies>,
    then: 'save' | 'submit',
  ): Promise<void> {
    const report = award[key].reports.find((r) => r.kind === kind)!;
    const url = `${API}/monitoring-reports/${report.id}`;
    const saved = await t.put(
      url,
      {
        progress: 'Going well.',
        spend: [{ budgetLinePosition: 0, amountPence: 100_000 }],
        figures: report.measures.map((m: { measureId: string }) => ({ measureId: m.measureId, value: 10 })),
        caseStudies: list,
        ...(kind === 'final' ? { unspentPence: 0 } : {}),
      },
      as(applicant),
    );
    expect(saved.status, saved.text).toBe(200);
    // Stored in the order sent (position 0, 1, …), and read back in that order.
    expect(saved.body.caseStudies.map((s: { title: string }) => s.title)).toEqual(list.map((s) => s.title));
    saved.body.caseStudies.forEach((s: any, i: number) => {
      written.push({
        id: s.id,
        awardId: award[key].id,
        awardReference: award[key].reference,
        reportId: report.id,
        reportKind: kind,
        title: s.title,
        story: s.story,
        consentToPublish: s.consentToPublish,
        anonymisedStory: s.anonymisedStory,
        reportPosition: report.position,
        position: i,
        accepted: false,
        objectives: key === 'B' ? [3, 5] : [3],
      });
    });
    if (then === 'submit') await submit(key, kind);
  }

  async function submit(key: 'A' | 'B' | 'C', kind: 'interim' | 'final'): Promise<void> {
    const report = award[key].reports.find((r) => r.kind === kind)!;
    const res = await t.post(`${API}/monitoring-reports/${report.id}/submit`, undefined, as(applicant));
    expect(res.status, res.text).toBe(200);
  }

  async function review(
    key: 'A' | 'B' | 'C',
    kind: 'interim' | 'final',
    outcome: 'accept' | 'request_changes',
  ): Promise<void> {
    const report = award[key].reports.find((r) => r.kind === kind)!;
    const res = await t.post(
      `${API}/monitoring-reports/${report.id}/review`,
      outcome === 'accept' ? { outcome } : { outcome, comments: 'Please say more about the second story.' },
      as(officer),
    );
    expect(res.status, res.text).toBe(200);
    if (outcome === 'accept') for (const s of written) if (s.reportId === report.id) s.accepted = true;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock, worker: true });
    ref = await seedReference(t);
    planId = ref.planId;
    objective3 = ref.objectives.find((o) => o.number === 3)!.id;
    objective5 = ref.objectives.find((o) => o.number === 5)!.id;
    officer = await createStaffUser(t, [Role.Officer]);
    approver = await createStaffUser(t, [Role.Approver]);
    applicant = await registerApplicant(t, { displayName: 'Ada Applicant' });
    const round = await createOpenRound(t);
    roundId = round.id;
    fundYearId = round.fundYearId;
    for (const [key, name, objectives] of [
      ['A', 'Alpha Street Watch', [3]],
      ['B', 'Bravo Youth Club', [3, 5]],
      ['C', 'Charlie Night Bus', [3]],
    ] as const) {
      const id = await awardFor(name, [...objectives]);
      const view = (await t.get(`${API}/awards/${id}`, as(officer))).body;
      const reports = (await t.get(`${API}/awards/${id}/monitoring-reports`, as(applicant))).body.items;
      expect(reports.map((r: { kind: string; position: number }) => [r.kind, r.position])).toEqual([
        ['interim', 1],
        ['final', 2],
      ]);
      award[key] = { id, reference: view.reference, reports };
    }
    // References are made in the order the applications were, with the same prefix and zero-padded
    // digits, so they sort alike in any collation and in JavaScript.
    const refs = [award.A.reference, award.B.reference, award.C.reference];
    for (const r of refs) expect(r).toMatch(/^[A-Z]+-\d{4}-\d{6}$/);
    expect([...refs].sort()).toEqual(refs);
    expect(new Set(refs).size).toBe(3);

    // Written last-reference-first, so the rows' physical order is the reverse of the listed order.
    await write('C', 'interim', studies('C interim', 5, [3]), 'submit');
    await review('C', 'interim', 'accept');
    await write('C', 'final', studies('C final', 1), 'submit');
    await review('C', 'final', 'request_changes');
    await write('B', 'interim', studies('B interim', 2), 'submit');
    await review('B', 'interim', 'accept');
    await write('B', 'final', studies('B final', 2), 'submit');
    await write('A', 'final', studies('A final', 3), 'save');
    await write('A', 'interim', studies('A interim', 4, [1]), 'submit');
    await review('A', 'interim', 'accept');
    await submit('A', 'final');
    await review('A', 'final', 'accept'); // completes award A: completed awards are counted too
    await t.drainJobs();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const listed = (s: Written): ReportCaseStudy => ({
    id: s.id,
    awardId: s.awardId,
    awardReference: s.awardReference,
    reportId: s.reportId,
    reportKind: s.reportKind,
    title: s.title,
    story: s.story,
    consentToPublish: s.consentToPublish,
    anonymisedStory: s.anonymisedStory,
  });

  /** The SQL's order: award reference, then report position, then case study position. */
  const ordered = (objective: number): Written[] =>
    written
      .filter((s) => s.accepted && s.objectives.includes(objective))
      .sort(
        (a, b) =>
          (a.awardReference < b.awardReference ? -1 : a.awardReference > b.awardReference ? 1 : 0) ||
          a.reportPosition - b.reportPosition ||
          a.position - b.position,
      );

  it('wrote what the scenario needs', async () => {
    expect(CASE_STUDIES_PER_OBJECTIVE).toBe(10);
    expect(written).toHaveLength(17);
    expect(written.filter((s) => s.accepted)).toHaveLength(14);
    expect((await t.get(`${API}/awards/${award.A.id}`, as(officer))).body.status).toBe('completed');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM monitoring_case_studies c JOIN monitoring_reports r ON r.id = c.report_id
        WHERE r.status = 'accepted'`,
    );
    expect(n).toBe(14);
  });

  it('lists the first ten of an objective’s case studies, in order, and counts all of them', async () => {
    const res = await t.get(`${API}/reports/measures?planId=${planId}`, as(officer));
    expect(res.status, res.text).toBe(200);
    const first = ordered(3).slice(0, 10);
    // Worked out by hand: A's interim (4) and final (3), B's interim (2), then C's first.
    expect(first.map((s) => s.title)).toEqual([
      'A interim study 0',
      'A interim study 1',
      'A interim study 2',
      'A interim study 3',
      'A final study 0',
      'A final study 1',
      'A final study 2',
      'B interim study 0',
      'B interim study 1',
      'C interim study 0',
    ]);
    const three = res.body.measures.filter((m: any) => m.objectiveNumber === 3);
    const five = res.body.measures.filter((m: any) => m.objectiveNumber === 5);
    expect(three.length).toBeGreaterThan(0);
    expect(five.length).toBeGreaterThan(0);
    // Every measure of the objective carries the objective's list and count.
    for (const m of three) {
      expect(m.caseStudies).toHaveLength(10);
      expect(m.caseStudies).toEqual(first.map(listed));
      expect(m.caseStudyCount).toBe(14);
    }
    const measure5 = ref.objectives.find((o) => o.id === objective5)!.measures[0]!.id;
    // B alone committed to 5's first measure: a target of 40, an accepted figure of 10.
    expect(five.find((m: any) => m.measureId === measure5)).toMatchObject({
      grants: 1,
      targetTotal: 40,
      grantsReporting: 1,
      reportedTotal: 10,
    });
    for (const m of five) {
      expect(m.caseStudies).toEqual(ordered(5).map(listed));
      expect(m.caseStudies.map((s: ReportCaseStudy) => s.title)).toEqual([
        'B interim study 0',
        'B interim study 1',
      ]);
      expect(m.caseStudyCount).toBe(2);
    }
    for (const m of res.body.measures.filter((x: any) => ![3, 5].includes(x.objectiveNumber))) {
      expect(m.caseStudies).toEqual([]);
      expect(m.caseStudyCount).toBe(0);
    }
    // What is past the cap, and what was never accepted, is not in the answer at all.
    const text = res.text;
    for (const s of ordered(3).slice(10)) expect(text).not.toContain(s.id);
    for (const s of written.filter((x) => !x.accepted)) expect(text).not.toContain(s.id);
    expect(text).not.toContain('B final study');
    expect(text).not.toContain('C final study');
    // The measure the awards committed to: three targets of 40, three latest accepted figures of 10.
    const measure3 = ref.objectives.find((o) => o.id === objective3)!.measures[0]!.id;
    expect(three.find((m: any) => m.measureId === measure3)).toMatchObject({
      grants: 3,
      targetTotal: 120,
      grantsReporting: 3,
      reportedTotal: 30,
    });
  });

  it('applies the cap the same within a fund year, and a plan’s awards in a year', async () => {
    for (const query of [`fundYearId=${fundYearId}`, `fundYearId=${fundYearId}&planId=${planId}`]) {
      const res = await t.get(`${API}/reports/measures?${query}`, as(officer));
      expect(res.status, res.text).toBe(200);
      const m = res.body.measures.find((x: any) => x.objectiveNumber === 3);
      expect(m.caseStudies.map((s: ReportCaseStudy) => s.id)).toEqual(
        ordered(3)
          .slice(0, 10)
          .map((s) => s.id),
      );
      expect(m.caseStudyCount).toBe(14);
      expect(res.body.measures.find((x: any) => x.objectiveNumber === 5).caseStudyCount).toBe(2);
    }
  });

  it('counts all of them, not the ten listed, in the CSV', async () => {
    const json = (await t.get(`${API}/reports/measures?planId=${planId}`, as(officer))).body;
    const res = await t.get(`${API}/reports/measures?planId=${planId}&format=csv`, as(officer));
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csvObjects(res.text);
    expect(rows.map((r) => r.measure_id)).toEqual(json.measures.map((m: any) => m.measureId));
    for (const r of rows) {
      const expected = r.objective_number === '3' ? '14' : r.objective_number === '5' ? '2' : '0';
      expect({ code: r.measure_code, case_studies: r.case_studies }).toEqual({
        code: r.measure_code,
        case_studies: expected,
      });
    }
    expect(rows.filter((r) => r.case_studies === '14').length).toBe(
      json.measures.filter((m: any) => m.objectiveNumber === 3).length,
    );
    // The CSV holds counts only: no story text.
    expect(res.text).not.toContain('study 0');
  });

  it('has no such cap on the public register: every consented, accepted story, anonymised', async () => {
    const res = await t.get(`${API}/register/outcomes`);
    expect(res.status, res.text).toBe(200);
    const byNumber = (n: number) => res.body.objectives.find((o: { number: number }) => o.number === n);
    const expected = (n: number) =>
      ordered(n)
        .filter((s) => s.consentToPublish)
        .map((s) => ({ grantId: `360G-wmpcc-${s.awardId}`, story: s.anonymisedStory }));
    const sortKey = (s: { grantId: string; story: string | null }) => `${s.grantId} ${s.story}`;
    const sorted = <T extends { grantId: string; story: string | null }>(list: T[]): T[] =>
      [...list].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    expect(byNumber(3)).toMatchObject({ grants: 3 });
    // 14 accepted, of which A interim 1 and C interim 3 had no consent: 12.
    expect(byNumber(3).caseStudies).toHaveLength(12);
    expect(sorted(byNumber(3).caseStudies.map((s: any) => ({ grantId: s.grantId, story: s.story })))).toEqual(
      sorted(expected(3)),
    );
    expect(byNumber(5).caseStudies).toHaveLength(2);
    expect(sorted(byNumber(5).caseStudies.map((s: any) => ({ grantId: s.grantId, story: s.story })))).toEqual(
      sorted(expected(5)),
    );
    expect(new Set(byNumber(3).caseStudies.map((s: any) => s.id)).size).toBe(12);
    // Never the story as written, never an unconsented or unaccepted one.
    expect(res.text).not.toContain('as it happened');
    expect(res.text).not.toContain('A interim: story 1');
    expect(res.text).not.toContain('C interim: story 3');
    expect(res.text).not.toContain('B final');
    expect(res.text).not.toContain('C final');
  });
});
