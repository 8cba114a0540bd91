import { StatusMachine } from '@grants/common';

export type PlanVersionStatus = 'draft' | 'published';

export const PLAN_VERSION_STATUSES: readonly PlanVersionStatus[] = ['draft', 'published'];

/** A version is edited as a draft and frozen once published: rounds and applications are judged against it. */
export const PLAN_VERSION_MACHINE: StatusMachine<PlanVersionStatus> = {
  draft: ['published'],
  published: [],
};
