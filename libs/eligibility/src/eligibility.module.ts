import { Module } from '@nestjs/common';
import { ProfileModule } from '@grants/profile';
import { DocumentKindsSource, EarlierAwardsSource } from './eligibility-sources';
import { EligibilityService } from './eligibility.service';

@Module({
  imports: [ProfileModule],
  providers: [EligibilityService, EarlierAwardsSource, DocumentKindsSource],
  exports: [EligibilityService],
})
export class EligibilityModule {}
