import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import { Role } from '@grants/accounts';

export const ROLES = 'roles';

/** The OpenAPI extension listing the roles an operation needs, so clients and tests can read it. */
export const ROLES_EXTENSION = 'x-roles';

/**
 * Signed-in users holding at least one of these roles may call the route; others get 403.
 * The roles also go into the OpenAPI document, so what the guard enforces and what the docs say are one fact.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiExtension(ROLES_EXTENSION, roles),
    ApiForbiddenResponse({ description: `Needs one of these roles: ${roles.join(', ')}` }),
  );
