import { formatPence } from '@grants/common';
import { escapeHtml, htmlAction, htmlDocument, htmlParagraph, RenderedEmail } from './email-templates';

/** Who the email is from: the funder's own name, and an address a volunteer with a question can write to. */
export interface FunderSignature {
  name: string;
  contactEmail: string;
}

interface Common {
  funder: FunderSignature;
  recipientName: string;
}

/** A paragraph, or a list (numbered where order or reference matters, as with conditions). */
type Block = string | { items: string[]; numbered?: boolean };

interface Content {
  body: Block[];
  action: { label: string; url: string };
  after?: string[];
}

const dateFormatter = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const londonFormatter = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/London',
});

/** '2027-03-01' → '1 March 2027': a calendar date has no time zone, so it is read and written in UTC. */
function longDate(date: string): string {
  return dateFormatter.format(new Date(`${date}T00:00:00Z`));
}

/** An instant as people in the fund's area read it: 'Friday 5 March 2027 at 12:00' (no comma after the day). */
function londonDateTime(instant: string): string {
  const part = new Map(londonFormatter.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${part.get('weekday')} ${part.get('day')} ${part.get('month')} ${part.get('year')} at ${part.get('hour')}:${part.get('minute')}`;
}

const CONTACT_US = 'please get in touch using the contact details at the end of this email';

/**
 * The words first (the text part), then the same words in simple accessible HTML: a language, a title, real
 * paragraphs and lists, a link whose text says what it does. Signed with the funder's name and a contact
 * address, because a volunteer with a question should know whom to ask.
 */
function render(template: string, subject: string, common: Common, content: Content): RenderedEmail {
  const greeting = `Dear ${common.recipientName},`;
  const signature = `${common.funder.name}, Community Safety Fund`;
  const contact = common.funder.contactEmail;
  const blocks = content.body.filter((b) => typeof b === 'string' || b.items.length > 0);
  const after = content.after ?? [];

  const text = [
    greeting,
    '',
    ...blocks.flatMap((b) =>
      typeof b === 'string'
        ? [b, '']
        : [...b.items.map((item, i) => (b.numbered ? `${i + 1}. ${item}` : `- ${item}`)), ''],
    ),
    `${content.action.label}:`,
    content.action.url,
    '',
    ...after.flatMap((p) => [p, '']),
    signature,
    `Questions? Contact ${contact}`,
  ].join('\n');

  const p = htmlParagraph;
  const list = (b: { items: string[]; numbered?: boolean }): string => {
    const tag = b.numbered ? 'ol' : 'ul';
    return `<${tag}>\n${b.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</${tag}>`;
  };
  const html = htmlDocument(subject, [
    p(greeting),
    ...blocks.map((b) => (typeof b === 'string' ? p(b) : list(b))),
    htmlAction(content.action),
    ...after.map(p),
    p(signature),
    `<p>Questions? Contact <a href="mailto:${escapeHtml(contact)}" style="color: #1d70b8;">${escapeHtml(contact)}</a></p>`,
  ]);

  return { template, subject, text, html };
}

function reasonsIntro(reasons: string[]): string {
  return reasons.length === 1 ? 'The reason is:' : 'The reasons are:';
}

export function applicationSubmittedEmail(
  input: Common & { reference: string; title: string; roundTitle: string; link: string },
): RenderedEmail {
  return render('application-submitted', `We have received your application ${input.reference}`, input, {
    body: [
      `Thank you for applying to ${input.roundTitle}. We have received your application "${input.title}" and its reference is ${input.reference}. Please quote it if you contact us.`,
      'What happens next: an officer checks that the application is eligible for the fund. If it is, officers assess it against the published criteria for this round, and then a decision is made. We will email you at each step, and straight away if we need more information from you.',
      'You do not need to do anything now.',
    ],
    action: { label: 'See your application', url: input.link },
  });
}

export function eligibilityOutcomeEmail(
  input: Common & {
    reference: string;
    title: string;
    outcome: 'eligible' | 'ineligible';
    reasons: string[];
    link: string;
  },
): RenderedEmail {
  if (input.outcome === 'eligible') {
    return render('eligibility-outcome', `Your application ${input.reference} is eligible`, input, {
      body: [
        `Good news: we have checked your application "${input.title}" (${input.reference}) and it is eligible for the fund.`,
        'What happens next: it goes on to assessment, where officers score it against the published criteria for this round. We will email you when a decision has been made, or sooner if we need more information from you.',
        'You do not need to do anything now.',
      ],
      action: { label: 'See your application', url: input.link },
    });
  }
  return render('eligibility-outcome', `Your application ${input.reference} is not eligible`, input, {
    body: [
      `We have checked your application "${input.title}" (${input.reference}). We are sorry to tell you that it is not eligible for the fund, so it will not be assessed.`,
      ...(input.reasons.length ? [reasonsIntro(input.reasons)] : []),
      { items: input.reasons },
      'You can see the result of each eligibility check online.',
    ],
    action: { label: 'See your application', url: input.link },
    after: [`You do not need to do anything. If you think we have misunderstood something, ${CONTACT_US}.`],
  });
}

export function informationRequestedEmail(
  input: Common & {
    reference: string;
    title: string;
    message: string;
    respondBy: string | null;
    fields: string[];
    link: string;
  },
): RenderedEmail {
  return render(
    'information-requested',
    `We need more information about your application ${input.reference}`,
    input,
    {
      body: [
        `Before we can carry on with your application "${input.title}" (${input.reference}), we need some more information from you. The officer's message is:`,
        input.message,
        ...(input.fields.length ? ['You can now change these parts of your application:'] : []),
        { items: input.fields },
        input.respondBy
          ? `What you need to do: make the changes and send your response online by ${longDate(input.respondBy)}.`
          : 'What you need to do: make the changes and send your response online as soon as you can.',
        'Your application is paused until you respond. Once you do, it carries on from where it was.',
      ],
      action: { label: 'Respond to the request', url: input.link },
    },
  );
}

