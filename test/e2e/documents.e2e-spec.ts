import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplicant } from '../support/accounts';
import { ApiWorld, buildApiWorld, ORGANISATION_BODY, Person, TINY_PDF } from '../support/api-world';
import { dbFingerprint } from '../support/db-fingerprint';
import { problemShapeErrors } from '../support/problems';
import { createTestApp, HttpResult, TestApp } from '../support/test-app';

const MAX_BYTES = 64 * 1024;

/** A 1×1 PNG, built byte by byte: signature, IHDR, IDAT, IEND (CRCs are not checked by the sniffing). */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from('0000000a49444154789c63000100000500010d0a2db4', 'hex'),
  Buffer.from('0000000049454e44ae426082', 'hex'),
]);
/** A Windows executable's first bytes. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Every file under the storage directory, so a test can prove a refused upload stored nothing. */
async function storedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe('supporting documents', () => {
  let t: TestApp;
  let world: ApiWorld;
  let stranger: Person;
  let base: string;

  const upload = (
    who: Person,
    bytes: Buffer,
    query: string,
    contentType = 'application/octet-stream',
    url = base,
  ): Promise<HttpResult> =>
    t.request('POST', `${url}?${query}`, undefined, {
      token: who.token,
      raw: bytes,
      headers: { 'content-type': contentType },
    });

  /** Everything a refused request must leave alone: every table and every stored file. */
  const snapshot = async () => ({
    db: await dbFingerprint(t.dataSource),
    files: await storedFiles(t.config.documents.dir),
  });

  beforeAll(async () => {
    t = await createTestApp({ env: { DOCUMENT_MAX_BYTES: String(MAX_BYTES) } });
    world = await buildApiWorld(t);
    base = `/api/v1/applications/${world.applicationId}/documents`;
    stranger = await registerApplicant(t, { displayName: 'Member Elsewhere' });
    const theirs = await t.post(
      '/api/v1/organisations',
      { ...ORGANISATION_BODY, name: 'Another group', companyNumber: '7654321' },
      { token: stranger.token },
    );
    expect(theirs.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('uploads a PDF and a PNG, lists them, and downloads exactly the bytes uploaded', async () => {
    const pdf = await upload(world.applicant, TINY_PDF, 'kind=safeguarding_policy&fileName=Safeguarding.pdf');
    expect(pdf.status, pdf.text).toBe(201);
    expect(pdf.body).toMatchObject({
      applicationId: world.applicationId,
      kind: 'safeguarding_policy',
      fileName: 'Safeguarding.pdf',
      mediaType: 'application/pdf',
      sizeBytes: TINY_PDF.length,
      sha256: sha256(TINY_PDF),
      uploadedBy: world.applicant.userId,
    });
    const png = await upload(world.applicant, PNG, 'kind=other&fileName=photo.png', 'image/png');
    expect(png.status, png.text).toBe(201);
    expect(png.body).toMatchObject({ mediaType: 'image/png', sha256: sha256(PNG), sizeBytes: PNG.length });

    const list = await t.get(base, { token: world.applicant.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: any) => d.id)).toEqual(expect.arrayContaining([pdf.body.id, png.body.id]));

    for (const [doc, bytes] of [
      [pdf.body, TINY_PDF],
      [png.body, PNG],
    ] as const) {
      const res = await t.get(`${base}/${doc.id}`, { token: world.applicant.token });
      expect(res.status).toBe(200);
      expect(res.bytes!.equals(bytes)).toBe(true);
      expect(sha256(res.bytes!)).toBe(doc.sha256);
      expect(res.headers['content-type']).toBe(doc.mediaType);
      expect(res.headers['content-disposition']).toContain(`filename="${doc.fileName}"`);
      expect(res.headers['content-disposition']).toMatch(/^attachment;/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }

    const timeline = await t.get(`/api/v1/applications/${world.applicationId}/timeline`, {
      token: world.applicant.token,
    });
    expect(timeline.body.items.map((e: any) => e.action)).toContain('application.document_uploaded');
  });

  it('takes the type from the content: a lying content type or an executable is refused and nothing is kept', async () => {
    const before = await snapshot();
    const cases: [Buffer, string, string][] = [
      [PNG, 'kind=other&fileName=scan.pdf', 'application/pdf'], // PNG bytes declared as PDF
      [TINY_PDF, 'kind=other&fileName=x.png', 'image/png'], // and the other way round
      [EXE, 'kind=other&fileName=invoice.pdf', 'application/pdf'], // an .exe renamed .pdf
      [EXE, 'kind=other&fileName=invoice.pdf', 'application/octet-stream'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'kind=other&fileName=a.pdf', 'application/pdf'],
    ];
    for (const [bytes, query, type] of cases) {
      const res = await upload(world.applicant, bytes, query, type);
      expect(res.status, `${type} ${query}: ${res.text}`).toBe(415);
      expect(res.body.code).toBe('unsupported_media_type');
      expect(problemShapeErrors(res)).toEqual([]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file over the size limit with 413, and an empty one with 400, storing nothing', async () => {
    const before = await snapshot();
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(MAX_BYTES, 0x20)]);
    const tooBig = await upload(world.applicant, big, 'kind=other&fileName=big.pdf');
    expect(tooBig.status).toBe(413);
    expect(problemShapeErrors(tooBig)).toEqual([]);
    const empty = await upload(world.applicant, Buffer.alloc(0), 'kind=other&fileName=empty.pdf');
    expect(empty.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('cuts off an upload that grows past the limit while streaming, with no Content-Length to go on', async () => {
    const before = await snapshot();
    await t.app.listen(0, '127.0.0.1');
    try {
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: `${base}?kind=other&fileName=stream.pdf`,
            headers: {
              authorization: `Bearer ${world.applicant.token}`,
              'content-type': 'application/octet-stream',
              'transfer-encoding': 'chunked',
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.write(TINY_PDF);
        // Far more than the limit, in chunks; the server answers before it has all of it.
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        let sent = 0;
        const more = (): void => {
          while (sent < MAX_BYTES * 4) {
            sent += chunk.length;
            if (!req.write(chunk)) {
              req.once('drain', more);
              return;
            }
          }
          req.end();
        };
        more();
      });
      expect(status).toBe(413);
    } finally {
      await t.app.getHttpServer().close();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('sanitises the file name: no folders, no control characters, the detected type’s extension', async () => {
    const res = await upload(
      world.applicant,
      PNG,
      `kind=other&fileName=${encodeURIComponent('../../../etc/pass\u202Ewd\r\n.pdf')}`,
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body.fileName).toBe('passwd.png');
    const files = await storedFiles(t.config.documents.dir);
    expect(files.some((f) => f.includes('passwd'))).toBe(false);
  });

  it('refuses bad input on every documents route with a clear 4xx, changing nothing', async () => {
    const before = await snapshot();
    const [doc] = (await t.get(base, { token: world.applicant.token })).body.items;
    const bad: [string, string, HttpResult][] = [];
    const send = async (name: string, res: Promise<HttpResult>) => bad.push([name, name, await res]);
    await send('no query', upload(world.applicant, TINY_PDF, ''));
    await send('unknown kind', upload(world.applicant, TINY_PDF, 'kind=passport&fileName=a.pdf'));
    await send('no file name', upload(world.applicant, TINY_PDF, 'kind=other'));
    await send('empty file name', upload(world.applicant, TINY_PDF, 'kind=other&fileName='));
    await send('huge file name', upload(world.applicant, TINY_PDF, `kind=other&fileName=${'a'.repeat(300)}`));
    await send('NUL in file name', upload(world.applicant, TINY_PDF, 'kind=other&fileName=a%00.pdf'));
    await send('unknown query', upload(world.applicant, TINY_PDF, 'kind=other&fileName=a.pdf&x=1'));
    await send(
      'JSON body',
      t.post(`${base}?kind=other&fileName=a.pdf`, { file: 'x' }, { token: world.applicant.token }),
    );
    await send(
      'form body',
      upload(
        world.applicant,
        Buffer.from('a=1'),
        'kind=other&fileName=a.pdf',
        'application/x-www-form-urlencoded',
      ),
    );
    await send(
      'bad application id',
      upload(
        world.applicant,
        TINY_PDF,
        'kind=other&fileName=a.pdf',
        undefined,
        '/api/v1/applications/nope/documents',
      ),
    );
    await send('bad document id', t.get(`${base}/nope`, { token: world.applicant.token }));
    await send('bad document id (delete)', t.delete(`${base}/nope`, { token: world.applicant.token }));
    await send('query on a download', t.get(`${base}/${doc.id}?x=1`, { token: world.applicant.token }));
    await send('query on a list', t.get(`${base}?x=1`, { token: world.applicant.token }));
    await send(
      'body on a delete',
      t.request('DELETE', `${base}/${doc.id}`, { force: true }, { token: world.applicant.token }),
    );
    // Bytes sent to any other route are still refused: the JSON-only rule holds everywhere else.
    await send(
      'file to another route',
      t.request('PATCH', `/api/v1/applications/${world.applicationId}`, undefined, {
        token: world.applicant.token,
        raw: TINY_PDF,
        headers: { 'content-type': 'application/octet-stream' },
      }),
    );
    await send('missing document', t.get(`${base}/${randomUUID()}`, { token: world.applicant.token }));
    const failures = bad
      .filter(([, , res]) => res.status < 400 || res.status >= 500 || problemShapeErrors(res).length)
      .map(([name, , res]) => `${name} → ${res.status} ${res.text.slice(0, 200)}`);
    expect(failures).toEqual([]);
    expect(bad.find(([n]) => n === 'file to another route')![2].status).toBe(415);
    expect(bad.find(([n]) => n === 'missing document')![2].status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('gives another organisation’s member 404 on every documents route, and keeps drafts from officers', async () => {
    const [doc] = (await t.get(base, { token: world.applicant.token })).body.items;
    const before = await snapshot();
    const attempts = [
      upload(stranger, TINY_PDF, 'kind=other&fileName=mine.pdf'),
      t.get(base, { token: stranger.token }),
      t.get(`${base}/${doc.id}`, { token: stranger.token }),
      t.delete(`${base}/${doc.id}`, { token: stranger.token }),
      // Officers see an application only once submitted; its draft documents do not exist for them.
      t.get(base, { token: world.officer.token }),
      t.get(`${base}/${doc.id}`, { token: world.officer.token }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status, res.text).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('deletes a document while the application is a draft, recording it on the timeline', async () => {
    const added = await upload(world.applicant, TINY_PDF, 'kind=constitution&fileName=Constitution.pdf');
    expect(added.status).toBe(201);
    const filesBefore = await storedFiles(t.config.documents.dir);
    const res = await t.delete(`${base}/${added.body.id}`, { token: world.applicant.token });
    expect(res.status).toBe(204);
    expect((await t.get(`${base}/${added.body.id}`, { token: world.applicant.token })).status).toBe(404);
    expect(await storedFiles(t.config.documents.dir)).toHaveLength(filesBefore.length - 1);
    const again = await t.delete(`${base}/${added.body.id}`, { token: world.applicant.token });
    expect(again.status).toBe(404);
    const timeline = await t.get(`/api/v1/applications/${world.applicationId}/timeline`, {
      token: world.applicant.token,
    });
    expect(timeline.body.items.map((e: any) => e.action)).toContain('application.document_deleted');
  });

  it('once submitted: officers may read the documents, nobody may upload or delete (409)', async () => {
    const [doc] = (await t.get(base, { token: world.applicant.token })).body.items;
    // Submission itself is tested elsewhere; here only its effect on documents matters.
    await t.dataSource.query(
      `UPDATE applications SET status = 'submitted', submitted_at = now(), submitted_by = $2 WHERE id = $1`,
      [world.applicationId, world.applicant.userId],
    );
    const before = await snapshot();
    const added = await upload(world.applicant, TINY_PDF, 'kind=other&fileName=late.pdf');
    expect(added.status, added.text).toBe(409);
    expect(added.body).toMatchObject({
      currentStatus: 'submitted',
      allowedStatuses: ['draft', 'information_requested'],
    });
    const removed = await t.delete(`${base}/${doc.id}`, { token: world.applicant.token });
    expect(removed.status).toBe(409);
    // An officer is not a member: reading is fine, changing is 403.
    expect((await upload(world.officer, TINY_PDF, 'kind=other&fileName=o.pdf')).status).toBe(403);
    expect(await snapshot()).toEqual(before);

    const list = await t.get(base, { token: world.officer.token });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    const file = await t.get(`${base}/${doc.id}`, { token: world.officer.token });
    expect(file.status).toBe(200);
    expect(sha256(file.bytes!)).toBe(doc.sha256);
    expect((await t.get(base, { token: stranger.token })).status).toBe(404);
  });
});
