#!/usr/bin/env node
// Writes src/oci/libdeflate-wasm.generated.ts from the libdeflate package's emscripten build: the wasm bytes and the
// minified names its glue gives the imports and exports, so the compression workers can run the encoder without
// the glue (an ES module they cannot import from eval'd source). `npm run bundle` runs it before compiling, and
// `--check` only reports a stale file.
/* global WebAssembly */
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PACKAGE = path.join(root, 'node_modules', 'libdeflate')
const OUT = path.join(root, 'src', 'oci', 'libdeflate-wasm.generated.ts')

/** The glue's names for what the encoder needs, by the C names the glue spells out next to them. */
const EXPORTS = {
  memory: null,
  ctors: '___wasm_call_ctors',
  allocCompressor: '_libdeflate_alloc_compressor',
  freeCompressor: '_libdeflate_free_compressor',
  gzipCompress: '_libdeflate_gzip_compress',
  gzipCompressBound: '_libdeflate_gzip_compress_bound',
  malloc: '_malloc',
  free: '_free'
}

function one(re, text, what) {
  const m = re.exec(text)
  if (!m)
    throw new Error(
      `libdeflate's glue no longer has ${what} (${re}); update ${path.basename(import.meta.url)}.`
    )
  return m
}

/** The generated module's values, read from the glue text and checked against the wasm module itself. */
export function extract(glue, version) {
  const base64 = one(
    /wasmBinaryFile="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/,
    glue,
    'the inline wasm'
  )[1]
  const bytes = Buffer.from(base64, 'base64')
  const exportsOf = {}
  for (const [key, cName] of Object.entries(EXPORTS)) {
    exportsOf[key] =
      cName === null
        ? one(/wasmMemory=Module\["asm"\]\["(\w+)"\]/, glue, 'the memory export')[1]
        : one(new RegExp(`Module\\["${cName}"\\]=asm\\["(\\w+)"\\]`), glue, cName)[1]
  }
  const lib = one(/var asmLibraryArg=\{([^}]*)\}/, glue, 'the import object')[1]
  const imports = {
    module: one(/var info=\{"(\w+)":asmLibraryArg\}/, glue, 'the import module name')[1],
    resizeHeap: one(/"(\w+)":_emscripten_resize_heap/, lib, '_emscripten_resize_heap')[1],
    memcpyBig: one(/"(\w+)":_emscripten_memcpy_big/, lib, '_emscripten_memcpy_big')[1]
  }
  const heapMax = Number(
    one(/function _emscripten_get_heap_max\(\)\{return (\d+)\}/, glue, 'the heap maximum')[1]
  )
  // What the module really imports and exports must be exactly what the workers provide and call.
  const module = new WebAssembly.Module(bytes)
  const wantImports = [imports.resizeHeap, imports.memcpyBig]
    .map(n => `${imports.module}.${n}:function`)
    .sort()
  const haveImports = WebAssembly.Module.imports(module)
    .map(i => `${i.module}.${i.name}:${i.kind}`)
    .sort()
  if (JSON.stringify(wantImports) !== JSON.stringify(haveImports)) {
    throw new Error(
      `libdeflate's wasm imports ${haveImports.join(', ')}, not ${wantImports.join(', ')}.`
    )
  }
  const kinds = new Map(WebAssembly.Module.exports(module).map(e => [e.name, e.kind]))
  for (const [key, name] of Object.entries(exportsOf)) {
    const want = key === 'memory' ? 'memory' : 'function'
    if (kinds.get(name) !== want)
      throw new Error(`libdeflate's wasm export ${name} (${key}) is not a ${want}.`)
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  return { version, sha256, heapMax, imports, exports: exportsOf, base64 }
}

/** The TypeScript module for the glue text of one libdeflate version. */
export async function render(glue, version) {
  const { base64, ...names } = extract(glue, version)
  const source = [
    '// Generated from node_modules/libdeflate by scripts/libdeflate-wasm.mjs (npm run bundle runs it). Do not edit.',
    '',
    '/**',
    ' * The libdeflate package version, the wasm digest, the largest heap its build may grow to, and the',
    " * emscripten glue's minified names of the wasm imports and exports (see src/oci/libdeflate.ts).",
    ' */',
    `export const LIBDEFLATE = ${JSON.stringify(names)} as const`,
    '',
    '/** The wasm module, as the package inlines it. */',
    `export const LIBDEFLATE_WASM_BASE64 = ${JSON.stringify(base64)}`,
    ''
  ].join('\n')
  const options = (await prettier.resolveConfig(OUT)) ?? {}
  return prettier.format(source, { ...options, filepath: OUT })
}

/** The installed package's glue and version. */
export async function installed() {
  const pkg = JSON.parse(await readFile(path.join(PACKAGE, 'package.json'), 'utf8'))
  const glue = await readFile(path.join(PACKAGE, 'dist', 'libdeflate.wasm.mjs'), 'utf8')
  return { glue, version: pkg.version }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { glue, version } = await installed()
  const want = await render(glue, version)
  const have = await readFile(OUT, 'utf8').catch(() => '')
  if (process.argv.includes('--check')) {
    if (have !== want) {
      console.error(
        `${path.relative(root, OUT)} is stale: run node scripts/libdeflate-wasm.mjs and commit it.`
      )
      process.exit(1)
    }
  } else if (have !== want) {
    await writeFile(OUT, want)
  }
}
