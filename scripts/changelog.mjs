#!/usr/bin/env node
// Prints the body of one version's section of CHANGELOG.md (Keep a Changelog: "## [X.Y.Z] - DATE"), the release
// notes .github/workflows/release.yml publishes; fails, naming the version, when the section is missing or empty.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The lines between "## [version]" and the next "## " heading (or the link definitions), trimmed. */
export function releaseNotes(changelog, version) {
  const lines = changelog.split('\n')
  const start = lines.findIndex(l =>
    new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]( |$)`).test(l)
  )
  if (start < 0) return undefined
  const rest = lines.slice(start + 1)
  const end = rest.findIndex(l => l.startsWith('## ') || /^\[[^\]]+\]: /.test(l))
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim()
  return body || undefined
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const version = (process.argv[2] ?? '').replace(/^v/, '')
  const file = process.argv[3] ?? path.join(root, 'CHANGELOG.md')
  const notes = /^\d+\.\d+\.\d+$/.test(version)
    ? releaseNotes(readFileSync(file, 'utf8'), version)
    : undefined
  if (!notes) {
    console.error(
      `${path.relative(root, file) || file} has no notes for '${process.argv[2] ?? ''}': add a "## [X.Y.Z] - DATE" ` +
        'section with the changes (move them from "## [Unreleased]"), then tag vX.Y.Z.'
    )
    process.exit(1)
  }
  process.stdout.write(`${notes}\n`)
}
