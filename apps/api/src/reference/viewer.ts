import { Inject, Injectable } from '@nestjs/common';
import { SignInService, isOfficer } from '@grants/accounts';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { AuthenticatedRequest } from '../auth/current-user.decorator';
import { sessionTokenFrom } from '../auth/session-token';

/**
 * Public reads skip the session guard, but officers and administrators also see what is still being
 * set up. A token on a public route is therefore looked at here; a missing or dead one simply means
 * "the public" (never 401), and no session lookup happens without one, so anonymous reads stay cheap.
 * The session guard marks every public answer as depending on the token (Vary, and private when one is
 * presented), so a cache never hands an officer's view to the public.
 */
@Injectable()
export class Viewer {
  constructor(
    private readonly signIn: SignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seesDrafts(request: AuthenticatedRequest): Promise<boolean> {
    if (request.user) return isOfficer(request.user);
    const token = sessionTokenFrom(request, this.config.auth.cookieName);
    if (!token) return false;
    const user = await this.signIn.authenticate(token);
    return user !== null && isOfficer(user);
  }
}
