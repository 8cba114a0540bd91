import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'isPublic';

/** The OpenAPI extension marking an operation anyone may call; every other one needs a session. */
export const PUBLIC_EXTENSION = 'x-public';

/** The guard denies by default; this marks the few routes anyone may call. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));
