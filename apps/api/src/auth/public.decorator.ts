import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** The guard denies by default; this marks the few routes anyone may call. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
