import { DomainError } from '@grants/common';

/** An empty PATCH is almost always a client bug; saying so beats a silent success that changed nothing. */
export function assertSomething(body: object): void {
  if (!Object.values(body).some((v) => v !== undefined)) {
    throw DomainError.invalid([{ field: '(body)', message: 'give at least one field to change' }]);
  }
}