export function offerMadeEmail(
  input: Common & {
    reference: string;
    title: string;
    amountPence: number;
    conditions: string[];
    acceptanceDeadline: string;
    link: string;
  },
): RenderedEmail {
  const amount = formatPence(input.amountPence);
  const deadline = longDate(input.acceptanceDeadline);
  return render('offer-made', `We are offering you a grant of ${amount} for ${input.reference}`, input, {
    body: [
      `Good news: we are offering your group a grant of ${amount} for "${input.title}" (${input.reference}). This is a one-off grant, not ongoing funding.`,
      `What you need to do: the person who signs for your organisation must accept the offer online by ${deadline}, giving their name and position${input.conditions.length ? ' and confirming each condition below' : ''}.`,
      `If the offer is not accepted by the end of ${deadline}, it lapses and the money goes back to the fund for other groups.`,
      ...(input.conditions.length ? ['The conditions of the grant are:'] : []),
      { items: input.conditions, numbered: true },
    ],
    action: { label: 'Read and accept the offer', url: input.link },
    after: [
      'If your group does not want the grant, please decline it online, so the money can help another group.',
    ],
  });
}

export function applicationRefusedEmail(
  input: Common & { reference: string; title: string; reasons: string[]; link: string },
): RenderedEmail {
  return render('application-refused', `A decision on your application ${input.reference}`, input, {
    body: [
      `Thank you for applying. We are sorry to tell you that your application "${input.title}" (${input.reference}) has not been offered a grant.`,
      ...(input.reasons.length ? [reasonsIntro(input.reasons)] : []),
      { items: input.reasons },
    ],
    action: { label: 'See your application', url: input.link },
    after: [
      `You do not need to do anything. You are welcome to apply to a future round. If you would like to talk about this decision, ${CONTACT_US}.`,
    ],
  });
}

export function offerAcceptedEmail(
  input: Common & { reference: string; amountPence: number; link: string },
): RenderedEmail {
  return render('offer-accepted', `You have accepted the grant for ${input.reference}`, input, {
    body: [
      `Thank you: we have recorded your acceptance of the ${formatPence(input.amountPence)} grant for ${input.reference}.`,
      'What happens next: we pay the grant once any conditions that must be met before payment have been met. You can see each condition and its progress online. We will email you each time we make a payment.',
    ],
    action: { label: 'See your grant', url: input.link },
  });
}

