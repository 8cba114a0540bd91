/** What a supporting document is for; the eligibility rules look for these by kind. */
export const DOCUMENT_KINDS = [
  'governing_document',
  'accounts_or_bank_statement',
  'safeguarding_policy',
  'constitution',
  'other',
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
