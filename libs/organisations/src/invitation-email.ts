import { escapeHtml, RenderedEmail } from '@grants/notifications';

/**
 * The invitation, worded for whether the address already has an applicant account. Only the invitee ever
 * sees which one was sent: the owner's answer is the same either way, so inviting reveals nobody's account.
 */
export function invitationMessage(input: {
  organisationName: string;
  inviterName: string;
  hasAccount: boolean;
  link: string;
}): RenderedEmail {
  const subject = `You have been invited to join ${input.organisationName} on the Community Safety Fund`;
  const paragraphs = [
    `${input.inviterName} has invited you to join ${input.organisationName} on the Community Safety Fund grants service, so that you can work on its applications.`,
    input.hasAccount
      ? 'Sign in with this email address and accept the invitation from your list of invitations. You will not become a member unless you accept.'
      : 'Register with this email address, then accept the invitation from your list of invitations. You will not become a member unless you accept.',
    'If you were not expecting this, you can decline the invitation or simply ignore this email.',
  ];
  const action = input.hasAccount ? 'Sign in' : 'Register';
  const text = [
    'Hello,',
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    `${action}:`,
    input.link,
    '',
    'Community Safety Fund',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="en-GB">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c;">',
    '<p>Hello,</p>',
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(input.link)}" style="color: #1d70b8;">${action} to the Community Safety Fund</a></p>`,
    '<p>Community Safety Fund</p>',
    '</body>',
    '</html>',
  ].join('\n');
  return { template: 'organisation-invitation', subject, text, html };
}
