import { ValidateBy } from 'class-validator';
import { isCalendarDate } from './dates';

/** A real calendar date YYYY-MM-DD (no 30 February), from 1900 on: a shape check alone lets impossible days through. */
export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && isCalendarDate(value) && value >= '1900-01-01',
      defaultMessage: (args) => `${args?.property ?? 'the date'} must be a real date YYYY-MM-DD`,
    },
  });
}
