// The Node.js versions in step: the command line's minimum with package.json's engines, and CI, the bundle check
// and the test environment with the runtime action.yml declares.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { MIN_NODE, olderNode } from '../../src/node-version.js'
import { actionMetadata } from '../action-yml.js'

const read = (rel: string): string => readFileSync(new URL(`../../${rel}`, import.meta.url), 'utf8')

describe('olderNode', () => {
  it.each(['v20.20.2', 'v22.14.0', 'v18.20.4'])(
    'refuses %s, naming it and the minimum',
    version => {
      expect(olderNode(version)).toBe(
        `go-scratch-image needs Node.js 22.15.0 or newer (the first with node:zlib's zstd), and this is ` +
          `Node.js ${version}. Install Node.js 24, the runtime the action itself runs on.`
      )
    }
  )

  it.each(['v22.15.0', 'v22.21.1', 'v24.21.0', 'v26.0.0-pre'])('accepts %s', version => {
    expect(olderNode(version)).toBeUndefined()
  })

  it('is what package.json promises in engines', () => {
    const pkg = JSON.parse(read('package.json')) as { engines: { node: string } }
    expect(pkg.engines.node).toBe(`>=${MIN_NODE}`)
  })
})

describe('the runtime action.yml declares', () => {
  const major = /^node(\d+)$/.exec(String(actionMetadata().runs?.using))?.[1]

  it('is node24', () => {
    expect(major).toBe('24')
  })

  it('is the Node the test environment installs for CI, the tests and the quick start', () => {
    expect(read('scripts/test-env.sh')).toMatch(
      new RegExp(`^NODE_VERSION=${major}\\.\\d+\\.\\d+$`, 'm')
    )
  })

  it.each(['ci.yml', 'check-dist.yml'])('is the Node .github/workflows/%s sets up', file => {
    type Step = { uses?: string; with?: { 'node-version'?: unknown } }
    const wf = parse(read(`.github/workflows/${file}`)) as {
      jobs: Record<string, { steps: Step[] }>
    }
    const versions = Object.values(wf.jobs)
      .flatMap(j => j.steps)
      .filter(s => s.uses?.startsWith('actions/setup-node@'))
      .map(s => String(s.with?.['node-version']))
    expect(versions).toEqual([major])
  })
})