export function offerLapsedEmail(
  input: Common & { reference: string; amountPence: number; acceptanceDeadline: string; link: string },
): RenderedEmail {
  return render('offer-lapsed', `The offer for ${input.reference} has lapsed`, input, {
    body: [
      `The offer of a ${formatPence(input.amountPence)} grant for ${input.reference} was not accepted by ${longDate(input.acceptanceDeadline)}. It has now lapsed and can no longer be accepted, and the money has gone back to the fund for other groups.`,
      `If something stopped you accepting in time, ${CONTACT_US}.`,
    ],
    action: { label: 'See the offer', url: input.link },
  });
}

export function paymentMadeEmail(
  input: Common & { reference: string; amountPence: number; paidOn: string; link: string },
): RenderedEmail {
  const amount = formatPence(input.amountPence);
  return render('payment-made', `We have paid ${amount} for ${input.reference}`, input, {
    body: [
      `We made a payment of ${amount} for your grant ${input.reference} on ${longDate(input.paidOn)}.`,
      'You do not need to do anything now. Please keep records of how you spend the grant: your monitoring reports will ask what it paid for and what it achieved.',
    ],
    action: { label: 'See your grant and its payments', url: input.link },
  });
}

export function offerReminderEmail(
  input: Common & {
    reference: string;
    amountPence: number;
    acceptanceDeadline: string;
    daysLeft: number;
    link: string;
  },
): RenderedEmail {
  const amount = formatPence(input.amountPence);
  const deadline = longDate(input.acceptanceDeadline);
  const when =
    input.daysLeft === 1 ? 'tomorrow' : input.daysLeft <= 0 ? 'today' : `in ${input.daysLeft} days`;
  return render(
    'offer-reminder',
    `Your offer of ${amount} for ${input.reference} must be accepted by ${deadline}`,
    input,
    {
      body: [
        `A reminder: your offer of a ${amount} grant for ${input.reference} must be accepted by the end of ${deadline}, which is ${when}.`,
        'What you need to do: the person who signs for your organisation accepts it online, giving their name and position and confirming each condition.',
        'If it is not accepted in time, the offer lapses and the money goes back to the fund for other groups. If your group does not want the grant, please decline it online.',
      ],
      action: { label: 'Read and accept the offer', url: input.link },
    },
  );
}

export function monitoringReportDueEmail(
  input: Common & {
    reference: string;
    reportTitle: string;
    dueOn: string;
    stage: 'upcoming' | 'due' | 'overdue';
    link: string;
  },
): RenderedEmail {
  const due = longDate(input.dueOn);
  const report = `${input.reportTitle} for ${input.reference}`;
  const stages = {
    upcoming: {
      subject: `Your ${report} is due on ${due}`,
      first: `Your ${report} is due on ${due}.`,
      ask: `What you need to do: write the report and submit it online by ${due}.`,
    },
    due: {
      subject: `Your ${report} is due today`,
      first: `Your ${report} is due today, ${due}.`,
      ask: 'What you need to do: write the report and submit it online today.',
    },
    overdue: {
      subject: `Your ${report} is overdue`,
      first: `Your ${report} was due on ${due} and we have not received it yet.`,
      ask: 'What you need to do: write the report and submit it online as soon as you can.',
    },
  }[input.stage];
  return render(`monitoring-report-${input.stage}`, stages.subject, input, {
    body: [
      stages.first,
      'The report tells us how the grant is being used and what it has achieved.',
      stages.ask,
    ],
    action: { label: 'Write the report', url: input.link },
    after:
      input.stage === 'overdue'
        ? [
            `If something is making the report hard to finish, ${CONTACT_US}: we would rather help than chase.`,
          ]
        : [],
  });
}

export function monitoringReportAcceptedEmail(
  input: Common & { reference: string; reportTitle: string; link: string },
): RenderedEmail {
  return render(
    'monitoring-report-accepted',
    `Your ${input.reportTitle} for ${input.reference} has been accepted`,
    input,
    {
      body: [
        `Thank you: we have read and accepted your ${input.reportTitle} for ${input.reference}.`,
        'You do not need to do anything more for this report. If another report is due later, we will remind you two weeks before it is due.',
      ],
      action: { label: 'See your grant', url: input.link },
    },
  );
}

