import { FieldError } from '@grants/common';
import { IDENTIFIER_RULES, LEGAL_FORM_LABELS, LegalForm } from './legal-form';

export interface LegalDetails {
  legalForm: LegalForm;
  charityNumber: string | null;
  companyNumber: string | null;
}

/** Which numbers a legal form needs, as per-field errors (empty when consistent). */
export function legalDetailsErrors(details: LegalDetails): FieldError[] {
  const rules = IDENTIFIER_RULES[details.legalForm];
  const label = LEGAL_FORM_LABELS[details.legalForm].toLowerCase();
  const errors: FieldError[] = [];
  const check = (field: 'charityNumber' | 'companyNumber', noun: string): void => {
    const present = details[field] !== null;
    if (rules[field] === 'required' && !present) {
      errors.push({ field, message: `a ${label} must give its ${noun}` });
    }
    if (rules[field] === 'forbidden' && present) {
      errors.push({ field, message: `a ${label} does not have a ${noun}; leave it empty` });
    }
  };
  check('charityNumber', 'charity number');
  check('companyNumber', 'company number');
  return errors;
}
