// The SBOM of a program with a real dependency graph (16 modules from Debian's Go libraries, served as a file:// module proxy by scripts/test-env.sh), built by the action: every module `go version -m` lists, with its version and h1 hash; valid SPDX 2.3 and CycloneDX 1.6; the same bytes on a rebuild.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { cyclonedxValidator, spdxValidator } from '../unit/sbom-fixture.js'
import { sh } from './commands.js'
import { runAction, tempDir, type Run } from './harness.js'
import { fileFromLayout } from './images.js'
import { REGISTRY, uniqueRepo } from './registries.js'
import { layoutEntries } from './referrers-harness.js'

/** Where scripts/test-env.sh writes the proxy ($STATE/goproxy). */
const PROXY = process.env.GSI_GOPROXY_DIR ?? '/var/lib/go-scratch-image-test/goproxy'

/** A small HTTP service in the spirit of go-httpbin, importing every module of the proxy. */
const MAIN_GO = `package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/cpuguy83/go-md2man/v2/md2man"
	"github.com/fatih/color"
	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"
	"github.com/gorilla/mux"
	"github.com/julienschmidt/httprouter"
	"github.com/pkg/errors"
	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

func main() {
	r := chi.NewRouter()
	r.Get("/uuid", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, uuid.NewString()) })
	m := mux.NewRouter()
	m.Handle("/", r)
	hr := httprouter.New()
	hr.Handler("GET", "/", m)
	cmd := &cobra.Command{Use: "httpbin", RunE: func(*cobra.Command, []string) error {
		out, err := yaml.Marshal(map[string]string{"title": cases.Title(language.English).String("httpbin")})
		if err != nil {
			return errors.Wrap(err, "yaml")
		}
		logrus.Info(string(md2man.Render(out)))
		color.Green("ok")
		return nil
	}}
	if err := cmd.Execute(); err != nil {
		os.Exit(1)
	}
}
`

interface GoModuleLine {
  path: string
  version: string
  sum: string
}

/** The modules as compiled, from `go version -m` text: a dep line, or its => replacement when there is one. */
function goVersionModules(text: string): { go: string; main: string; deps: GoModuleLine[] } {
  const lines = text.trimEnd().split('\n')
  const out = { go: lines[0]!.replace(/^.*: /, ''), main: '', deps: [] as GoModuleLine[] }
  for (const line of lines.slice(1)) {
    const [kind, p, version, sum] = line.replace(/^\t/, '').split('\t')
    if (kind === 'mod') out.main = p!
    else if (kind === 'dep') out.deps.push({ path: p!, version: version!, sum: sum ?? '' })
    else if (kind === '=>')
      out.deps[out.deps.length - 1] = { path: p!, version: version!, sum: sum ?? '' }
  }
  return out
}

const byPath = (a: GoModuleLine, b: GoModuleLine): number => (a.path < b.path ? -1 : 1)

interface SpdxPackage {
  name: string
  versionInfo?: string
  checksums?: { algorithm: string; checksumValue: string }[]
  externalRefs?: { referenceType: string; referenceLocator: string }[]
  annotations?: { comment: string }[]
}

let app: string
let env: Record<string, string>
const repo = `${REGISTRY}/${uniqueRepo('sbom')}`

beforeAll(async () => {
  const versions = await readFile(path.join(PROXY, 'versions.txt'), 'utf8').catch(() => {
    throw new Error(
      `${PROXY}/versions.txt is missing: write the module proxy with scripts/test-env.sh`
    )
  })
  const work = await tempDir('gsi-sbom-')
  app = path.join(work, 'httpbin')
  await mkdir(app)
  const requires = versions
    .trim()
    .split('\n')
    .map(l => `\t${l}`)
  await writeFile(
    path.join(app, 'go.mod'),
    `module example.com/httpbin\n\ngo 1.19\n\nrequire (\n${requires.join('\n')}\n)\n`
  )
  await writeFile(path.join(app, 'main.go'), MAIN_GO)
  env = {
    GOPROXY: `file://${PROXY}`,
    GOSUMDB: 'off',
    // go.sum is written by the build itself: the h1 hashes are Go's own, from the proxy's zips.
    GOFLAGS: '-mod=mod -modcacherw',
    GOMODCACHE: path.join(work, 'modcache')
  }
}, 60_000)

async function build(sbom: string, layout: string): Promise<Run> {
  const run = await runAction(
    {
      image: repo,
      tags: sbom,
      sbom,
      'oci-layout': layout,
      'source-date-epoch': '1700000000',
      provenance: 'false',
      cache: 'false'
    },
    { workdir: app, toolCache: await tempDir('gsi-sbom-tools-'), env }
  )
  if (run.code !== 0) throw new Error(`the action failed:\n${run.log}`)
  return run
}

