import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { hasRecognisedOrganisationPrefix } from './grant-identifiers';

/** Validates published data against the vendored official 360Giving 1.4.3 schema, plus what it cannot say. */

export interface Giving360Problem {
  /** JSON Pointer into the validated document, e.g. /grants/3/id. */
  path: string;
  message: string;
}

const STANDARD_DIR = join('standards', '360giving-1.4.3');

/**
 * The same walk works from source (libs/register/src under Vitest) and compiled output
 * (dist/libs/register/src), which sit at different depths below the repository root.
 */
function standardDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, STANDARD_DIR);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${STANDARD_DIR} not found above ${__dirname}`);
  }
}

/**
 * Both files declare the draft 2020-12 meta-schema as http://..., but Ajv registers it under https://...
 * and would refuse to compile a schema whose meta-schema it does not know. It is the same meta-schema,
 * so the loaded copy points at the URL Ajv knows; the vendored files stay byte-identical to the standard.
 */
function loadSchema(file: string): Record<string, unknown> {
  const schema = JSON.parse(readFileSync(join(standardDir(), file), 'utf8')) as Record<string, unknown>;
  return { ...schema, $schema: 'https://json-schema.org/draft/2020-12/schema' };
}

interface Validators {
  grant: ValidateFunction;
  pkg: ValidateFunction;
}

let validators: Validators | undefined;

function compiled(): Validators {
  if (validators) return validators;
  const ajv = new Ajv2020({
    strict: true,
    // The grant schema's "organisation or individual" rule is a oneOf of `required` lists naming
    // properties declared beside the oneOf, which strictRequired does not look through. Every other
    // strict check stays on.
    strictRequired: false,
    allErrors: true,
  });
  addFormats(ajv);
  // The standard's own annotations (codelist file names, spreadsheet roll-up hints); they validate nothing.
  ajv.addKeyword({ keyword: 'codelist', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'openCodelist', schemaType: 'boolean' });
  ajv.addKeyword({ keyword: 'rollUp', schemaType: 'array' });
  const grantSchema = loadSchema('360-giving-schema.json');
  // Registered first: the package schema refers to it by its full $id.
  ajv.addSchema(grantSchema);
  validators = {
    grant: ajv.getSchema(grantSchema.$id as string)!,
    pkg: ajv.compile(loadSchema('360-giving-package-schema.json')),
  };
  return validators;
}

function schemaProblems(validate: ValidateFunction, data: unknown): Giving360Problem[] {
  if (validate(data)) return [];
  const seen = new Set<string>();
  // oneOf reports a missing property once per alternative; one report each is enough.
  return (validate.errors ?? []).map(toProblem).filter((p) => {
    const key = `${p.path}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toProblem(e: ErrorObject): Giving360Problem {
  // A missing property is reported at its parent; point at the property itself.
  const missing = e.keyword === 'required' ? `/${String(e.params.missingProperty)}` : '';
  return { path: `${e.instancePath}${missing}` || '/', message: e.message ?? e.keyword };
}

export function validateGrant(grant: unknown): Giving360Problem[] {
  return schemaProblems(compiled().grant, grant);
}

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Schema errors, then the rules the schema cannot express: grant ids carry the publisher's prefix and are
 * unique (the schema's uniqueItems only rejects wholly identical grants), organisation ids use a recognised
 * register prefix or the publisher's own, and money is in pounds sterling.
 */
export function validatePackage(pkg: unknown, publisherPrefix: string): Giving360Problem[] {
  const problems = schemaProblems(compiled().pkg, pkg);
  const ids = new Set<string>();
  asArray(asRecord(pkg).grants).forEach((g, i) => {
    const grant = asRecord(g);
    const at = `/grants/${i}`;
    if (typeof grant.id === 'string') {
      if (!grant.id.startsWith(`${publisherPrefix}-`)) {
        problems.push({ path: `${at}/id`, message: `must start with ${publisherPrefix}-` });
      }
      if (ids.has(grant.id)) problems.push({ path: `${at}/id`, message: `duplicates an earlier grant's id` });
      ids.add(grant.id);
    }
    for (const key of ['recipientOrganization', 'fundingOrganization']) {
      asArray(grant[key]).forEach((org, j) => {
        const id = asRecord(org).id;
        if (typeof id === 'string' && !hasRecognisedOrganisationPrefix(id, publisherPrefix)) {
          problems.push({
            path: `${at}/${key}/${j}/id`,
            message: 'must use a recognised organisation prefix',
          });
        }
      });
    }
    if (grant.currency !== 'GBP') problems.push({ path: `${at}/currency`, message: 'must be GBP' });
  });
  return problems;
}
