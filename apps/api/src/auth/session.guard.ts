import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccountsService, hasRole, Role } from '@grants/accounts';
import { DomainError, ErrorCode } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { AuthenticatedRequest } from './current-user.decorator';
import { IS_PUBLIC } from './public.decorator';
import { ROLES } from './roles.decorator';

/**
 * Denies by default. A route is open only when marked @Public(); every other route needs a live session,
 * shown either as `Authorization: Bearer <token>` (API clients) or as the session cookie (browsers).
 * Public routes never touch the session table, so the busy public reads cost no extra query.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = this.tokenFrom(request);
    if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in to use this service');
    const user = await this.accounts.authenticate(token);
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

  private tokenFrom(request: AuthenticatedRequest): string | null {
    const header = request.headers.authorization;
    if (typeof header === 'string' && header.length > 0) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      return match ? match[1]! : null;
    }
    const cookie = (request as { cookies?: Record<string, string | undefined> }).cookies?.[
      this.config.auth.cookieName
    ];
    return typeof cookie === 'string' && cookie.length > 0 ? cookie : null;
  }
}
