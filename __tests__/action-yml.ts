// Reads the inputs of action.yml with a few regular expressions (no YAML parser), for the tests that keep the CLI in step with it.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export interface ActionInput {
  name: string
  description: string
  default?: string
}

const ACTION_YML = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'action.yml')

/**
 * Two-space-indented keys under `inputs:`, with their `description:` (plain, quoted, or folded `>-` over
 * six-space lines joined by spaces) and `default:` (quotes dropped).
 */
export function actionInputs(file = ACTION_YML): ActionInput[] {
  const block = /^inputs:\n([\s\S]*?)^\S/m.exec(readFileSync(file, 'utf8'))?.[1] ?? ''
  const inputs: Record<string, string>[] = []
  let folding: string | undefined
  for (const line of block.split('\n')) {
    const current = inputs[inputs.length - 1]
    let m: RegExpExecArray | null
    if ((m = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line))) {
      inputs.push({ name: m[1]! })
      folding = undefined
    } else if (current && (m = /^ {4}([a-z-]+):\s*(.*)$/.exec(line))) {
      const key = m[1]!
      const raw = m[2]!
      folding = raw === '>-' ? key : undefined
      current[key] = raw === '>-' ? '' : raw.replace(/^'(.*)'$|^"(.*)"$/, '$1$2')
    } else if (current && folding && (m = /^ {6}(.*)$/.exec(line))) {
      current[folding] = [current[folding], m[1]!.trim()].filter(Boolean).join(' ')
    }
  }
  return inputs.map(i => ({
    name: i.name!,
    description: i.description ?? '',
    ...(i.default === undefined ? {} : { default: i.default })
  }))
}
