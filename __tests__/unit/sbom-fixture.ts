// The official SBOM schemas as validators, and an image plan whose files exist, for the SBOM tests.
import { Ajv } from 'ajv'
import { Ajv2019 } from 'ajv/dist/2019.js'
import ajvFormats from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const json = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>

export interface Validator {
  (doc: unknown): boolean
  errors?: unknown
}

/** The SPDX 2.3 JSON schema of the spdx-spec repository (see __tests__/fixtures/schemas/README.md). */
export function spdxValidator(): Validator {
  const ajv = new Ajv2019({ strict: false, allErrors: true })
  // A CommonJS module: its default import is module.exports, whose default is the plugin.
  ajvFormats.default(ajv)
  return ajv.compile(json(path.join(here, '..', 'fixtures', 'schemas', 'spdx-2.3.schema.json')))
}

/**
 * CycloneDX 1.6, from the schemas @cyclonedx/cyclonedx-library ships. bom-1.6 refers to spdx.SNAPSHOT.schema.json
 * and jsf-0.82.SNAPSHOT.schema.json beside it, whose $ids name them without SNAPSHOT: they are added under the
 * names the references resolve to.
 */
export function cyclonedxValidator(): Validator {
  const require = createRequire(import.meta.url)
  const dir = path.join(
    path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')),
    'res',
    'schema'
  )
  const ajv = new Ajv({ strict: false, allErrors: true })
  ajvFormats.default(ajv)
  // ajv-formats has neither of these (JSON Schema draft 2019): iri-reference is accepted as the library's own
  // validator does, idn-email checked for its one @.
  ajv.addFormat('iri-reference', true)
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u)
  for (const name of ['spdx', 'jsf-0.82']) {
    const schema = json(path.join(dir, `${name}.SNAPSHOT.schema.json`))
    ajv.addSchema({ ...schema, $id: `http://cyclonedx.org/schema/${name}.SNAPSHOT.schema.json` })
  }
  return ajv.compile(json(path.join(dir, 'bom-1.6.SNAPSHOT.schema.json')))
}
