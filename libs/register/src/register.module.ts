import { Module } from '@nestjs/common';
import { AwardPublicationsService } from './award-publications.service';
import { MonthlyPublication } from './monthly-publication';
import { PublicationFactsReader } from './publication-facts';
import { PublishedDecisions } from './published-decisions';
import { PublishedOutcomes } from './published-outcomes';
import { RegisterFiles } from './register-files';
import { RegisterPublisher } from './register-publisher';
import { RegisterQueries } from './register-queries';

const SERVICES = [
  AwardPublicationsService,
  MonthlyPublication,
  PublishedDecisions,
  PublishedOutcomes,
  RegisterFiles,
  RegisterPublisher,
  RegisterQueries,
];

@Module({ providers: [...SERVICES, PublicationFactsReader], exports: SERVICES })
export class RegisterModule {}
