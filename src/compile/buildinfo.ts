// Reads the Go build information a Go binary carries in its .go.buildinfo data (what `go version -m` prints), for the image's SBOM and the vulnerability check.
import { readElfLayout, readElfSections, SHT_NOBITS, type ElfSection, type Segment } from './elf.js'

/** A module, as Go's runtime/debug.Module. */
export interface Module {
  path: string
  version: string
  /** The go.sum hash (`h1:…`), absent for the main module and for directory replacements. */
  sum?: string
  /** What the module was replaced with (a `=>` line), if anything. */
  replace?: Module
}

export interface BuildSetting {
  key: string
  value: string
}

/** The same structure as Go's runtime/debug.BuildInfo. */
export interface BuildInfo {
  /** The toolchain that built the binary, e.g. `go1.19.8`. */
  goVersion: string
  /** The main package's import path. */
  path: string
  /** The main module; absent when the binary was built outside a module (`go build file.go`). */
  main?: Module
  deps: Module[]
  settings: BuildSetting[]
}

export class BuildInfoError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BuildInfoError'
  }
}

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1')
const HEADER_SIZE = 32
const ALIGN = 16
/** How much of the data segment Go itself searches for the header when there is no .go.buildinfo section. */
const SCAN_LIMIT = 64 * 1024
const FLAG_BIG_ENDIAN = 0x1
const FLAG_VERSION_INLINE = 0x2

const PT_LOAD = 1
const PF_X = 1
const PF_W = 2

/** The program headers and section headers, with every offset checked against the file. */
function layout(buf: Buffer): {
  segments: Segment[]
  sections: ElfSection[]
  bits: 32 | 64
  le: boolean
} {
  // readElfLayout validates the identification, the header's length and the program headers' bounds.
  const elf = readElfLayout(buf)
  const { bits, littleEndian: le, segments } = elf

  const sections = readElfSections(buf, elf)
  return { segments, sections, bits, le }
}

/** Up to `size` bytes at virtual address `addr`, as Go's debug/buildinfo reads them: through the loaded segments. */
function readData(buf: Buffer, segments: Segment[], addr: number, size: number): Buffer {
  for (const p of segments) {
    if (p.type !== PT_LOAD || p.filesz === 0) continue
    if (addr < p.vaddr || addr > p.vaddr + p.filesz - 1) continue
    const start = p.offset + (addr - p.vaddr)
    const n = Math.min(size, p.vaddr + p.filesz - addr, buf.length - start)
    return n > 0 ? buf.subarray(start, start + n) : Buffer.alloc(0)
  }
  return Buffer.alloc(0)
}

/** The 32-byte header and what follows it: at the .go.buildinfo section, or found in the first data segment. */
function findHeader(buf: Buffer, segments: Segment[], sections: ElfSection[]): Buffer | undefined {
  let data: Buffer | undefined
  const section = sections.find(s => s.name === '.go.buildinfo')
  if (section && section.type !== SHT_NOBITS && section.offset < buf.length)
    data = buf.subarray(section.offset, Math.min(buf.length, section.offset + section.size))
  if (!data?.length) {
    const seg = segments.find(p => p.type === PT_LOAD && (p.flags & (PF_X | PF_W)) === PF_W)
    if (seg) data = readData(buf, segments, seg.vaddr, SCAN_LIMIT)
  }
  if (!data) return undefined
  // The header is aligned to 16 bytes from the start of the data it is in, as Go's reader requires.
  for (let from = 0; ;) {
    const i = data.indexOf(MAGIC, from)
    if (i < 0 || data.length - i < HEADER_SIZE) return undefined
    if (i % ALIGN === 0) return data.subarray(i)
    from = Math.ceil((i + 1) / ALIGN) * ALIGN
  }
}

/** A uvarint-length-prefixed string (Go ≥ 1.18's inline format): the bytes and the rest, or undefined. */
function decodeString(data: Buffer): { value: Buffer; rest: Buffer } | undefined {
  let length = 0
  let shift = 0
  for (let i = 0; i < data.length && i < 10; i++) {
    const b = data[i] as number
    length += (b & 0x7f) * 2 ** shift
    shift += 7
    if (b < 0x80) {
      const start = i + 1
      if (length > data.length - start) return undefined
      return { value: data.subarray(start, start + length), rest: data.subarray(start + length) }
    }
  }
  return undefined
}

