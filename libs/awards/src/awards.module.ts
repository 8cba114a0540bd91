import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@grants/applications';
import { OrganisationsModule } from '@grants/organisations';
import { RoundsModule } from '@grants/rounds';
import { AwardAccess } from './award-access';
import { AwardChangesService } from './award-changes.service';
import { AwardCompletion } from './award-completion';
import { AwardConditionsService } from './award-conditions.service';
import { AwardQueries } from './award-queries';
import { AwardTransitions } from './award-transitions';
import { AwardViews } from './award-views';
import { DecisionsService } from './decisions.service';
import { Ledger } from './ledger';
import { OffersService } from './offers.service';
import { PaymentsService } from './payments.service';

const SERVICES = [
  DecisionsService,
  OffersService,
  AwardConditionsService,
  PaymentsService,
  AwardChangesService,
  AwardQueries,
  AwardCompletion,
];

@Module({
  imports: [ApplicationsModule, OrganisationsModule, RoundsModule],
  providers: [...SERVICES, AwardAccess, AwardTransitions, AwardViews, Ledger],
  exports: SERVICES,
})
export class AwardsModule {}
