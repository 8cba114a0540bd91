import { FieldError } from '@grants/common';
import { LEGAL_FORM_LABELS, LEGAL_FORMS, LegalForm, NewOrganisation } from '@grants/organisations';
import { FormProblem } from './account-forms';
import { field, FormBody } from './form-body';

/** The form's fields in page order, with the label each error message starts from. */
export const ORGANISATION_FIELDS = {
  name: 'Organisation name',
  legalForm: 'Type of organisation',
  charityNumber: 'Charity number',
  companyNumber: 'Company number',
  addressLine1: 'Address line 1',
  addressLine2: 'Address line 2',
  town: 'Town or city',
  postcode: 'Postcode',
  localAuthorityCode: 'Area',
  contactEmail: 'Contact email address',
  contactPhone: 'Contact phone number',
} as const;

type OrganisationField = keyof typeof ORGANISATION_FIELDS;

const LIMITS: Record<OrganisationField, number> = {
  name: 200,
  legalForm: 40,
  charityNumber: 20,
  companyNumber: 20,
  addressLine1: 200,
  addressLine2: 200,
  town: 100,
  postcode: 10,
  localAuthorityCode: 20,
  contactEmail: 254,
  contactPhone: 30,
};

/** What is missing, in GOV.UK's words; the service itself checks numbers, the postcode and the area. */
const REQUIRED: Partial<Record<OrganisationField, string>> = {
  name: 'Enter the name of your organisation',
  legalForm: 'Select the type of organisation',
  addressLine1: 'Enter the first line of the address',
  town: 'Enter the town or city',
  postcode: 'Enter the postcode',
  localAuthorityCode: 'Select the area your organisation works in',
};

export interface OrganisationFormValues extends Record<OrganisationField, string> {
  sensitive: boolean;
}

export function checkOrganisation(body: FormBody | undefined): {
  values: OrganisationFormValues;
  input: NewOrganisation | null;
  problems: FormProblem[];
} {
  const values = Object.fromEntries(
    (Object.keys(ORGANISATION_FIELDS) as OrganisationField[]).map((f) => [f, field(body, f).trim()]),
  ) as Record<OrganisationField, string>;
  const problems: FormProblem[] = [];
  for (const f of Object.keys(ORGANISATION_FIELDS) as OrganisationField[]) {
    const value = values[f];
    if (!value) {
      const missing = REQUIRED[f];
      if (missing) problems.push({ field: f, message: missing });
    } else if (value.length > LIMITS[f]) {
      problems.push({
        field: f,
        message: `${ORGANISATION_FIELDS[f]} must be ${LIMITS[f]} characters or fewer`,
      });
    } else if (value.includes('\u0000')) {
      problems.push({ field: f, message: `${ORGANISATION_FIELDS[f]} must not contain unusual characters` });
    }
  }
  if (values.legalForm && !LEGAL_FORMS.includes(values.legalForm as LegalForm)) {
    problems.push({ field: 'legalForm', message: 'Select the type of organisation' });
  }
  const sensitive = field(body, 'sensitive') === 'yes';
  const form = { ...values, sensitive };
  if (problems.length) return { values: form, input: null, problems };
  const optional = (v: string): string | null => v || null;
  return {
    values: form,
    problems,
    input: {
      name: values.name,
      legalForm: values.legalForm as LegalForm,
      charityNumber: optional(values.charityNumber),
      companyNumber: optional(values.companyNumber),
      addressLine1: values.addressLine1,
      addressLine2: optional(values.addressLine2),
      town: values.town,
      postcode: values.postcode,
      localAuthorityCode: values.localAuthorityCode,
      contactEmail: optional(values.contactEmail),
      contactPhone: optional(values.contactPhone),
      sensitive,
    },
  };
}

/**
 * The service's reasons ("charityNumber must be …", "a registered charity must give its charity
 * number") as sentences about the field the person sees.
 */
export function organisationProblems(errors: FieldError[]): FormProblem[] {
  return errors.map(({ field: f, message }) => {
    // The area is a choice from a list: only a tampered form sends one the service does not know.
    if (f === 'localAuthorityCode') return { field: f, message: REQUIRED.localAuthorityCode! };
    const label = ORGANISATION_FIELDS[f as OrganisationField] ?? 'This answer';
    const reason = message.startsWith(`${f} `) ? message.slice(f.length + 1) : message;
    const sentence = /^(must|is|should)\b/.test(reason) ? `${label} ${reason}` : reason;
    return {
      field: f in ORGANISATION_FIELDS ? f : 'name',
      message: sentence.charAt(0).toUpperCase() + sentence.slice(1),
    };
  });
}

export const LEGAL_FORM_CHOICES = LEGAL_FORMS.map((value) => ({ value, text: LEGAL_FORM_LABELS[value] }));
