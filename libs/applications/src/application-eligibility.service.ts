import { Injectable } from '@nestjs/common';
import { AuthUser } from '@grants/accounts';
import { inTransaction } from '@grants/database';
import { EligibilityReport, EligibilityResult, EligibilityService } from '@grants/eligibility';
import { RoundsService } from '@grants/rounds';
import { DataSource } from 'typeorm';
import { ApplicationAccess } from './application-access';
import { roundOfApplication } from './application-round';
import { answersOf } from './application-view';

/** The eligibility pre-check on the current answers, and the snapshots stored at submission. */
@Injectable()
export class ApplicationEligibilityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly rounds: RoundsService,
    private readonly eligibility: EligibilityService,
  ) {}

  /** Runs the rules on the answers as they stand (a draft or later) and changes nothing. */
  async dryRun(user: AuthUser, id: string): Promise<EligibilityReport> {
    return inTransaction(this.dataSource, async (em) => {
      const { application } = await this.access.readable(em, user, id);
      const round = await roundOfApplication(this.rounds, em, application);
      return this.eligibility.check(em, {
        applicationId: application.id,
        organisationId: application.organisationId,
        round,
        answers: await answersOf(em, application),
      });
    });
  }

  /** The immutable result stored at each submission, oldest first. */
  async snapshots(user: AuthUser, id: string): Promise<EligibilityResult[]> {
    return inTransaction(this.dataSource, async (em) => {
      await this.access.readable(em, user, id);
      return this.eligibility.listFor(em, id);
    });
  }
}
