import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthUser } from '@grants/accounts';
import { FastifyRequest } from 'fastify';

export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.user) throw new Error('CurrentUser used on a route the auth guard did not authenticate');
  return request.user;
});
