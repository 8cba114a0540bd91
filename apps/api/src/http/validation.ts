import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from '@grants/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent
        ? `${parent}.${e.property}`
        : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      out.push({
        field: path,
        message: message.replace(/^property (\S+) should not exist$/, '$1 is not a known field'),
      });
    }
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  return out;
}

/**
 * The API's checks of a body, for input that reaches a service by another door (the portal's forms):
 * the same DTO, the same rules, the same field paths.
 */
export async function dtoErrors<T extends object>(
  dto: ClassConstructor<T>,
  plain: object,
): Promise<FieldError[]> {
  const errors = await validate(plainToInstance(dto, plain), {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  return flatten(errors);
}

/**
 * Nest's pipe reads a JSON `null` body as `{}`, so `null` sent to a route whose fields are all optional
 * would act like an empty request; a body, when one is sent, must be an object.
 */
class BodyValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value === null) {
      throw DomainError.invalid([{ field: '(body)', message: 'a JSON object is required' }]);
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are errors, not silently dropped: a typo in a field name should never look like success. */
export function validationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return DomainError.invalid(
        fieldErrors.length ? fieldErrors : [{ field: '(body)', message: 'a JSON object is required' }],
      );
    },
  });
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Like ParseUUIDPipe, but the problem names the parameter that was wrong. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID_RE.test(value)) {
      throw DomainError.invalid([{ field: metadata.data ?? 'id', message: 'must be a UUID' }]);
    }
    return value.toLowerCase();
  }
}
