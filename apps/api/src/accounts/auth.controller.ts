import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AuthUser,
  ChangePasswordDto,
  ClientInfo,
  EmailTokenDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PasswordsService,
  RegisterDto,
  RegistrationService,
  SignInService,
  UserView,
} from '@grants/accounts';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { AcceptedResponse, LoginResponse, UserResponse } from './accounts.responses';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

function clientOf(request: FastifyRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  return { ipAddress: request.ip, userAgent: typeof agent === 'string' ? agent : null };
}

@ApiTags('accounts')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly signIn: SignInService,
    private readonly passwords: PasswordsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('register')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Register as an applicant',
    description:
      'Always answers 202 with the same body, whether or not the email is already registered, so the answer ' +
      'cannot be used to find out who has an account. A verification link is emailed; following it activates ' +
      'the password chosen in this registration. At most a few emails go to one address per hour (beyond ' +
      'that the answer is the same but nothing is sent), and too many registrations from one client address ' +
      'give 429 with Retry-After.',
  })
  @ApiAcceptedResponse({ type: AcceptedResponse })
  async register(@Body() body: RegisterDto, @Req() request: FastifyRequest): Promise<AcceptedResponse> {
    await this.registration.register(body, clientOf(request));
    return { message: 'Check your email: if the address can be used, we have sent a link to confirm it' };
  }

  @Public()
  @Post('verify-email')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm an email address with the token from the emailed link' })
  @ApiOkResponse({ type: UserResponse })
  verifyEmail(@Body() body: EmailTokenDto): Promise<UserView> {
    return this.registration.verifyEmail(body.token);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Returns a bearer token and also sets the session cookie (HttpOnly, SameSite=Strict). An unknown email and ' +
      'a wrong password get the same 401. Repeated failures per account or per address give 429 with Retry-After.',
  })
  @ApiOkResponse({ type: LoginResponse })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ token: string; expiresAt: string; user: UserView }> {
    const result = await this.signIn.login(body, clientOf(request));
    setSessionCookie(reply, this.config, result.token);
    return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: result.user };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends this session and clears the cookie' })
  @ApiNoContentResponse()
  async logout(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.signIn.logout(user);
    clearSessionCookie(reply, this.config);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password reset link',
    description: 'Always 202: the answer does not say whether the email is registered.',
  })
  @ApiAcceptedResponse({ type: AcceptedResponse })
  async requestPasswordReset(@Body() body: PasswordResetRequestDto): Promise<AcceptedResponse> {
    await this.passwords.requestPasswordReset(body.email);
    return {
      message: 'Check your email: if the address is registered, we have sent a link to reset the password',
    };
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Choose a new password with the token from the emailed link; signs out every session',
  })
  @ApiOkResponse({ type: AcceptedResponse })
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<AcceptedResponse> {
    await this.passwords.confirmPasswordReset(body.token, body.newPassword);
    return { message: 'Your password has been changed; sign in with it' };
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password; every other session is signed out' })
  @ApiNoContentResponse()
  changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.passwords.changePassword(user, body, clientOf(request));
  }
}
