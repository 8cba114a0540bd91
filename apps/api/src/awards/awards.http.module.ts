import { Module } from '@nestjs/common';
import { AwardsModule } from '@grants/awards';
import { AwardsController } from './awards.controller';
import { DecisionsController } from './decisions.controller';

@Module({ imports: [AwardsModule], controllers: [DecisionsController, AwardsController] })
export class AwardsHttpModule {}
