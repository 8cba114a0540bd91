import { ApplicationStatus } from '@grants/applications';

/** How an application's status reads to its applicant: a GOV.UK tag and what happens next. */
export interface StatusTag {
  text: string;
  /** A govuk-tag colour modifier, e.g. govuk-tag--blue. */
  classes: string;
  next: string;
}

const TAGS: Record<ApplicationStatus, StatusTag> = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey', next: 'Finish your answers and send the application' },
  submitted: {
    text: 'Sent',
    classes: 'govuk-tag--blue',
    next: 'We are checking your application is eligible',
  },
  in_assessment: {
    text: 'Being assessed',
    classes: 'govuk-tag--blue',
    next: 'We will tell you our decision',
  },
  information_requested: {
    text: 'Information needed',
    classes: 'govuk-tag--orange',
    next: 'Answer our questions so we can carry on',
  },
  recommended: { text: 'Being decided', classes: 'govuk-tag--blue', next: 'We will tell you our decision' },
  awarded: {
    text: 'Offered a grant',
    classes: 'govuk-tag--green',
    next: 'Read the offer and its conditions',
  },
  refused: { text: 'Not funded', classes: 'govuk-tag--red', next: 'Read the reasons in the email we sent' },
  ineligible: {
    text: 'Not eligible',
    classes: 'govuk-tag--red',
    next: 'Read the reasons in the email we sent',
  },
  withdrawn: {
    text: 'Withdrawn',
    classes: 'govuk-tag--grey',
    next: 'Nothing: you withdrew this application',
  },
};

export function statusTag(status: unknown): StatusTag {
  return TAGS[status as ApplicationStatus] ?? { text: String(status), classes: 'govuk-tag--grey', next: '' };
}