export function monitoringReportChangesRequestedEmail(
  input: Common & { reference: string; reportTitle: string; message: string; link: string },
): RenderedEmail {
  return render(
    'monitoring-report-changes-requested',
    `Please update your ${input.reportTitle} for ${input.reference}`,
    input,
    {
      body: [
        `Thank you for sending your ${input.reportTitle} for ${input.reference}. Before we can accept it, we need some changes. The officer's message is:`,
        input.message,
        'What you need to do: update the report online and submit it again.',
      ],
      action: { label: 'Update the report', url: input.link },
    },
  );
}

export function roundClosingSoonEmail(
  input: Common & {
    roundTitle: string;
    closesAt: string;
    drafts: Array<{ reference: string; title: string | null }>;
    link: string;
  },
): RenderedEmail {
  const closes = londonDateTime(input.closesAt);
  const n = input.drafts.length;
  return render('round-closing-soon', `${input.roundTitle} closes on ${closes}`, input, {
    body: [
      `Applications to ${input.roundTitle} close on ${closes}.`,
      ...(n
        ? [`Your group has ${n === 1 ? 'a draft application' : `${n} draft applications`} not yet submitted:`]
        : []),
      { items: input.drafts.map((d) => `${d.title ?? 'Untitled draft'} (${d.reference})`) },
      n
        ? `What you need to do: finish and submit ${n === 1 ? 'it' : 'each one you want considered'} before ${closes}. A draft that is not submitted by then cannot be considered in this round.`
        : `If your group plans to apply, submit your application before ${closes}. Applications that are not submitted by then cannot be considered in this round.`,
    ],
    action: { label: 'Finish and submit your application', url: input.link },
  });
}

export function newSubmissionOfficerEmail(
  input: Common & {
    reference: string;
    title: string;
    organisationName: string;
    amountPence: number;
    link: string;
  },
): RenderedEmail {
  return render(
    'officer-new-submission',
    `New application ${input.reference} from ${input.organisationName}`,
    input,
    {
      body: [
        `${input.organisationName} has submitted "${input.title}" (${input.reference}), asking for ${formatPence(input.amountPence)}.`,
        'It is ready for screening. Declare whether you have a conflict of interest in it before you screen it.',
      ],
      action: { label: 'Open the application', url: input.link },
    },
  );
}

export function assessmentAssignedOfficerEmail(
  input: Common & { reference: string; title: string; organisationName: string; link: string },
): RenderedEmail {
  return render('officer-assessment-assigned', `Please assess application ${input.reference}`, input, {
    body: [
      `You have been asked to assess "${input.title}" (${input.reference}) from ${input.organisationName}.`,
      'Declare whether you have a conflict of interest in it before you see or give scores. Then score each criterion with a comment; you can save as often as you like, and your scores are final once you submit them.',
    ],
    action: { label: 'Open the application', url: input.link },
  });
}

export function reportOverdueEscalationEmail(
  input: Common & {
    reference: string;
    organisationName: string;
    reportTitle: string;
    dueOn: string;
    link: string;
  },
): RenderedEmail {
  return render(
    'officer-report-overdue',
    `Overdue: ${input.reportTitle} for ${input.reference} from ${input.organisationName}`,
    input,
    {
      body: [
        `${input.organisationName}'s ${input.reportTitle} for ${input.reference} was due on ${longDate(input.dueOn)} and has still not been received, although the group has been reminded.`,
        'It may help to contact the group directly.',
      ],
      action: { label: 'Open the report', url: input.link },
    },
  );
}

/** Every template this module renders, for checks that each has a sender and a test. */
export const NOTIFICATION_TEMPLATES: readonly string[] = [
  'application-submitted',
  'eligibility-outcome',
  'information-requested',
  'offer-made',
  'application-refused',
  'offer-accepted',
  'offer-lapsed',
  'payment-made',
  'offer-reminder',
  'monitoring-report-upcoming',
  'monitoring-report-due',
  'monitoring-report-overdue',
  'monitoring-report-accepted',
  'monitoring-report-changes-requested',
  'round-closing-soon',
  'officer-new-submission',
  'officer-assessment-assigned',
  'officer-report-overdue',
];
