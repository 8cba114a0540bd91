import { Injectable } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { Clock } from '@grants/common';
import { inTransaction } from '@grants/database';
import { DataSource, EntityManager } from 'typeorm';

interface FigureRow {
  measure_code: string;
  objective_number: number;
  measure_description: string;
  unit: string;
  value: string;
  reported_to: string;
  source_report_id: string;
}

interface StudyRow {
  source_report_id: string;
  position: number;
  objective_numbers: number[];
  story: string;
}

/**
 * The outcomes of a published grant, copied from its accepted monitoring reports: for each success measure
 * the latest accepted figure (figures are cumulative), and each case study whose people agreed to
 * publication, as its anonymised version and nothing else. Rebuilt for the grant from the source each
 * time and written only when it differs, so a run twice changes nothing; a grant no longer on the
 * register takes its outcomes with it.
 */
@Injectable()
export class PublishedOutcomes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publish(awardId: string): Promise<'published' | 'unchanged' | 'not-on-register'> {
    return inTransaction(this.dataSource, (em) => this.rebuild(em, awardId));
  }

  /** Inside the caller's transaction (the publication job's, when it publishes or withdraws the grant). */
  async rebuild(em: EntityManager, awardId: string): Promise<'published' | 'unchanged' | 'not-on-register'> {
    const [entry] = await em.query(`SELECT id, status FROM register_entries WHERE award_id = $1 FOR UPDATE`, [
      awardId,
    ]);
    if (!entry) return 'not-on-register';
    const live = entry.status === 'published';
    const figures: FigureRow[] = live ? await this.sourceFigures(em, awardId) : [];
    const studies: StudyRow[] = live ? await this.sourceStudies(em, awardId) : [];
    const [held] = await em.query(
      `SELECT coalesce((SELECT json_agg(json_build_object('measure_code', measure_code,
                 'objective_number', objective_number, 'measure_description', measure_description, 'unit', unit,
                 'value', value::text, 'reported_to', reported_to::text, 'source_report_id', source_report_id)
                 ORDER BY measure_code) FROM register_figures WHERE grant_id = $1), '[]') AS figures,
              coalesce((SELECT json_agg(json_build_object('source_report_id', source_report_id, 'position', position,
                 'objective_numbers', objective_numbers, 'story', story) ORDER BY source_report_id, position)
                 FROM register_case_studies WHERE grant_id = $1), '[]') AS studies`,
      [entry.id],
    );
    if (
      JSON.stringify(held.figures) === JSON.stringify(figures) &&
      JSON.stringify(held.studies) === JSON.stringify(studies)
    ) {
      return 'unchanged';
    }
    await em.query(`DELETE FROM register_figures WHERE grant_id = $1`, [entry.id]);
    await em.query(`DELETE FROM register_case_studies WHERE grant_id = $1`, [entry.id]);
    if (figures.length) {
      await em.query(
        `INSERT INTO register_figures (grant_id, measure_code, objective_number, measure_description, unit, value,
           reported_to, source_report_id)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::numeric[], $7::date[], $8::uuid[])`,
        [
          entry.id,
          figures.map((f) => f.measure_code),
          figures.map((f) => f.objective_number),
          figures.map((f) => f.measure_description),
          figures.map((f) => f.unit),
          figures.map((f) => f.value),
          figures.map((f) => f.reported_to),
          figures.map((f) => f.source_report_id),
        ],
      );
    }
    for (const s of studies) {
      await em.query(
        `INSERT INTO register_case_studies (grant_id, source_report_id, position, objective_numbers, story, published_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [entry.id, s.source_report_id, s.position, s.objective_numbers, s.story, this.clock.now()],
      );
    }
    await em.query(`UPDATE register_state SET revision = revision + 1`);
    await this.audit.record(em, {
      actor: SYSTEM_ACTOR,
      subjectType: 'award',
      subjectId: awardId,
      action: 'register.outcomes-published',
      data: { registerId: entry.id, figures: figures.length, caseStudies: studies.length },
    });
    return 'published';
  }

  private sourceFigures(em: EntityManager, awardId: string): Promise<FigureRow[]> {
    return em.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (sm.code) sm.code AS measure_code, o.number AS objective_number,
                sm.description AS measure_description, sm.unit, f.value::text AS value,
                m.period_end::text AS reported_to, m.id AS source_report_id
           FROM monitoring_reports m
           JOIN monitoring_report_figures f ON f.report_id = m.id
           JOIN success_measures sm ON sm.id = f.measure_id
           JOIN objectives o ON o.id = sm.objective_id
          WHERE m.award_id = $1 AND m.status = 'accepted'
          ORDER BY sm.code, m.period_end DESC, m.position DESC) latest
        ORDER BY measure_code`,
      [awardId],
    );
  }

  private sourceStudies(em: EntityManager, awardId: string): Promise<StudyRow[]> {
    return em.query(
      `SELECT c.report_id AS source_report_id, c.position,
              ARRAY(SELECT o.number FROM application_objectives ao JOIN objectives o ON o.id = ao.objective_id
                     WHERE ao.application_id = a.application_id ORDER BY o.number) AS objective_numbers,
              btrim(c.anonymised_story) AS story
         FROM monitoring_case_studies c
         JOIN monitoring_reports m ON m.id = c.report_id
         JOIN awards a ON a.id = m.award_id
        WHERE m.award_id = $1 AND m.status = 'accepted' AND c.consent_to_publish
        ORDER BY c.report_id, c.position`,
      [awardId],
    );
  }
}
