import { describe, expect, it } from 'vitest';
import { escapeHtml, RenderedEmail } from './email-templates';
import {
  applicationRefusedEmail,
  applicationSubmittedEmail,
  assessmentAssignedOfficerEmail,
  eligibilityOutcomeEmail,
  informationRequestedEmail,
  monitoringReportAcceptedEmail,
  monitoringReportChangesRequestedEmail,
  monitoringReportDueEmail,
  newSubmissionOfficerEmail,
  NOTIFICATION_TEMPLATES,
  offerAcceptedEmail,
  offerLapsedEmail,
  offerMadeEmail,
  offerReminderEmail,
  paymentMadeEmail,
  reportOverdueEscalationEmail,
  roundClosingSoonEmail,
} from './notification-templates';

const HOSTILE = '<script>alert("x")</script>';
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';
const LINK = 'https://grants.example/applications/abc?tab=1&x=2';
const common = {
  funder: { name: 'Office of the Police & Crime Commissioner', contactEmail: 'grants@opcc.example' },
  recipientName: 'Ann Smith',
};

/** What every email must have, whatever it says: greeting, signature, contact, the action link, en-GB HTML. */
function expectWellFormed(m: RenderedEmail): void {
  expect(m.text).toContain('Dear Ann Smith,');
  expect(m.text).toContain('Office of the Police & Crime Commissioner, Community Safety Fund');
  expect(m.text).toContain('Questions? Contact grants@opcc.example');
  expect(m.text).toContain(LINK);
  expect(m.html).toContain('<html lang="en-GB">');
  expect(m.html).toContain(`<title>${escapeHtml(m.subject)}</title>`);
  expect(m.html).toContain('href="https://grants.example/applications/abc?tab=1&amp;x=2"');
  expect(m.html).toContain('Office of the Police &amp; Crime Commissioner, Community Safety Fund');
  expect(m.html).toContain(
    'Questions? Contact <a href="mailto:grants@opcc.example" style="color: #1d70b8;">grants@opcc.example</a>',
  );
  expect(m.html).not.toContain('<script>');
  expect(m.text).not.toContain('undefined');
  expect(m.text).not.toContain('null');
}

