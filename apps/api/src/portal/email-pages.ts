import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { isOfficer } from '@grants/accounts';
import { ApplicationEmails } from '@grants/applications';
import { EmailMessages } from '@grants/notifications';
import { notFound, PortalRouter, unlessRefused, UUID } from './portal-router';

/** How a list says whether an email went: the grant holder asks "did it go?", not "what is its status?". */
export const EMAIL_STATUS_TAGS = {
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  sending: { text: 'Being sent', classes: 'govuk-tag--yellow' },
  failed: { text: 'Not delivered', classes: 'govuk-tag--red' },
} as const;

/**
 * The emails the service sent: everyone's "Emails sent to you", and each email to read again. The award
 * page lists those about its grant (see award-pages.ts); who may read which is the services' rule.
 */
export function mountEmailPages(app: NestFastifyApplication, router: PortalRouter): void {
  const emails = app.get(EmailMessages);
  const applicationEmails = app.get(ApplicationEmails);

  router.signedIn('GET', '/emails', async ({ user }) => ({
    view: 'emails.njk',
    context: {
      title: 'Emails sent to you',
      section: 'emails',
      emails: await emails.sentTo(user.email),
      tags: EMAIL_STATUS_TAGS,
    },
  }));

  router.signedIn('GET', '/emails/:id', async ({ user, request }) => {
    const { id } = request.params as { id: string };
    const email = UUID.test(id) ? await unlessRefused(applicationEmails.read(user, id)) : null;
    if (!email) return notFound();
    const mine = email.recipient.toLowerCase() === user.email.toLowerCase();
    return {
      view: 'email.njk',
      context: {
        title: email.subject,
        email,
        mine,
        tags: EMAIL_STATUS_TAGS,
        // Officers came from the application's or grant's page; the person it went to, from their list.
        back:
          !mine && isOfficer(user) && email.related
            ? { href: `/portal/cases/${email.related.id}`, text: 'Back to the case' }
            : { href: '/portal/emails', text: 'Back to emails sent to you' },
      },
    };
  });
}
