import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@grants/organisations';
import { PlansModule } from '@grants/plans';
import { ProfileModule } from '@grants/profile';
import { RoundsModule } from '@grants/rounds';
import { ApplicationsService } from './applications.service';

@Module({
  imports: [OrganisationsModule, RoundsModule, PlansModule, ProfileModule],
  providers: [ApplicationsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
