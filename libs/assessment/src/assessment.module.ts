import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@grants/applications';
import { EligibilityModule } from '@grants/eligibility';
import { FundsModule } from '@grants/funds';
import { RoundsModule } from '@grants/rounds';
import { AssessmentsService } from './assessments.service';
import { AssessorsService } from './assessors.service';
import { ConflictsService } from './conflicts.service';
import { RankingService } from './ranking.service';
import { RecommendationsService } from './recommendations.service';
import { ScreeningService } from './screening.service';

@Module({
  imports: [ApplicationsModule, EligibilityModule, RoundsModule, FundsModule],
  providers: [
    ScreeningService,
    ConflictsService,
    AssessorsService,
    AssessmentsService,
    RecommendationsService,
    RankingService,
  ],
  exports: [
    ScreeningService,
    ConflictsService,
    AssessorsService,
    AssessmentsService,
    RecommendationsService,
    RankingService,
  ],
})
export class AssessmentModule {}
