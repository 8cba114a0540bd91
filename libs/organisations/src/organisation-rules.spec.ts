import { describe, expect, it } from 'vitest';
import { IDENTIFIER_RULES, LEGAL_FORMS, LegalForm } from './legal-form';
import { legalDetailsErrors } from './organisation-rules';

const fields = (legalForm: LegalForm, charityNumber: string | null, companyNumber: string | null) =>
  legalDetailsErrors({ legalForm, charityNumber, companyNumber }).map((e) => e.field);

describe('registration numbers by legal form', () => {
  it('a registered charity and a CIO need a charity number', () => {
    expect(fields(LegalForm.RegisteredCharity, null, null)).toEqual(['charityNumber']);
    expect(fields(LegalForm.RegisteredCharity, '1123456', null)).toEqual([]);
    expect(fields(LegalForm.Cio, null, null)).toEqual(['charityNumber']);
    expect(fields(LegalForm.Cio, '1123456', null)).toEqual([]);
  });

  it('a CIO is not a company', () => {
    expect(fields(LegalForm.Cio, '1123456', '01234567')).toEqual(['companyNumber']);
  });

  it('companies need a company number; a CIC can never be a charity', () => {
    expect(fields(LegalForm.CompanyLimitedByGuarantee, null, null)).toEqual(['companyNumber']);
    expect(fields(LegalForm.CompanyLimitedByGuarantee, '1123456', '01234567')).toEqual([]);
    expect(fields(LegalForm.CommunityInterestCompany, null, '01234567')).toEqual([]);
    expect(fields(LegalForm.CommunityInterestCompany, '1123456', null)).toEqual([
      'charityNumber',
      'companyNumber',
    ]);
  });

  it('a parish or town council has neither number', () => {
    expect(fields(LegalForm.ParishOrTownCouncil, null, null)).toEqual([]);
    expect(fields(LegalForm.ParishOrTownCouncil, '1123456', '01234567')).toEqual([
      'charityNumber',
      'companyNumber',
    ]);
  });

  it('community groups, schools, statutory bodies and others may give either or none', () => {
    for (const form of [
      LegalForm.ConstitutedCommunityGroup,
      LegalForm.School,
      LegalForm.StatutoryBody,
      LegalForm.Other,
    ]) {
      expect(fields(form, null, null)).toEqual([]);
      expect(fields(form, '1123456', '01234567')).toEqual([]);
    }
  });

  it('has a rule for every legal form', () => {
    for (const form of LEGAL_FORMS) expect(IDENTIFIER_RULES[form]).toBeDefined();
  });
});
