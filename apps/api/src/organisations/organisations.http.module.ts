import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@grants/organisations';
import { MeInvitationsController } from './me-invitations.controller';
import { MeOrganisationsController } from './me-organisations.controller';
import { OrganisationsController } from './organisations.controller';

@Module({
  imports: [OrganisationsModule],
  controllers: [OrganisationsController, MeOrganisationsController, MeInvitationsController],
})
export class OrganisationsHttpModule {}
