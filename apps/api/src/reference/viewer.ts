import { Inject, Injectable } from '@nestjs/common';
import { AccountsService, AuthUser, Role, isOfficer } from '@grants/accounts';
import { Actor } from '@grants/audit';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { AuthenticatedRequest } from '../auth/current-user.decorator';

/**
 * Public reads skip the session guard, but officers and administrators also see what is still being
 * set up. A token on a public route is therefore looked at here; a missing or dead one simply means
 * "the public" (never 401), and no session lookup happens without one, so anonymous reads stay cheap.
 */
@Injectable()
export class Viewer {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seesDrafts(request: AuthenticatedRequest): Promise<boolean> {
    if (request.user) return isOfficer(request.user);
    const token = this.tokenFrom(request);
    if (!token) return false;
    const user = await this.accounts.authenticate(token);
    return user !== null && isOfficer(user);
  }

  private tokenFrom(request: AuthenticatedRequest): string | null {
    const header = request.headers.authorization;
    if (typeof header === 'string' && header.length > 0) {
      return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? null;
    }
    const cookie = (request as { cookies?: Record<string, string | undefined> }).cookies?.[
      this.config.auth.cookieName
    ];
    return typeof cookie === 'string' && cookie.length > 0 ? cookie : null;
  }
}

export function adminActor(user: AuthUser): Actor {
  return { userId: user.id, role: Role.Admin };
}
