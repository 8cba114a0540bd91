import { Global, Module } from '@nestjs/common';
import { Outbox } from './outbox';

/** Global: any domain service that causes a side effect writes to the outbox in its own transaction. */
@Global()
@Module({ providers: [Outbox], exports: [Outbox] })
export class JobsModule {}
