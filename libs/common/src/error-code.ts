/**
 * Every domain error carries one of these codes; the HTTP layer maps each code to a status
 * in one place (apps/api/src/http/problem.ts), so domain code never thinks in HTTP.
 */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  InvalidTransition = 'invalid_transition',
  BusinessRule = 'business_rule',
  Throttled = 'throttled',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  ServiceUnavailable = 'service_unavailable',
}

export interface FieldError {
  field: string;
  message: string;
}
