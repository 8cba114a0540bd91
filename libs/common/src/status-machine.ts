import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';

/** A status machine is data: for each status, the statuses it may move to. */
export type StatusMachine<S extends string> = Readonly<Record<S, readonly S[]>>;

export function allowedFrom<S extends string>(machine: StatusMachine<S>, from: S): readonly S[] {
  return machine[from] ?? [];
}

export function canTransition<S extends string>(machine: StatusMachine<S>, from: S, to: S): boolean {
  return allowedFrom(machine, from).includes(to);
}

/** Throws a 409-class error naming the current status and the allowed next ones. */
export function assertTransition<S extends string>(
  machine: StatusMachine<S>,
  subject: string,
  from: S,
  to: S,
): void {
  if (canTransition(machine, from, to)) return;
  const allowed = allowedFrom(machine, from);
  throw new DomainError(
    ErrorCode.InvalidTransition,
    `The ${subject} is ${from}; it cannot become ${to}` +
      (allowed.length ? ` (from ${from} it can become: ${allowed.join(', ')})` : ` (${from} is final)`),
    { currentStatus: from, requestedStatus: to, allowedStatuses: allowed },
  );
}
