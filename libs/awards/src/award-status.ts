import { StatusMachine } from '@grants/common';

export const AWARD_STATUSES = ['offered', 'accepted', 'declined', 'lapsed', 'completed', 'revoked'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

/** offered → accepted | declined | lapsed (deadline passed); accepted → completed | revoked. */
export const AWARD_MACHINE: StatusMachine<AwardStatus> = {
  offered: ['accepted', 'declined', 'lapsed'],
  accepted: ['completed', 'revoked'],
  declined: [],
  lapsed: [],
  completed: [],
  revoked: [],
};
