// Reads action.yml with the yaml parser, for the tests that keep the CLI, the README and the code in step with it.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export interface ActionInput {
  name: string
  description: string
  default?: string
}

export interface ActionMetadata {
  name?: unknown
  description?: unknown
  branding?: { icon?: unknown; color?: unknown }
  inputs?: Record<string, { description?: unknown; required?: unknown; default?: unknown }>
  outputs?: Record<string, { description?: unknown }>
  runs?: { using?: unknown; main?: unknown }
}

const ACTION_YML = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'action.yml')

export function actionMetadata(file = ACTION_YML): ActionMetadata {
  return parse(readFileSync(file, 'utf8')) as ActionMetadata
}

/** The inputs in file order, with their descriptions and defaults as strings. */
export function actionInputs(file = ACTION_YML): ActionInput[] {
  return Object.entries(actionMetadata(file).inputs ?? {}).map(([name, i]) => ({
    name,
    description: String(i.description ?? ''),
    ...(i.default === undefined ? {} : { default: String(i.default) })
  }))
}
