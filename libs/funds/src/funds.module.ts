import { Module } from '@nestjs/common';
import { FundsService } from './funds.service';

@Module({ providers: [FundsService], exports: [FundsService] })
export class FundsModule {}