describe('sbom on a program with 16 real module dependencies', () => {
  let first: { run: Run; file: string; text: string; layout: string }

  beforeAll(async () => {
    const layout = path.join(await tempDir(), 'layout')
    const run = await build('spdx', layout)
    const file = (JSON.parse(run.outputs.sbom!) as Record<string, string>)['linux/amd64']!
    first = { run, file, text: await readFile(file, 'utf8'), layout }
  }, 600_000)

  it('lists every module go version -m lists, with the same version and h1 hash, and the toolchain as stdlib', async () => {
    const doc = JSON.parse(first.text) as { packages: SpdxPackage[] }
    expect(spdxValidator()(doc)).toBe(true)
    const manifest = first.run.outputs.digest!
    const binary = await fileFromLayout(first.layout, manifest, 'httpbin', await tempDir())
    // go version skips files without an execute bit ("not executable file").
    await chmod(binary, 0o755)
    const printed = await sh('go', ['version', '-m', binary])
    expect(printed).toMatchObject({ code: 0, stderr: '' })
    const want = goVersionModules(printed.stdout)
    expect(want.deps).toHaveLength(16)

    const purl = (p: SpdxPackage): string =>
      p.externalRefs?.find(r => r.referenceType === 'purl')?.referenceLocator ?? ''
    const golang = doc.packages.filter(p => purl(p).startsWith('pkg:golang/'))
    const got = golang
      .filter(p => p.name !== 'stdlib' && p.name !== want.main)
      .map(p => {
        const hex = p.checksums?.find(c => c.algorithm === 'SHA256')?.checksumValue ?? ''
        return {
          path: p.name,
          version: p.versionInfo ?? '',
          sum: `h1:${Buffer.from(hex, 'hex').toString('base64')}`
        }
      })
    expect(got.sort(byPath)).toEqual([...want.deps].sort(byPath))
    for (const p of golang.filter(p => p.name !== 'stdlib' && p.name !== want.main))
      expect(purl(p)).toBe(`pkg:golang/${p.name}@${p.versionInfo}`)
    expect(golang.find(p => p.name === 'stdlib')).toMatchObject({ versionInfo: want.go })
    expect(purl(golang.find(p => p.name === 'stdlib')!)).toBe(`pkg:golang/stdlib@${want.go}`)
    // The build settings, with the -ldflags of the action's go build, which Go does not record under -trimpath.
    const settings = golang.find(p => p.name === want.main)?.annotations?.map(a => a.comment)
    expect(settings).toEqual(
      expect.arrayContaining([
        'go build setting: -ldflags=-s -w',
        'go build setting: -trimpath=true',
        'go build setting: CGO_ENABLED=0',
        'go build setting: GOARCH=amd64',
        'go build setting: GOOS=linux'
      ])
    )
    // The image it describes is the one pushed.
    expect(doc.packages[0]).toMatchObject({ name: repo, versionInfo: manifest })
  })

  it('writes the SBOM under RUNNER_TEMP and attaches those very bytes to the platform manifest', async () => {
    expect(first.file).toMatch(
      /\/gsi-runner-[^/]+\/temp\/go-scratch-image-[^/]+\/sbom\/linux-amd64\.spdx\.json$/
    )
    const entry = (await layoutEntries(first.layout)).find(
      d => d.artifactType === 'application/spdx+json'
    )
    expect(entry).toBeDefined()
    const blob = async (digest: string): Promise<Buffer> =>
      readFile(path.join(first.layout, 'blobs', 'sha256', digest.slice('sha256:'.length)))
    const artifact = JSON.parse((await blob(entry!.digest)).toString()) as {
      subject: { digest: string }
      layers: { digest: string; mediaType: string }[]
    }
    expect(artifact.subject.digest).toBe(first.run.outputs.digest)
    expect(artifact.layers[0]!.mediaType).toBe('application/spdx+json')
    expect((await blob(artifact.layers[0]!.digest)).toString()).toBe(first.text)
  })

  it('gives byte-identical SBOMs for two builds of the same source', async () => {
    const again = await build('spdx', path.join(await tempDir(), 'layout'))
    const file = (JSON.parse(again.outputs.sbom!) as Record<string, string>)['linux/amd64']!
    expect(file).not.toBe(first.file)
    expect(await readFile(file, 'utf8')).toBe(first.text)
  }, 600_000)

  it('writes CycloneDX 1.6 with the same modules when asked', async () => {
    const run = await build('cyclonedx', path.join(await tempDir(), 'layout'))
    const file = (JSON.parse(run.outputs.sbom!) as Record<string, string>)['linux/amd64']!
    expect(file).toMatch(/linux-amd64\.cdx\.json$/)
    const bom = JSON.parse(await readFile(file, 'utf8')) as {
      components: { purl?: string; hashes?: { alg: string; content: string }[] }[]
    }
    expect(cyclonedxValidator()(bom)).toBe(true)
    const spdx = JSON.parse(first.text) as { packages: SpdxPackage[] }
    const spdxPurls = spdx.packages
      .flatMap(p => p.externalRefs ?? [])
      .map(r => r.referenceLocator)
      .filter(p => p.startsWith('pkg:golang/'))
    const cdxPurls = bom.components.map(c => c.purl ?? '').filter(p => p.startsWith('pkg:golang/'))
    expect(cdxPurls.sort()).toEqual(spdxPurls.sort())
    expect(cdxPurls.length).toBe(18) // 16 modules, the main module, stdlib
  }, 600_000)
})
