#!/usr/bin/env node
// Writes a Go program that embeds 80 MB (40 MB of random bytes, 40 MB of text), for the memory benchmark of a step
// whose binary is large: its peak must not grow with copies of the binary (docs/benchmarks.md, "Fixed cost").
// Usage: node bench/big-program.mjs DIR [megabytes=80]; then node bench/overhead.mjs 3 DIR
// The bytes come from a seeded generator, so every run writes the same program (and the same binary).
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

const dir = path.resolve(process.argv[2] ?? 'big-program')
const mb = Number(process.argv[3] ?? 80)
const half = (mb / 2) * 1e6

/** Deterministic pseudo-random bytes: SHA-256 in counter mode. */
function random(n) {
  const out = Buffer.alloc(n)
  for (let i = 0, at = 0; at < n; i++) {
    const block = createHash('sha256').update(`gsi-bench-${i}`).digest()
    at += block.copy(out, at)
  }
  return out
}

/** Text: lines of words drawn from a small vocabulary, as logs or templates would be. */
function text(n) {
  const words =
    'scratch image layer binary digest registry manifest index tag push build cache go module'.split(
      ' '
    )
  const rnd = random(Math.ceil(n / 6))
  const parts = []
  let size = 0
  for (let i = 0; size < n; i++) {
    const w = `${words[rnd[i % rnd.length] % words.length]}${rnd[(i * 7) % rnd.length] % 16 === 0 ? '\n' : ' '}`
    parts.push(w)
    size += w.length
  }
  return Buffer.from(parts.join('')).subarray(0, n)
}

await mkdir(dir, { recursive: true })
await writeFile(path.join(dir, 'random.bin'), random(half))
await writeFile(path.join(dir, 'text.txt'), text(half))
await writeFile(path.join(dir, 'go.mod'), 'module example.com/big\n\ngo 1.19\n')
await writeFile(
  path.join(dir, 'main.go'),
  `// A program of ${mb} MB of embedded data, for bench/overhead.mjs.
package main

import (
	_ "embed"
	"log"
)

//go:embed random.bin
var randomBytes []byte

//go:embed text.txt
var textBytes string

func main() {
	log.Printf("embedded %d random bytes and %d bytes of text", len(randomBytes), len(textBytes))
}
`
)
console.log(dir)
