import { Module } from '@nestjs/common';
import { CommitmentsSource } from './commitments-source';
import { FundsService } from './funds.service';

@Module({ providers: [FundsService, CommitmentsSource], exports: [FundsService, CommitmentsSource] })
export class FundsModule {}
