import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '@grants/common';

/** For routes that take no query parameters: an unknown one is an error, as unknown body fields are. */
@Injectable()
export class NoQueryPipe implements PipeTransform<unknown, Record<string, never>> {
  transform(value: unknown): Record<string, never> {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    if (keys.length) {
      throw DomainError.invalid(
        keys.map((k) => ({ field: k, message: `${k} is not a known query parameter` })),
      );
    }
    return {};
  }
}

/** An empty PATCH is almost always a client bug; saying so beats a silent success that changed nothing. */
export function assertSomething(body: object): void {
  if (!Object.values(body).some((v) => v !== undefined)) {
    throw DomainError.invalid([{ field: '(body)', message: 'give at least one field to change' }]);
  }
}