/**
 * The build information of a Go ELF binary: the toolchain version, the main package and module, every
 * dependency module (with its replacement), and the build settings, as Go's debug/buildinfo reads them.
 * Throws a BuildInfoError when the file is not ELF or carries no Go build information.
 */
export function readBuildInfo(elf: Buffer): BuildInfo {
  let l: ReturnType<typeof layout>
  try {
    l = layout(elf)
  } catch (e) {
    throw new BuildInfoError(`Cannot read Go build information: ${(e as Error).message}.`)
  }
  const none = (why: string): BuildInfoError =>
    new BuildInfoError(
      `The binary has no Go build information (${why}): it was not built by Go 1.13 or later, or its ` +
        `.go.buildinfo data was removed.`
    )
  const header = findHeader(elf, l.segments, l.sections)
  if (!header)
    throw none('no .go.buildinfo section and no build information header in its data segment')

  const ptrSize = header[14] as number
  const flags = header[15] as number
  let version: Buffer
  let mod: Buffer
  if (flags & FLAG_VERSION_INLINE) {
    const v = decodeString(header.subarray(HEADER_SIZE))
    const m = v && decodeString(v.rest)
    if (!v || !m) throw none('its build information is truncated')
    version = v.value
    mod = m.value
  } else {
    // Before Go 1.18: two pointers to Go string headers {data pointer, length}, in the binary's byte order.
    if (ptrSize !== 4 && ptrSize !== 8) throw none(`its pointer size ${ptrSize} is not 4 or 8`)
    const be = (flags & FLAG_BIG_ENDIAN) !== 0
    const ptr = (b: Buffer, o: number): number =>
      ptrSize === 8
        ? Number(be ? b.readBigUInt64BE(o) : b.readBigUInt64LE(o))
        : be
          ? b.readUInt32BE(o)
          : b.readUInt32LE(o)
    // A string header or string the segments do not hold entirely: a truncated or damaged file.
    const string = (addr: number): Buffer | undefined => {
      const hdr = readData(elf, l.segments, addr, 2 * ptrSize)
      if (hdr.length < 2 * ptrSize) return undefined
      const data = ptr(hdr, 0)
      const length = ptr(hdr, ptrSize)
      if (length === 0) return Buffer.alloc(0)
      if (!Number.isSafeInteger(data) || length > elf.length) return undefined
      const bytes = readData(elf, l.segments, data, length)
      return bytes.length < length ? undefined : bytes
    }
    const v = header.length >= 16 + 2 * ptrSize ? string(ptr(header, 16)) : undefined
    const m = v && string(ptr(header, 16 + ptrSize))
    if (!v || !m) throw none('its build information is truncated or points outside the file')
    version = v
    mod = m
  }
  if (!version.length) throw none('its build information has no Go version')
  // The module information is framed by two 16-byte sentinels; without them there is none (GOPATH mode).
  const modinfo =
    mod.length >= 33 && mod[mod.length - 17] === 0x0a
      ? mod.subarray(16, mod.length - 16).toString('utf8')
      : ''
  return { ...parseModInfo(modinfo), goVersion: version.toString('utf8') }
}

