import { Module } from '@nestjs/common';
import { NotificationsModule } from '@grants/notifications';
import { ProfileModule } from '@grants/profile';
import { InvitationsService } from './invitations.service';
import { OrganisationAccess } from './organisation-access';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [ProfileModule, NotificationsModule],
  providers: [OrganisationAccess, OrganisationsService, InvitationsService],
  exports: [OrganisationAccess, OrganisationsService, InvitationsService],
})
export class OrganisationsModule {}
