import { FieldError, isCalendarDate } from '@grants/common';

export interface YearSpan {
  label: string;
  startsOn: string;
  endsOn: string;
}

/** Field errors for a new fund year against the fund's existing years (empty when it is acceptable). */
export function fundYearProblems(
  year: YearSpan & { capPence: number; overAllocationTolerancePence?: number },
  existing: YearSpan[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCalendarDate(year.startsOn))
    errors.push({ field: 'startsOn', message: 'must be a date YYYY-MM-DD' });
  if (!isCalendarDate(year.endsOn)) errors.push({ field: 'endsOn', message: 'must be a date YYYY-MM-DD' });
  if (errors.length === 0 && year.startsOn >= year.endsOn) {
    errors.push({ field: 'endsOn', message: 'must be after startsOn' });
  }
  if (!Number.isSafeInteger(year.capPence) || year.capPence < 0) {
    errors.push({ field: 'capPence', message: 'must be a whole number of pence, 0 or more' });
  }
  const tolerance = year.overAllocationTolerancePence;
  if (tolerance !== undefined && (!Number.isSafeInteger(tolerance) || tolerance < 0)) {
    errors.push({
      field: 'overAllocationTolerancePence',
      message: 'must be a whole number of pence, 0 or more',
    });
  }
  if (errors.length === 0) {
    for (const other of existing) {
      if (other.label === year.label) {
        errors.push({ field: 'label', message: `the fund already has a year labelled ${year.label}` });
      } else if (year.startsOn <= other.endsOn && other.startsOn <= year.endsOn) {
        errors.push({ field: 'startsOn', message: `overlaps the fund's year ${other.label}` });
      }
    }
  }
  return errors;
}
