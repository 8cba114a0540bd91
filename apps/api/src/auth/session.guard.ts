import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasRole, Role, SignInService } from '@grants/accounts';
import { DomainError, ErrorCode } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { FastifyReply } from 'fastify';
import { AuthenticatedRequest } from './current-user.decorator';
import { IS_PUBLIC } from './public.decorator';
import { ROLES } from './roles.decorator';
import { markViewerDependent, sessionTokenFrom } from './session-token';

/**
 * Denies by default. A route is open only when marked @Public(); every other route needs a live session,
 * shown either as `Authorization: Bearer <token>` (API clients) or as the session cookie (browsers).
 * Public routes never touch the session table, so the busy public reads cost no extra query.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly signIn: SignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Synchronous for public routes: the busiest reads should not pay for a promise they never wait on.
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets: [Function, Function] = [context.getHandler(), context.getClass()];
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // Here rather than in each public handler: any of them may look at the token (see Viewer).
      markViewerDependent(request, http.getResponse<FastifyReply>(), this.config.auth.cookieName);
      return true;
    }

    return this.authenticate(request, targets);
  }

  private async authenticate(request: AuthenticatedRequest, targets: [Function, Function]): Promise<boolean> {
    const token = sessionTokenFrom(request, this.config.auth.cookieName);
    if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in to use this service');
    const user = await this.signIn.authenticate(token);
    if (!user) {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'Your session has ended or is not valid; sign in again',
      );
    }
    request.user = user;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !hasRole(user, ...roles)) {
      throw DomainError.forbidden(`This needs one of these roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
