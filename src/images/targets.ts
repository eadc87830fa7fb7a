// Which images one run makes: the lines of package (paths or ./cmd/... patterns) and of image (several registries, {{.Name}} templates), checked and expanded into one target per main package.
import path from 'node:path'
import { defaultBinaryName } from '../compile/compile.js'
import type { Runner } from '../ports.js'
import { InputError } from '../ports.js'
import { loadError } from '../go/refusal.js'
import { parseImage, type ImageRef } from '../registry/reference.js'

/** The one template key image knows: the binary name of the main package the image holds. */
const NAME = '.Name'
const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g

/** A package line Go expands to several packages: `./cmd/...`, `example.com/app/...`. */
export const isPattern = (line: string): boolean => line.includes('...')

/**
 * Checks the templates of one line of input: {{.Name}} is the only key, and braces must pair. Returns whether the
 * line holds {{.Name}}.
 */
export function checkTemplate(value: string, input: string): boolean {
  let named = false
  for (const m of value.matchAll(TEMPLATE)) {
    if (m[1] !== NAME) {
      throw new InputError(
        `${input}: unknown template key '${m[0]}' in '${value}'. The only key is {{.Name}} (the binary name of ` +
          `each main package), e.g. ghcr.io/acme/{{.Name}}.`
      )
    }
    named = true
  }
  const rest = value.replace(TEMPLATE, '')
  if (rest.includes('{{') || rest.includes('}}')) {
    throw new InputError(
      `${input}: '${value}' has an unclosed template. Write {{.Name}} exactly, e.g. ghcr.io/acme/{{.Name}}.`
    )
  }
  return named
}

export const renderTemplate = (value: string, name: string): string =>
  value.replace(TEMPLATE, () => name)

/** The image lines parsed for one binary name: the first is the image the single-value outputs report. */
export function imageRefs(lines: readonly string[], name: string, input = 'image'): ImageRef[] {
  const refs = lines.map(line => {
    const value = renderTemplate(line, name)
    try {
      return parseImage(value, input)
    } catch (e) {
      if (value === line || !(e instanceof InputError)) throw e
      throw new InputError(`${e.message} (That is '${line}' with {{.Name}} = '${name}'.)`)
    }
  })
  const seen = new Set<string>()
  for (const r of refs) {
    const key = `${r.registry}/${r.repository}`
    if (seen.has(key)) {
      throw new InputError(
        `${input}: ${key} is listed twice. Give each registry's repository once; the same image goes to every line.`
      )
    }
    seen.add(key)
  }
  return refs
}

/** What the package and image inputs ask for, checked before anything runs. */
export interface Targets {
  /** package's lines, in order; '.' when empty. */
  packages: string[]
  /** image's lines as written (templates kept); empty without image. */
  imageLines: string[]
  /** Whether any image line holds {{.Name}}. */
  templated: boolean
  /** image's lines parsed, when no line holds a template (the name is known only once Go has listed the packages). */
  refs?: ImageRef[]
  /** compare-to as written; with {{.Name}}, each image is compared with its own baseline. */
  compareToLine: string
}

export function parseTargets(
  packageRaw: string,
  imageRaw: string,
  compareToRaw: string,
  binaryName: string,
  list: (raw: string) => string[]
): Targets {
  const packages = list(packageRaw)
  if (!packages.length) packages.push('.')
  const file = packages.find(p => p.endsWith('.go'))
  if (file && packages.length > 1) {
    throw new InputError(
      `package: '${file}' is one .go file, which Go builds on its own; it cannot be listed with other packages ` +
        `(${packages.filter(p => p !== file).join(', ')}). Give packages as folders (./cmd/app) or a pattern (./cmd/...).`
    )
  }
  if (binaryName && packages.length > 1) {
    throw new InputError(
      `binary-name: '${binaryName}' names one binary, but package lists ${packages.length} packages. Leave ` +
        `binary-name empty: each image's binary is named after its package.`
    )
  }
  const imageLines = list(imageRaw)
  const named = imageLines.map(line => checkTemplate(line, 'image'))
  const templated = named.some(Boolean)
  const compareToLine = compareToRaw.trim()
  const compareNamed = checkTemplate(compareToLine, 'compare-to')
  if (packages.length > 1) {
    const fixed = imageLines.find((_, i) => !named[i])
    if (fixed !== undefined) throw sharedRepository(fixed, packages.join(', '), packages.length)
    if (compareToLine && !compareNamed) throw sharedBaseline(compareToLine, packages.join(', '))
  }
  // Checked now with a stand-in name, so a bad repository fails before the build, not after it.
  const refs = imageRefs(imageLines, 'name')
  return { packages, imageLines, templated, refs: templated ? undefined : refs, compareToLine }
}

function sharedBaseline(line: string, what: string): InputError {
  return new InputError(
    `compare-to: '${line}' has no {{.Name}}, but package gives several main packages (${what}), and each image ` +
      `needs a baseline of its own. Write e.g. ghcr.io/acme/{{.Name}}:main.`
  )
}

