/**
 * Generates malformed requests for one OpenAPI operation: every way a careless or hostile client can get
 * a request wrong. Each case says what it sends; the test asserts none of them yields a 500 or changes data.
 */

export interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  hasBody: boolean;
  bodySchema?: JsonSchema;
  queryParams: string[];
}

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  $ref?: string;
  allOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  required?: string[];
}

export interface MalformedCase {
  name: string;
  url: string;
  raw?: string;
  contentType?: string;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function resolveSchema(
  doc: OpenApiDoc,
  schema: JsonSchema | undefined,
  depth = 0,
): JsonSchema | undefined {
  if (!schema || depth > 5) return schema;
  if (schema.$ref)
    return resolveSchema(doc, doc.components?.schemas?.[schema.$ref.split('/').pop()!], depth + 1);
  if (schema.allOf?.length) return resolveSchema(doc, schema.allOf[0], depth + 1);
  return schema;
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = op.parameters ?? [];
      const bodySchema = resolveSchema(doc, op.requestBody?.content?.['application/json']?.schema);
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        hasBody: op.requestBody !== undefined,
        bodySchema,
      });
    }
  }
  return ops;
}

function wrongValueFor(schema: JsonSchema | undefined): unknown[] {
  switch (schema?.type) {
    case 'string':
      return [12345, true, { nested: 'object' }, ['array']];
    case 'integer':
    case 'number':
      return ['12', 1.5, -1e308, Number.MAX_SAFE_INTEGER * 4, true, { n: 1 }];
    case 'boolean':
      return ['true', 1];
    case 'array':
      return ['not-an-array', { 0: 'x' }, [null, 7, 'x'], Array.from({ length: 5000 }, () => 'x')];
    case 'object':
      return ['string', 42, []];
    default:
      return [{ deeply: { nested: { value: 1 } } }, 'x'.repeat(20_000)];
  }
}

/**
 * The real values of the path parameters in `url`, read against the operation's template
 * (`/applications/{id}/submit` against `/applications/3f…/submit`). A template given as `url` reads as itself.
 */
function pathValues(op: Operation, url: string): Record<string, string> {
  const template = op.path.split('/');
  const actual = url.split('?')[0]!.split('/');
  const out: Record<string, string> = {};
  template.forEach((segment, i) => {
    const param = /^\{(.+)\}$/.exec(segment)?.[1];
    if (param) out[param] = actual[i] ?? segment;
  });
  return out;
}

/**
 * `url` is the operation's address, either the template (placeholders left for the caller to fill) or a
 * concrete one with real ids. Path cases put one bad value in one parameter and keep the others as `url` has them.
 */
export function malformedCases(doc: OpenApiDoc, op: Operation, url: string): MalformedCase[] {
  const cases: MalformedCase[] = [];
  const badIds = [
    'not-a-uuid',
    '12345',
    "1' OR '1'='1",
    '%00',
    '00000000-0000-0000-0000-00000000000g',
    'x'.repeat(190),
  ];
  const values = pathValues(op, url);
  for (const param of op.pathParams) {
    for (const bad of badIds) {
      const path = op.path.replace(/\{([^}]+)\}/g, (whole, name: string) =>
        name === param ? encodeURIComponent(bad) : (values[name] ?? whole),
      );
      cases.push({ name: `path ${param}=${bad.slice(0, 20)}`, url: path });
    }
  }
  const concrete = url;
  if (op.method === 'GET') {
    for (const q of [
      'limit=abc',
      'limit=-1',
      'limit=100000',
      'cursor=not-a-cursor',
      // base64url JSON that Date.parse and a loose id check once let through to PostgreSQL (a 500):
      // ["1","00000000-0000-0000-0000-000000000000"] and ["2026-01-01T00:00:00.000Z","-" × 36].
      'cursor=WyIxIiwiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIl0',
      'cursor=WyIyMDI2LTAxLTAxVDAwOjAwOjAwLjAwMFoiLCItLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0iXQ',
      'status=bogus',
      'roundId=nope',
      'unexpected=1',
      '__proto__[x]=1',
    ]) {
      cases.push({ name: `query ${q}`, url: `${concrete}?${q}` });
    }
    return cases;
  }
  // A write that declares no query parameters must not run when given some, any more than with unknown fields.
  for (const q of ['unexpected=1', '__proto__[x]=1']) {
    cases.push({ name: `query ${q}`, url: `${concrete}?${q}` });
  }
  const json = 'application/json';
  cases.push({ name: 'malformed JSON', url: concrete, raw: '{"a":', contentType: json });
  cases.push({ name: 'empty body declared as JSON', url: concrete, raw: '', contentType: json });
  cases.push({
    name: 'wrong content type (text/plain)',
    url: concrete,
    raw: 'hello',
    contentType: 'text/plain',
  });
  cases.push({
    name: 'wrong content type (form)',
    url: concrete,
    raw: 'a=1&b=2',
    contentType: 'application/x-www-form-urlencoded',
  });
  cases.push({
    name: 'wrong content type (multipart)',
    url: concrete,
    raw: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n',
    contentType: 'multipart/form-data; boundary=b',
  });
  cases.push({
    name: '__proto__ key',
    url: concrete,
    raw: '{"__proto__":{"roles":["admin"]}}',
    contentType: json,
  });
  cases.push({
    name: 'constructor.prototype key',
    url: concrete,
    raw: '{"constructor":{"prototype":{"isAdmin":true}}}',
    contentType: json,
  });
  cases.push({
    name: 'body too large',
    url: concrete,
    raw: JSON.stringify({ x: 'x'.repeat(400_000) }),
    contentType: json,
  });
  // Well-formed JSON that is not an object: a route with a body needs an object, a route without one takes none.
  for (const body of ['null', '[]', '"string"', '42', 'true']) {
    cases.push({ name: `body is ${body}`, url: concrete, raw: body, contentType: json });
  }
  if (!op.hasBody) {
    cases.push({
      name: 'a body where none is taken',
      url: concrete,
      raw: '{"unexpectedField":"x"}',
      contentType: json,
    });
    return cases;
  }
  const schema = resolveSchema(doc, op.bodySchema);
  // Only where the body has required fields is leaving it out malformed; an all-optional body may be omitted.
  if (schema?.required?.length) {
    cases.push({ name: 'missing body', url: concrete });
    cases.push({ name: 'empty object', url: concrete, raw: '{}', contentType: json });
  }
  cases.push({
    name: 'unknown field',
    url: concrete,
    raw: JSON.stringify({ unexpectedField: 'x' }),
    contentType: json,
  });
  const props = schema?.properties ?? {};
  for (const [name, raw] of Object.entries(props)) {
    const prop = resolveSchema(doc, raw);
    for (const value of wrongValueFor(prop)) {
      cases.push({
        name: `${name} = ${JSON.stringify(value)?.slice(0, 30)}`,
        url: concrete,
        raw: JSON.stringify({ [name]: value }),
        contentType: json,
      });
    }
    cases.push({
      name: `${name} huge string`,
      url: concrete,
      raw: JSON.stringify({ [name]: 'x'.repeat(100_000) }),
      contentType: json,
    });
    cases.push({
      name: `${name} nested 10000 deep`,
      url: concrete,
      raw: `{"${name}":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      contentType: json,
    });
    if (prop?.type === 'string') {
      // PostgreSQL text cannot hold U+0000; it must be refused as input, not fail in the database.
      cases.push({
        name: `${name} with a NUL character`,
        url: concrete,
        raw: JSON.stringify({ [name]: 'a\u0000b' }),
        contentType: json,
      });
    }
  }
  return cases;
}
