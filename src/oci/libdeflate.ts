// libdeflate's gzip encoder run from its wasm build without the emscripten glue, so the same source serves the main thread and the compression workers (which run eval'd code and cannot import the glue's ES module).
import { LIBDEFLATE, LIBDEFLATE_WASM_BASE64 } from './libdeflate-wasm.generated.js'

/**
 * The largest input libdeflate compresses; a bigger layer takes zlib in pieces instead (compress.ts). The wasm heap
 * must hold the input, its compress bound (the input plus about 0.02%) and the compressor, within the build's 2 GiB:
 * 512 MiB needs about 1 GiB and leaves room. The rule is by size alone, so the bytes never depend on the machine.
 */
export const LIBDEFLATE_MAX_INPUT = 512 * 2 ** 20

/**
 * JavaScript source of `(wasm, names) => (input, level) => Uint8Array`, a gzip member of input at libdeflate's
 * level, given the compiled WebAssembly.Module and the LIBDEFLATE names. Plain JavaScript with no free variables
 * but WebAssembly, so a worker can eval it. The instance (and its heap) is kept for the next call, unless the heap
 * grew past 64 MiB for a big layer: then it is dropped, and the memory goes back when it is collected.
 */
export const LIBDEFLATE_GZIP_SOURCE = `(function (wasm, names) {
  const x = names.exports
  const KEEP = 64 * 1024 * 1024
  let f, memory
  const heap = () => new Uint8Array(memory.buffer)
  const imports = {
    [names.imports.module]: {
      // emscripten_resize_heap: at least the bytes asked for, within the build's maximum; 0 makes malloc fail.
      [names.imports.resizeHeap]: requested => {
        requested = requested >>> 0
        const have = memory.buffer.byteLength
        if (requested > names.heapMax) return 0
        try {
          if (requested > have) memory.grow(Math.ceil((requested - have) / 65536))
          return 1
        } catch (e) {
          return 0
        }
      },
      [names.imports.memcpyBig]: (dest, src, num) => {
        heap().copyWithin(dest, src, src + num)
      }
    }
  }
  return function gzip(input, level) {
    if (!f) {
      f = new WebAssembly.Instance(wasm, imports).exports
      memory = f[x.memory]
      f[x.ctors]()
    }
    const compressor = f[x.allocCompressor](level)
    if (!compressor) throw new Error('libdeflate has no compression level ' + level + '.')
    let inPtr = 0
    let outPtr = 0
    try {
      const bound = f[x.gzipCompressBound](compressor, input.length) >>> 0
      inPtr = f[x.malloc](Math.max(1, input.length)) >>> 0
      outPtr = inPtr && f[x.malloc](bound) >>> 0
      if (!outPtr) {
        throw new Error('libdeflate cannot allocate ' + (input.length + bound) + ' bytes of wasm heap for ' + input.length + ' bytes of input.')
      }
      heap().set(input, inPtr)
      const n = f[x.gzipCompress](compressor, inPtr, input.length, outPtr, bound) >>> 0
      if (!n) throw new Error('libdeflate wrote no output.')
      return heap().slice(outPtr, outPtr + n)
    } finally {
      if (outPtr) f[x.free](outPtr)
      if (inPtr) f[x.free](inPtr)
      f[x.freeCompressor](compressor)
      if (memory.buffer.byteLength > KEEP) f = memory = undefined
    }
  }
})`

type Gzip = (input: Uint8Array, level: number) => Uint8Array

/** A compiled wasm module, opaque here: the tsconfig's lib has no WebAssembly types, and this is all that is used. */
export type WasmModule = object
declare const WebAssembly: { Module: new (bytes: Uint8Array) => WasmModule }

let bytes: Buffer | undefined
let compiled: WasmModule | undefined
let here: Gzip | undefined

/** The wasm's own bytes, decoded once. */
export function libdeflateWasm(): Buffer {
  return (bytes ??= Buffer.from(LIBDEFLATE_WASM_BASE64, 'base64'))
}

/** The wasm compiled once per process; workers get it posted (Node shares the compiled code between threads). */
export function libdeflateModule(): WasmModule {
  return (compiled ??= new WebAssembly.Module(libdeflateWasm()))
}

/** A gzip member of input at libdeflate's level (1–12), on the calling thread. */
export function libdeflateGzip(input: Uint8Array, level: number): Buffer {
  here ??= (new Function(`return ${LIBDEFLATE_GZIP_SOURCE}`)() as (m: unknown, n: unknown) => Gzip)(
    libdeflateModule(),
    LIBDEFLATE
  )
  const out = here(input, level)
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength)
}

/** What the bytes depend on: the package version and the wasm itself. */
export const LIBDEFLATE_ID = `libdeflate ${LIBDEFLATE.version} (wasm sha256:${LIBDEFLATE.sha256.slice(0, 12)})`