/** Parses the module information text, as Go's debug.ParseBuildInfo does (lines it does not know are skipped). */
export function parseModInfo(text: string): Omit<BuildInfo, 'goVersion'> & { goVersion?: string } {
  const info: Omit<BuildInfo, 'goVersion'> & { goVersion?: string } = {
    path: '',
    deps: [],
    settings: []
  }
  const bad = (n: number, why: string): BuildInfoError =>
    new BuildInfoError(`Malformed Go build information, line ${n}: ${why}.`)
  const module = (n: number, fields: string[]): Module => {
    if (fields.length !== 2 && fields.length !== 3)
      throw bad(n, `expected 2 or 3 columns, got ${fields.length}`)
    const [path, version, sum] = fields as [string, string, string?]
    return sum ? { path, version, sum } : { path, version }
  }
  let last: Module | undefined
  const lines = text.split('\n')
  // Go ignores a last line with no newline after it.
  lines.pop()
  lines.forEach((line, i) => {
    const n = i + 1
    const cut = line.indexOf('\t')
    if (cut < 0) return
    const rest = line.slice(cut + 1)
    switch (line.slice(0, cut)) {
      case 'go':
        info.goVersion = rest
        break
      case 'path':
        info.path = rest
        break
      case 'mod':
        info.main = last = module(n, rest.split('\t'))
        break
      case 'dep':
        last = module(n, rest.split('\t'))
        info.deps.push(last)
        break
      case '=>': {
        const fields = rest.split('\t')
        if (fields.length !== 3)
          throw bad(n, `expected 3 columns for a replacement, got ${fields.length}`)
        if (!last) throw bad(n, 'a replacement with no module on the line before')
        last.replace = module(n, fields)
        last = undefined
        break
      }
      case 'build':
        info.settings.push(buildSetting(n, rest, bad))
        break
    }
  })
  return info
}

function buildSetting(
  n: number,
  kv: string,
  bad: (n: number, why: string) => BuildInfoError
): BuildSetting {
  let key: string
  let raw: string
  if (kv.startsWith('=') || kv === '') throw bad(n, 'a build setting with no key')
  if (kv[0] === '"' || kv[0] === '`') {
    const q = unquotePrefix(kv)
    if (!q || !q.rest.startsWith('=')) throw bad(n, 'a malformed quoted build setting key')
    key = q.value
    raw = q.rest.slice(1)
  } else {
    const eq = kv.indexOf('=')
    if (eq < 0) throw bad(n, `a build setting with no "=": ${kv}`)
    key = kv.slice(0, eq)
    raw = kv.slice(eq + 1)
  }
  let value = raw
  if (raw[0] === '"' || raw[0] === '`') {
    const q = unquotePrefix(raw)
    if (!q || q.rest !== '') throw bad(n, `a malformed quoted value for the build setting ${key}`)
    value = q.value
  }
  return { key, value }
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 0x5c,
  '"': 0x22,
  "'": 0x27
}

/**
 * The Go string literal (strconv.Quote's double-quoted form, or a raw backquoted one) at the start of `s`,
 * decoded, and what follows it; undefined if it is malformed. Escapes may produce arbitrary bytes, read as UTF-8.
 */
export function unquotePrefix(s: string): { value: string; rest: string } | undefined {
  if (s[0] === '`') {
    const end = s.indexOf('`', 1)
    if (end < 0) return undefined
    return { value: s.slice(1, end).replace(/\r/g, ''), rest: s.slice(end + 1) }
  }
  if (s[0] !== '"') return undefined
  const bytes: number[] = []
  const hex = (from: number, len: number): number | undefined => {
    const digits = s.slice(from, from + len)
    return digits.length === len && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : undefined
  }
  const pushRune = (cp: number): void => {
    bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'))
  }
  for (let i = 1; i < s.length;) {
    const c = s[i] as string
    if (c === '"') return { value: Buffer.from(bytes).toString('utf8'), rest: s.slice(i + 1) }
    if (c === '\n') return undefined
    if (c !== '\\') {
      const cp = s.codePointAt(i) as number
      pushRune(cp)
      i += cp > 0xffff ? 2 : 1
      continue
    }
    const e = s[i + 1]
    if (e === undefined) return undefined
    if (e in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[e] as number)
      i += 2
    } else if (e === 'x') {
      const v = hex(i + 2, 2)
      if (v === undefined) return undefined
      bytes.push(v)
      i += 4
    } else if (e === 'u' || e === 'U') {
      const len = e === 'u' ? 4 : 8
      const v = hex(i + 2, len)
      if (v === undefined || v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined
      pushRune(v)
      i += 2 + len
    } else if (e >= '0' && e <= '7') {
      const digits = s.slice(i + 1, i + 4)
      if (!/^[0-7]{3}$/.test(digits)) return undefined
      const v = parseInt(digits, 8)
      if (v > 255) return undefined
      bytes.push(v)
      i += 4
    } else return undefined
  }
  return undefined
}
