/** A rendered email: the plain-text part is the primary one; the HTML is the same words, simply marked up. */
export interface RenderedEmail {
  template: string;
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const SERVICE = 'Community Safety Fund';

function hoursText(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

interface Block {
  paragraphs: string[];
  action?: { label: string; url: string };
  after?: string[];
}

/** Simple, accessible HTML: a language, a title, real paragraphs; every template's page is this one. */
export function htmlDocument(subject: string, body: string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c;">',
    ...body.filter(Boolean),
    '</body>',
    '</html>',
  ].join('\n');
}

export const htmlParagraph = (s: string): string => `<p>${escapeHtml(s)}</p>`;

/** A link whose text says where it goes, and the address itself for mail clients that break links. */
export function htmlAction(action: { label: string; url: string }): string {
  const url = escapeHtml(action.url);
  return (
    `<p><a href="${url}" style="color: #1d70b8;">${escapeHtml(action.label)}</a></p>\n` +
    `<p>If the link does not work, copy this address into your browser:<br>${url}</p>`
  );
}

function render(template: string, subject: string, greetingName: string, block: Block): RenderedEmail {
  const greeting = `Dear ${greetingName},`;
  const sign = `${SERVICE}`;
  const textParts = [greeting, '', ...block.paragraphs.flatMap((p) => [p, ''])];
  if (block.action) textParts.push(`${block.action.label}:`, block.action.url, '');
  for (const p of block.after ?? []) textParts.push(p, '');
  textParts.push(sign);

  const p = htmlParagraph;
  const html = htmlDocument(subject, [
    p(greeting),
    ...block.paragraphs.map(p),
    block.action ? htmlAction(block.action) : '',
    ...(block.after ?? []).map(p),
    p(sign),
  ]);
  return { template, subject, text: textParts.join('\n'), html };
}

export function verifyEmailMessage(input: {
  displayName: string;
  link: string;
  expiresInHours: number;
}): RenderedEmail {
  return render('verify-email', `Confirm your email address for the ${SERVICE}`, input.displayName, {
    paragraphs: [
      `Someone (we hope you) just asked to register for an account with the ${SERVICE} using this email address.`,
      `Confirm your email address to finish registering: following the link makes the password chosen in that registration your password. The link works once and expires in ${hoursText(input.expiresInHours)}.`,
    ],
    action: { label: 'Confirm your email address', url: input.link },
    after: [
      'If you did not just ask to register, ignore this email and do not follow the link; nothing changes without it.',
    ],
  });
}

export function resetPasswordMessage(input: {
  displayName: string;
  link: string;
  expiresInHours: number;
}): RenderedEmail {
  return render('reset-password', `Reset your ${SERVICE} password`, input.displayName, {
    paragraphs: [
      'We received a request to reset the password for your account.',
      `The link works once and expires in ${hoursText(input.expiresInHours)}. Resetting your password signs you out everywhere.`,
    ],
    action: { label: 'Choose a new password', url: input.link },
    after: ['If you did not ask for this, you can ignore this email; your password has not changed.'],
  });
}

export function setPasswordMessage(input: {
  displayName: string;
  link: string;
  expiresInHours: number;
}): RenderedEmail {
  return render('set-password', `Your ${SERVICE} account has been created`, input.displayName, {
    paragraphs: [
      `An administrator has created an account for you on the ${SERVICE} grants service.`,
      `Choose a password to start using it. The link works once and expires in ${hoursText(input.expiresInHours)}.`,
    ],
    action: { label: 'Choose your password', url: input.link },
  });
}

export function alreadyRegisteredMessage(input: { displayName: string; resetLink: string }): RenderedEmail {
  return render(
    'already-registered',
    `Someone tried to register with your email address`,
    input.displayName,
    {
      paragraphs: [
        `Someone tried to register a new ${SERVICE} account with this email address, but you already have one. No new account was created.`,
        'If it was you, sign in with your existing password. If you have forgotten it, you can reset it.',
      ],
      action: { label: 'Reset your password', url: input.resetLink },
      after: ['If it was not you, you do not need to do anything.'],
    },
  );
}
