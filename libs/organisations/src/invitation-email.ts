import { escapeHtml, RenderedEmail } from '@grants/notifications';

export function invitationMessage(input: {
  organisationName: string;
  inviterName: string;
  registerLink: string;
}): RenderedEmail {
  const subject = `You have been invited to join ${input.organisationName} on the Community Safety Fund`;
  const paragraphs = [
    `${input.inviterName} has invited you to join ${input.organisationName} on the Community Safety Fund grants service, so that you can work on its applications.`,
    'Register (or sign in) with this email address and you will become a member of the organisation.',
  ];
  const text = [
    'Hello,',
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    'Register:',
    input.registerLink,
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
    `<p><a href="${escapeHtml(input.registerLink)}" style="color: #1d70b8;">Register for the Community Safety Fund</a></p>`,
    '<p>Community Safety Fund</p>',
    '</body>',
    '</html>',
  ].join('\n');
  return { template: 'organisation-invitation', subject, text, html };
}
