import { PipeTransform } from '@nestjs/common';
import { DomainError } from '@grants/common';
import { QueueName } from '@grants/jobs';

const JOB_ID = /^[A-Za-z0-9._:-]{1,200}$/;

/** A queue in the job contract; anything else names nothing. */
export class QueueNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!(Object.values(QueueName) as string[]).includes(value)) {
      throw DomainError.invalid([
        { field: 'queue', message: `must be one of ${Object.values(QueueName).join(', ')}` },
      ]);
    }
    return value;
  }
}

/** Ours are built from domain keys without `:`; BullMQ's own (a scheduler's runs) use it. */
export class JobRefPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!JOB_ID.test(value)) {
      throw DomainError.invalid([
        { field: 'jobId', message: 'must be 1 to 200 letters, digits, dots, colons, dashes or underscores' },
      ]);
    }
    return value;
  }
}
