import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Clock, DomainError } from '@grants/common';
import { ProfileService } from '@grants/profile';
import {
  RegisterDecisionPageResponse,
  RegisterDecisionsQuery,
  RegisterEntryDetailResponse,
  RegisterFiles,
  RegisterListQuery,
  RegisterPageResponse,
  RegisterPublicationListResponse,
  RegisterQueries,
  OPEN_GOVERNMENT_LICENCE,
  PublicOutcomesResponse,
  RegisterOutcomesQuery,
} from '@grants/register';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/public.decorator';
import { bodyEtag, cacheControl, notModified, sendCacheableJson } from './cacheable';
import { RegisterAnswerCache } from './answer-cache';

const GRANT_ID_RE = /^360G-[A-Za-z0-9-]{1,150}$/;
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The public register: no sign-in, cacheable, rate-limited (see public-rate-limit.ts). */
@ApiTags('register')
@Public()
@Controller('register')
export class RegisterController {
  constructor(
    private readonly queries: RegisterQueries,
    private readonly files: RegisterFiles,
    private readonly profile: ProfileService,
    private readonly clock: Clock,
    private readonly cache: RegisterAnswerCache,
  ) {}

  @Get('grants')
  @ApiOperation({
    summary:
      'Published grants, newest award first, filtered by year, area, objective, aim, round, recipient, amount or words',
  })
  @ApiOkResponse({ type: RegisterPageResponse })
  async list(
    @Query() query: RegisterListQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // Keyed by the URL as asked: a valid query means the same page until the register changes.
    return this.answer(req, reply, `page ${req.url}`, async () => {
      const page = await this.queries.page(query);
      return `{"items":[${page.items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
    });
  }

  @Get('grants.csv')
  @ApiOperation({
    summary: 'Every published grant as CSV, with the 360Giving standard column titles (streamed)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'RFC 4180 CSV, UTF-8' })
  async csv(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.files.csv();
    await this.sendFile(req, reply, file, 'text/csv; charset=utf-8', 'grants.csv');
  }

  @Get('360giving.json')
  @ApiOperation({ summary: 'Every published grant as a 360Giving 1.4 data package (streamed)' })
  @ApiOkResponse({
    schema: { type: 'object', properties: { grants: { type: 'array', items: { type: 'object' } } } },
  })
  async giving360(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const funder = await this.profile.funder();
    const file = await this.files.giving360({
      title: `${funder.name}: grants awarded`,
      issued: this.clock.now().toISOString(),
      publisher: { name: funder.name, identifier: funder.organisationIdentifier, website: funder.website },
      license: OPEN_GOVERNMENT_LICENCE,
    });
    await this.sendFile(req, reply, file, 'application/json; charset=utf-8', '360giving.json');
  }

  @Get('grants/:id')
  @ApiOperation({
    summary: 'One grant by its 360Giving identifier, with its public history; a withdrawn grant shows why',
  })
  @ApiOkResponse({ type: RegisterEntryDetailResponse })
  async get(
    @Param('id') id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!GRANT_ID_RE.test(id)) {
      throw DomainError.invalid([{ field: 'id', message: 'must be a 360Giving grant identifier (360G-…)' }]);
    }
    return this.answer(req, reply, `grant ${id}`, async () => {
      const found = await this.queries.entry(id);
      if (!found) throw DomainError.notFound('Grant');
      return `${found.entry.slice(0, -1)},"history":${found.history}}`;
    });
  }

  @Get('decisions')
  @ApiOperation({
    summary: 'Published decisions, award and refusal, newest first: date, role, amount, reasons',
  })
  @ApiOkResponse({ type: RegisterDecisionPageResponse })
  async decisions(
    @Query() query: RegisterDecisionsQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const page = await this.queries.decisions(query.limit ?? 50, query.cursor);
    return sendCacheableJson(req, reply, JSON.stringify(page));
  }

  @Get('outcomes')
  @ApiOperation({
    summary:
      'Outcomes by plan objective: grants and money, reported figures per success measure, published case studies',
  })
  @ApiOkResponse({ type: PublicOutcomesResponse })
  async outcomes(
    @Query() query: RegisterOutcomesQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCacheableJson(req, reply, JSON.stringify(await this.queries.outcomes(query.fundYear)));
  }

  @Get('publications')
  @ApiOperation({
    summary: "The monthly publications: each month's additions, changes and withdrawals, and its file",
  })
  @ApiOkResponse({ type: RegisterPublicationListResponse })
  async publications(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const items = (await this.queries.publications()).map((p) => ({
      ...p,
      fileUrl: p.added + p.changed > 0 ? `/api/v1/register/publications/${p.month}` : null,
    }));
    return sendCacheableJson(req, reply, JSON.stringify({ items }));
  }

  @Get('publications/:month')
  @ApiOperation({
    summary: "A month's file (YYYY-MM): a 360Giving package of the grants added or changed that month",
  })
  @ApiOkResponse({
    schema: { type: 'object', properties: { grants: { type: 'array', items: { type: 'object' } } } },
  })
  async publicationFile(
    @Param('month') month: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!MONTH_RE.test(month))
      throw DomainError.invalid([{ field: 'month', message: 'must be a month, YYYY-MM' }]);
    const file = await this.queries.publicationFile(month);
    if (!file) throw DomainError.notFound(`A publication for ${month}`);
    void reply.header('content-disposition', `attachment; filename="grants-${month}.json"`);
    return sendCacheableJson(req, reply, file);
  }

  /** From the answer cache when it holds this key, else read (and kept unless the register changed meanwhile). */
  private async answer(
    req: FastifyRequest,
    reply: FastifyReply,
    key: string,
    read: () => Promise<string>,
  ): Promise<string> {
    const cached = this.cache.get(key);
    if (cached) return sendCacheableJson(req, reply, cached.body, cached.etag);
    const token = this.cache.token();
    const body = await read();
    const answer = { body, etag: bodyEtag(body) };
    this.cache.set(key, answer, token);
    return sendCacheableJson(req, reply, answer.body, answer.etag);
  }

  private async sendFile(
    req: FastifyRequest,
    reply: FastifyReply,
    file: Awaited<ReturnType<RegisterFiles['csv']>>,
    type: string,
    filename: string,
  ): Promise<void> {
    const etag = `W/"register-${file.revision}"`;
    void reply
      .header('etag', etag)
      .header('cache-control', cacheControl(300))
      .header('content-disposition', `attachment; filename="${filename}"`);
    if (notModified(req, etag)) {
      file.body.destroy();
      await reply.status(304).send();
      return;
    }
    await reply.type(type).send(file.body);
  }
}
