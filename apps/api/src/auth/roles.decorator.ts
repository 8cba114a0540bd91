import { SetMetadata } from '@nestjs/common';
import { Role } from '@grants/accounts';

export const ROLES = 'roles';

/** Signed-in users holding at least one of these roles may call the route; others get 403. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);
