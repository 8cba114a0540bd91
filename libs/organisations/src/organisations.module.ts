import { Module } from '@nestjs/common';
import { NotificationsModule } from '@grants/notifications';
import { ProfileModule } from '@grants/profile';
import { OrganisationAccess } from './organisation-access';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [ProfileModule, NotificationsModule],
  providers: [OrganisationAccess, OrganisationsService],
  exports: [OrganisationAccess, OrganisationsService],
})
export class OrganisationsModule {}
