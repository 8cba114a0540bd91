import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@grants/organisations';
import { PlansModule } from '@grants/plans';
import { ProfileModule } from '@grants/profile';
import { RoundsModule } from '@grants/rounds';
import { ApplicationAccess } from './application-access';
import { ApplicationDraftsService } from './application-drafts.service';
import { ApplicationQueries } from './application-queries';
import { ApplicationSubmissionService } from './application-submission.service';
import { ApplicationWithdrawalService } from './application-withdrawal.service';
import { DraftReferences } from './draft-references';

@Module({
  imports: [OrganisationsModule, RoundsModule, PlansModule, ProfileModule],
  providers: [
    ApplicationAccess,
    DraftReferences,
    ApplicationDraftsService,
    ApplicationSubmissionService,
    ApplicationWithdrawalService,
    ApplicationQueries,
  ],
  exports: [
    ApplicationDraftsService,
    ApplicationSubmissionService,
    ApplicationWithdrawalService,
    ApplicationQueries,
  ],
})
export class ApplicationsModule {}
