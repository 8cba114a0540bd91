import { Injectable } from '@nestjs/common';
import { Organisation } from '@grants/organisations';
import { ProfileService } from '@grants/profile';
import { Round } from '@grants/rounds';
import { EntityManager } from 'typeorm';
import { EligibilityResult } from './eligibility-result.entity';
import { EligibilityFacts, EligibilityReport, roundOpensOn, runEligibilityRules } from './eligibility-rules';
import { DocumentKindsSource, EarlierAwardsSource } from './eligibility-sources';

/** The answers the rules read: a structural subset of the application's answers. */
export interface EligibilityAnswers {
  title: string | null;
  activities: { description: string }[];
  objectives: { objectiveId: string; contribution: string }[];
  beneficiaryAreas: string[];
  startDate: string | null;
  endDate: string | null;
  amountRequestedPence: number | null;
  budgetLines: { description: string; category: string; amountPence: number }[];
  exitPlan: string | null;
  safeguarding: { involvesChildrenOrAdultsAtRisk: boolean | null };
  groupChecklist: EligibilityFacts['application']['groupChecklist'];
}

export interface EligibilitySubject {
  applicationId: string;
  organisationId: string;
  /** The round, with its objectiveIds filled in (RoundsService.findById). */
  round: Round;
  answers: EligibilityAnswers;
}

export interface NewEligibilityResult {
  applicationId: string;
  submissionId: string;
  submissionVersion: number;
  planVersionId: string;
  checkedAt: Date;
  report: EligibilityReport;
}

/** Gathers the facts the eligibility rules need from the database, runs them, and keeps the snapshots. */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly profile: ProfileService,
    private readonly earlierAwards: EarlierAwardsSource,
    private readonly documents: DocumentKindsSource,
  ) {}

  /** Runs every rule on the subject; reads only, so it is safe as a dry run. */
  async check(em: EntityManager, subject: EligibilitySubject): Promise<EligibilityReport> {
    return runEligibilityRules(await this.facts(em, subject));
  }

  async facts(
    em: EntityManager,
    { applicationId, organisationId, round, answers }: EligibilitySubject,
  ): Promise<EligibilityFacts> {
    // One after another: a transaction is one connection.
    const funder = await this.profile.funder(em);
    const areas = await this.profile.areas(em);
    const organisation = await em.findOneOrFail(Organisation, { where: { id: organisationId } });
    const [{ fund_id: fundId }]: { fund_id: string }[] = await em.query(
      `SELECT fund_id FROM fund_years WHERE id = $1`,
      [round.fundYearId],
    );
    const earlierAwards = await this.earlierAwards.find(em, organisationId, fundId!);
    const documentKinds = await this.documents.kindsFor(em, applicationId);
    return {
      application: {
        title: answers.title,
        activities: answers.activities,
        objectives: answers.objectives,
        beneficiaryAreas: answers.beneficiaryAreas,
        startDate: answers.startDate,
        endDate: answers.endDate,
        amountRequestedPence: answers.amountRequestedPence,
        budgetLines: answers.budgetLines,
        exitPlan: answers.exitPlan,
        involvesChildrenOrAdultsAtRisk: answers.safeguarding.involvesChildrenOrAdultsAtRisk,
        groupChecklist: answers.groupChecklist,
      },
      round: {
        opensOn: roundOpensOn(round.opensAt, funder.timeZone),
        minAwardPence: round.minAwardPence,
        maxAwardPence: round.maxAwardPence,
        maxProjectMonths: round.maxProjectMonths,
        objectiveIds: round.objectiveIds,
        fundId: fundId!,
        acceptedLegalForms: round.acceptedLegalForms,
        disallowedCostCategories: round.disallowedCostCategories,
      },
      funderAreaCodes: new Set(areas.map((a) => a.code)),
      organisation: { id: organisation.id, legalForm: organisation.legalForm },
      earlierAwards,
      documentKinds,
    };
  }

  /** Stores the immutable snapshot of a submission's check. */
  async record(em: EntityManager, input: NewEligibilityResult): Promise<EligibilityResult> {
    return em.save(
      em.create(EligibilityResult, {
        applicationId: input.applicationId,
        submissionId: input.submissionId,
        submissionVersion: input.submissionVersion,
        planVersionId: input.planVersionId,
        checkedAt: input.checkedAt,
        outcome: input.report.outcome,
        results: input.report.results,
      }),
    );
  }

  /** The snapshot of the latest submission (what screening and the decision read), or null before any. */
  latestFor(em: EntityManager, applicationId: string): Promise<EligibilityResult | null> {
    return em.findOne(EligibilityResult, { where: { applicationId }, order: { submissionVersion: 'DESC' } });
  }

  /** Every stored snapshot of the application, oldest first. */
  listFor(em: EntityManager, applicationId: string): Promise<EligibilityResult[]> {
    return em.find(EligibilityResult, {
      where: { applicationId },
      order: { submissionVersion: 'ASC' },
    });
  }
}
