import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestApp } from '../support/test-app';

interface Operation {
  summary?: string;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}

/** The OpenAPI document is the API's public face: every operation says what it answers, with a schema. */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.get('/api/openapi.json')).body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives every operation a summary and a documented success response with a schema (204 aside)', () => {
    const problems: string[] = [];
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        operations++;
        const name = `${method.toUpperCase()} ${path}`;
        if (!op.summary) problems.push(`${name}: no summary`);
        const success = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
        if (success.length === 0) problems.push(`${name}: no 2xx response`);
        for (const [code, response] of success) {
          // A download answers with the file itself, documented as binary.
          const schema =
            response.content?.['application/json']?.schema ??
            response.content?.['application/octet-stream']?.schema ??
            response.content?.['text/csv']?.schema;
          if (code !== '204' && !schema) {
            problems.push(`${name}: ${code} has no JSON (or, for a download, binary) schema`);
          }
        }
      }
    }
    expect(operations).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});
