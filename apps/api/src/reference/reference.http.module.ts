import { Module } from '@nestjs/common';
import { AccountsModule } from '@grants/accounts';
import { FundsModule } from '@grants/funds';
import { PlansModule } from '@grants/plans';
import { ProfileModule } from '@grants/profile';
import { RoundsModule } from '@grants/rounds';
import { FundsController } from './funds.controller';
import { PlansController } from './plans.controller';
import { ProfileController } from './profile.controller';
import { RoundsController } from './rounds.controller';
import { Viewer } from './viewer';

/** The funder's profile, the plan, the funds and the rounds. */
@Module({
  imports: [AccountsModule, ProfileModule, PlansModule, FundsModule, RoundsModule],
  controllers: [ProfileController, PlansController, FundsController, RoundsController],
  providers: [Viewer],
})
export class ReferenceHttpModule {}
