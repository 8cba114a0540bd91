import { Injectable } from '@nestjs/common';
import { DomainError, FieldError, isCalendarDate } from '@grants/common';
import { PlansService } from '@grants/plans';
import { ProfileService } from '@grants/profile';
import { Round } from '@grants/rounds';
import { EntityManager } from 'typeorm';
import { UpdateApplicationDto } from './application.dto';

/**
 * Draft answers may be incomplete, but never point at things that do not exist or that the round does not
 * fund: those are refused at once rather than discovered at submission.
 */
@Injectable()
export class DraftReferences {
  constructor(
    private readonly plans: PlansService,
    private readonly profile: ProfileService,
  ) {}

  async check(em: EntityManager, round: Round, input: UpdateApplicationDto): Promise<void> {
    const invalid: FieldError[] = [];
    const rule: FieldError[] = [];
    const duplicates = <T>(list: T[], key: (x: T) => string, field: (i: number) => string): void => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        const k = key(x);
        if (seen.has(k)) invalid.push({ field: field(i), message: 'appears more than once' });
        seen.add(k);
      });
    };
    for (const field of ['startDate', 'endDate'] as const) {
      const v = input[field];
      if (typeof v === 'string' && !isCalendarDate(v)) {
        invalid.push({ field, message: `${field} is not a real calendar date` });
      }
    }
    const roundObjectives = new Set(round.objectiveIds);
    if (input.objectives) {
      duplicates(
        input.objectives,
        (o) => o.objectiveId.toLowerCase(),
        (i) => `objectives[${i}].objectiveId`,
      );
      input.objectives.forEach((o, i) => {
        if (!roundObjectives.has(o.objectiveId.toLowerCase())) {
          rule.push({
            field: `objectives[${i}].objectiveId`,
            message: 'is not one of the objectives this round funds',
          });
        }
      });
    }
    if (input.successMeasures) {
      duplicates(
        input.successMeasures,
        (m) => m.measureId.toLowerCase(),
        (i) => `successMeasures[${i}].measureId`,
      );
      const measures = await this.plans.measuresByIds(
        input.successMeasures.map((m) => m.measureId.toLowerCase()),
        em,
      );
      const objectiveOf = new Map(measures.map((m) => [m.id, m.objectiveId]));
      input.successMeasures.forEach((m, i) => {
        const objectiveId = objectiveOf.get(m.measureId.toLowerCase());
        if (objectiveId === undefined || !roundObjectives.has(objectiveId)) {
          rule.push({
            field: `successMeasures[${i}].measureId`,
            message: "is not a success measure of the round's objectives",
          });
        }
      });
    }
    if (input.beneficiaryAreas) {
      duplicates(
        input.beneficiaryAreas,
        (a) => a,
        (i) => `beneficiaryAreas[${i}]`,
      );
      const known = new Set((await this.profile.areasByCodes(input.beneficiaryAreas, em)).map((a) => a.code));
      input.beneficiaryAreas.forEach((code, i) => {
        if (!known.has(code))
          invalid.push({
            field: `beneficiaryAreas[${i}]`,
            message: 'is not a known area code (see GET /areas)',
          });
      });
    }
    if (invalid.length) throw DomainError.invalid(invalid);
    if (rule.length) throw DomainError.rule('Some answers do not fit this round', rule);
  }
}