describe('applicant notifications', () => {
  it('acknowledges a submitted application and says nothing is needed yet', () => {
    const m = applicationSubmittedEmail({
      ...common,
      reference: 'CSF-2027-0042',
      title: 'Safer Streets Youth Club',
      roundTitle: 'Community Safety Fund 2027/28',
      link: LINK,
    });
    expect(m.template).toBe('application-submitted');
    expect(m.subject).toBe('We have received your application CSF-2027-0042');
    expect(m.text).toContain('"Safer Streets Youth Club"');
    expect(m.text).toContain('Community Safety Fund 2027/28');
    expect(m.text).toContain('You do not need to do anything now.');
    expect(m.text).toContain('See your application:');
    expectWellFormed(m);
  });

  it('tells an eligible applicant it goes on to assessment', () => {
    const m = eligibilityOutcomeEmail({
      ...common,
      reference: 'CSF-2027-0042',
      title: 'Safer Streets',
      outcome: 'eligible',
      reasons: [],
      link: LINK,
    });
    expect(m.template).toBe('eligibility-outcome');
    expect(m.subject).toBe('Your application CSF-2027-0042 is eligible');
    expect(m.text).toContain('goes on to assessment');
    expect(m.html).not.toContain('<ul>');
    expectWellFormed(m);
  });

  it('lists the reasons an application is ineligible and says it will not be assessed', () => {
    const m = eligibilityOutcomeEmail({
      ...common,
      reference: 'CSF-2027-0042',
      title: HOSTILE,
      outcome: 'ineligible',
      reasons: ['The project is outside the force area', 'No safeguarding policy <attached>'],
      link: LINK,
    });
    expect(m.template).toBe('eligibility-outcome');
    expect(m.subject).toBe('Your application CSF-2027-0042 is not eligible');
    expect(m.text).toContain('it will not be assessed');
    expect(m.text).toContain('The reasons are:');
    expect(m.text).toContain('- The project is outside the force area');
    expect(m.text).toContain('- No safeguarding policy <attached>');
    expect(m.html).toContain('<li>No safeguarding policy &lt;attached&gt;</li>');
    expect(m.html).toContain(ESCAPED);
    expectWellFormed(m);
  });

  it('asks for more information, naming the answers to change and the reply date', () => {
    const m = informationRequestedEmail({
      ...common,
      reference: 'CSF-2027-0042',
      title: HOSTILE,
      message: 'Please send your latest accounts & a budget breakdown.',
      respondBy: '2027-03-01',
      fields: ['budget', 'documents'],
      link: LINK,
    });
    expect(m.template).toBe('information-requested');
    expect(m.subject).toBe('We need more information about your application CSF-2027-0042');
    expect(m.text).toContain('Please send your latest accounts & a budget breakdown.');
    expect(m.text).toContain('- budget\n- documents');
    expect(m.text).toContain('by 1 March 2027');
    expect(m.html).toContain('accounts &amp; a budget');
    expect(m.html).toContain(ESCAPED);
    expectWellFormed(m);
  });

  it('asks for a reply as soon as possible when there is no reply date', () => {
    const m = informationRequestedEmail({
      ...common,
      reference: 'CSF-2027-0042',
      title: 'Safer Streets',
      message: 'Tell us more.',
      respondBy: null,
      fields: [],
      link: LINK,
    });
    expect(m.text).toContain('as soon as you can');
    expect(m.text).not.toContain('You can now change these parts');
    expectWellFormed(m);
  });

  it('makes an offer with numbered conditions, the deadline, the lapse and one-off nature', () => {
    const m = offerMadeEmail({
      ...common,
      reference: 'CSF-2027-0042',
      title: HOSTILE,
      amountPence: 1_250_000,
      conditions: ['Send receipts for equipment', 'Display the <PCC> logo'],
      acceptanceDeadline: '2027-03-01',
      link: LINK,
    });
    expect(m.template).toBe('offer-made');
    expect(m.subject).toBe('We are offering you a grant of £12,500.00 for CSF-2027-0042');
    expect(m.text).toContain('£12,500.00');
    expect(m.text).toContain('one-off grant');
    expect(m.text).toContain('accept the offer online by 1 March 2027');
    expect(m.text).toContain('lapses and the money goes back to the fund');
    expect(m.text).toContain('1. Send receipts for equipment\n2. Display the <PCC> logo');
    expect(m.html).toContain('<ol>');
    expect(m.html).toContain('<li>Display the &lt;PCC&gt; logo</li>');
    expect(m.html).toContain(ESCAPED);
    expectWellFormed(m);
  });

  it('refuses an application with its reasons', () => {
    const m = applicationRefusedEmail({
      ...common,
      reference: 'CSF-2027-0042',
      title: HOSTILE,
      reasons: ['Other applications met more of the plan objectives'],
      link: LINK,
    });
    expect(m.template).toBe('application-refused');
    expect(m.subject).toBe('A decision on your application CSF-2027-0042');
    expect(m.text).toContain('has not been offered a grant');
    expect(m.text).toContain('The reason is:\n\n- Other applications met more of the plan objectives');
    expect(m.html).toContain(ESCAPED);
    expectWellFormed(m);
  });

  it('confirms an accepted offer and says what happens next', () => {
    const m = offerAcceptedEmail({
      ...common,
      reference: 'CSF-2027-0042',
      amountPence: 1_250_000,
      link: LINK,
    });
    expect(m.template).toBe('offer-accepted');
    expect(m.subject).toBe('You have accepted the grant for CSF-2027-0042');
    expect(m.text).toContain('£12,500.00');
    expect(m.text).toContain('What happens next');
    expectWellFormed(m);
  });

  it('tells the group an offer has lapsed', () => {
    const m = offerLapsedEmail({
      ...common,
      reference: 'CSF-2027-0042',
      amountPence: 50_000,
      acceptanceDeadline: '2027-03-01',
      link: LINK,
    });
    expect(m.template).toBe('offer-lapsed');
    expect(m.subject).toBe('The offer for CSF-2027-0042 has lapsed');
    expect(m.text).toContain('£500.00');
    expect(m.text).toContain('not accepted by 1 March 2027');
    expect(m.text).toContain('gone back to the fund');
    expectWellFormed(m);
  });

  it('reports a payment with its date', () => {
    const m = paymentMadeEmail({
      ...common,
      reference: 'CSF-2027-0042',
      amountPence: 625_050,
      paidOn: '2027-04-09',
      link: LINK,
    });
    expect(m.template).toBe('payment-made');
    expect(m.subject).toBe('We have paid £6,250.50 for CSF-2027-0042');
    expect(m.text).toContain('on 9 April 2027');
    expectWellFormed(m);
  });

  it('reminds about an offer: "tomorrow" with one day left, "in N days" otherwise', () => {
    const base = {
      ...common,
      reference: 'CSF-2027-0042',
      amountPence: 1_250_000,
      acceptanceDeadline: '2027-03-01',
      link: LINK,
    };
    const one = offerReminderEmail({ ...base, daysLeft: 1 });
    const seven = offerReminderEmail({ ...base, daysLeft: 7 });
    expect(one.template).toBe('offer-reminder');
    expect(one.subject).toBe('Your offer of £12,500.00 for CSF-2027-0042 must be accepted by 1 March 2027');
    expect(one.text).toContain('which is tomorrow');
    expect(seven.text).toContain('which is in 7 days');
    expect(seven.text).not.toContain('tomorrow');
    expect(seven.text).toContain('lapses');
    expectWellFormed(one);
    expectWellFormed(seven);
  });
});