function sharedRepository(line: string, what: string, count: number): InputError {
  return new InputError(
    `image: '${line}' has no {{.Name}}, but package gives ${count} main packages (${what}), and two images ` +
      `cannot share one repository. Put {{.Name}} (the binary name) in every image line, e.g. ghcr.io/acme/{{.Name}}.`
  )
}

/**
 * Whether the run goes through the per-package layer (src/pipeline/monorepo.ts) rather than one graph: several
 * packages, a pattern, or an image named after its package, whose names only go list knows.
 */
export const fansOut = (c: {
  packages: string[]
  imageLines: string[]
  compareToLine: string
}): boolean =>
  c.packages.length > 1 ||
  c.packages.some(isPattern) ||
  c.imageLines.some(l => checkTemplate(l, 'image')) ||
  checkTemplate(c.compareToLine, 'compare-to')

/** One main package found by go list, with the name its binary and its {{.Name}} get. */
export interface MainTarget {
  /** What go build is given: a path relative to working-directory, or the .go file. */
  pkg: string
  importPath: string
  name: string
}

/** go list's format: one `ImportPath Dir` line per main package, nothing for the others. */
export const MAIN_FORMAT = '{{if eq .Name "main"}}{{.ImportPath}} {{.Dir}}{{end}}'

/** Parses go list output in MAIN_FORMAT (a Dir may hold spaces; an import path cannot). */
export function parseMainList(stdout: string): { importPath: string; dir: string }[] {
  return stdout
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
    .map(l => {
      const space = l.indexOf(' ')
      return { importPath: l.slice(0, space), dir: l.slice(space + 1) }
    })
}

/** go build's argument for a package Go found in dir: ./rel, as a user writes it in package. */
export function relativePackage(cwd: string, dir: string): string {
  const rel = path.relative(cwd, dir).split(path.sep).join('/')
  if (rel === '') return '.'
  return rel.startsWith('..') ? rel : `./${rel}`
}

/**
 * The main packages of every package line, in the order given (go list sorts a pattern's), each once. A line that
 * is no main package, or a pattern that matches none, is refused; so are two packages with one binary name.
 */
export async function findMainPackages(o: {
  runner: Runner
  goBin: string
  env: Record<string, string>
  cwd: string
  packages: string[]
  binaryName: string
}): Promise<MainTarget[]> {
  const found = new Map<string, MainTarget>()
  for (const line of o.packages) {
    const res = await o.runner.run(o.goBin, ['list', '-f', MAIN_FORMAT, line], {
      cwd: o.cwd,
      env: o.env,
      silent: true
    })
    if (res.exitCode !== 0) {
      throw loadError(
        line,
        o.cwd,
        res.stderr,
        'Give main packages relative to working-directory, e.g. ./cmd/app or ./cmd/...'
      )
    }
    const mains = parseMainList(res.stdout)
    if (!mains.length) {
      throw new InputError(
        isPattern(line)
          ? `package: '${line}' matches no main package in working-directory '${o.cwd}'. Point it at the folders ` +
              `of your commands, e.g. ./cmd/...`
          : `package: '${line}' is not a main package. Point package at a directory with package main and func ` +
              `main, e.g. ./cmd/app.`
      )
    }
    for (const m of mains) {
      if (found.has(m.importPath)) continue
      const pkg = line.endsWith('.go') ? line : relativePackage(o.cwd, m.dir)
      found.set(m.importPath, {
        pkg,
        importPath: m.importPath,
        name: defaultBinaryName(m.importPath, line)
      })
    }
  }
  const mains = [...found.values()]
  if (o.binaryName) {
    if (mains.length > 1) {
      throw new InputError(
        `binary-name: '${o.binaryName}' names one binary, but package gives ${mains.length} main packages ` +
          `(${mains.map(m => m.pkg).join(', ')}). Leave binary-name empty: each binary is named after its package.`
      )
    }
    mains[0]!.name = o.binaryName
  }
  const byName = new Map<string, MainTarget>()
  for (const m of mains) {
    const other = byName.get(m.name)
    if (other) {
      throw new InputError(
        `package: ${other.pkg} and ${m.pkg} both give a binary named '${m.name}', and each image is named after ` +
          `its binary. List the packages apart, or build them in separate steps with binary-name.`
      )
    }
    byName.set(m.name, m)
  }
  return mains
}

/** Refuses image lines that would put several packages' images into one repository, or give them one baseline. */
export function checkImageNames(
  imageLines: string[],
  mains: MainTarget[],
  compareToLine = ''
): void {
  if (mains.length < 2) return
  const names = mains.map(m => m.name).join(', ')
  const fixed = imageLines.find(line => !checkTemplate(line, 'image'))
  if (fixed !== undefined) throw sharedRepository(fixed, names, mains.length)
  if (compareToLine && !checkTemplate(compareToLine, 'compare-to'))
    throw sharedBaseline(compareToLine, names)
}
