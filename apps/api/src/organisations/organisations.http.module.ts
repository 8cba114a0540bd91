import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@grants/organisations';
import { MeOrganisationsController } from './me-organisations.controller';
import { OrganisationsController } from './organisations.controller';

@Module({ imports: [OrganisationsModule], controllers: [OrganisationsController, MeOrganisationsController] })
export class OrganisationsHttpModule {}