describe('monitoring report notifications', () => {
  const base = {
    ...common,
    reference: 'CSF-2027-0042',
    reportTitle: 'six-month report',
    dueOn: '2027-09-30',
    link: LINK,
  };

  it.each([
    [
      'upcoming',
      'Your six-month report for CSF-2027-0042 is due on 30 September 2027',
      'by 30 September 2027',
    ],
    ['due', 'Your six-month report for CSF-2027-0042 is due today', 'due today, 30 September 2027'],
    ['overdue', 'Your six-month report for CSF-2027-0042 is overdue', 'was due on 30 September 2027'],
  ] as const)('renders the %s reminder', (stage, subject, fact) => {
    const m = monitoringReportDueEmail({ ...base, stage });
    expect(m.template).toBe(`monitoring-report-${stage}`);
    expect(m.subject).toBe(subject);
    expect(m.text).toContain(fact);
    expect(m.text).toContain('What you need to do');
    expectWellFormed(m);
  });

  it('escapes the report title', () => {
    const m = monitoringReportDueEmail({ ...base, reportTitle: HOSTILE, stage: 'overdue' });
    expect(m.html).toContain(ESCAPED);
    expectWellFormed(m);
  });

  it('confirms an accepted report', () => {
    const m = monitoringReportAcceptedEmail({ ...base, reportTitle: HOSTILE });
    expect(m.template).toBe('monitoring-report-accepted');
    expect(m.subject).toBe(`Your ${HOSTILE} for CSF-2027-0042 has been accepted`);
    expect(m.text).toContain('accepted your');
    expect(m.html).toContain(ESCAPED);
    expectWellFormed(m);
  });

  it('asks for changes to a report, quoting the officer', () => {
    const m = monitoringReportChangesRequestedEmail({
      ...base,
      reportTitle: HOSTILE,
      message: 'Please add the attendance figures.',
    });
    expect(m.template).toBe('monitoring-report-changes-requested');
    expect(m.subject).toBe(`Please update your ${HOSTILE} for CSF-2027-0042`);
    expect(m.text).toContain('Please add the attendance figures.');
    expect(m.text).toContain('submit it again');
    expect(m.html).toContain(ESCAPED);
    expectWellFormed(m);
  });
});

describe('round closing soon', () => {
  it('gives the closing time in London and lists the unsubmitted drafts', () => {
    const m = roundClosingSoonEmail({
      ...common,
      roundTitle: 'Community Safety Fund 2027/28',
      closesAt: '2027-03-05T12:00:00Z',
      drafts: [
        { reference: 'CSF-2027-0042', title: HOSTILE },
        { reference: 'CSF-2027-0043', title: null },
      ],
      link: LINK,
    });
    expect(m.template).toBe('round-closing-soon');
    expect(m.subject).toBe('Community Safety Fund 2027/28 closes on Friday 5 March 2027 at 12:00');
    expect(m.text).toContain('2 draft applications');
    expect(m.text).toContain('- Untitled draft (CSF-2027-0043)');
    expect(m.text).toContain(`- ${HOSTILE} (CSF-2027-0042)`);
    expect(m.html).toContain(`<li>${ESCAPED} (CSF-2027-0042)</li>`);
    expectWellFormed(m);
  });

  it('uses British Summer Time when it applies', () => {
    const m = roundClosingSoonEmail({
      ...common,
      roundTitle: 'Summer round',
      closesAt: '2027-07-02T11:00:00Z',
      drafts: [{ reference: 'CSF-2027-0050', title: 'Holiday club' }],
      link: LINK,
    });
    expect(m.subject).toBe('Summer round closes on Friday 2 July 2027 at 12:00');
    expect(m.text).toContain('a draft application');
    expectWellFormed(m);
  });
});

