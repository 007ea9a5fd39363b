/** Validators built from the official schemas vendored in data/standards/ (never a rewrite of them). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { ROOT } from '../helpers/test-app.ts';

const STANDARDS = join(ROOT, 'data/standards');

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** data·inclusion v1.0.8: structure.json and service.json, with ajv-formats for uri, email and date. */
export function dataInclusionValidators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const dir = join(STANDARDS, 'data-inclusion-v1.0.8');
  return {
    structure: ajv.compile(readJson(join(dir, 'structure.json'))),
    service: ajv.compile(readJson(join(dir, 'service.json'))),
  };
}

/** HSDS 3.0: every modular schema added under its file name, since they `$ref` each other by it. */
export function hsdsValidators() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const dir = join(STANDARDS, 'hsds-3.0');
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.json') && file !== 'openapi.json') ajv.addSchema(readJson(join(dir, file)), file);
  }
  const get = (name: string) => {
    const validate = ajv.getSchema(name);
    if (!validate) throw new Error(`HSDS schema ${name} missing`);
    return validate;
  };
  return { service: get('service.json'), organization: get('organization.json'), location: get('location.json') };
}

/** The HSDS API's own paging envelope, from its OpenAPI description (components/schemas/Page). */
export function hsdsPageSchema(): Record<string, unknown> {
  const openapi = readJson(join(STANDARDS, 'hsds-3.0/openapi.json')) as { components: { schemas: { Page: Record<string, unknown> } } };
  return openapi.components.schemas.Page;
}

/** Fails with the record's label and every schema error. */
export function expectValid(validate: ValidateFunction, record: unknown, label: string): void {
  const ok = validate(record);
  expect(ok, `${label}: ${JSON.stringify(validate.errors, null, 1)}`).toBe(true);
}
