import { Module } from '@nestjs/common';
import { AssessmentModule } from '@grants/assessment';
import { AssessmentController } from './assessment.controller';
import { RankingController } from './ranking.controller';
import { ScreeningController } from './screening.controller';

@Module({
  imports: [AssessmentModule],
  controllers: [ScreeningController, AssessmentController, RankingController],
})
export class AssessmentHttpModule {}