describe('officer notifications', () => {
  it('tells officers about a new submission', () => {
    const m = newSubmissionOfficerEmail({
      ...common,
      reference: 'CSF-2027-0042',
      title: HOSTILE,
      organisationName: 'Riverside Residents <Association>',
      amountPence: 1_250_000,
      link: LINK,
    });
    expect(m.template).toBe('officer-new-submission');
    expect(m.subject).toBe('New application CSF-2027-0042 from Riverside Residents <Association>');
    expect(m.text).toContain('asking for £12,500.00');
    expect(m.html).toContain(ESCAPED);
    expect(m.html).toContain('Riverside Residents &lt;Association&gt;');
    expectWellFormed(m);
  });

  it('asks an assessor to assess', () => {
    const m = assessmentAssignedOfficerEmail({
      ...common,
      reference: 'CSF-2027-0042',
      title: HOSTILE,
      organisationName: 'Riverside Residents',
      link: LINK,
    });
    expect(m.template).toBe('officer-assessment-assigned');
    expect(m.subject).toBe('Please assess application CSF-2027-0042');
    expect(m.text).toContain('conflict of interest');
    expect(m.html).toContain(ESCAPED);
    expectWellFormed(m);
  });

  it('escalates an overdue report', () => {
    const m = reportOverdueEscalationEmail({
      ...common,
      reference: 'CSF-2027-0042',
      organisationName: 'Riverside Residents',
      reportTitle: HOSTILE,
      dueOn: '2027-09-30',
      link: LINK,
    });
    expect(m.template).toBe('officer-report-overdue');
    expect(m.subject).toBe(`Overdue: ${HOSTILE} for CSF-2027-0042 from Riverside Residents`);
    expect(m.text).toContain('was due on 30 September 2027');
    expect(m.html).toContain(ESCAPED);
    expectWellFormed(m);
  });
});

describe('NOTIFICATION_TEMPLATES', () => {
  const rendered = [
    applicationSubmittedEmail({ ...common, reference: 'R', title: 'T', roundTitle: 'Rd', link: LINK }),
    eligibilityOutcomeEmail({
      ...common,
      reference: 'R',
      title: 'T',
      outcome: 'eligible',
      reasons: [],
      link: LINK,
    }),
    informationRequestedEmail({
      ...common,
      reference: 'R',
      title: 'T',
      message: 'M',
      respondBy: null,
      fields: [],
      link: LINK,
    }),
    offerMadeEmail({
      ...common,
      reference: 'R',
      title: 'T',
      amountPence: 1,
      conditions: [],
      acceptanceDeadline: '2027-03-01',
      link: LINK,
    }),
    applicationRefusedEmail({ ...common, reference: 'R', title: 'T', reasons: [], link: LINK }),
    offerAcceptedEmail({ ...common, reference: 'R', amountPence: 1, link: LINK }),
    offerLapsedEmail({
      ...common,
      reference: 'R',
      amountPence: 1,
      acceptanceDeadline: '2027-03-01',
      link: LINK,
    }),
    paymentMadeEmail({ ...common, reference: 'R', amountPence: 1, paidOn: '2027-03-01', link: LINK }),
    offerReminderEmail({
      ...common,
      reference: 'R',
      amountPence: 1,
      acceptanceDeadline: '2027-03-01',
      daysLeft: 7,
      link: LINK,
    }),
    ...(['upcoming', 'due', 'overdue'] as const).map((stage) =>
      monitoringReportDueEmail({
        ...common,
        reference: 'R',
        reportTitle: 'Rp',
        dueOn: '2027-03-01',
        stage,
        link: LINK,
      }),
    ),
    monitoringReportAcceptedEmail({ ...common, reference: 'R', reportTitle: 'Rp', link: LINK }),
    monitoringReportChangesRequestedEmail({
      ...common,
      reference: 'R',
      reportTitle: 'Rp',
      message: 'M',
      link: LINK,
    }),
    roundClosingSoonEmail({
      ...common,
      roundTitle: 'Rd',
      closesAt: '2027-03-05T12:00:00Z',
      drafts: [],
      link: LINK,
    }),
    newSubmissionOfficerEmail({
      ...common,
      reference: 'R',
      title: 'T',
      organisationName: 'O',
      amountPence: 1,
      link: LINK,
    }),
    assessmentAssignedOfficerEmail({
      ...common,
      reference: 'R',
      title: 'T',
      organisationName: 'O',
      link: LINK,
    }),
    reportOverdueEscalationEmail({
      ...common,
      reference: 'R',
      organisationName: 'O',
      reportTitle: 'Rp',
      dueOn: '2027-03-01',
      link: LINK,
    }),
  ];

  it('has no duplicates', () => {
    expect(new Set(NOTIFICATION_TEMPLATES).size).toBe(NOTIFICATION_TEMPLATES.length);
  });

  it('lists exactly the templates the functions render, each in stable kebab-case', () => {
    expect([...NOTIFICATION_TEMPLATES].sort()).toEqual([...new Set(rendered.map((m) => m.template))].sort());
    for (const t of NOTIFICATION_TEMPLATES) expect(t).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('renders every template well formed even with empty lists', () => {
    for (const m of rendered) {
      expectWellFormed(m);
      expect(m.html).not.toMatch(/<(ol|ul)>\s*<\/(ol|ul)>/);
    }
  });
});
