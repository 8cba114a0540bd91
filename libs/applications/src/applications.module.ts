import { Module } from '@nestjs/common';
import { EligibilityModule } from '@grants/eligibility';
import { NotificationsModule } from '@grants/notifications';
import { OrganisationsModule } from '@grants/organisations';
import { PlansModule } from '@grants/plans';
import { ProfileModule } from '@grants/profile';
import { RoundsModule } from '@grants/rounds';
import { ApplicationAccess } from './application-access';
import { ApplicationEmails } from './application-emails';
import { ApplicationEligibilityService } from './application-eligibility.service';
import { ApplicationDraftsService } from './application-drafts.service';
import { ApplicationQueries } from './application-queries';
import { ApplicationSubmissionService } from './application-submission.service';
import { ApplicationWithdrawalService } from './application-withdrawal.service';
import { DraftReferences } from './draft-references';
import { ApplicationTransitions } from './application-transitions';
import { InformationRequestsService } from './information-requests.service';
import { SubmissionRecorder } from './submission-recorder';

@Module({
  imports: [
    OrganisationsModule,
    RoundsModule,
    PlansModule,
    ProfileModule,
    EligibilityModule,
    NotificationsModule,
  ],
  providers: [
    ApplicationAccess,
    DraftReferences,
    ApplicationDraftsService,
    ApplicationSubmissionService,
    ApplicationWithdrawalService,
    ApplicationQueries,
    ApplicationEmails,
    ApplicationEligibilityService,
    ApplicationTransitions,
    SubmissionRecorder,
    InformationRequestsService,
  ],
  exports: [
    ApplicationTransitions,
    InformationRequestsService,
    ApplicationEligibilityService,
    ApplicationAccess,
    ApplicationDraftsService,
    ApplicationSubmissionService,
    ApplicationWithdrawalService,
    ApplicationQueries,
    ApplicationEmails,
  ],
})
export class ApplicationsModule {}
