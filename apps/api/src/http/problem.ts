import { ErrorCode, FieldError } from '@grants/common';

/** RFC 9457 problem details, with this service's extensions. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  correlationId: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const STATUS: Record<ErrorCode, { status: number; title: string }> = {
  [ErrorCode.ValidationFailed]: { status: 400, title: 'The request is not valid' },
  [ErrorCode.Unauthenticated]: { status: 401, title: 'Sign in required' },
  [ErrorCode.Forbidden]: { status: 403, title: 'Not allowed' },
  [ErrorCode.NotFound]: { status: 404, title: 'Not found' },
  [ErrorCode.Conflict]: { status: 409, title: 'Conflict with the current state' },
  [ErrorCode.InvalidTransition]: { status: 409, title: 'Not allowed in the current status' },
  [ErrorCode.BusinessRule]: { status: 422, title: 'A business rule was broken' },
  [ErrorCode.Throttled]: { status: 429, title: 'Too many requests' },
  [ErrorCode.PayloadTooLarge]: { status: 413, title: 'The request body is too large' },
  [ErrorCode.UnsupportedMediaType]: { status: 415, title: 'Unsupported content type' },
  [ErrorCode.ServiceUnavailable]: { status: 503, title: 'Service unavailable' },
};

export function statusFor(code: ErrorCode): { status: number; title: string } {
  return STATUS[code];
}

export function problemType(code: string): string {
  return `https://grants.example/problems/${code.replace(/_/g, '-')}`;
}

export function codeForStatus(status: number): ErrorCode | 'internal_error' {
  const found = (Object.entries(STATUS) as [ErrorCode, { status: number }][]).find(
    ([, v]) => v.status === status,
  );
  return found ? found[0] : 'internal_error';
}
