/** Legal forms an applicant organisation can take, as stored codes with the labels people read. */
export enum LegalForm {
  RegisteredCharity = 'registered_charity',
  Cio = 'cio',
  CompanyLimitedByGuarantee = 'company_limited_by_guarantee',
  CommunityInterestCompany = 'community_interest_company',
  ConstitutedCommunityGroup = 'constituted_community_group',
  ParishOrTownCouncil = 'parish_or_town_council',
  School = 'school',
  StatutoryBody = 'statutory_body',
  Other = 'other',
  /** A person applying in their own name (section 9 allows grants to individuals); never published by name. */
  Individual = 'individual',
}

export const LEGAL_FORM_LABELS: Readonly<Record<LegalForm, string>> = {
  [LegalForm.RegisteredCharity]: 'Registered charity',
  [LegalForm.Cio]: 'Charitable incorporated organisation (CIO)',
  [LegalForm.CompanyLimitedByGuarantee]: 'Company limited by guarantee',
  [LegalForm.CommunityInterestCompany]: 'Community interest company (CIC)',
  [LegalForm.ConstitutedCommunityGroup]: 'Constituted community group',
  [LegalForm.ParishOrTownCouncil]: 'Parish or town council',
  [LegalForm.School]: 'School',
  [LegalForm.StatutoryBody]: 'Statutory body',
  [LegalForm.Other]: 'Other',
  [LegalForm.Individual]: 'Individual',
};

export const LEGAL_FORMS: readonly LegalForm[] = Object.values(LegalForm);

export type NumberRule = 'required' | 'optional' | 'forbidden';

export interface IdentifierRules {
  charityNumber: NumberRule;
  companyNumber: NumberRule;
}

/**
 * Which registration numbers each legal form must (or must not) carry.
 * A CIO is registered with a charity regulator, never at Companies House; a CIC can never be a charity
 * (Companies (Audit, Investigations and Community Enterprise) Act 2004, s.26); a charitable company
 * limited by guarantee has both numbers, so its charity number is optional.
 */
export const IDENTIFIER_RULES: Readonly<Record<LegalForm, IdentifierRules>> = {
  [LegalForm.RegisteredCharity]: { charityNumber: 'required', companyNumber: 'optional' },
  [LegalForm.Cio]: { charityNumber: 'required', companyNumber: 'forbidden' },
  [LegalForm.CompanyLimitedByGuarantee]: { charityNumber: 'optional', companyNumber: 'required' },
  [LegalForm.CommunityInterestCompany]: { charityNumber: 'forbidden', companyNumber: 'required' },
  [LegalForm.ConstitutedCommunityGroup]: { charityNumber: 'optional', companyNumber: 'optional' },
  [LegalForm.ParishOrTownCouncil]: { charityNumber: 'forbidden', companyNumber: 'forbidden' },
  [LegalForm.School]: { charityNumber: 'optional', companyNumber: 'optional' },
  [LegalForm.StatutoryBody]: { charityNumber: 'optional', companyNumber: 'optional' },
  [LegalForm.Other]: { charityNumber: 'optional', companyNumber: 'optional' },
  [LegalForm.Individual]: { charityNumber: 'forbidden', companyNumber: 'forbidden' },
};

export function isLegalForm(value: string): value is LegalForm {
  return (LEGAL_FORMS as readonly string[]).includes(value);
}
