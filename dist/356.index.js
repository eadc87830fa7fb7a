export const id = 356;
export const ids = [356];
export const modules = {

/***/ 5945:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ro: () => (/* binding */ readBuildInfo)
/* harmony export */ });
/* unused harmony exports BuildInfoError, parseModInfo, unquotePrefix */
/* harmony import */ var _elf_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(65224);
// Reads the Go build information a Go binary carries in its .go.buildinfo data (what `go version -m` prints), for the image's SBOM and the vulnerability check.

class BuildInfoError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BuildInfoError';
    }
}
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_SIZE = 32;
const ALIGN = 16;
/** How much of the data segment Go itself searches for the header when there is no .go.buildinfo section. */
const SCAN_LIMIT = 64 * 1024;
const FLAG_BIG_ENDIAN = 0x1;
const FLAG_VERSION_INLINE = 0x2;
const PT_LOAD = 1;
const PF_X = 1;
const PF_W = 2;
/** The program headers and section headers, with every offset checked against the file. */
function layout(buf) {
    // readElfLayout validates the identification, the header's length and the program headers' bounds.
    const elf = (0,_elf_js__WEBPACK_IMPORTED_MODULE_0__/* .readElfLayout */ .oZ)(buf);
    const { bits, littleEndian: le, segments } = elf;
    const sections = (0,_elf_js__WEBPACK_IMPORTED_MODULE_0__/* .readElfSections */ .Cn)(buf, elf);
    return { segments, sections, bits, le };
}
/** Up to `size` bytes at virtual address `addr`, as Go's debug/buildinfo reads them: through the loaded segments. */
function readData(buf, segments, addr, size) {
    for (const p of segments) {
        if (p.type !== PT_LOAD || p.filesz === 0)
            continue;
        if (addr < p.vaddr || addr > p.vaddr + p.filesz - 1)
            continue;
        const start = p.offset + (addr - p.vaddr);
        const n = Math.min(size, p.vaddr + p.filesz - addr, buf.length - start);
        return n > 0 ? buf.subarray(start, start + n) : Buffer.alloc(0);
    }
    return Buffer.alloc(0);
}
/** The 32-byte header and what follows it: at the .go.buildinfo section, or found in the first data segment. */
function findHeader(buf, segments, sections) {
    let data;
    const section = sections.find(s => s.name === '.go.buildinfo');
    if (section && section.type !== _elf_js__WEBPACK_IMPORTED_MODULE_0__/* .SHT_NOBITS */ .UB && section.offset < buf.length)
        data = buf.subarray(section.offset, Math.min(buf.length, section.offset + section.size));
    if (!data?.length) {
        const seg = segments.find(p => p.type === PT_LOAD && (p.flags & (PF_X | PF_W)) === PF_W);
        if (seg)
            data = readData(buf, segments, seg.vaddr, SCAN_LIMIT);
    }
    if (!data)
        return undefined;
    // The header is aligned to 16 bytes from the start of the data it is in, as Go's reader requires.
    for (let from = 0;;) {
        const i = data.indexOf(MAGIC, from);
        if (i < 0 || data.length - i < HEADER_SIZE)
            return undefined;
        if (i % ALIGN === 0)
            return data.subarray(i);
        from = Math.ceil((i + 1) / ALIGN) * ALIGN;
    }
}
/** A uvarint-length-prefixed string (Go ≥ 1.18's inline format): the bytes and the rest, or undefined. */
function decodeString(data) {
    let length = 0;
    let shift = 0;
    for (let i = 0; i < data.length && i < 10; i++) {
        const b = data[i];
        length += (b & 0x7f) * 2 ** shift;
        shift += 7;
        if (b < 0x80) {
            const start = i + 1;
            if (length > data.length - start)
                return undefined;
            return { value: data.subarray(start, start + length), rest: data.subarray(start + length) };
        }
    }
    return undefined;
}
/**
 * The build information of a Go ELF binary: the toolchain version, the main package and module, every
 * dependency module (with its replacement), and the build settings, as Go's debug/buildinfo reads them.
 * Throws a BuildInfoError when the file is not ELF or carries no Go build information.
 */
function readBuildInfo(elf) {
    let l;
    try {
        l = layout(elf);
    }
    catch (e) {
        throw new BuildInfoError(`Cannot read Go build information: ${e.message}.`);
    }
    const none = (why) => new BuildInfoError(`The binary has no Go build information (${why}): it was not built by Go 1.13 or later, or its ` +
        `.go.buildinfo data was removed.`);
    const header = findHeader(elf, l.segments, l.sections);
    if (!header)
        throw none('no .go.buildinfo section and no build information header in its data segment');
    const ptrSize = header[14];
    const flags = header[15];
    let version;
    let mod;
    if (flags & FLAG_VERSION_INLINE) {
        const v = decodeString(header.subarray(HEADER_SIZE));
        const m = v && decodeString(v.rest);
        if (!v || !m)
            throw none('its build information is truncated');
        version = v.value;
        mod = m.value;
    }
    else {
        // Before Go 1.18: two pointers to Go string headers {data pointer, length}, in the binary's byte order.
        if (ptrSize !== 4 && ptrSize !== 8)
            throw none(`its pointer size ${ptrSize} is not 4 or 8`);
        const be = (flags & FLAG_BIG_ENDIAN) !== 0;
        const ptr = (b, o) => ptrSize === 8
            ? Number(be ? b.readBigUInt64BE(o) : b.readBigUInt64LE(o))
            : be
                ? b.readUInt32BE(o)
                : b.readUInt32LE(o);
        // A string header or string the segments do not hold entirely: a truncated or damaged file.
        const string = (addr) => {
            const hdr = readData(elf, l.segments, addr, 2 * ptrSize);
            if (hdr.length < 2 * ptrSize)
                return undefined;
            const data = ptr(hdr, 0);
            const length = ptr(hdr, ptrSize);
            if (length === 0)
                return Buffer.alloc(0);
            if (!Number.isSafeInteger(data) || length > elf.length)
                return undefined;
            const bytes = readData(elf, l.segments, data, length);
            return bytes.length < length ? undefined : bytes;
        };
        const v = header.length >= 16 + 2 * ptrSize ? string(ptr(header, 16)) : undefined;
        const m = v && string(ptr(header, 16 + ptrSize));
        if (!v || !m)
            throw none('its build information is truncated or points outside the file');
        version = v;
        mod = m;
    }
    if (!version.length)
        throw none('its build information has no Go version');
    // The module information is framed by two 16-byte sentinels; without them there is none (GOPATH mode).
    const modinfo = mod.length >= 33 && mod[mod.length - 17] === 0x0a
        ? mod.subarray(16, mod.length - 16).toString('utf8')
        : '';
    return { ...parseModInfo(modinfo), goVersion: version.toString('utf8') };
}
/** Parses the module information text, as Go's debug.ParseBuildInfo does (lines it does not know are skipped). */
function parseModInfo(text) {
    const info = {
        path: '',
        deps: [],
        settings: []
    };
    const bad = (n, why) => new BuildInfoError(`Malformed Go build information, line ${n}: ${why}.`);
    const module = (n, fields) => {
        if (fields.length !== 2 && fields.length !== 3)
            throw bad(n, `expected 2 or 3 columns, got ${fields.length}`);
        const [path, version, sum] = fields;
        return sum ? { path, version, sum } : { path, version };
    };
    let last;
    const lines = text.split('\n');
    // Go ignores a last line with no newline after it.
    lines.pop();
    lines.forEach((line, i) => {
        const n = i + 1;
        const cut = line.indexOf('\t');
        if (cut < 0)
            return;
        const rest = line.slice(cut + 1);
        switch (line.slice(0, cut)) {
            case 'go':
                info.goVersion = rest;
                break;
            case 'path':
                info.path = rest;
                break;
            case 'mod':
                info.main = last = module(n, rest.split('\t'));
                break;
            case 'dep':
                last = module(n, rest.split('\t'));
                info.deps.push(last);
                break;
            case '=>': {
                const fields = rest.split('\t');
                if (fields.length !== 3)
                    throw bad(n, `expected 3 columns for a replacement, got ${fields.length}`);
                if (!last)
                    throw bad(n, 'a replacement with no module on the line before');
                last.replace = module(n, fields);
                last = undefined;
                break;
            }
            case 'build':
                info.settings.push(buildSetting(n, rest, bad));
                break;
        }
    });
    return info;
}
function buildSetting(n, kv, bad) {
    let key;
    let raw;
    if (kv.startsWith('=') || kv === '')
        throw bad(n, 'a build setting with no key');
    if (kv[0] === '"' || kv[0] === '`') {
        const q = unquotePrefix(kv);
        if (!q || !q.rest.startsWith('='))
            throw bad(n, 'a malformed quoted build setting key');
        key = q.value;
        raw = q.rest.slice(1);
    }
    else {
        const eq = kv.indexOf('=');
        if (eq < 0)
            throw bad(n, `a build setting with no "=": ${kv}`);
        key = kv.slice(0, eq);
        raw = kv.slice(eq + 1);
    }
    let value = raw;
    if (raw[0] === '"' || raw[0] === '`') {
        const q = unquotePrefix(raw);
        if (!q || q.rest !== '')
            throw bad(n, `a malformed quoted value for the build setting ${key}`);
        value = q.value;
    }
    return { key, value };
}
const SIMPLE_ESCAPES = {
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
};
/**
 * The Go string literal (strconv.Quote's double-quoted form, or a raw backquoted one) at the start of `s`,
 * decoded, and what follows it; undefined if it is malformed. Escapes may produce arbitrary bytes, read as UTF-8.
 */
function unquotePrefix(s) {
    if (s[0] === '`') {
        const end = s.indexOf('`', 1);
        if (end < 0)
            return undefined;
        return { value: s.slice(1, end).replace(/\r/g, ''), rest: s.slice(end + 1) };
    }
    if (s[0] !== '"')
        return undefined;
    const bytes = [];
    const hex = (from, len) => {
        const digits = s.slice(from, from + len);
        return digits.length === len && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : undefined;
    };
    const pushRune = (cp) => {
        bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
    };
    for (let i = 1; i < s.length;) {
        const c = s[i];
        if (c === '"')
            return { value: Buffer.from(bytes).toString('utf8'), rest: s.slice(i + 1) };
        if (c === '\n')
            return undefined;
        if (c !== '\\') {
            const cp = s.codePointAt(i);
            pushRune(cp);
            i += cp > 0xffff ? 2 : 1;
            continue;
        }
        const e = s[i + 1];
        if (e === undefined)
            return undefined;
        if (e in SIMPLE_ESCAPES) {
            bytes.push(SIMPLE_ESCAPES[e]);
            i += 2;
        }
        else if (e === 'x') {
            const v = hex(i + 2, 2);
            if (v === undefined)
                return undefined;
            bytes.push(v);
            i += 4;
        }
        else if (e === 'u' || e === 'U') {
            const len = e === 'u' ? 4 : 8;
            const v = hex(i + 2, len);
            if (v === undefined || v > 0x10ffff || (v >= 0xd800 && v < 0xe000))
                return undefined;
            pushRune(v);
            i += 2 + len;
        }
        else if (e >= '0' && e <= '7') {
            const digits = s.slice(i + 1, i + 4);
            if (!/^[0-7]{3}$/.test(digits))
                return undefined;
            const v = parseInt(digits, 8);
            if (v > 255)
                return undefined;
            bytes.push(v);
            i += 4;
        }
        else
            return undefined;
    }
    return undefined;
}


/***/ }),

/***/ 65224:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cn: () => (/* binding */ readElfSections),
/* harmony export */   EA: () => (/* binding */ wordReader),
/* harmony export */   Fm: () => (/* binding */ machineName),
/* harmony export */   Nj: () => (/* binding */ dynamicSymbols),
/* harmony export */   UB: () => (/* binding */ SHT_NOBITS),
/* harmony export */   Xt: () => (/* binding */ verifyBinary),
/* harmony export */   iv: () => (/* binding */ machineMismatch),
/* harmony export */   oU: () => (/* binding */ readElf),
/* harmony export */   oZ: () => (/* binding */ readElfLayout)
/* harmony export */ });
/* unused harmony export ElfError */
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(82480);

const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_RUNPATH = 29;
/** e_machine, bits and byte order each platform needs. */
const TARGET = {
    amd64: { machine: 62, bits: 64, littleEndian: true, name: 'x86-64' },
    arm64: { machine: 183, bits: 64, littleEndian: true, name: 'AArch64' },
    arm: { machine: 40, bits: 32, littleEndian: true, name: 'ARM' },
    '386': { machine: 3, bits: 32, littleEndian: true, name: 'Intel 80386' },
    ppc64le: { machine: 21, bits: 64, littleEndian: true, name: 'PowerPC64 little-endian' },
    s390x: { machine: 22, bits: 64, littleEndian: false, name: 'IBM S/390' },
    riscv64: { machine: 243, bits: 64, littleEndian: true, name: 'RISC-V' }
};
class ElfError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ElfError';
    }
}
/** Reads pointer-sized words (4 or 8 bytes, in the given byte order) at byte offsets of bytes. */
function wordReader(bytes, size, littleEndian) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return size === 8
        ? o => Number(view.getBigUint64(o, littleEndian))
        : o => view.getUint32(o, littleEndian);
}
function readElfLayout(buf) {
    if (buf.length < 52 || buf.readUInt32BE(0) !== 0x7f454c46)
        throw new ElfError('it is not an ELF file');
    const bits = buf[4] === 2 ? 64 : buf[4] === 1 ? 32 : undefined;
    const littleEndian = buf[5] === 1 ? true : buf[5] === 2 ? false : undefined;
    if (!bits || littleEndian === undefined)
        throw new ElfError('its ELF header is malformed');
    if (bits === 64 && buf.length < 64)
        throw new ElfError('its ELF header is truncated');
    const u16 = (o) => (littleEndian ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
    const u32 = (o) => (littleEndian ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
    const word = wordReader(buf, bits === 64 ? 8 : 4, littleEndian);
    const phoff = word(bits === 64 ? 32 : 28);
    const phentsize = u16(bits === 64 ? 54 : 42);
    const phnum = u16(bits === 64 ? 56 : 44);
    const segments = [];
    for (let i = 0; i < phnum; i++) {
        const p = phoff + i * phentsize;
        if (p + phentsize > buf.length)
            throw new ElfError('its program headers are truncated');
        segments.push(bits === 64
            ? {
                type: u32(p),
                flags: u32(p + 4),
                offset: word(p + 8),
                vaddr: word(p + 16),
                filesz: word(p + 32)
            }
            : {
                type: u32(p),
                offset: u32(p + 4),
                vaddr: u32(p + 8),
                filesz: u32(p + 16),
                flags: u32(p + 24)
            });
    }
    return { bits, littleEndian, machine: u16(18), segments, u16, u32, word };
}
function readElf(buf) {
    const { bits, littleEndian, machine, segments, word: addr } = readElfLayout(buf);
    const info = { bits, littleEndian, machine, needed: [] };
    const interp = segments.find(s => s.type === PT_INTERP);
    if (interp)
        info.interpreter = buf
            .toString('latin1', interp.offset, interp.offset + interp.filesz)
            .replace(/\0.*$/s, '');
    const dyn = segments.find(s => s.type === PT_DYNAMIC);
    if (dyn) {
        const size = bits === 64 ? 16 : 8;
        if (dyn.offset + dyn.filesz > buf.length)
            throw new ElfError('its dynamic section is truncated');
        const entries = [];
        for (let o = dyn.offset; o + size <= dyn.offset + dyn.filesz; o += size) {
            const tag = addr(o);
            if (tag === 0)
                break;
            entries.push({ tag, val: addr(o + size / 2) });
        }
        // DT_STRTAB holds a virtual address; map it to a file offset through the segment that loads it.
        const strtab = entries.find(e => e.tag === DT_STRTAB)?.val;
        const seg = strtab === undefined
            ? undefined
            : segments.find(s => s.type === 1 && strtab >= s.vaddr && strtab < s.vaddr + s.filesz);
        const str = (at) => {
            if (strtab === undefined || !seg)
                return '?';
            const start = seg.offset + (strtab - seg.vaddr) + at;
            const end = buf.indexOf(0, start);
            return buf.toString('latin1', start, end < 0 ? undefined : end);
        };
        for (const e of entries) {
            if (e.tag === DT_NEEDED)
                info.needed.push(str(e.val));
            else if (e.tag === DT_SONAME)
                info.soname = str(e.val);
            else if (e.tag === DT_RPATH)
                info.rpath = str(e.val).split(':').filter(Boolean);
            else if (e.tag === DT_RUNPATH)
                info.runpath = str(e.val).split(':').filter(Boolean);
        }
    }
    return info;
}
const SHT_DYNSYM = 11;
/** SHT_NOBITS: a section (.bss) that takes no bytes in the file. */
const SHT_NOBITS = 8;
/**
 * The section headers, in index order (sh_link refers to them by index). Empty when the file has none or the table
 * lies outside it: section headers are optional (the program headers are what runs), so readers fall back on those.
 */
function readElfSections(buf, elf = readElfLayout(buf)) {
    const { bits, u16, u32, word } = elf;
    const is64 = bits === 64;
    const shoff = word(is64 ? 40 : 32);
    const shentsize = u16(is64 ? 58 : 46);
    const shnum = u16(is64 ? 60 : 48);
    const shstrndx = u16(is64 ? 62 : 50);
    if (!shoff || !shnum || shentsize < (is64 ? 64 : 40) || shoff + shnum * shentsize > buf.length)
        return [];
    const raw = Array.from({ length: shnum }, (_, i) => {
        const h = shoff + i * shentsize;
        return is64
            ? {
                nameOff: u32(h),
                type: u32(h + 4),
                addr: word(h + 16),
                offset: word(h + 24),
                size: word(h + 32),
                link: u32(h + 40),
                entsize: word(h + 56)
            }
            : {
                nameOff: u32(h),
                type: u32(h + 4),
                addr: u32(h + 12),
                offset: u32(h + 16),
                size: u32(h + 20),
                link: u32(h + 24),
                entsize: u32(h + 36)
            };
    });
    const strtab = raw[shstrndx];
    const names = strtab && strtab.type !== SHT_NOBITS && strtab.offset + strtab.size <= buf.length
        ? strtab
        : undefined;
    return raw.map(({ nameOff, ...section }) => {
        let name = '';
        if (names && nameOff < names.size) {
            const start = names.offset + nameOff;
            const end = names.offset + names.size;
            const nul = buf.indexOf(0, start);
            name = buf.toString('latin1', start, nul < 0 || nul > end ? end : nul);
        }
        return { name, ...section };
    });
}
/**
 * The dynamic symbol table, read through the section headers (which `-s` keeps): what a binary imports from its
 * libraries, or what a library exports. Empty when the file has no section headers.
 */
function dynamicSymbols(buf) {
    const layout = readElfLayout(buf);
    const { u16, u32 } = layout;
    const is64 = layout.bits === 64;
    const sections = readElfSections(buf, layout);
    const out = [];
    for (const sym of sections) {
        const strs = sections[sym.link];
        if (sym.type !== SHT_DYNSYM || !strs)
            continue;
        const size = sym.entsize || (is64 ? 24 : 16);
        if (sym.offset + sym.size > buf.length || strs.offset + strs.size > buf.length) {
            throw new ElfError('its dynamic symbol table is truncated');
        }
        // Entry 0 is the null symbol. st_name is first in both classes; st_shndx at 6 (64-bit) or 14 (32-bit).
        for (let o = sym.offset + size; o + size <= sym.offset + sym.size; o += size) {
            const nameAt = strs.offset + u32(o);
            const end = buf.indexOf(0, nameAt);
            const name = buf.toString('latin1', nameAt, end < 0 ? strs.offset + strs.size : end);
            if (name)
                out.push({ name, defined: u16(o + (is64 ? 6 : 14)) !== 0 });
        }
    }
    return out;
}
/** The machine's name when info is not for the platform's machine, class and byte order; undefined when it is. */
function machineMismatch(info, architecture) {
    const want = TARGET[architecture];
    if (!want)
        return undefined;
    if (info.machine === want.machine &&
        info.bits === want.bits &&
        info.littleEndian === want.littleEndian)
        return undefined;
    const got = Object.values(TARGET).find(t => t.machine === info.machine)?.name ?? `machine ${info.machine}`;
    return `${info.bits}-bit ${got}`;
}
/** The ELF machine name the platform's architecture needs, e.g. x86-64. */
function machineName(architecture) {
    return TARGET[architecture]?.name ?? architecture;
}
/**
 * Fails with the runtime error the image would show, and the fix, unless the binary is a static ELF for
 * the platform: a scratch image has no loader and no libraries.
 */
function verifyBinary(buf, platform, binaryName, 
/** How the build links: without cgo, static; cgo: static must be static too; cgo: dynamic may ask for a loader. */
linking = { cgo: 'off' }) {
    const where = `The binary ${binaryName} built for ${(0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformString */ .Fd)(platform)}`;
    let info;
    try {
        info = readElf(buf);
    }
    catch (e) {
        throw new ElfError(`${where} cannot run in a scratch image: ${e.message}.`);
    }
    const got = machineMismatch(info, platform.architecture);
    if (got) {
        throw new ElfError(`${where} is a ${got} binary, not ${machineName(platform.architecture)}: the container would fail with "exec format error". ` +
            (linking.cgo === 'off'
                ? `Do not set GOOS/GOARCH in build-env or build-flags; the platforms input sets them.`
                : `Check the C compiler for ${(0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformString */ .Fd)(platform)} in cc: it must target that platform.`));
    }
    if (linking.cgo !== 'dynamic' && (info.interpreter || info.needed.length)) {
        const what = [
            info.interpreter ? `asks for the loader ${info.interpreter}` : '',
            info.needed.length ? `needs the shared libraries ${info.needed.join(', ')}` : ''
        ]
            .filter(Boolean)
            .join(' and ');
        throw new ElfError(`${where} is dynamically linked (it ${what}), which a scratch image does not have: the container would fail ` +
            `with "no such file or directory". ` +
            (linking.cgo === 'static'
                ? `cgo: static links with -extldflags=-static; remove -buildmode=pie or -linkshared from build-flags, ` +
                    `or use cgo: dynamic to ship the shared libraries in a libraries layer.`
                : `Build it static: remove -buildmode=pie, -linkshared or -linkmode=external ` +
                    `from build-flags and ldflags (the action already sets CGO_ENABLED=0).`));
    }
    return info;
}


/***/ }),

/***/ 66887:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H9: () => (/* binding */ pclntabShares),
/* harmony export */   UB: () => (/* reexport safe */ _elf_js__WEBPACK_IMPORTED_MODULE_0__.UB),
/* harmony export */   oU: () => (/* binding */ readElf),
/* harmony export */   pe: () => (/* binding */ EM_X86_64),
/* harmony export */   w3: () => (/* binding */ sourceFunction),
/* harmony export */   zE: () => (/* binding */ funcdataShares)
/* harmony export */ });
/* harmony import */ var _elf_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(65224);
// Reads a Go binary's runtime tables that no symbol names (the pclntab, the funcdata in go.func.*) and says which function each of their bytes serves, so package sizes can cover them and the vulnerability check can find the functions a binary holds.


const EM_X86_64 = 62;
/** The section headers of an ELF file (32 or 64-bit, either byte order), or undefined when it is no ELF file. */
function readElf(bytes) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let layout;
    try {
        layout = (0,_elf_js__WEBPACK_IMPORTED_MODULE_0__/* .readElfLayout */ .oZ)(buf);
    }
    catch {
        return undefined;
    }
    return {
        machine: layout.machine,
        littleEndian: layout.littleEndian,
        ptrSize: layout.bits === 64 ? 8 : 4,
        sections: (0,_elf_js__WEBPACK_IMPORTED_MODULE_0__/* .readElfSections */ .Cn)(buf, layout),
        word: layout.word
    };
}
/**
 * Splits a Go 1.19+ pclntab (the bytes of .gopclntab, or runtime.pclntab…epclntab) among functions: each one's
 * name in funcnametab, its entry in functab and its _func with pcdata and funcdata offsets, its pc-value tables in
 * pctab (sp, file, line, each pcdata; a table shared by several functions goes to the first), and its compilation
 * unit's cutab entries and file names. Returns undefined for a layout it does not know (Go 1.18 and older).
 */
function pclntabShares(tab, littleEndian) {
    if (tab.length < 8)
        return undefined;
    const view = new DataView(tab.buffer, tab.byteOffset, tab.byteLength);
    const u32 = (o) => view.getUint32(o, littleEndian);
    const magic = u32(0);
    // 0xfffffff0: Go 1.18 and 1.19 (a _func of 10 words); 0xfffffff1: Go 1.20 and later (startLine added).
    if (magic !== 0xfffffff0 && magic !== 0xfffffff1)
        return undefined;
    const funcSize = magic === 0xfffffff1 ? 44 : 40;
    const ptrSize = tab[7];
    if (ptrSize !== 4 && ptrSize !== 8)
        return undefined;
    const word = (0,_elf_js__WEBPACK_IMPORTED_MODULE_0__/* .wordReader */ .EA)(tab, ptrSize, littleEndian);
    const headerSize = 8 + 8 * ptrSize;
    const nfunc = word(8);
    const [funcnameOff, cuOff, filetabOff, pctabOff, pclnOff] = [3, 4, 5, 6, 7].map(i => word(8 + i * ptrSize));
    if (!(headerSize <= funcnameOff && funcnameOff <= cuOff && cuOff <= filetabOff))
        return undefined;
    if (!(filetabOff <= pctabOff && pctabOff <= pclnOff && pclnOff <= tab.length))
        return undefined;
    const byName = new Map();
    const give = (name, n) => {
        if (n > 0)
            byName.set(name, (byName.get(name) ?? 0) + n);
    };
    let owned = 0;
    const charge = (name, n) => {
        give(name, n);
        owned += n;
    };
    const str = (at) => {
        let end = at;
        while (end < tab.length && tab[end] !== 0)
            end++;
        return Buffer.from(tab.buffer, tab.byteOffset + at, end - at).toString('latin1');
    };
    // funcnametab: every NUL-terminated name (inlined callees' too) belongs to the function it names.
    for (let at = funcnameOff; at < cuOff;) {
        const name = str(at);
        const end = Math.min(at + name.length + 1, cuOff);
        charge(name, end - at);
        at = end;
    }
    const textStart = word(8 + 2 * ptrSize);
    const funcs = [];
    const pcOwner = new Map();
    const funcdata = new Map();
    const functabSize = nfunc * 8 + 4;
    for (let i = 0; i < nfunc; i++) {
        const funcOff = u32(pclnOff + i * 8 + 4);
        const f = pclnOff + funcOff;
        if (f + funcSize > tab.length)
            return undefined;
        const name = str(funcnameOff + u32(f + 4));
        const npcdata = u32(f + 28);
        const cu = u32(f + 32);
        const nfuncdata = tab[f + funcSize - 1];
        const pcdataAt = f + funcSize;
        const funcdataAt = pcdataAt + npcdata * 4;
        const end = funcdataAt + nfuncdata * 4;
        // Its functab entry, the _func, its pcdata and funcdata offsets, and the alignment up to the next _func.
        const next = i + 1 < nfunc ? pclnOff + u32(pclnOff + (i + 1) * 8 + 4) : end;
        charge(name, 8 + Math.max(end, next) - f);
        for (const off of [u32(f + 16), u32(f + 20), u32(f + 24)]) {
            if (off !== 0 && !pcOwner.has(off))
                pcOwner.set(off, name);
        }
        for (let j = 0; j < npcdata; j++) {
            const off = u32(pcdataAt + j * 4);
            if (off !== 0 && !pcOwner.has(off))
                pcOwner.set(off, name);
        }
        for (let j = 0; j < nfuncdata; j++) {
            const off = u32(funcdataAt + j * 4);
            if (off !== 0xffffffff && !funcdata.has(off))
                funcdata.set(off, name);
        }
        // PCDATA_InlTreeIndex is pcdata 2, FUNCDATA_InlTree funcdata 3 (runtime/symtab.go).
        const inlPc = npcdata > 2 ? u32(pcdataAt + 8) : 0;
        const inlTree = nfuncdata > 3 ? u32(funcdataAt + 12) : 0xffffffff;
        const inline = inlPc !== 0 && inlTree !== 0xffffffff ? { pcdata: inlPc, tree: inlTree } : undefined;
        funcs.push({ name, cu, entry: textStart + u32(pclnOff + i * 8), ...(inline ? { inline } : {}) });
    }
    // Each table of a packed region, from its start up to the next one's (the linker packs them, so that is where
    // its terminator is), to its owner.
    const chargeFromStarts = (owners, size) => {
        // A typed array sorts numbers natively: a comparator over some 10^5 offsets was this table's biggest cost.
        const starts = Float64Array.from(owners.keys()).sort();
        starts.forEach((start, k) => {
            if (start < size)
                charge(owners.get(start), Math.min(starts[k + 1] ?? size, size) - start);
        });
    };
    // pctab: each table goes to its first function.
    chargeFromStarts(pcOwner, pclnOff - pctabOff);
    // cutab: a compilation unit's file indices (from its offset to the next unit's), and filetab: the names they
    // point at, both to the first function of the unit.
    const cuOwner = new Map();
    for (const f of funcs)
        if (f.cu !== 0xffffffff && !cuOwner.has(f.cu))
            cuOwner.set(f.cu, f.name);
    const cus = [...cuOwner.keys()].sort((a, b) => a - b);
    const cutabLen = (filetabOff - cuOff) / 4;
    const fileOwner = new Map();
    for (let k = 0; k < cus.length; k++) {
        const first = cus[k];
        const last = Math.min(cus[k + 1] ?? cutabLen, cutabLen);
        const owner = cuOwner.get(first);
        for (let e = first; e < last; e++) {
            const fileOff = u32(cuOff + e * 4);
            if (fileOff !== 0xffffffff && !fileOwner.has(fileOff))
                fileOwner.set(fileOff, owner);
        }
        charge(owner, Math.max(0, last - first) * 4);
    }
    chargeFromStarts(fileOwner, pctabOff - filetabOff);
    // The functab's end marker is the last function's.
    if (funcs.length > 0)
        charge(funcs[funcs.length - 1].name, functabSize - nfunc * 8);
    return {
        byName,
        unowned: tab.length - owned,
        funcdata,
        funcs: funcs.map(({ name, entry, inline }) => ({ name, entry, ...(inline ? { inline } : {}) })),
        textStart
    };
}
/**
 * Splits go.func.* (funcdata: stack maps, inline trees, argument info, open-coded defers) among functions: each
 * piece from its start to the next piece's, to the first function whose _func refers to it. `size` is the
 * carrier's extent; bytes before the first piece are returned as unowned.
 */
function funcdataShares(starts, size) {
    const byName = new Map();
    const offs = [...starts.keys()].filter(o => o < size).sort((a, b) => a - b);
    for (let k = 0; k < offs.length; k++) {
        const name = starts.get(offs[k]);
        const n = (offs[k + 1] ?? size) - offs[k];
        byName.set(name, (byName.get(name) ?? 0) + n);
    }
    return { byName, unowned: offs.length ? offs[0] : size };
}
/**
 * The function whose source an instruction comes from: for code the compiler inlined, the innermost inlined
 * callee (the inline tree in funcdata, indexed by PCDATA_InlTreeIndex at that pc, as the runtime's tracebacks
 * read it), else the function itself. `gofunc` is the bytes of go.func.* onwards. A small accessor inlined into
 * another package's code so still points at its own package's data.
 */
function sourceFunction(tab, littleEndian, gofunc) {
    const view = new DataView(tab.buffer, tab.byteOffset, tab.byteLength);
    const fview = new DataView(gofunc.buffer, gofunc.byteOffset, gofunc.byteLength);
    const go120 = view.getUint32(0, littleEndian) === 0xfffffff1;
    const ptrSize = tab[7];
    const minLC = tab[6];
    const word = (0,_elf_js__WEBPACK_IMPORTED_MODULE_0__/* .wordReader */ .EA)(tab, ptrSize, littleEndian);
    const funcnameOff = word(8 + 3 * ptrSize);
    const pctabOff = word(8 + 6 * ptrSize);
    const names = new Map();
    const nameAt = (off) => {
        let name = names.get(off);
        if (name === undefined) {
            let end = funcnameOff + off;
            while (end < tab.length && tab[end] !== 0)
                end++;
            name = Buffer.from(tab.buffer, tab.byteOffset + funcnameOff + off, end - funcnameOff - off).toString('latin1');
            names.set(off, name);
        }
        return name;
    };
    // Go 1.19: parent int16, funcID, pad, file, line, func_ (name offset), parentPc; 1.20: funcID, pad 3, nameOff, parentPc, startLine.
    const [size, nameField] = go120 ? [16, 4] : [20, 12];
    // Each function's table decoded once: the pcs where a value ends, and the values.
    const tables = new Map();
    const decode = (f, pcdata) => {
        const ends = [];
        const vals = [];
        let p = pctabOff + pcdata;
        const varint = () => {
            let v = 0;
            for (let shift = 0; p < tab.length; shift += 7) {
                const b = tab[p++];
                v += (b & 0x7f) * 2 ** shift;
                if ((b & 0x80) === 0)
                    break;
            }
            return v;
        };
        let val = -1;
        let at = f.entry;
        for (let first = true; p < tab.length; first = false) {
            if (tab[p] === 0 && !first)
                break;
            const uv = varint();
            val += uv % 2 === 1 ? -((uv + 1) / 2) : uv / 2;
            at += varint() * minLC;
            ends.push(at);
            vals.push(val);
        }
        return { ends, vals };
    };
    return (f, pc) => {
        if (!f.inline)
            return f.name;
        let t = tables.get(f);
        if (!t)
            tables.set(f, (t = decode(f, f.inline.pcdata)));
        let l = 0;
        let h = t.ends.length;
        while (l < h) {
            const mid = (l + h) >> 1;
            if (pc < t.ends[mid])
                h = mid;
            else
                l = mid + 1;
        }
        const val = t.vals[l] ?? -1;
        const rec = f.inline.tree + val * size;
        if (val < 0 || rec + size > gofunc.length)
            return f.name;
        return nameAt(fview.getInt32(rec + nameField, littleEndian));
    };
}


/***/ }),

/***/ 3943:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   Bs: () => (/* binding */ maskCredentials),
/* harmony export */   JD: () => (/* binding */ splitCredentials),
/* harmony export */   M6: () => (/* binding */ goToolName)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
// What a go-download-base-url means to the installer: its form for logs, its credentials, and its tool-cache name.

/** Go's own download sites: their releases share the tool cache with the runner's stock Go under "go". */
const OFFICIAL = new Set(['https://go.dev/dl', 'https://golang.org/dl']);
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*@)/i;
/**
 * The URL as it may be shown: `user:token@` becomes `***@`. Works on any text that starts with a URL, parsable
 * or not, so a malformed input is redacted too.
 */
function redactUrl(url) {
    return url.replace(USERINFO, '$1***@');
}
/**
 * The URL without its userinfo, and the Basic authorization that userinfo stands for (fetch refuses URLs with
 * credentials, and would echo them in its error).
 */
function splitCredentials(url) {
    const m = USERINFO.exec(url);
    if (!m)
        return { url, headers: {} };
    const info = m[2].slice(0, -1);
    const [user = '', password = ''] = info.split(/:(.*)/s);
    const plain = `${safeDecode(user)}:${safeDecode(password)}`;
    return {
        url: url.replace(USERINFO, '$1'),
        headers: { authorization: `Basic ${Buffer.from(plain).toString('base64')}` }
    };
}
/** Registers the userinfo of the URL (raw and decoded, and the password alone) as secrets. */
function maskCredentials(url, logger) {
    const m = USERINFO.exec(url);
    if (!m)
        return;
    const info = m[2].slice(0, -1);
    const [, password = ''] = info.split(/:(.*)/s);
    for (const secret of new Set([info, safeDecode(info), password, safeDecode(password)])) {
        if (secret)
            logger.mask(secret);
    }
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}
/** The base URL compared as a location: no userinfo, no trailing slash, scheme and host in lower case. */
function canonical(baseUrl) {
    const bare = splitCredentials(baseUrl.trim()).url.replace(/\/+$/, '');
    try {
        const u = new URL(bare);
        return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
    }
    catch {
        return bare;
    }
}
/**
 * The tool-cache name for Go from this mirror. The cache is keyed by tool, version and arch only, so a mirror
 * that serves its own builds (FIPS, patched) must not share "go" with go.dev's releases, or the runner's stock
 * Go 1.22.5 would satisfy a request meant for the mirror's 1.22.5 (setup-go keeps such builds apart too). The
 * credentials are left out of the key, so rotating a token keeps the cache.
 */
function goToolName(baseUrl) {
    const c = canonical(baseUrl);
    if (OFFICIAL.has(c))
        return 'go';
    return `go-custom-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(c).digest('hex').slice(0, 12)}`;
}


/***/ }),

/***/ 84815:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aG: () => (/* binding */ TransferError),
/* harmony export */   ho: () => (/* binding */ open),
/* harmony export */   wP: () => (/* binding */ timeoutsFor),
/* harmony export */   x8: () => (/* binding */ readBody),
/* harmony export */   xv: () => (/* binding */ causeText)
/* harmony export */ });
/* unused harmony export DEFAULT_BUDGETS */
/* harmony import */ var _http_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(49729);
/* harmony import */ var _http_transport_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33005);
/* harmony import */ var _mirror_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3943);
// Bounded-time HTTP for the Go installer: a limit on waiting for the response to start and on silence inside its body, with causes the shared retry policy reads.



/** The budgets; the connect and idle timeouts are the transport's (registry-timeout) unless a test sets them. */
const DEFAULT_BUDGETS = {
    listBudgetMs: 3 * 60_000,
    downloadBudgetMs: 20 * 60_000
};
/** The time limits for a fetch: its own idle timeout as both the connect and the idle limit, and the budgets. */
function timeoutsFor(fetch, over = {}) {
    const silence = (0,_http_transport_js__WEBPACK_IMPORTED_MODULE_1__/* .silenceOf */ .Dp)(fetch);
    return { connectMs: silence, idleMs: silence, ...DEFAULT_BUDGETS, ...over };
}
/**
 * Why a transfer stopped early; the message names the (redacted) URL, how far it got and the limit. Its cause
 * says what happened in the terms the retry policy reads: a silence, the budget, or fetch's own error.
 */
class TransferError extends Error {
    constructor(message, cause) {
        super(message, { cause });
        this.name = 'TransferError';
    }
}
const seconds = (ms) => `${+(ms / 1000).toFixed(3)} s`;
/**
 * Races a promise against a timer: on expiry, abort() is called (so the socket is released) and the result is
 * the error from onTimeout.
 */
async function within(p, ms, abort, onTimeout) {
    let timer;
    const expired = new Promise((_, reject) => {
        timer = setTimeout(() => {
            abort();
            reject(onTimeout());
        }, ms);
    });
    try {
        return await Promise.race([p, expired]);
    }
    finally {
        clearTimeout(timer);
    }
}
/** fetch's "fetch failed" hides the reason in its cause: the code (ECONNREFUSED) or its message. */
function causeText(e) {
    if (e instanceof _http_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BudgetError */ .Wp)
        return e.message;
    const err = e;
    return err.cause?.code ?? err.cause?.message ?? err.message;
}
/** GET url (credentials in it become a Basic authorization header) and wait at most connectMs for the response headers. */
async function open(fetchFn, url, connectMs, what, 
/** The retry loop's budget: it ends the request when spent. */
signal) {
    const { url: bare, headers } = (0,_mirror_js__WEBPACK_IMPORTED_MODULE_2__/* .splitCredentials */ .JD)(url);
    const controller = new AbortController();
    const abort = () => controller.abort();
    const both = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
    const res = await within(fetchFn(bare, { headers, signal: both, redirect: 'follow' }), connectMs, abort, () => new TransferError(`${what} ${(0,_mirror_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(url)}: no response within ${seconds(connectMs)} (the connect timeout)`, new _http_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SilenceError */ .e3('answer', connectMs))).catch((e) => {
        if (e instanceof TransferError)
            throw e;
        throw new TransferError(`${what} ${(0,_mirror_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(url)}: ${causeText(e)}`, e);
    });
    return { res, abort };
}
/**
 * Reads a body chunk by chunk, failing when no chunk arrives for idleMs or when the deadline (from now()) passes.
 * onChunk sees every chunk in order; received(n) is reported in the error.
 */
async function readBody(opened, o) {
    const now = o.now ?? Date.now;
    const body = opened.res.body;
    if (!body)
        return 0;
    const reader = body.getReader();
    let received = 0;
    const stop = () => {
        opened.abort();
        void reader.cancel().catch(() => undefined);
    };
    try {
        for (;;) {
            const left = o.budget ? o.budget.deadline - now() : Infinity;
            const limit = Math.min(o.idleMs, Math.max(left, 0));
            const overBudget = left <= o.idleMs;
            const { done, value } = await within(reader.read(), limit, stop, () => overBudget
                ? new TransferError(`${o.what} ${(0,_mirror_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(o.url)} ran out of time after ${received} bytes: its budget of ${seconds(o.budget?.ms ?? 0)} was spent`, new _http_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BudgetError */ .Wp(o.budget?.ms ?? 0))
                : new TransferError(`${o.what} ${(0,_mirror_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(o.url)} stalled: no data for ${seconds(o.idleMs)} (the idle timeout) after ${received} bytes`, new _http_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SilenceError */ .e3('body', o.idleMs))).catch((e) => {
                if (e instanceof TransferError)
                    throw e;
                throw new TransferError(`${o.what} ${(0,_mirror_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(o.url)} broke off after ${received} bytes: ${causeText(e)}`, e);
            });
            if (done)
                return received;
            received += value.byteLength;
            await o.onChunk(value);
        }
    }
    finally {
        try {
            reader.releaseLock();
        }
        catch {
            // A read still pending after a timeout: the stream is cancelled anyway.
        }
    }
}


/***/ }),

/***/ 49729:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fi: () => (/* binding */ otherProtocol),
/* harmony export */   Rc: () => (/* binding */ Transient),
/* harmony export */   Wp: () => (/* binding */ BudgetError),
/* harmony export */   XL: () => (/* binding */ causeCode),
/* harmony export */   YA: () => (/* binding */ seconds),
/* harmony export */   _F: () => (/* binding */ timeoutKind),
/* harmony export */   e3: () => (/* binding */ SilenceError),
/* harmony export */   kL: () => (/* binding */ tlsFailure),
/* harmony export */   kc: () => (/* binding */ errorText),
/* harmony export */   m2: () => (/* binding */ budgetSpent),
/* harmony export */   ps: () => (/* binding */ causes)
/* harmony export */ });
// What went wrong with a request that got no usable answer, in terms the retry policy and the messages share: a silence, a spent budget, a reset, TLS.
/** A request that went silent for longer than the idle timeout, raised by the transport's own watchdog. */
class SilenceError extends Error {
    phase;
    limitMs;
    constructor(
    /**
     * 'send': the server stopped taking the request body; 'answer': it took the request and never answered;
     * 'body': its answer's body stopped coming.
     */
    phase, limitMs) {
        super(phase === 'send'
            ? `the server stopped reading the request for ${limitMs} ms`
            : phase === 'answer'
                ? `no answer within ${limitMs} ms`
                : `no data for ${limitMs} ms`);
        this.phase = phase;
        this.limitMs = limitMs;
        this.name = 'SilenceError';
    }
}
/** A logical request whose total budget ran out (attempts, waits and reading included). */
class BudgetError extends Error {
    budgetMs;
    constructor(budgetMs) {
        super(`its budget of ${seconds(budgetMs)} was spent`);
        this.budgetMs = budgetMs;
        this.name = 'BudgetError';
    }
}
/**
 * An attempt's failure its caller knows to be worth another try though no transport error says so: a download
 * whose bytes do not match their checksum the first time.
 */
class Transient extends Error {
    constructor(message) {
        super(message);
        this.name = 'Transient';
    }
}
const seconds = (ms) => `${+(ms / 1000).toFixed(1)} s`;
/** An error and its causes, nearest first (fetch says "fetch failed" and hides the reason a level or two down). */
function causes(e) {
    const out = [];
    for (let c = e, i = 0; c !== undefined && c !== null && i < 5; i++) {
        out.push(c);
        c = c.cause;
    }
    return out;
}
/** The first error code along the chain of causes. */
function causeCode(e) {
    for (const c of causes(e)) {
        const code = c.code;
        if (typeof code === 'string')
            return code;
    }
    return undefined;
}
/** Which time limit an error from the transport is: connecting, waiting for the answer, or inside its body. */
function timeoutKind(e) {
    const silence = causes(e).find(c => c instanceof SilenceError);
    if (silence)
        return silence.phase;
    const code = causeCode(e);
    if (code === 'UND_ERR_CONNECT_TIMEOUT')
        return 'connect';
    if (code === 'UND_ERR_HEADERS_TIMEOUT')
        return 'answer';
    if (code === 'UND_ERR_BODY_TIMEOUT')
        return 'body';
    return undefined;
}
/** Whether the budget of a logical request ended it. */
function budgetSpent(e) {
    return causes(e).some(c => c instanceof BudgetError);
}
/**
 * 'certificate' when TLS refused the server's certificate; 'protocol' when the other side does not speak TLS
 * (a plain-http port asked for https). Neither is worth another attempt.
 */
function tlsFailure(e) {
    const code = causeCode(e) ?? '';
    if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID/.test(code)) {
        return 'certificate';
    }
    const message = e?.cause?.message ?? '';
    if (/^ERR_SSL_(WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST)$/.test(code)) {
        return 'protocol';
    }
    if (/wrong version number|packet length too long/i.test(message))
        return 'protocol';
    return undefined;
}
/**
 * Whether a request failed the way one in the other protocol does: https to a plain-http port fails the
 * handshake, plain http to a TLS port has its connection closed. A refused connection or a silence says nothing
 * about the protocol.
 */
function otherProtocol(e) {
    return (tlsFailure(e) === 'protocol' ||
        ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'].includes(causeCode(e) ?? ''));
}
/** fetch's "fetch failed" hides the reason in its cause: say it in words, with the code beside. */
function errorText(e) {
    const err = e;
    const c = err.cause;
    if (!c || err instanceof BudgetError)
        return err.message;
    return c.message && c.code ? `${c.message} (${c.code})` : (c.message ?? c.code ?? err.message);
}


/***/ }),

/***/ 83084:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fd: () => (/* binding */ retryableStatus),
/* harmony export */   LD: () => (/* binding */ decide),
/* harmony export */   f8: () => (/* binding */ errorKind),
/* harmony export */   p6: () => (/* binding */ RETRY)
/* harmony export */ });
/* unused harmony exports retryableError, backoffMs */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(49729);
// The one retry policy of every request the action makes: what is worth another attempt, how long to wait, and when the budget says stop.

const RETRY = {
    attempts: 5,
    baseMs: 500,
    capMs: 8_000,
    retryAfterCapMs: 30_000
};
/** Whether a status is worth another try: timeouts, rate limits and server errors, never other 4xx. */
function retryableStatus(status) {
    return status === 408 || status === 429 || status >= 500;
}
/** Connection failures that another attempt on a new connection may not meet. */
const TRANSIENT = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED',
    'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'
]);
/**
 * What an error that ended an attempt was: a silence (ours or undici's), a dropped or refused connection, a TLS
 * refusal, the budget, the caller's own abort, or something else (a bad URL, an unknown host, a bug).
 */
function errorKind(e) {
    if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .budgetSpent */ .m2)(e))
        return 'budget';
    if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .timeoutKind */ ._F)(e))
        return 'timeout';
    if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .causes */ .ps)(e).some(c => c instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .Transient */ .Rc))
        return 'reset';
    if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .tlsFailure */ .kL)(e))
        return 'tls';
    if (e?.name === 'AbortError')
        return 'aborted';
    if (TRANSIENT.has((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .causeCode */ .XL)(e) ?? ''))
        return 'reset';
    // undici ends a body the server cut short with "terminated" and the socket error as its cause.
    if (e?.message === 'terminated')
        return 'reset';
    return 'other';
}
/** Whether an error is worth another attempt: silences and dropped connections, nothing else. */
function retryableError(e) {
    const kind = errorKind(e);
    return kind === 'timeout' || kind === 'reset';
}
/**
 * How long to wait before attempt n+1: Retry-After (seconds or an HTTP date) up to a cap, else an exponential
 * backoff with jitter (half of it random), so parallel requests that failed together do not retry together.
 */
function backoffMs(attempt, retryAfter, now = Date.now(), random = Math.random, policy = RETRY) {
    const raw = retryAfter?.trim() ?? '';
    const secs = raw ? Number(raw) : NaN;
    if (Number.isFinite(secs) && secs >= 0)
        return Math.min(secs * 1000, policy.retryAfterCapMs);
    const date = /[a-z]/i.test(raw) ? Date.parse(raw) : NaN;
    if (Number.isFinite(date))
        return Math.min(Math.max(date - now, 0), policy.retryAfterCapMs);
    const base = Math.min(policy.baseMs * 2 ** attempt, policy.capMs);
    return Math.round(base / 2 + (base / 2) * random());
}
/**
 * The decision after attempt `attempt` (0-based): retry after waitMs, or stop and say why. No attempt starts
 * that one more silence of silenceMs would carry past the deadline, so a silent server fails within the budget.
 */
function decide(o) {
    const policy = o.policy ?? RETRY;
    const { outcome } = o;
    const error = 'error' in outcome ? outcome : undefined;
    if (error ? !retryableError(error.error) : !retryableStatus(outcome.status)) {
        return { retry: false, why: error ? 'permanent' : 'answer' };
    }
    if (o.attempt + 1 >= policy.attempts)
        return { retry: false, why: 'attempts' };
    const retryAfter = 'retryAfter' in outcome ? outcome.retryAfter : null;
    const waitMs = backoffMs(o.attempt, retryAfter, o.now, o.random, policy);
    if (o.now + waitMs + o.silenceMs > o.deadline)
        return { retry: false, why: 'budget' };
    return { retry: true, waitMs, fresh: !!error && errorKind(error.error) === 'timeout' };
}


/***/ }),

/***/ 28394:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M9: () => (/* binding */ serviceFetch),
/* harmony export */   P1: () => (/* binding */ serviceBudget),
/* harmony export */   R$: () => (/* binding */ retrying),
/* harmony export */   SS: () => (/* binding */ describeOutcome),
/* harmony export */   TL: () => (/* binding */ GaveUp)
/* harmony export */ });
/* unused harmony export unanswered */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(49729);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83084);
/* harmony import */ var _transport_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(33005);



/** A logical request that failed with no answer to keep: its last error, and how many attempts in how long. */
class GaveUp extends Error {
    attempts;
    ms;
    why;
    constructor(message, attempts, ms, options, 
    /** Why the loop stopped: the error is the same on every try, or the attempts or the budget are spent. */
    why = 'permanent') {
        super(message, options);
        this.attempts = attempts;
        this.ms = ms;
        this.why = why;
        this.name = 'GaveUp';
    }
}
/** A wait that ends early, rejecting, when signal aborts (on the global timers, which tests can fake). */
const sleeper = (ms, signal) => new Promise((resolve, reject) => {
    const abort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
    };
    const timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort);
        resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
});
/** An outcome in a few words, for a log line. */
const describeOutcome = (outcome) => 'error' in outcome ? (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .kc)(outcome.error) : `HTTP ${outcome.status}`;
/**
 * Runs attempt(n, signal) until the policy says stop. The signal aborts at the deadline (with a BudgetError), so
 * an attempt that reads a body is bounded as a whole; it stays armed after the loop returns, for a body the
 * caller reads later. A value whose outcome the policy would retry is discarded (its body cancelled) before the
 * next attempt; the last one is returned as it is. An error that ends the loop is thrown as a GaveUp whose
 * cause is the attempt's error. onFresh is called when the policy wants a new connection.
 */
async function retrying(o, attempt, judge = () => ({ status: 200 }), hooks = {}) {
    const now = o.now ?? Date.now;
    const sleep = o.sleep ?? sleeper;
    const start = now();
    const deadline = start + o.budgetMs;
    const budget = new AbortController();
    setTimeout(() => budget.abort(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BudgetError */ .Wp(o.budgetMs)), o.budgetMs).unref();
    const signal = o.signal ? AbortSignal.any([o.signal, budget.signal]) : budget.signal;
    for (let n = 0;; n++) {
        o.signal?.throwIfAborted();
        let outcome;
        let value;
        try {
            value = await attempt(n, signal);
            outcome = judge(value);
        }
        catch (e) {
            if (o.signal?.aborted)
                throw o.signal.reason;
            // The budget's abort may surface as whatever undici wraps it in; name it for what it is.
            const error = budget.signal.aborted && !(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .budgetSpent */ .m2)(e) ? budget.signal.reason : e;
            outcome = { error };
        }
        const verdict = (0,_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .decide */ .LD)({
            outcome,
            attempt: n,
            now: now(),
            deadline,
            silenceMs: o.silenceMs,
            random: o.random,
            policy: o.policy
        });
        if (!verdict.retry) {
            const ms = now() - start;
            if ('error' in outcome) {
                const why = verdict.why === 'answer' ? 'permanent' : verdict.why;
                throw new GaveUp((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .kc)(outcome.error), n + 1, ms, { cause: outcome.error }, why);
            }
            const why = verdict.why === 'permanent' ? 'answer' : verdict.why;
            return { value: value, attempts: n + 1, ms, why };
        }
        if (value !== undefined)
            await hooks.discard?.(value);
        if (verdict.fresh)
            hooks.onFresh?.();
        o.onRetry?.({ attempt: n, waitMs: verdict.waitMs, outcome });
        await sleep(verdict.waitMs, signal);
    }
}
/** The budget of one request to a service: two silences and the waits between them, at most 150 s. */
function serviceBudget(silenceMs) {
    return Math.min(150_000, Math.round(2.5 * silenceMs));
}
/**
 * A fetch for a service's API: each request is attempts of the one-attempt fetch under the policy, within its
 * budget; a failure with no answer is a GaveUp whose message names the service, the request, the limit and the
 * count. An answer the policy would still retry when the budget ends (a 503) is returned for the caller to read.
 */
function serviceFetch(fetch, o) {
    const silenceMs = (0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .silenceOf */ .Dp)(fetch);
    const now = o.now ?? Date.now;
    const overall = o.overallMs === undefined ? undefined : now() + o.overallMs;
    const bounded = async (input, init = {}) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const method = (init.method ?? 'GET').toUpperCase();
        let budgetMs = o.budgetMs ?? serviceBudget(silenceMs);
        if (overall !== undefined)
            budgetMs = Math.max(Math.min(budgetMs, overall - now()), 0);
        try {
            const { value } = await retrying({
                budgetMs,
                silenceMs,
                now,
                sleep: o.sleep,
                random: o.random,
                signal: init.signal ?? undefined
            }, (_n, signal) => fetch(input, { ...init, signal }), res => ({ status: res.status, retryAfter: res.headers.get('retry-after') }), {
                discard: res => res.body?.cancel() ?? Promise.resolve(),
                onFresh: () => (0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .freshConnection */ .tJ)(fetch, url)
            });
            return value;
        }
        catch (e) {
            if (!(e instanceof GaveUp))
                throw e;
            const message = unanswered(o, method, url, e, silenceMs, budgetMs);
            throw new GaveUp(message, e.attempts, e.ms, { cause: e.cause }, e.why);
        }
    };
    return bounded;
}
/** The sentence for a request that got no answer: the service, the request, the limit it hit and the count. */
function unanswered(o, method, url, e, silenceMs, budgetMs) {
    const who = `${o.service} (${url.host})`;
    const request = `${method} ${url.pathname}`;
    const limit = `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .seconds */ .YA)(silenceMs)}${o.timeoutInput ? ` (${o.timeoutInput})` : ''}`;
    const times = `gave up after ${e.attempts} attempt${e.attempts === 1 ? '' : 's'} in ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .seconds */ .YA)(e.ms)}`;
    const kind = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .timeoutKind */ ._F)(e.cause);
    const what = (0,_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .errorKind */ .f8)(e.cause) === 'budget'
        ? `did not finish ${request} within its budget of ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .seconds */ .YA)(budgetMs)}`
        : kind === 'connect'
            ? `could not be connected to within ${limit}`
            : kind === 'send'
                ? `stopped reading ${request} for ${limit}`
                : kind === 'body'
                    ? `stopped sending its answer to ${request} for ${limit}`
                    : kind === 'answer'
                        ? `did not answer ${request} within ${limit}`
                        : `could not be reached for ${request}: ${e.message}`;
    return `${who} ${what}; ${times}`;
}


/***/ }),

/***/ 33005:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dp: () => (/* binding */ silenceOf),
/* harmony export */   k6: () => (/* binding */ httpTransport),
/* harmony export */   t1: () => (/* binding */ DEFAULT_TIMEOUT_MS),
/* harmony export */   tJ: () => (/* binding */ freshConnection)
/* harmony export */ });
/* unused harmony export hostMatches */
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41692);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46752);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49729);
// One attempt at a request, on undici: a connect and an idle timeout, the TLS trust of the host it goes to, and a fresh connection when asked.



/** Drops the origin's connections when the fetch is ours; a fetch a test passed has none to drop. */
function freshConnection(fetch, url) {
    ;
    fetch.fresh?.(url);
}
/** The idle timeout a fetch applies: ours says; any other gets the default registry-timeout. */
function silenceOf(fetch) {
    return fetch.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}
const DEFAULT_TIMEOUT_MS = 60_000;
/** Request bodies go in chunks of this size: progress is seen per chunk the socket takes. */
const CHUNK = 64 * 1024;
/**
 * The roots Node trusts by default, to which a CA file is added: a `ca` option replaces them, and the token
 * server or a blob store may well have a public certificate.
 */
function defaultRoots() {
    // 'default' holds NODE_EXTRA_CA_CERTS too, which tls.rootCertificates lacks (Node 22.15+, engines' minimum).
    return node_tls__WEBPACK_IMPORTED_MODULE_0__.getCACertificates('default');
}
/** Whether url is one of the hosts: the same name, and the same port (a bare name stands for 80 and 443). */
function hostMatches(url, hosts) {
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return hosts.some(h => {
        let entry;
        try {
            entry = new URL(`http://${h}`);
        }
        catch {
            return false;
        }
        if (entry.hostname.toLowerCase() !== url.hostname.toLowerCase())
            return false;
        return entry.port ? entry.port === port : port === '80' || port === '443';
    });
}
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;
/**
 * Sends each request to an Agent of its own origin, made with that host's TLS options, so trust given to one
 * host never reaches another: not through a redirect, not through a token realm elsewhere.
 */
class HostRouter extends undici__WEBPACK_IMPORTED_MODULE_1__.Dispatcher {
    o;
    agents = new Map();
    constructor(o) {
        super();
        this.o = o;
    }
    agentFor(origin) {
        let agent = this.agents.get(origin);
        if (!agent) {
            const url = new URL(origin);
            const insecure = hostMatches(url, this.o.insecureHosts ?? []);
            // HTTPS_PROXY, HTTP_PROXY and NO_PROXY as @actions/http-client honours them (Octokit's and the OIDC token's
            // client before this layer), loopback never proxied, as there.
            const Dispatch = LOOPBACK.test(url.hostname) ? undici__WEBPACK_IMPORTED_MODULE_1__.Agent : undici__WEBPACK_IMPORTED_MODULE_1__.EnvHttpProxyAgent;
            agent = new Dispatch({
                connect: {
                    timeout: this.o.timeoutMs,
                    ...(this.o.ca ? { ca: [...defaultRoots(), this.o.ca] } : {}),
                    ...(insecure ? { rejectUnauthorized: false } : {})
                },
                // The watchdog in send() bounds the wait for the head: undici's headers timeout runs from the first byte
                // sent, so it would cut a slow upload that is still making progress.
                headersTimeout: 0,
                bodyTimeout: this.o.timeoutMs
            });
            this.agents.set(origin, agent);
        }
        return agent;
    }
    dispatch(opts, handler) {
        return this.agentFor(new URL(String(opts.origin)).origin).dispatch(opts, handler);
    }
    /** Later requests to origin get a new Agent; the old one finishes what it carries, then closes. */
    fresh(origin) {
        const agent = this.agents.get(origin);
        if (!agent)
            return;
        this.agents.delete(origin);
        void agent.close().catch(() => undefined);
    }
    async close() {
        const all = [...this.agents.values()];
        this.agents.clear();
        await Promise.all(all.map(a => a.close()));
    }
    async destroy() {
        const all = [...this.agents.values()];
        this.agents.clear();
        await Promise.all(all.map(a => a.destroy()));
    }
}
/**
 * A replayable body as a stream that counts as progress each chunk the socket takes. After the last chunk the
 * watchdog also covers what the socket buffers still hold (a few MB at most), which the server drains in far less
 * than any sensible limit.
 */
function progressBody(data, chunk, progress) {
    let offset = 0;
    return new ReadableStream({
        pull(controller) {
            progress(offset >= data.length);
            if (offset >= data.length) {
                controller.close();
                return;
            }
            controller.enqueue(data.subarray(offset, offset + chunk));
            offset += chunk;
        }
    }, { highWaterMark: 0 });
}
/**
 * A fetch whose requests each fail after timeoutMs of silence: connecting (undici's connect timeout), sending
 * the body or waiting for the answer (a watchdog re-armed by every chunk sent), and inside the answer's body
 * (undici's body timeout, which counts silence between chunks). One attempt: retries are the caller's, under
 * the policy (src/http/retry.ts).
 */
function httpTransport(o) {
    const router = new HostRouter(o);
    const fetch = async (input, init = {}) => {
        const watchdog = new AbortController();
        let phase = 'answer';
        let timer;
        const arm = () => {
            clearTimeout(timer);
            timer = setTimeout(() => watchdog.abort(new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SilenceError */ .e3(phase, o.timeoutMs)), o.timeoutMs);
        };
        arm();
        const signal = init.signal ? AbortSignal.any([init.signal, watchdog.signal]) : watchdog.signal;
        const headers = new Headers(init.headers);
        let body = init.body;
        if (Buffer.isBuffer(body)) {
            const data = body;
            // A stream has no length of its own; without the header undici would send it chunked.
            if (!headers.has('content-length'))
                headers.set('content-length', String(data.length));
            phase = 'send';
            body = progressBody(data, CHUNK, done => {
                phase = done ? 'answer' : 'send';
                arm();
            });
        }
        try {
            const res = await (0,undici__WEBPACK_IMPORTED_MODULE_1__.fetch)(input, {
                ...init,
                headers,
                body,
                signal,
                dispatcher: router,
                ...(body instanceof ReadableStream ? { duplex: 'half' } : {})
            });
            return res;
        }
        catch (e) {
            // The watchdog aborts with its SilenceError as the reason; say which phase went silent.
            if (watchdog.signal.aborted && !init.signal?.aborted)
                throw watchdog.signal.reason;
            throw e;
        }
        finally {
            clearTimeout(timer);
        }
    };
    return Object.assign(fetch, {
        timeoutMs: o.timeoutMs,
        fresh: (url) => router.fresh(new URL(String(url)).origin),
        close: () => router.close()
    });
}


/***/ }),

/***/ 86356:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  isPost: () => (/* binding */ isPost),
  post: () => (/* binding */ main_post),
  run: () => (/* binding */ main_run)
});

// UNUSED EXPORTS: buildCacheOf

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/ports.js
var ports = __webpack_require__(30391);
;// CONCATENATED MODULE: ./lib/compile/ldflags.js

function expandLdflags(raw, vars) {
    const out = raw.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (all, name) => {
        if (!Object.hasOwn(vars, name)) {
            throw new ports/* InputError */.d(`ldflags: '${all}' is not a known variable. Use {{.Version}}, {{.Commit}} or {{.Date}}.`);
        }
        return vars[name];
    });
    if (out.includes('{{')) {
        throw new ports/* InputError */.d(`ldflags: '${raw}' has a template that is not {{.Version}}, {{.Commit}} or {{.Date}}.`);
    }
    return out;
}
/**
 * Checks ldflags the way `go build` splits them (cmd/internal/quoted): a quote opens an argument only at its
 * start and must be closed; a quote inside a word is kept literally, which splits `-X main.v='a b'` into two
 * broken arguments. Both are refused here, before a build, rather than as the linker's raw flag error after it.
 */
function checkLdflags(raw) {
    const fix = "Quote a whole argument, e.g. -X 'main.version=1.0 beta' (or with \" when the value holds a ').";
    let s = raw;
    for (;;) {
        s = s.replace(/^[ \t\n\r]+/, '');
        if (s === '')
            return raw;
        const q = s[0];
        if (q === '"' || q === "'") {
            const end = s.indexOf(q, 1);
            if (end < 0)
                throw new ports/* InputError */.d(`ldflags: '${raw}' has an unterminated ${q} quote (at ${s}). ${fix}`);
            s = s.slice(end + 1);
            continue;
        }
        const word = /^[^ \t\n\r]*/.exec(s)[0];
        if (/["']/.test(word))
            throw new ports/* InputError */.d(`ldflags: '${raw}' has a quote inside the word ${word}, which go build passes on literally. ${fix}`);
        s = s.slice(word.length);
    }
}
/** Version is the Git tag being built, else the short commit, else "dev"; Date is the source date epoch. */
function ldflagsVars(github, gitCommit, date) {
    const commit = github.sha || gitCommit || 'unknown';
    const { tag } = github.git;
    const version = tag ?? (/^[0-9a-f]{7,}$/.test(commit) ? commit.slice(0, 7) : 'dev');
    return { Version: version, Commit: commit, Date: date };
}

// EXTERNAL MODULE: ./lib/platform.js
var lib_platform = __webpack_require__(82480);
;// CONCATENATED MODULE: ./lib/compile/cgo.js
// Decides how a cgo build is compiled and linked per platform (the C compiler, its C library, flags), and refuses what cannot work before the build.



function parseCgoMode(raw) {
    const v = raw.trim().toLowerCase();
    if (v === '' || v === 'off' || v === 'false')
        return 'off';
    if (v === 'static' || v === 'dynamic')
        return v;
    throw new ports/* InputError */.d(`cgo: '${raw.trim()}' is not a cgo mode. Use off (the default: CGO_ENABLED=0), static (link the C library into ` +
        `the binary, musl preferred) or dynamic (ship the binary's shared libraries in a libraries layer).`);
}
/** Reads cc or cgo-sysroot; every platform named must be one the build has. */
function parsePerPlatform(raw, name, platforms) {
    const lines = raw
        .split('\n')
        .map(s => s.trim())
        .filter(s => s && !s.startsWith('#'));
    const out = { byPlatform: {} };
    const example = name === 'cc' ? 'linux/arm64=aarch64-linux-gnu-gcc' : 'linux/arm64=/srv/sysroot-arm64';
    // A lone value with no platform in front is for every platform (a compiler path may hold '=' only after a '/').
    if (lines.length === 1 && !/^linux\/[^=]+=/.test(lines[0])) {
        out.all = lines[0];
        return out;
    }
    const known = new Set(platforms.map(lib_platform/* platformKey */.Ng));
    for (const line of lines) {
        const eq = line.indexOf('=');
        const value = eq > 0 ? line.slice(eq + 1).trim() : '';
        if (eq <= 0 || !value) {
            throw new ports/* InputError */.d(`${name}: '${line}' is not PLATFORM=VALUE. Write one value for every platform, or one PLATFORM=VALUE a line, e.g. ${example}.`);
        }
        const key = (0,lib_platform/* platformKey */.Ng)((0,lib_platform/* parsePlatforms */.qA)(line.slice(0, eq).trim())[0]);
        if (!known.has(key)) {
            throw new ports/* InputError */.d(`${name}: '${line}' names ${key}, which is not in platforms (${[...known].join(', ')}). Name a platform the build has.`);
        }
        if (out.byPlatform[key] !== undefined)
            throw new ports/* InputError */.d(`${name}: ${key} is given twice; give each platform one value.`);
        out.byPlatform[key] = value;
    }
    return out;
}
function forPlatform(p, platform) {
    return p.byPlatform[(0,lib_platform/* platformKey */.Ng)(platform)] ?? p.all;
}
/** GNU triplets of Debian's cross compilers (gcc-TRIPLET) and Debian's architecture names (libc6-dev-ARCH-cross). */
const CROSS = {
    amd64: { triplet: 'x86_64-linux-gnu', debArch: 'amd64' },
    arm64: { triplet: 'aarch64-linux-gnu', debArch: 'arm64' },
    arm: { triplet: 'arm-linux-gnueabihf', debArch: 'armhf' },
    '386': { triplet: 'i686-linux-gnu', debArch: 'i386' },
    ppc64le: { triplet: 'powerpc64le-linux-gnu', debArch: 'ppc64el' },
    s390x: { triplet: 's390x-linux-gnu', debArch: 's390x' },
    riscv64: { triplet: 'riscv64-linux-gnu', debArch: 'riscv64' }
};
const STATIC_LDFLAGS = '-linkmode=external -extldflags=-static';
/**
 * The compiler, flags and tags of a cgo build for one platform; undefined without cgo. cgo: static prefers musl-gcc
 * (musl links statically without caveats), else gcc with glibc's static libraries; another platform than the
 * runner's needs a cc for it, and dynamic also a sysroot to find its libraries in.
 */
async function cgoBuild(o) {
    if (o.mode === 'off')
        return undefined;
    const name = (0,lib_platform/* platformString */.Fd)(o.platform);
    const native = o.platform.architecture === o.runnerArch;
    const cross = CROSS[o.platform.architecture];
    const explicit = forPlatform(o.cc, o.platform);
    const sysroot = forPlatform(o.sysroot, o.platform);
    if (!explicit && !native) {
        throw new ports/* InputError */.d(`cc: cgo: ${o.mode} for ${name} needs a C compiler for ${name}, and this runner is ${o.runnerArch}. Install a cross ` +
            `compiler (Debian/Ubuntu: sudo apt-get install gcc-${cross?.triplet ?? '<triplet>'}` +
            (o.mode === 'static' ? ` libc6-dev-${cross?.debArch ?? '<arch>'}-cross` : '') +
            `) and set cc: ${name}=${cross?.triplet ?? '<triplet>'}-gcc` +
            (o.mode === 'dynamic'
                ? `, and cgo-sysroot: ${name}=<a root with its shared libraries, e.g. /usr/${cross?.triplet ?? '<triplet>'}>`
                : '') +
            `; or build ${name} on a runner of that architecture.`);
    }
    if (o.mode === 'dynamic' && !native && !sysroot) {
        throw new ports/* InputError */.d(`cgo-sysroot: cgo: dynamic for ${name} needs the ${name} shared libraries to stage, and this runner is ${o.runnerArch}. ` +
            `Set cgo-sysroot: ${name}=DIR, a root holding them (Debian/Ubuntu: sudo apt-get install libc6-dev-${cross?.debArch ?? '<arch>'}-cross ` +
            `gives /usr/${cross?.triplet ?? '<triplet>'}), or use cgo: static.`);
    }
    const musl = explicit
        ? /musl/.test(explicit)
        : o.mode === 'static' && (await o.probe.which('musl-gcc'));
    const cc = explicit ?? (musl ? 'musl-gcc' : 'gcc');
    const command = cc.split(/\s+/)[0];
    if (!(await o.probe.which(command))) {
        throw new ports/* InputError */.d(explicit
            ? `cc: '${explicit}' for ${name} is not installed (not found on PATH). Install it (e.g. sudo apt-get install ` +
                `gcc-${cross?.triplet ?? '<triplet>'}) or correct cc.`
            : `cgo: ${o.mode} needs a C compiler and this runner has none. Install one: sudo apt-get install ` +
                `${o.mode === 'static' ? 'musl-tools (for musl-gcc) or gcc libc6-dev' : 'gcc libc6-dev'}.`);
    }
    const base = { CGO_ENABLED: '1', CC: cc };
    if (o.mode === 'dynamic') {
        return {
            mode: 'dynamic',
            cc,
            libc: musl ? 'musl' : 'glibc',
            env: base,
            ldflags: '',
            tags: [],
            root: native && !sysroot ? '/' : sysroot,
            notes: [`cgo: dynamic with ${cc}; the shared libraries it loads go into the libraries layer.`]
        };
    }
    if (!(await o.probe.printFileName(cc, 'libc.a'))) {
        const pkg = musl
            ? 'musl-dev (with musl-tools)'
            : native
                ? 'libc6-dev'
                : `libc6-dev-${cross?.debArch ?? '<arch>'}-cross`;
        throw new ports/* InputError */.d(`cgo: static for ${name}: ${cc} finds no static C library (libc.a), so it cannot link a static binary. ` +
            `Install ${pkg} (sudo apt-get install ${pkg.split(' ')[0]}), or use cgo: dynamic.`);
    }
    return {
        mode: 'static',
        cc,
        libc: musl ? 'musl' : 'glibc',
        env: base,
        ldflags: STATIC_LDFLAGS,
        // glibc: Go's own resolver and user lookups, so the Go side never goes through NSS.
        tags: musl ? [] : ['netgo', 'osusergo'],
        notes: musl
            ? [`cgo: static with musl (${cc}): the C library is linked into the binary.`]
            : [
                `cgo: static with glibc (${cc}, tags netgo,osusergo): musl-gcc was not found (sudo apt-get install musl-tools ` +
                    `to prefer it). glibc's NSS caveat: C code that looks up users, groups or hosts (getpwuid, getaddrinfo) ` +
                    `still loads NSS modules at run time, which a static binary in a scratch image does not have; the Go side ` +
                    `uses Go's own lookups (netgo, osusergo), and glibc 2.34 and later answer 'files' lookups ` +
                    `(/etc/passwd, /etc/hosts) without a module.`
            ]
    };
}
function parseCgoConfig(raw, workspace, platforms) {
    const cgo = parseCgoMode(raw.cgo);
    const cc = parsePerPlatform(raw.cc, 'cc', platforms);
    const sysroot = parsePerPlatform(raw.cgoSysroot, 'cgo-sysroot', platforms);
    const given = (p) => !!p.all || Object.keys(p.byPlatform).length > 0;
    for (const [name, value, text] of [
        ['cc', cc, raw.cc],
        ['cgo-sysroot', sysroot, raw.cgoSysroot]
    ]) {
        if (cgo === 'off' && given(value)) {
            throw new ports/* InputError */.d(`${name}: '${text.trim()}' is set but cgo is off. Set cgo: static or cgo: dynamic, or remove ${name}.`);
        }
    }
    if (cgo === 'static' && given(sysroot)) {
        throw new ports/* InputError */.d(`cgo-sysroot: '${raw.cgoSysroot.trim()}' is for cgo: dynamic (where the shared libraries are found); cgo: static ` +
            `links the C library into the binary. Remove cgo-sysroot, or set cgo: dynamic.`);
    }
    const resolve = (v) => external_node_path_.resolve(workspace, v);
    const cgoSysroot = {
        all: sysroot.all === undefined ? undefined : resolve(sysroot.all),
        byPlatform: Object.fromEntries(Object.entries(sysroot.byPlatform).map(([k, v]) => [k, resolve(v)]))
    };
    const debugRaw = raw.debug.trim().toLowerCase();
    if (debugRaw !== '' && debugRaw !== 'true' && debugRaw !== 'false') {
        throw new ports/* InputError */.d(`debug: '${raw.debug.trim()}' is not a boolean. Use true or false.`);
    }
    const debug = debugRaw === 'true';
    const busybox = raw.debugBusybox.trim();
    if (busybox && !debug) {
        throw new ports/* InputError */.d(`debug-busybox: '${busybox}' is set but debug is false. Set debug: true to push TAG-debug images, or remove debug-busybox.`);
    }
    return { cgo, cc, cgoSysroot, debug, debugBusybox: busybox ? resolve(busybox) : undefined };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 10 modules
var schemas = __webpack_require__(13798);
;// CONCATENATED MODULE: ./lib/report/report.js
/** The artifact type the report is attached with, and its media type. */
const REPORT_ARTIFACT_TYPE = 'application/vnd.go-scratch-image.report.v1+json';
/** Bumped on an incompatible change; a reader refuses versions it does not know (parseReport in schema.ts). */
const REPORT_SCHEMA_VERSION = 1;
function reportModules(info) {
    const one = (m) => ({
        path: m.path,
        version: m.version,
        ...(m.replace
            ? {
                replace: {
                    path: m.replace.path,
                    ...(m.replace.version ? { version: m.replace.version } : {})
                }
            }
            : {})
    });
    return [...(info.main ? [one(info.main)] : []), ...info.deps.map(one)];
}
/** The version a module was really built from: its replacement's when replaced. */
function moduleVersion(m) {
    if (!m.replace)
        return m.version;
    return `${m.version} => ${m.replace.path}${m.replace.version ? ` ${m.replace.version}` : ''}`;
}
/** The part of a report that is attached to the image: what the build is, nothing about the run. */
function attachedReport(r) {
    return {
        schemaVersion: r.schemaVersion,
        mediaType: r.mediaType,
        image: r.image,
        digest: r.digest,
        goVersion: r.goVersion,
        platforms: r.platforms,
        ...(r.binary ? { binary: r.binary } : {}),
        ...(r.vulnerabilities === undefined ? {} : { vulnerabilities: r.vulnerabilities })
    };
}
function sortedDeltas(deltas) {
    // Growth first (biggest first), then shrinkage (biggest first); names break ties so the order is stable.
    return deltas.sort((a, b) => Number(b.delta > 0) - Number(a.delta > 0) ||
        Math.abs(b.delta) - Math.abs(a.delta) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
function packageDiff(old, now) {
    const before = new Map(old.map(p => [p.name, p.bytes]));
    const after = new Map(now.map(p => [p.name, p.bytes]));
    const names = [...new Set([...before.keys(), ...after.keys()])];
    const all = names.map(name => {
        const o = before.get(name);
        const n = after.get(name);
        return {
            name,
            ...(o === undefined ? {} : { old: o }),
            ...(n === undefined ? {} : { new: n }),
            delta: (n ?? 0) - (o ?? 0)
        };
    });
    return {
        packages: sortedDeltas(all.filter(d => d.delta !== 0)),
        total: all.reduce((s, d) => s + d.delta, 0)
    };
}
function moduleDiff(old, now) {
    const before = new Map(old.map(m => [m.path, moduleVersion(m)]));
    const after = new Map(now.map(m => [m.path, moduleVersion(m)]));
    const out = [];
    for (const [path, version] of after) {
        const was = before.get(path);
        if (was === undefined)
            out.push({ path, change: 'added', new: version });
        else if (was !== version)
            out.push({ path, change: 'changed', old: was, new: version });
    }
    for (const [path, version] of before) {
        if (!after.has(path))
            out.push({ path, change: 'removed', old: version });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
/** Differences from the baseline's report; `missing` says why a part could not be compared. */
function diffReports(baselineRef, baseline, current, whyNoBaseline) {
    const empty = { baseline: baselineRef, packages: [], total: 0, modules: [] };
    if (!baseline) {
        return { ...empty, missing: whyNoBaseline ?? `${baselineRef} has no go-scratch-image report.` };
    }
    const old = baseline.binary;
    const now = current.binary;
    const withDigest = { ...empty, baselineDigest: baseline.digest };
    if (!old || !now) {
        const which = !old ? `the report of ${baselineRef}` : 'this build';
        return { ...withDigest, missing: `${which} has no Go build information.` };
    }
    const base = {
        ...withDigest,
        platform: now.platform,
        modules: moduleDiff(old.modules, now.modules),
        ...(old.goVersion !== now.goVersion
            ? { goVersion: { old: old.goVersion, new: now.goVersion } }
            : {})
    };
    if (old.platform !== now.platform) {
        return {
            ...base,
            missing: `the baseline measured ${old.platform} and this build ${now.platform}; package sizes of different platforms are not compared.`
        };
    }
    if (!old.packages || !now.packages) {
        const why = !old.packages
            ? `the report of ${baselineRef} has no package sizes${old.packagesMissing ? ` (${old.packagesMissing})` : ''}`
            : `this build measured no package sizes${now.packagesMissing ? ` (${now.packagesMissing})` : ''}`;
        return { ...base, missing: `${why}.` };
    }
    const sum = (ps) => ps.reduce((n, p) => n + p.bytes, 0);
    const unattributed = old.size !== undefined && now.size !== undefined
        ? {
            unattributed: {
                old: old.size - sum(old.packages),
                new: now.size - sum(now.packages),
                delta: now.size - sum(now.packages) - (old.size - sum(old.packages))
            }
        }
        : {};
    const method = now.packagesMethod ?? 'relink';
    const baselineMethod = old.packagesMethod ?? 'relink';
    return {
        ...base,
        ...packageDiff(old.packages, now.packages),
        ...unattributed,
        method,
        ...(baselineMethod !== method ? { baselineMethod } : {})
    };
}

;// CONCATENATED MODULE: ./lib/report/schema.js
// The size report's schema (zod) and parser, so a report another job or a registry wrote is checked field by field before use.


// Bounds that no real report comes near, so a hostile one cannot make the comment or the log unreadable.
const schema_text = schemas/* string */.YjP().max(1024);
const schema_long = schemas/* string */.YjP().max(8192);
const bytes = schemas/* number */.aig().int().nonnegative();
const delta = schemas/* number */.aig().int();
const many = (item) => schemas/* array */.YOg(item).max(100_000);
const layerSize = schemas/* object */.Ikc({
    name: schema_text,
    digest: schema_text,
    size: bytes,
    uncompressedSize: bytes
});
const platformSize = schemas/* object */.Ikc({
    platform: schema_text,
    size: bytes,
    uncompressedSize: bytes,
    configSize: bytes,
    binarySize: bytes,
    layers: many(layerSize)
});
const packagesMethod = schemas/* enum */.k5n(['in place', 'relink']);
const packageSize = schemas/* object */.Ikc({ name: schema_text, bytes });
const reportModule = schemas/* object */.Ikc({
    path: schema_text,
    version: schema_text,
    replace: schemas/* object */.Ikc({ path: schema_text, version: schema_text.optional() }).optional()
});
const binary = schemas/* object */.Ikc({
    platform: schema_text,
    path: schema_text,
    goVersion: schema_text,
    size: bytes.optional(),
    modules: many(reportModule),
    packages: many(packageSize).optional(),
    packagesMethod: packagesMethod.optional(),
    packagesMissing: schema_long.optional()
});
const layerDelta = schemas/* object */.Ikc({
    name: schema_text,
    old: bytes.optional(),
    new: bytes.optional(),
    delta
});
const comparison = schemas/* object */.Ikc({
    platform: schema_text,
    baseline: schemas/* object */.Ikc({
        reference: schema_text,
        digest: schema_text,
        platform: schema_text,
        size: bytes,
        configSize: bytes,
        layers: many(schemas/* object */.Ikc({ name: schema_text, digest: schema_text, size: bytes }))
    }),
    size: bytes,
    delta,
    deltaPercent: schemas/* number */.aig(),
    layers: many(layerDelta)
});
const packageDeltas = schemas/* object */.Ikc({
    baseline: schema_text,
    baselineDigest: schema_text.optional(),
    platform: schema_text.optional(),
    packages: many(schemas/* object */.Ikc({ name: schema_text, old: bytes.optional(), new: bytes.optional(), delta })),
    total: delta,
    unattributed: schemas/* object */.Ikc({ old: delta, new: delta, delta }).optional(),
    modules: many(schemas/* object */.Ikc({
        path: schema_text,
        change: schemas/* enum */.k5n(['added', 'removed', 'changed']),
        old: schema_text.optional(),
        new: schema_text.optional()
    })),
    goVersion: schemas/* object */.Ikc({ old: schema_text, new: schema_text }).optional(),
    method: packagesMethod.optional(),
    baselineMethod: packagesMethod.optional(),
    missing: schema_long.optional()
});
/**
 * A report as this version writes it. Unknown fields are dropped, not refused: a later release of the same
 * schema version may add some, and only an incompatible change bumps schemaVersion.
 */
const reportSchema = schemas/* object */.Ikc({
    schemaVersion: schemas/* literal */.euz(REPORT_SCHEMA_VERSION),
    mediaType: schemas/* literal */.euz(REPORT_ARTIFACT_TYPE),
    image: schema_text,
    digest: schema_text,
    goVersion: schema_text,
    platforms: many(platformSize),
    binary: binary.optional(),
    // Kept as it is: readVulnSection validates it where it is used, and a section it cannot read costs the comment
    // only its vulnerability line, not the whole report.
    vulnerabilities: schemas/* unknown */.L5J().optional(),
    tags: many(schema_text).optional(),
    pushed: schemas/* boolean */.zMY().optional(),
    budget: schemas/* object */.Ikc({
        maxSize: schemas/* object */.Ikc({ bytes, raw: schema_text }).optional(),
        maxSizeIncrease: schema_text.optional(),
        failures: many(schema_long)
    })
        .optional(),
    comparison: schemas/* object */.Ikc({
        baseline: schema_text,
        platforms: many(comparison),
        packages: packageDeltas,
        vulnerabilities: schemas/* unknown */.L5J().optional()
    })
        .optional(),
    pullRequest: schemas/* number */.aig().int().positive().optional(),
    run: schema_text.optional()
});
/** `comparison.packages[3].bytes`: a field's place in the document, as a reader would write it. */
function fieldPath(path) {
    return path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
        .join('');
}
/** What a value is, in a few words, quoting short strings and numbers (the document's own, never code). */
function describe(v) {
    if (v === undefined)
        return 'nothing';
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'a list';
    if (typeof v === 'object')
        return 'an object';
    if (typeof v === 'string') {
        return v.length <= 40 ? `the string ${JSON.stringify(v)}` : `a string of ${v.length} characters`;
    }
    return `${typeof v} ${JSON.stringify(v)}`;
}
const EXPECTED = {
    int: 'a whole number',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object'
};
/** One schema issue as a sentence part: the field, what it holds and what it must hold. */
function describeIssue(issue) {
    const field = fieldPath(issue.path) || 'the document';
    const got = describe(issue.input);
    switch (issue.code) {
        case 'invalid_type':
            if (issue.input === undefined)
                return `${field} is missing`;
            return `${field} is ${got}, not ${EXPECTED[issue.expected] ?? issue.expected}`;
        case 'invalid_value':
            return `${field} is ${got}, not one of ${issue.values.map(v => JSON.stringify(v)).join(', ')}`;
        case 'too_big':
            return `${field} is too long or too large (at most ${String(issue.maximum)})`;
        case 'too_small':
            return `${field} is ${got}, ${issue.inclusive ? 'below' : 'not above'} ${String(issue.minimum)}`;
        default:
            return `${field}: ${issue.message}`;
    }
}
class ReportError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ReportError';
    }
}
/**
 * The largest report read, checked before parsing: a real one is well under 1 MiB (about 200 bytes per Go
 * package, twice, and the modules), and a bigger file would only cost memory and time to refuse.
 */
const MAX_REPORT_BYTES = 4 * 1024 * 1024;
const FIX = "Post the file that the build step's report output names, written by the same version of this action.";
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * Parses and checks a report (a file or a referrer's bytes) against the schema; `source` names it in errors,
 * which name the field too. A report is untrusted: a fork's job or any registry may have written it.
 */
function parseReport(text, source) {
    const size = Buffer.byteLength(text);
    if (size > MAX_REPORT_BYTES) {
        throw new ReportError(`${source} is ${size} bytes, more than the ${MAX_REPORT_BYTES} a size report can be. ${FIX}`);
    }
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (e) {
        throw new ReportError(`${source} is not JSON: ${e.message}. ${FIX}`);
    }
    if (!isObject(doc) || doc.mediaType !== REPORT_ARTIFACT_TYPE) {
        throw new ReportError(`${source} is not a go-scratch-image report (its mediaType is not ${REPORT_ARTIFACT_TYPE}). ${FIX}`);
    }
    if (doc.schemaVersion !== REPORT_SCHEMA_VERSION) {
        const version = JSON.stringify(doc.schemaVersion ?? null).slice(0, 40);
        throw new ReportError(`${source} is a report of schema version ${version}; this version of the action reads ${REPORT_SCHEMA_VERSION}. ` +
            `Use the same action version to write and read it.`);
    }
    const parsed = reportSchema.safeParse(doc, { reportInput: true });
    if (parsed.success)
        return parsed.data;
    const issues = parsed.error.issues;
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
    throw new ReportError(`${source}: ${issues.slice(0, 3).map(describeIssue).join('; ')}${more}. ${FIX}`);
}

;// CONCATENATED MODULE: ./lib/comment/event.js
// Which pull request a run may comment on, from the event payload GitHub wrote (GITHUB_EVENT_PATH), checked with zod.


const PR_EVENTS = ['pull_request', 'pull_request_target'];
const number = schemas/* number */.aig().int().positive();
const sha = schemas/* string */.YjP().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/);
// Only the fields read here; the rest of GitHub's payload is left alone (zod drops it).
const payloadSchema = schemas/* object */.Ikc({
    number: number.optional(),
    pull_request: schemas/* object */.Ikc({ number }).optional(),
    workflow_run: schemas/* object */.Ikc({
        head_sha: sha,
        pull_requests: schemas/* array */.YOg(schemas/* object */.Ikc({ number, head: schemas/* object */.Ikc({ sha: schemas/* string */.YjP() }).optional() }))
            .optional()
    })
        .optional()
});
function readPayload(github) {
    const { path: file, payload, error } = github.event;
    const bad = (why) => ({
        skip: `comment: the event payload (GITHUB_EVENT_PATH ${file ?? 'unset'}) ${why}; no comment is written.`,
        warn: true
    });
    if (!file)
        return bad('is not there');
    if (error !== undefined)
        return bad(`cannot be read as JSON (${error})`);
    const parsed = payloadSchema.safeParse(payload, { reportInput: true });
    return parsed.success
        ? parsed.data
        : bad(`is malformed: ${describeIssue(parsed.error.issues[0])}`);
}
/**
 * The pull request of a workflow_run that posts a report built elsewhere (comment-from). The number may come from
 * two places, neither of which proves anything alone:
 * - `workflow_run.pull_requests`, which GitHub fills for pull requests whose head branch is in this repository
 *   and leaves empty when the head is a fork (the case comment-from exists for);
 * - the report's pullRequest, which the build job recorded from its own event, but which a fork's job can set
 *   to anything: a hint.
 * The hint is taken first (it tells apart two pull requests with the same head branch), else the only listed
 * pull request at this head. Either way the target carries `workflow_run.head_sha`, and postComment comments
 * only when GitHub's `GET /repos/{owner}/{repo}/pulls/{number}` answers with that same `head.sha`: a report
 * naming another pull request (or an outdated one) is then refused with a warning.
 */
function workflowRunTarget(payload, hint) {
    const run = payload.workflow_run;
    if (!run) {
        return {
            skip: 'comment: the workflow_run event payload has no workflow_run.head_sha; no comment is written.',
            warn: true
        };
    }
    const listed = (run.pull_requests ?? []).filter(p => !p.head || p.head.sha === run.head_sha);
    const number = hint ?? (listed.length === 1 ? listed[0].number : undefined);
    if (number === undefined) {
        return {
            skip: listed.length > 1
                ? `comment: the report names no pull request and ${listed.length} are at ${run.head_sha} (${listed.map(p => `#${p.number}`).join(', ')}); no comment is written.`
                : `comment: the report names no pull request and the workflow_run lists none at ${run.head_sha} (the build did not run for a pull request); no comment is written.`
        };
    }
    return { number, headSha: run.head_sha };
}
/**
 * The pull request to comment on, or why there is none. On pull_request and pull_request_target it is the
 * event's own. On workflow_run it is only for comment-from (`fromReport`), with the head check above.
 */
function commentTarget(github, fromReport) {
    const event = github.eventName;
    const [owner, repo] = github.repository.split('/');
    const posting = event === 'workflow_run' && fromReport !== undefined;
    if (!PR_EVENTS.includes(event) && !posting) {
        return {
            skip: `comment: this run is a ${event || 'local'} event, not a pull request (pull_request or pull_request_target` +
                `${fromReport === undefined ? '' : ', or workflow_run with comment-from'}); no comment is written.`
        };
    }
    if (!owner || !repo)
        return { skip: 'comment: GITHUB_REPOSITORY is not set; no comment is written.' };
    const payload = readPayload(github);
    if ('skip' in payload)
        return payload;
    if (posting) {
        const where = workflowRunTarget(payload, fromReport.pullRequest);
        return 'skip' in where ? where : { target: { owner, repo, ...where } };
    }
    const number = payload.pull_request?.number ?? payload.number;
    if (number === undefined) {
        return {
            skip: `comment: the ${event} event payload (GITHUB_EVENT_PATH) names no pull request number; no comment is written.`
        };
    }
    return { target: { owner, repo, number } };
}
/** The pull request number of this run's event, recorded in the report for a later comment-from. */
function eventPullRequest(github) {
    if (!PR_EVENTS.includes(github.eventName))
        return undefined;
    const t = commentTarget(github);
    return 'target' in t ? t.target.number : undefined;
}

;// CONCATENATED MODULE: ./lib/comment/sticky.js
/**
 * GET /user names a token's account; an installation token is refused it (403, "Resource not accessible by
 * integration"), which means our comments are a bot's. Any failure counts as that: a personal token's first
 * comment then tells who we are, and the fold below repairs the one extra comment this can cost.
 */
async function whoAmI(octokit) {
    try {
        const { data } = await octokit.rest.users.getAuthenticated();
        return { id: data.id };
    }
    catch {
        return undefined;
    }
}
/**
 * Ours: it starts with the marker and we wrote it. A person's comment that quotes the marker is never updated
 * or deleted; nor is another account's.
 */
function ours(c, marker, me) {
    if (!c.body?.startsWith(marker))
        return false;
    return me ? c.user?.id === me.id : c.user?.type === 'Bot';
}
/** Oldest first: by creation time, then id (GitHub's ids grow with creation). */
const byAge = (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id;
/**
 * Every comment of ours with this marker, oldest first. The list is read to its last page (100 a page). Who we
 * are is asked only when some comment carries the marker: a first run costs no GET /user, and a GitHub API that
 * does not answer spends the comment's budget on the request that matters.
 */
async function listOurs(octokit, { owner, repo, number }, marker, me) {
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: number,
        per_page: 100
    });
    const marked = all.filter(c => c.body?.startsWith(marker));
    if (!marked.length)
        return [];
    const author = await me();
    return marked.filter(c => ours(c, marker, author)).sort(byAge);
}
const sticky_status = (e) => e.status;
/**
 * Updates this marker's comment or creates it, then folds duplicates. Two runs that list at once both find
 * nothing and both create; so after its write each run lists again, keeps the oldest of ours, writes this run's
 * body into it and deletes the others. Every run agrees on which is oldest, so whatever the interleaving, the
 * last run to create sees every comment left and leaves one. Deleting our own comment needs no permission
 * beyond writing it (pull-requests: write).
 */
async function upsertComment(octokit, target, marker, body, identify) {
    const { owner, repo, number } = target;
    let me;
    const who = () => (me ??= identify());
    const found = await listOurs(octokit, target, marker, who);
    let written;
    let action = 'updated';
    if (found[0]) {
        written = await octokit.rest.issues
            .updateComment({ owner, repo, comment_id: found[0].id, body })
            .then(r => r.data)
            // Deleted meanwhile (another run folded it, or a person): create one instead.
            .catch((e) => (sticky_status(e) === 404 ? undefined : Promise.reject(e)));
    }
    if (!written) {
        action = 'created';
        written = (await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body }))
            .data;
        // Our own comment says who we are, for certain: the fold then looks at our comments only.
        if (written.user)
            me = Promise.resolve({ id: written.user.id });
    }
    const mine = await listOurs(octokit, target, marker, who);
    const keep = mine[0];
    if (!keep)
        return { action, id: written.id, url: written.html_url, folded: 0 };
    if (keep.id !== written.id) {
        await octokit.rest.issues.updateComment({ owner, repo, comment_id: keep.id, body });
    }
    for (const extra of mine.slice(1)) {
        await octokit.rest.issues
            .deleteComment({ owner, repo, comment_id: extra.id })
            // Another run folding at the same time deleted it first.
            .catch((e) => (sticky_status(e) === 404 ? undefined : Promise.reject(e)));
    }
    const kept = keep.id === written.id ? action : 'updated';
    return { action: kept, id: keep.id, url: keep.html_url, folded: mine.length - 1 };
}

// EXTERNAL MODULE: ./lib/http/retry.js
var retry = __webpack_require__(28394);
// EXTERNAL MODULE: ./lib/http/transport.js
var http_transport = __webpack_require__(33005);
;// CONCATENATED MODULE: ./lib/http/shared.js
// The process's one HTTP transport for the clients whose callers pass none yet (the PR comment's Octokit): the edge installs its own, made with registry-timeout.

let shared;
/** The transport the edge installed, else one with the default registry-timeout (the comment-from path). */
function sharedFetch() {
    shared ??= (0,http_transport/* httpTransport */.k6)({ timeoutMs: http_transport/* DEFAULT_TIMEOUT_MS */.t1 });
    return shared;
}
/** Makes fetch the process's shared transport: called once by the edge, which built it from the inputs. */
function useSharedFetch(fetch) {
    shared = fetch;
}

;// CONCATENATED MODULE: ./lib/http/github.js



/**
 * getOctokit with its requests on fetch (the shared transport unless given): each request waits at most the
 * transport's idle timeout per attempt, and all of the client's requests together at most serviceBudget of it
 * (150 s with the default 60 s), so a GitHub API that never answers ends in an error the caller can turn into
 * a warning. @actions/github is loaded on use: only the runs that talk to GitHub need it.
 */
async function githubOctokit(token, o) {
    const { getOctokit: octokitFor } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 92413));
    const transport = o.fetch ?? sharedFetch();
    const fetch = (0,retry/* serviceFetch */.M9)(transport, {
        service: "GitHub's API",
        timeoutInput: 'registry-timeout',
        overallMs: (0,retry/* serviceBudget */.P1)((0,http_transport/* silenceOf */.Dp)(transport))
    });
    return octokitFor(token, { baseUrl: o.baseUrl, request: { fetch } });
}

;// CONCATENATED MODULE: ./lib/comment/github.js





/** The error for a missing token: names the input and the permission. */
function missingTokenError() {
    return new ports/* InputError */.d('github-token: empty, so the pull request comment cannot be written. Pass github-token: ${{ github.token }} ' +
        '(the default) or another token, and give the job permissions: pull-requests: write.');
}
/** The Octokit client for the API the runner names (GitHub Enterprise Server serves it elsewhere). */
async function octokitFor(token, github) {
    // GitHub Enterprise Server serves the API elsewhere; the runner says where (apiUrl). Bounded, and loaded on use:
    // see githubOctokit.
    return githubOctokit(token, { baseUrl: github.apiUrl });
}
/**
 * Why the pull request may not get this comment, or undefined when GitHub says its head is the commit the
 * workflow_run built (see workflowRunTarget in event.ts for where the number came from).
 */
async function untrusted(octokit, { owner, repo, number, headSha }) {
    if (!headSha)
        return undefined;
    let head;
    try {
        head = (await octokit.rest.pulls.get({ owner, repo, pull_number: number })).data.head.sha;
    }
    catch (e) {
        const status = e.status;
        return `GitHub could not confirm pull request #${number} (${status ? `HTTP ${status}` : e.message}) for the commit this workflow_run built, ${headSha}.`;
    }
    if (head === headSha)
        return undefined;
    return (`the report names pull request #${number}, whose head is ${head}, but this workflow_run built ${headSha}. ` +
        `Either the pull request moved on since (its newer run comments), or the report names a pull request it was not built for.`);
}
/**
 * Writes the comment on the run's pull request. Not a pull request: a notice, nothing else. A pull request
 * GitHub does not confirm, a refused write (403: a fork's read-only token, or missing permissions) or any other
 * API failure is a warning, never a failure: the job summary has the same report. The token goes to Octokit
 * only, never into a log line.
 */
async function postComment(o) {
    const where = commentTarget(o.github, o.fromReport);
    if ('skip' in where) {
        if (where.warn)
            o.logger.warning(where.skip);
        else
            o.logger.info(where.skip);
        return undefined;
    }
    if (!o.token)
        throw missingTokenError();
    o.logger.mask(o.token);
    const { owner, repo, number } = where.target;
    const octokit = await octokitFor(o.token, o.github);
    try {
        const refused = await untrusted(octokit, where.target);
        if (refused) {
            o.logger.warning(`comment: not written on ${owner}/${repo}#${number}: ${refused}`);
            return undefined;
        }
        const posted = await upsertComment(octokit, where.target, o.marker, o.body, () => whoAmI(octokit));
        const folded = posted.folded
            ? ` (and removed ${posted.folded} duplicate${posted.folded > 1 ? 's' : ''} a concurrent run wrote)`
            : '';
        o.logger.info(`comment: ${posted.action} ${posted.url} on ${owner}/${repo}#${number}${folded}`);
        return posted;
    }
    catch (e) {
        // Octokit gives a request that got no answer status 500 too; only a response says what GitHub answered.
        const answered = e.response !== undefined;
        const status = answered ? e.status : undefined;
        const message = e.message.replace(/\.?\s*$/, '.');
        const why = status === 403
            ? 'GitHub refused the write (403). A pull request from a fork gets a read-only token: use the fork-safe ' +
                'pattern (write the report, post it from a workflow_run job with comment-from), or give the job ' +
                'permissions: pull-requests: write.'
            : `${status ? `HTTP ${status}: ` : ''}${message}`;
        o.logger.warning(`comment: not written on ${owner}/${repo}#${number}. ${why} The job summary has the same report.`);
        return undefined;
    }
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./lib/oci/libdeflate-wasm.generated.js
// Generated from node_modules/libdeflate by scripts/libdeflate-wasm.mjs (npm run bundle runs it). Do not edit.
/**
 * The libdeflate package version, the wasm digest, the largest heap its build may grow to, and the
 * emscripten glue's minified names of the wasm imports and exports (see src/oci/libdeflate.ts).
 */
const LIBDEFLATE = {
    version: '0.1.0',
    sha256: 'f75470cc665db1d83e231ec57bf38696852cba5c2594813d47fc43117816affe',
    heapMax: 2147483648,
    imports: { module: 'a', resizeHeap: 'a', memcpyBig: 'b' },
    exports: {
        memory: 'c',
        ctors: 'd',
        allocCompressor: 'e',
        freeCompressor: 'g',
        gzipCompress: 'l',
        gzipCompressBound: 'm',
        malloc: 'n',
        free: 'o'
    }
};
/** The wasm module, as the package inlines it. */
const LIBDEFLATE_WASM_BASE64 = 'AGFzbQEAAAABTAtgAX8Bf2AEf39/fwBgA39/fwF/YAJ/fwF/YAF/AGAFf39/f38Bf2ADf39/AGAFf39/f38AYAZ/f39/f38AYAAAYAh/f39/f39/fwACDQIBYQFhAAABYQFiAAIDHRwCBwIIAwYCAAYFCQoEAAAEAQEBAwEFAwUDBAABBAUBcAEICAUHAQGAAoCAAgYJAX8BQbDgwAILBzUNAWMCAAFkAAwBZQAcAWYACwFnABsBaAAaAWkBAAFqABkBawAYAWwAFwFtABUBbgAPAW8ADgkNAQBBAQsHHRYUExIPDgqd9AIc8gICAn8BfgJAIAJFDQAgACABOgAAIAAgAmoiA0EBayABOgAAIAJBA0kNACAAIAE6AAIgACABOgABIANBA2sgAToAACADQQJrIAE6AAAgAkEHSQ0AIAAgAToAAyADQQRrIAE6AAAgAkEJSQ0AIABBACAAa0EDcSIEaiIDIAFB/wFxQYGChAhsIgE2AgAgAyACIARrQXxxIgRqIgJBBGsgATYCACAEQQlJDQAgAyABNgIIIAMgATYCBCACQQhrIAE2AgAgAkEMayABNgIAIARBGUkNACADIAE2AhggAyABNgIUIAMgATYCECADIAE2AgwgAkEQayABNgIAIAJBFGsgATYCACACQRhrIAE2AgAgAkEcayABNgIAIAQgA0EEcUEYciIEayICQSBJDQAgAa1CgYCAgBB+IQUgAyAEaiEBA0AgASAFNwMYIAEgBTcDECABIAU3AwggASAFNwMAIAFBIGohASACQSBrIgJBH0sNAAsLIAAL/xABDH8jAEHACWsiDCQAIAxBQGtBACAAQQJ0Ig0QAhoCQCAARQRAQX8hBQwBCyAAQQFxIQgCQCAAQQFrIgVFBEAMAQsgAEF+cSEJA0AgDEFAayIOIAIgB0ECdCIKaigCACILIAUgBSALSxtBAnRqIgsgCygCAEEBajYCACACIApBBHJqKAIAIgogBSAFIApLG0ECdCAOaiIKIAooAgBBAWo2AgAgB0ECaiEHIAZBAmoiBiAJRw0ACwsgCARAIAxBQGsgAiAHQQJ0aigCACIIIAUgBSAISxtBAnRqIgggCCgCAEEBajYCAAtBACELAkAgAEECSQ0AIAVBA3EhCUEAIQgCQCAAQQJrQQNJBEBBASEHDAELIAVBfHEhEEEBIQdBACEKA0AgDEFAayAHQQJ0aiIGKAIAIQ4gBiALNgIAIAYoAgQhDyAGIAsgDmoiCzYCBCAGKAIIIQ4gBiALIA9qIgs2AgggBigCDCEPIAYgCyAOaiIGNgIMIAYgD2ohCyAHQQRqIQcgCkEEaiIKIBBHDQALCyAJRQ0AA0AgDEFAayAHQQJ0aiIGKAIAIQogBiALNgIAIAdBAWohByAKIAtqIQsgCEEBaiIIIAlHDQALC0EAIQcDQAJAIAIgB0ECdGooAgAiCARAIAxBQGsgCCAFIAUgCEsbQQJ0aiIGIAYoAgAiBkEBajYCACAEIAZBAnRqIAhBCnQgB3I2AgAMAQsgAyAHakEAOgAACyAHQQFqIgcgAEcNAAsLAkAgDEFAayAFQQJ0aigCACAMIA1qKAI4IgJrIgdBAkkNACAEIAJBAnRqIg1BBGshCSAHQQF2IQIDQCAJIAJBAnRqKAIAIQoCQCACIggiBUEBdCIGIAdLDQADQCAJIAYgB08EfyAGBSAGQQFyIgUgBiAJIAVBAnRqKAIAIAkgBkECdGooAgBLGwsiBUECdGooAgAiBiAKTQRAIAghBQwCCyAJIAhBAnRqIAY2AgAgBSEIIAVBAXQiBiAHTQ0ACwsgCSAFQQJ0aiAKNgIAIAJBAWsiAg0ACyAHQQJJDQAgCSAHQQJ0aiICKAIAIQogAiANKAIANgIAIA0gCjYCACAHQQFrIgJBAkkNAANAQQIhBkEBIQgDQAJAIAkgAiAGTQR/IAYFIAZBAXIiBSAGIAkgBUECdGooAgAgCSAGQQJ0aigCAEsbCyIFQQJ0aigCACIGIApNBEAgCCEFDAELIAkgCEECdGogBjYCACAFIQggBUEBdCIGIAJNDQELCyAJIAVBAnRqIAo2AgAgCSACQQJ0aiIFKAIAIQogBSANKAIANgIAIA0gCjYCACACQQFrIgJBAUsNAAsLAkAgC0EBTQRAAkAgCwRAIAQoAgBB/wdxIgcNAQtBASEHCyAEQQA2AgAgA0EBOgAAIAQgB0ECdGpBATYCACADIAdqQQE6AAAMAQsgC0EBayENQQAhBUEAIQZBACEHA0ACQAJAIAVBAWoiCCANSw0AIAQgCEECdGooAgBBgHhxIQIgBiAHRwRAIAIgBCAGQQJ0aigCAEGAeHFLDQELIAQgBUECdGooAgBBgHhxIAJqIQogBUECaiEFDAELAkAgByAGQQJqIglJBEAgBkEBaiECIAQgBUECdGooAgBBgHhxIQoMAQsgBCAGQQFqIgJBAnRqIg4oAgAiD0GAeHEhECAFIA1NBEAgECAEIAVBAnRqKAIAQYB4cSIKTw0BCyAEIAZBAnRqIgIgB0EKdCIIIAIoAgAiAkH/B3FyNgIAIA4gD0H/B3EgCHI2AgAgAkGAeHEgEGohCiAJIQYMAQsgBCAGQQJ0aiIFIAUoAgAiBUH/B3EgB0EKdHI2AgAgBUGAeHEgCmohCiAIIQUgAiEGCyAEIAdBAnRqIgIgAigCAEH/B3EgCnI2AgAgB0EBaiIHIA1HDQALQQAhByAMQQAgAUECdEEEahACIglBAjYCBCALQQJ0IARqQQhrIgIgAigCAEH/B3E2AgAgC0EDayICQQBOBEADQCAEIAJBAnRqIgUgBCAFKAIAIgVBCHZB/P//B3FqKAIAQQp2QQFqIghBCnQgBUH/B3FyNgIAAkAgCCABIgVJBEAgCSAIQQJ0aigCACEGIAghBQwBCwNAIAkgBUEBayIFQQJ0aigCACIGRQ0ACwsgCSAFQQJ0aiIFIAZBAWs2AgAgBSAFKAIEQQJqNgIEIAJBAWsiAkEATg0ACwsCQCABBEAgASEFA0ACQCAJIAVBAnRqKAIAIgZFDQAgBkEBayEIQQAhAiAGQQNxIgoEQANAIAMgBCAHQQJ0aigCAEH/B3FqIAU6AAAgB0EBaiEHIAZBAWshBiACQQFqIgIgCkcNAAsLIAhBA0kNAANAIAMgBCAHQQJ0aiICKAIAQf8HcWogBToAACADIAIoAgRB/wdxaiAFOgAAIAMgAigCCEH/B3FqIAU6AAAgAyACKAIMQf8HcWogBToAACAHQQRqIQcgBkEEayIGDQALCyAFQQFrIgUNAAsgCUIANwNAQQIhByABQQJJDQEgAUEBayICQQFxIQVBACEGIAFBAkcEQCACQX5xIQhBACECA0AgB0ECdCIBIAlBQGsiC2ogBiABIAlqIgZBBGsoAgBqQQF0Igo2AgAgAUEEciALaiAGKAIAIApqQQF0IgY2AgAgB0ECaiEHIAJBAmoiAiAIRw0ACwsgBUUNASAHQQJ0IgEgCUFAa2ogASAJakEEaygCACAGakEBdDYCAAwBCyAJQgA3A0ALIABFDQBBACEHA0AgCUFAayADIAdqLQAAIgJBAnRqIgEgASgCACIBQQFqNgIAIAQgB0ECdGogAUEIdkGgzABqLQAAIAFB/wFxQaDMAGotAABBCHRyQRAgAmt2NgIAIAdBAWoiByAARw0ACwsgDEHACWokAAuBBAEDfyACQYAETwRAIAAgASACEAEaIAAPCyAAIAJqIQMCQCAAIAFzQQNxRQRAAkAgAEEDcUUEQCAAIQIMAQsgAkUEQCAAIQIMAQsgACECA0AgAiABLQAAOgAAIAFBAWohASACQQFqIgJBA3FFDQEgAiADSQ0ACwsCQCADQXxxIgRBwABJDQAgAiAEQUBqIgVLDQADQCACIAEoAgA2AgAgAiABKAIENgIEIAIgASgCCDYCCCACIAEoAgw2AgwgAiABKAIQNgIQIAIgASgCFDYCFCACIAEoAhg2AhggAiABKAIcNgIcIAIgASgCIDYCICACIAEoAiQ2AiQgAiABKAIoNgIoIAIgASgCLDYCLCACIAEoAjA2AjAgAiABKAI0NgI0IAIgASgCODYCOCACIAEoAjw2AjwgAUFAayEBIAJBQGsiAiAFTQ0ACwsgAiAETw0BA0AgAiABKAIANgIAIAFBBGohASACQQRqIgIgBEkNAAsMAQsgA0EESQRAIAAhAgwBCyAAIANBBGsiBEsEQCAAIQIMAQsgACECA0AgAiABLQAAOgAAIAIgAS0AAToAASACIAEtAAI6AAIgAiABLQADOgADIAFBBGohASACQQRqIgIgBE0NAAsLIAIgA0kEQANAIAIgAS0AADoAACABQQFqIQEgAkEBaiICIANHDQALCyAAC9ElAQ9/IAEoAgQhDiABKAIAIQ8gASgCDCEHIAEoAgghBiAAEBEgAEGkL2ooAgAiE0EDbCAAKALwIyAAQYglai0AAGxqIABB9CNqKAIAIABBiSVqLQAAbGogAEH4I2ooAgAgAEGKJWotAABsaiAAQfwjaigCACAAQYslai0AAGxqIABBgCRqKAIAIABBjCVqLQAAbGogAEGEJGooAgAgAEGNJWotAABsaiAAQYgkaigCACAAQY4lai0AAGxqIABBjCRqKAIAIABBjyVqLQAAbGogAEGQJGooAgAgAEGQJWotAABsaiAAQZQkaigCACAAQZElai0AAGxqIABBmCRqKAIAIABBkiVqLQAAbGogAEGcJGooAgAgAEGTJWotAABsaiAAQaAkaigCACAAQZQlai0AAGxqIABBpCRqKAIAIABBlSVqLQAAbGogAEGoJGooAgAgAEGWJWotAABsaiAAQawkaigCACAAQZclai0AAGxqIABBsCRqKAIAIABBmCVqLQAAQQJqbGogAEG0JGooAgAgAEGZJWotAABBA2psaiAAQbgkaigCACAAQZolai0AAEEHamxqQRFqIQkgByAHIAZrIgdBAyAHQQNIG2shESAAQfAUaiESIABBGGohDEEDIQsDQCAMIApBAnRqKAIAIhAgCiASai0AAGwgCWogDCAKQQFqIgdBAnRqKAIAIg0gByASai0AAGxqIAwgCkECaiIIQQJ0aigCACIHIAggEmotAABsaiEJIBBBA3QgC2ogDUEDdGogB0EDdGohCyAKQQNqIgpBkAFHDQALQZABIQoDQCAMIApBAnRqKAIAIg0gCiASai0AAGwgCWogDCAKQQFyIghBAnRqKAIAIgcgCCASai0AAGxqIQkgDUEJbCALaiAHQQlsaiELIApBAmoiCkGAAkcNAAsgAEGwIWohDSALQQdqIQsgCSAAQfAWai0AAGohCUGBAiEKA0AgDCAKQQJ0aigCACIIIApBv8wAai0AACIHIAogDWotAABqbCALaiELIAogEmotAAAgB2ogCGwgCWohCSAKQQFqIgpBngJHDQALQQAhCCAAQZAXaiESIABBmAlqIQwDQCAMIAhBAnRqKAIAIhAgCEHgzgBqLQAAIg0gCCASai0AAGpsIAlqIBIgCEEBciIHai0AACAHQeDOAGotAAAiCmogDCAHQQJ0aigCACIHbGohCSANQQVqIBBsIAtqIApBBWogB2xqIQsgCEECaiIIQR5HDQALIAEoAgwgBmsgDiAJIAsgA0H+/wNqQf//A25BKGwgA0EDdGpBBSAOa0EHcXJBBWsiCiAKIAtLGyIHIAcgCUsbIgdqQQdqQQN2SQRAIAFBAToAEA8LIAIgA2ohCCAAQfAjaiEUAkAgByAKRgRAIAYgBUGAgAQgA0GAgARIIgAbIA50IA9yOgAAIANB//8DIAAbIQAgDkEGSQR/IAZBAWoFIAZBADoAASAGQQJqCyIGIAA7AAAgBiAAQX9zOwACIAZBBGogAiAAEAQgAGohBkEAIQogACADRgRAQQAhCAwCCyAAIAJqIQcDQCAGIAggB2siAEH//wMgAEGAgARIIgAbIgI7AAEgBiAAIAVxOgAAIAYgAkF/czsAAyAGQQVqIAcgAhAEIAJqIQYgAiAHaiIHIAhHDQALQQAhCAwBCwJAIAcgC0YEQCAFIA50IA9yQQEgDkEBanRyIQkgDkEDaiEIIABBsBdqIQ8CQCAGIBFPBEAgCEEISQRAIAghBwwECyAOQQVrIgtBA3ZBAWpBB3EiBQRAQQAhBwNAIAYgCToAACAJQQh2IQkgCEEIayEIIAZBAWohBiAHQQFqIgcgBUcNAAsLIAtBOE8NASAIIQcMAwsgBiAJNgAAIAhBB3EhByAGIAhBA3ZqIQYgCSAIQXhxdiEJDAILA0AgBkEANgAEIAYgCToAACAGIAlBGHY6AAMgBiAJQRB2OgACIAYgCUEIdjoAASAGQQhqIQZBACEJIAhBQGoiCEEHSw0ACyAIIQcMAQsgBSAOdCAPckECIA5BAWp0ciATQQRrIA5BDWp0ciAAQZwvaigCAEGBAmsgDkEDanRyIABBoC9qKAIAQQFrIA5BCGp0ciEJIA5BEWohByAAQagvaigCACENAkAgBiARTwRAIAdBCEkNASAOQQlqIgtBA3ZBAWpBB3EiBQRAQQAhCANAIAYgCToAACAJQQh2IQkgB0EIayEHIAZBAWohBiAIQQFqIgggBUcNAAsLIAtBOEkNASAJIQgDQEEAIQkgBkEANgAEIAYgCDoAACAGIAhBGHY6AAMgBiAIQRB2OgACIAYgCEEIdjoAASAGQQhqIQZBACEIIAdBQGoiB0EHSw0ACwwBCyAGIAk2AAAgBiAHQQN2aiEGIAkgB0F4cXYhCSAHQQdxIQcLIABB8ApqIQ8gE0EBIBNBAUsbIQtBACEKA0AgB0EDaiEFIAAgCkGAzwBqLQAAakGIJWotAAAgB3QgCXIhCQJAIAYgEU8EQCAHQQRLIQggBSEHIAhFDQEDQCAGIAk6AAAgCUEIdiEJIAZBAWohBiAHQQhrIgdBB0sNAAsMAQsgBiAJNgAAIAVBB3EhByAGIAVBA3ZqIQYgCSAFQXhxdiEJCyAKQQFqIgogC0cNAAsgDUEBIA1BAUsbIQ1BACEKIABB8CNqIQwDQCAHIAwgDCAKQQJ0aigCrAEiC0EfcSIQai0AmAFqIgggEEGgzgBqLQAAaiEFIAwgEEECdGooAkwgB3QgCXIgC0EFdiAIdHIhCQJAIAYgEU8EQCAFIgdBB00NAQNAIAYgCToAACAJQQh2IQkgBkEBaiEGIAdBCGsiB0EHSw0ACwwBCyAGIAk2AAAgBUEHcSEHIAYgBUEDdmohBiAJIAVBeHF2IQkLIApBAWoiCiANRw0ACwsgAEH8K2ohEiAPQYAKaiEMQQMhCANAIBQgCEECdGogCCAIQZDIAGotAAAiCkECdEGg0ABqKAIAayAMIApBgQJqIgtqIgUtAAB0IA8gC0ECdGooAgByNgIAIAggEmogCkHAzgBqLQAAIAUtAABqOgAAIAhBAWoiCEGDAkcNAAsCQCAEBEADQCAEKAIAIghB////A3EiCgRAA0AgCkEBayEKIAcgDCACLQAAIgVqLQAAIgNqIQAgDyAFQQJ0aigCACAHdCAJciELAkAgBiARTwRAIABBCEkEQCAAIQcgCyEJDAILIAMgB2ohA0EAIQkgACEHIANBCGsiA0EDdkEBakEHcSIABEADQCAGIAs6AAAgC0EIdiELIAdBCGshByAGQQFqIQYgCUEBaiIJIABHDQALCyALIQkgA0E4SQ0BA0BBACEJIAZBADYABCAGIAs6AAAgBiALQRh2OgADIAYgC0EQdjoAAiAGIAtBCHY6AAEgBkEIaiEGQQAhCyAHQUBqIgdBB0sNAAsMAQsgBiALNgAAIABBB3EhByAGIABBA3ZqIQYgCyAAQXhxdiEJCyACQQFqIQIgCg0ACwsgCEGAgIAESQ0CIAcgEiAIQRd2Ig1qLQAAIgNqIQggFCANQQJ0aigCACAHdCAJciEKIAQvAQYhECAELwEEIQsCQCAGIBFPBEAgCEEISQRAIAohBwwCC0EAIQAgAyAHakEIayIFQQN2QQFqQQdxIgMEQANAIAYgCjoAACAKQQh2IQogCEEIayEIIAZBAWohBiAAQQFqIgAgA0cNAAsLIAohByAFQThJDQEDQEEAIQcgBkEANgAEIAYgCjoAACAGIApBGHY6AAMgBiAKQRB2OgACIAYgCkEIdjoAASAGQQhqIQZBACEKIAhBQGoiCEEHSw0ACwwBCyAGIAo2AAAgBiAIQQN2aiEGIAogCEF4cXYhByAIQQdxIQgLIAggDyAQakGgDGotAAAiAGohCiAPIBBBAnQiCWpBgAlqKAIAIAh0IAdyIQcCQCAGIBFPBEAgCkEISQRAIAchCAwCC0EAIQUgACAIakEIayIDQQN2QQFqQQdxIgAEQANAIAYgBzoAACAHQQh2IQcgCkEIayEKIAZBAWohBiAFQQFqIgUgAEcNAAsLIAchCCADQThJDQEDQEEAIQggBkEANgAEIAYgBzoAACAGIAdBGHY6AAMgBiAHQRB2OgACIAYgB0EIdjoAASAGQQhqIQZBACEHIApBQGoiCkEHSw0ACwwBCyAGIAc2AAAgBiAKQQN2aiEGIAcgCkF4cXYhCCAKQQdxIQoLIAogEEHgzgBqLQAAIgBqIQcgCyAJQaDPAGooAgBrIAp0IAhyIQgCQCAGIBFPBEAgB0EISQRAIAghCQwCC0EAIQkgACAKakEIayIDQQN2QQFqQQdxIgAEQANAIAYgCDoAACAIQQh2IQggB0EIayEHIAZBAWohBiAJQQFqIgkgAEcNAAsLIAghCSADQThJDQEDQEEAIQkgBkEANgAEIAYgCDoAACAGIAhBGHY6AAMgBiAIQRB2OgACIAYgCEEIdjoAASAGQQhqIQZBACEIIAdBQGoiB0EHSw0ACwwBCyAGIAg2AAAgBiAHQQN2aiEGIAggB0F4cXYhCSAHQQdxIQcLIARBCGohBCACIA1qIQIMAAsACyAAQcTajgNqIgogA0EDdGohDQNAIAooAgQiAkEJdiETAkACQAJAAkAgAkH/A3EiEEEBRgRAIAcgDCATai0AACIEaiEDIA8gE0ECdGooAgAgB3QgCXIhAiAGIBFJDQEgA0EISQRAIAMhByACIQkMBQsgBCAHaiEEQQAhCyADIQcgBEEIayIEQQN2QQFqQQdxIgMEQANAIAYgAjoAACACQQh2IQIgB0EIayEHIAZBAWohBiALQQFqIgsgA0cNAAsLIAIhCSAEQThJDQQDQEEAIQkgBkEANgAEIAYgAjoAACAGIAJBGHY6AAMgBiACQRB2OgACIAYgAkEIdjoAASAGQQhqIQZBACECIAdBQGoiB0EHSw0ACwwECyAHIBAgEmotAAAiA2ohCCAUIBBBAnRqKAIAIAd0IAlyIQIgACATakGc86MEai0AACELIAYgEUkNASAIQQhJBEAgAiEHDAMLQQAhBSADIAdqQQhrIgRBA3ZBAWpBB3EiAwRAA0AgBiACOgAAIAJBCHYhAiAIQQhrIQggBkEBaiEGIAVBAWoiBSADRw0ACwsgAiEHIARBOEkNAgNAQQAhByAGQQA2AAQgBiACOgAAIAYgAkEYdjoAAyAGIAJBEHY6AAIgBiACQQh2OgABIAZBCGohBkEAIQIgCEFAaiIIQQdLDQALDAILIAYgAjYAACADQQdxIQcgBiADQQN2aiEGIAIgA0F4cXYhCQwCCyAGIAI2AAAgBiAIQQN2aiEGIAIgCEF4cXYhByAIQQdxIQgLIAggCyAPakGgDGotAAAiBGohAiAPIAtBAnQiCWpBgAlqKAIAIAh0IAdyIQcCQCAGIBFPBEAgAkEISQRAIAchCAwCC0EAIQMgBCAIakEIayIFQQN2QQFqQQdxIgQEQANAIAYgBzoAACAHQQh2IQcgAkEIayECIAZBAWohBiADQQFqIgMgBEcNAAsLIAchCCAFQThJDQEDQEEAIQggBkEANgAEIAYgBzoAACAGIAdBGHY6AAMgBiAHQRB2OgACIAYgB0EIdjoAASAGQQhqIQZBACEHIAJBQGoiAkEHSw0ACwwBCyAGIAc2AAAgBiACQQN2aiEGIAcgAkF4cXYhCCACQQdxIQILIAIgC0HgzgBqLQAAIgNqIQcgEyAJQaDPAGooAgBrIAJ0IAhyIQggBiARTwRAIAdBCEkEQCAIIQkMAgtBACELIAIgA2pBCGsiA0EDdkEBakEHcSICBEADQCAGIAg6AAAgCEEIdiEIIAdBCGshByAGQQFqIQYgC0EBaiILIAJHDQALCyAIIQkgA0E4SQ0BA0BBACEJIAZBADYABCAGIAg6AAAgBiAIQRh2OgADIAYgCEEQdjoAAiAGIAhBCHY6AAEgBkEIaiEGQQAhCCAHQUBqIgdBB0sNAAsMAQsgBiAINgAAIAYgB0EDdmohBiAIIAdBeHF2IQkgB0EHcSEHCyAKIBBBA3RqIgogDUcNAAsLIAcgD0GADGotAAAiAGohCiAPKAKACCAHdCAJciEIIAYgEU8EQCAKQQhJDQEgACAHakEIayICQQN2QQFqQQdxIgAEQEEAIQcDQCAGIAg6AAAgCEEIdiEIIApBCGshCiAGQQFqIQYgB0EBaiIHIABHDQALCyACQThJDQEgCCEHA0BBACEIIAZBADYABCAGIAc6AAAgBiAHQRh2OgADIAYgB0EQdjoAAiAGIAdBCHY6AAEgBkEIaiEGQQAhByAKQUBqIgpBB0sNAAsMAQsgBiAINgAAIAYgCkEDdmohBiAIIApBeHF2IQggCkEHcSEKCyABIAY2AgggASAKNgIEIAEgCDYCAAuKBgEUfwJ/AkAgACgCVCIFRQRAIAAoAkwhByAAKAJIIQMgACgCRCEIIABBQGsoAgAhCSAAKAI8IQogACgCOCELIAAoAjQhDCAAKAIwIQ0gACgCUCECIAAoAiQhDiAAKAIgIQ8gACgCHCEQIAAoAhghESAAKAIUIRIgACgCECETIAAoAgwhFCAAKAIIIRUMAQsgACgCJCIOIAVsIgIgACgCUCIEIAAoAkwiB2wiA2sgAyACayACIANLGyAAKAIEIAVsIgIgBCAAKAIsbCIDayADIAJrIAIgA0sbIAAoAgAgBWwiAiAEIAAoAihsIgNrIAMgAmsgAiADSxtqIAAoAggiFSAFbCICIAQgACgCMCINbCIDayADIAJrIAIgA0sbaiAAKAIMIhQgBWwiAiAEIAAoAjQiDGwiA2sgAyACayACIANLG2ogACgCECITIAVsIgIgBCAAKAI4IgtsIgNrIAMgAmsgAiADSxtqIAAoAhQiEiAFbCICIAQgACgCPCIKbCIDayADIAJrIAIgA0sbaiAAKAIYIhEgBWwiAiAEIABBQGsoAgAiCWwiA2sgAyACayACIANLG2ogACgCHCIQIAVsIgIgBCAAKAJEIghsIgNrIAMgAmsgAiADSxtqIAAoAiAiDyAFbCICIAQgACgCSCIDbCIGayAGIAJrIAIgBksbamohBiAEIAVqIQIgBEHIAWxBCXYgBWwhBAJAIAFBj84ASw0AIAJB/z9LDQAgBCAErUGAwAAgAmutfkINiKdqIQQLQQEgBiAFIAFBDHZsaiAETw0BGgsgAEIANwIIIABCADcCECAAQgA3AhggACgCBCEBIAAoAgAhBSAAQgA3AgAgACANIBVqNgIwIAAgDCAUajYCNCAAIAsgE2o2AjggACAKIBJqNgI8IABBQGsgCSARajYCACAAIAggEGo2AkQgACADIA9qNgJIIAAgBSAAKAIoajYCKCAAIAEgACgCLGo2AiwgACAHIA5qNgJMIABBADYCICAAIAI2AlQgAEEANgIkIABBADYCUEEACwvyAwEMfyAAQcTajgNqIgcgAUEDdGoiCkEANgIAIABBhNGjBGohDCAAQcAvaiELIAohAwNAIAJBBGsiAS8BACEIIAwgAS8BAiIGQQJ0aigCACEEIANBCGsiA0EEaiAGQQl0QQFyNgIAIAQgBWohBSAIBH9BAyEBIAhBf3MiDSEJA0AgCyALIAIgCUECdGoiBi8BAiIEakHcw6MEai0AAEECdGpB0LGjBGooAgAhDiAEQQl0IQggBi8BACEGA0AgBSADIAFBA3RqKAIAIAAgAUECdGpBhNmjBGooAgAgDmpqIgRLBEAgAyABIAhyNgIEIAQhBQsgAUEBaiIBIAZNDQALIAlBAWoiCUF/Rw0ACyACIA1BAnRqBSABCyECIAMgBTYCACADIAdHDQALIABBGGpBAEGAChACIQMDQCAHKAIEIgFBCXYhBCABQf8DcSICQQFGBH8gAyAEQQJ0agUgAkGQyABqLQAAQQJ0IANqQYQIaiIBIAEoAgBBAWo2AgAgACAAIARqQZzzowRqLQAAQQJ0akGYCWoLIgEgASgCAEEBajYCACAHIAJBA3RqIgcgCkcNAAsgAEGYCGoiASABKAIAQQFqNgIAQaACQQ4gAyAAQfAUaiAAQfAKahADQSBBDyAAQZgJaiAAQZAXaiAAQfATahADC6QDAQN/IAEgAEEEaiIEakEBa0EAIAFrcSIFIAJqIAAgACgCACIBakEEa00EfyAAKAIEIgMgACgCCDYCCCAAKAIIIAM2AgQgBCAFRwRAIAAgAEEEaygCAEF+cWsiAyAFIARrIgQgAygCAGoiBTYCACAFQXxxIANqQQRrIAU2AgAgACAEaiIAIAEgBGsiATYCAAsCQCABIAJBGGpPBEAgACACakEIaiIDIAEgAmtBCGsiATYCACABQXxxIANqQQRrIAFBAXI2AgAgAwJ/IAMoAgBBCGsiAUH/AE0EQCABQQN2QQFrDAELIAFnIQQgAUEdIARrdkEEcyAEQQJ0a0HuAGogAUH/H00NABogAUEeIARrdkECcyAEQQF0a0HHAGoiAUE/IAFBP0kbCyIBQQR0IgRBkNgAajYCBCADIARBmNgAaiIEKAIANgIIIAQgAzYCACADKAIIIAM2AgRBmOAAQZjgACkDAEIBIAGthoQ3AwAgACACQQhqIgE2AgAgAUF8cSAAakEEayABNgIADAELIAAgAWpBBGsgATYCAAsgAEEEagVBAAsL7wMBBX8Cf0GA2AAoAgAiASAAQQNqQXxxIgNqIQICQCADQQAgASACTxsNACACPwBBEHRLBEAgAhAARQ0BC0GA2AAgAjYCACABDAELQaDgAEEwNgIAQX8LIgJBf0cEQCAAIAJqIgNBEGsiAUEQNgIMIAFBEDYCAAJAAn9BkOAAKAIAIgAEfyAAKAIIBUEACyACRgRAIAIgAkEEaygCAEF+cWsiBEEEaygCACEFIAAgAzYCCEFwIAQgBUF+cWsiACAAKAIAakEEay0AAEEBcUUNARogACgCBCIDIAAoAgg2AgggACgCCCADNgIEIAAgASAAayIBNgIADAILIAJBEDYCDCACQRA2AgAgAiADNgIIIAIgADYCBEGQ4AAgAjYCAEEQCyACaiIAIAEgAGsiATYCAAsgAUF8cSAAakEEayABQQFyNgIAIAACfyAAKAIAQQhrIgFB/wBNBEAgAUEDdkEBawwBCyABQR0gAWciA2t2QQRzIANBAnRrQe4AaiABQf8fTQ0AGiABQR4gA2t2QQJzIANBAXRrQccAaiIBQT8gAUE/SRsLIgFBBHQiA0GQ2ABqNgIEIAAgA0GY2ABqIgMoAgA2AgggAyAANgIAIAAoAgggADYCBEGY4ABBmOAAKQMAQgEgAa2GhDcDAAsgAkF/RwvVAgECfwJAIAAgAUYNACABIAAgAmoiBGtBACACQQF0a00EQCAAIAEgAhAEGg8LIAAgAXNBA3EhAwJAAkAgACABSQRAIAMNAiAAQQNxRQ0BA0AgAkUNBCAAIAEtAAA6AAAgAUEBaiEBIAJBAWshAiAAQQFqIgBBA3ENAAsMAQsCQCADDQAgBEEDcQRAA0AgAkUNBSAAIAJBAWsiAmoiAyABIAJqLQAAOgAAIANBA3ENAAsLIAJBA00NAANAIAAgAkEEayICaiABIAJqKAIANgIAIAJBA0sNAAsLIAJFDQIDQCAAIAJBAWsiAmogASACai0AADoAACACDQALDAILIAJBA00NAANAIAAgASgCADYCACABQQRqIQEgAEEEaiEAIAJBBGsiAkEDSw0ACwsgAkUNAANAIAAgAS0AADoAACAAQQFqIQAgAUEBaiEBIAJBAWsiAg0ACwsLsAIBA38jAEEgayIFJAACfyACIAAoAgxNBEACfwJAIAIEQCABIAJqIQYgAyAEaiEEIAMhAANAQQAgBiABayICQf//AyACQYCABEgiBxsiAkEFaiAEIABrSw0DGiAAIAI7AAEgACACQX9zOwADIAAgBzoAACAAQQVqIAEgAhAEIAJqIQAgASACaiIBIAZHDQALIAAgA2shAAwBC0EAIQAgBEEFSQ0AIANBgIB8NgABIANBAToAAEEFDAELIAALDAELIAVBADoAGCAFQgA3AwggBSADNgIQIAUgAyAEajYCFCAAIAEgAiAFQQhqIAAoAgARAQBBACAFLQAYDQAaIAUoAgwEQCAFIAUoAhAiAEEBajYCECAAIAUoAgg6AAALIAUoAhAgA2sLIQAgBUEgaiQAIAALPQEDfwNAIABBBHQiAUGU2ABqIAFBkNgAaiICNgIAIAFBmNgAaiACNgIAIABBAWoiAEHAAEcNAAtBMBAJGgvjLwIafwR+IwBBEGsiEiQAIABB5IOmBGooAgAhFCAAQRhqQQBBgAoQAiEJAkAgA0UNACADQQFrQQNPBEAgA0F8cSELA0AgCSACIAhqLQAAQQJ0aiIMIAwoAgBBAWo2AgAgCSACIAhBAXJqLQAAQQJ0aiIMIAwoAgBBAWo2AgAgCSACIAhBAnJqLQAAQQJ0aiIMIAwoAgBBAWo2AgAgCSACIAhBA3JqLQAAQQJ0aiIMIAwoAgBBAWo2AgAgCEEEaiEIIApBBGoiCiALRw0ACwsgA0EDcSILRQ0AQQAhCgNAIAkgAiAIai0AAEECdGoiDCAMKAIAQQFqNgIAIAhBAWohCCAKQQFqIgogC0cNAAsLIABBmAhqQQE2AgBBoAJBDiAJIABB8BRqIg8gAEHwCmoiFhADQSBBDyAAQZgJaiIXIABBkBdqIhggAEHwE2oiGRADIAAQECETAkAgA0GBAmoiCEHnzhIgCEHnzhJJGyILIANJDQAgCyADIghrIgxBAWpBB3EiDgRAQQAhCgNAIAAgCEEDdGpBxNqOA2pBgICAgHg2AgAgCEEBaiEIIApBAWoiCiAORw0ACwsgDEEHSQ0AIABBxNqOA2ohDANAIAwgCEEDdGoiCkGAgICAeDYCACAKQYCAgIB4NgIwIApBgICAgHg2AiggCkGAgICAeDYCICAKQYCAgIB4NgIYIApBgICAgHg2AhAgCkGAgICAeDYCCCAMIAhBB2oiCkEDdGpBgICAgHg2AgAgCEEIaiEIIAogC0cNAAsLQX8hESADIABB8IOmBGooAgBNBEAgAEGQ4qMEaiAAQYTRowRqIgpBjBEQBCENIABBsCFqIQtBACEIA0AgCiAIQQJ0aiAIIAtqLQAAIgxBDSAMG0EEdDYCACAKIAhBAXIiDEECdGogCyAMai0AACIMQQ0gDBtBBHQ2AgAgCEECaiIIQYACRw0AC0EDIQgDQCAAIAhBAnRqQYTZowRqIAhBkMgAai0AACIMIAtqLQCBAiIOQQ0gDhsgDEHAzgBqLQAAakEEdDYCACAIQQFqIghBgwJHDQALQQAhCCAAQZDhowRqIQsgAEHQI2ohDANAIAsgCEECdGogCEHgzgBqLQAAIAggDGotAAAiDkEKIA4bakEEdDYCACALIAhBAXIiDkECdGogDkHgzgBqLQAAIAwgDmotAAAiDkEKIA4bakEEdDYCACAIQQJqIghBHkcNAAsgACADIAQQByAAQcTajgNqKAIAIQggCiANQYwREAQaIAhBBHZBB2ohEQtBACEIIAlBAEGACBACIQ4CQCADRQ0AIANBAWtBA08EQCADQXxxIQlBACEKA0AgDiACIAhqLQAAQQJ0aiILIAsoAgBBAWo2AgAgDiACIAhBAXJqLQAAQQJ0aiILIAsoAgBBAWo2AgAgDiACIAhBAnJqLQAAQQJ0aiILIAsoAgBBAWo2AgAgDiACIAhBA3JqLQAAQQJ0aiILIAsoAgBBAWo2AgAgCEEEaiEIIApBBGoiCiAJRw0ACwsgA0EDcSIJRQ0AQQAhCgNAIA4gAiAIai0AAEECdGoiCyALKAIAQQFqNgIAIAhBAWohCCAKQQFqIgogCUcNAAsLIANBC3YhCEEAIQlBACEKA0AgCiAOIAlBAnQiC2ooAgAgCEtqIA4gC0EEcmooAgAgCEtqIA4gC0EIcmooAgAgCEtqIA4gC0EMcmooAgAgCEtqIQogCUEEaiIJQYACRw0AC0GDAgJ/QQMgCkEBIAobIhBBzwBLDQAaIBBBoNEAai0AACIIIAAoAhAiCUEPSw0AGiAIQQQgEEEta0EjSRsgCUEETQ0AGiAIQQUgEEEQa0HAAEkbIAlBCU0NABogCEEHIBBBCGtByABJGwsiCGsiCUEDcSEVQQAhCwJAIAhBgH5yQQNJBEBBACEKIAMhCQwBCyAJQfwDcSEaQQAhCiAAQdj7pQRqIQwgAyEJQQAhDQNAIAwgCEEDaiIbQQJ0aigCACIcIAwgCEECaiIdQQJ0aigCACIeIAwgCEEBaiIfQQJ0aigCACIgIAwgCEECdGooAgAiISAKampqaiEKIAkgCCAhbCAfICBsaiAdIB5saiAbIBxsamshCSAIQQRqIQggDUEEaiINIBpHDQALCyAVBEADQCAAIAhBAnRqQdj7pQRqKAIAIgwgCmohCiAJIAggDGxrIQkgCEEBaiEIIAtBAWoiCyAVRw0ACwtBACELQQIgCUEAIAlBAEobIgggCkECdEkgCCAKSRtBggJsIghB8dMAai0AACEMIAggEGpB8NEAai0AACEIAkACQAJAIAUEQCAAQYTRowRqIQUDQCAFIAtBAnQiCWogCDYCACAFIAlBBHJqIAg2AgAgBSAJQQhyaiAINgIAIAUgCUEMcmogCDYCACAFIAlBEHJqIAg2AgAgBSAJQRRyaiAINgIAIAUgCUEYcmogCDYCACAFIAlBHHJqIAg2AgAgC0EIaiILQYACRw0AC0EDIQgDQCAAIAhBAnRqIgVBiNmjBGogCEGRyABqLQAAQcDOAGotAABBBHQgDGo2AgAgBUGE2aMEaiAIQZDIAGotAABBwM4Aai0AAEEEdCAMajYCACAIQQJqIghBgwJHDQALDAELIABB7ApqNQIAIiQgAEGk86UEajUCAH4iIiAAQcjzpQRqNQIAIiUgAEHECmo1AgB+IiN9ICMgIn0gIiAjVhsgAEGg86UEajUCACAkfiIiIABBwApqNQIAICV+IiN9ICMgIn0gIiAjVht8IABBqPOlBGo1AgAgJH4iIiAAQcgKajUCACAlfiIjfSAjICJ9ICIgI1YbfCAAQazzpQRqNQIAICR+IiIgAEHMCmo1AgAgJX4iI30gIyAifSAiICNWG3wgAEGw86UEajUCACAkfiIiIABB0ApqNQIAICV+IiN9ICMgIn0gIiAjVht8IABBtPOlBGo1AgAgJH4iIiAAQdQKajUCACAlfiIjfSAjICJ9ICIgI1YbfCAAQbjzpQRqNQIAICR+IiIgAEHYCmo1AgAgJX4iI30gIyAifSAiICNWG3wgAEG886UEajUCACAkfiIiIABB3ApqNQIAICV+IiN9ICMgIn0gIiAjVht8IABBwPOlBGo1AgAgJH4iIiAAQeAKajUCACAlfiIjfSAjICJ9ICIgI1YbfCAAQcTzpQRqNQIAICR+IiIgAEHkCmo1AgAgJX4iI30gIyAifSAiICNWG3wiIiAkICV+QsgBfkIJiCIkQgN+IiVYDQEgAEGE0aMEaiEFA0AgBSALQQJ0IglqIAg2AgAgBSAJQQRyaiAINgIAIAUgCUEIcmogCDYCACAFIAlBDHJqIAg2AgAgBSAJQRByaiAINgIAIAUgCUEUcmogCDYCACAFIAlBGHJqIAg2AgAgBSAJQRxyaiAINgIAIAtBCGoiC0GAAkcNAAtBAyEIA0AgACAIQQJ0aiIFQYjZowRqIAhBkcgAai0AAEHAzgBqLQAAQQR0IAxqNgIAIAVBhNmjBGogCEGQyABqLQAAQcDOAGotAABBBHQgDGo2AgAgCEECaiIIQYMCRw0ACwsgAEGA4qMEakKegoCA4CM3AgAgAEH44aMEakKOgoCA4CE3AgAgAEHw4aMEakL+gYCA4B83AgAgAEHo4aMEakLugYCA4B03AgAgAEHg4aMEakLegYCA4Bs3AgAgAEHY4aMEakLOgYCA4Bk3AgAgAEHQ4aMEakK+gYCA4Bc3AgAgAEHI4aMEakKugYCA4BU3AgAgAEHA4aMEakKegYCA4BM3AgAgAEG44aMEakKOgYCA4BE3AgAgAEGw4aMEakL+gICA4A83AgAgAEGo4aMEakLugICA4A03AgAgAEGg4aMEakLegICA4As3AgAgAEGY4aMEakLOgICA4Ak3AgAgAEGQ4aMEakLOgICA4Ak3AgAMAQsgJEIJfiAiQgKGVARAQQMhCiAIQQNsIQUgAEGE0aMEaiEIQQAhDQNAIAggDUECdCIJaiILIAsoAgAgBWpBAnY2AgAgCCAJQQRyaiILIAsoAgAgBWpBAnY2AgAgCCAJQQhyaiILIAsoAgAgBWpBAnY2AgAgCCAJQQxyaiIJIAkoAgAgBWpBAnY2AgAgDUEEaiINQYACRw0ACwNAIAAgCkECdGoiBUGE2aMEaiIIIAgoAgAgCkGQyABqLQAAQcDOAGotAABBBHQgDGpBA2xqQQJ2NgIAIAVBiNmjBGoiBSAFKAIAIApBkcgAai0AAEHAzgBqLQAAQQR0IAxqQQNsakECdjYCACAKQQJqIgpBgwJHDQALQQAhCCAAQZDhowRqIQUDQCAFIAhBAnRqIgkgCSgCACAIQeDOAGotAABBMGxqQeoBakECdjYCACAFIAhBAXIiCUECdGoiCiAKKAIAIAlB4M4Aai0AAEEwbGpB6gFqQQJ2NgIAIAhBAmoiCEEeRw0ACwwBCyAlICJCAYYiIlQEQCAIQQVsIQUgAEGE0aMEaiEJQQAhDQNAQQMhCCAJIA1BAnQiCmoiCyALKAIAQQNsIAVqQQN2NgIAIAkgCkEEcmoiCyALKAIAQQNsIAVqQQN2NgIAIAkgCkEIcmoiCyALKAIAQQNsIAVqQQN2NgIAIAkgCkEMcmoiCiAKKAIAQQNsIAVqQQN2NgIAIA1BBGoiDUGAAkcNAAsDQCAAIAhBAnRqIgVBhNmjBGoiCSAIQZDIAGotAABBwM4Aai0AAEEEdCAMakEFbCAJKAIAQQNsakEDdjYCACAFQYjZowRqIgUgCEGRyABqLQAAQcDOAGotAABBBHQgDGpBBWwgBSgCAEEDbGpBA3Y2AgAgCEECaiIIQYMCRw0AC0EAIQggAEGQ4aMEaiEFA0AgBSAIQQJ0aiIJIAhB4M4Aai0AAEHQAGwgCSgCAEEDbGpBhgNqQQN2NgIAIAUgCEEBciIJQQJ0aiIKIAlB4M4Aai0AAEHQAGwgCigCAEEDbGpBhgNqQQN2NgIAIAhBAmoiCEEeRw0ACwwBCyAAQYTRowRqIQVBACEJICIgJFYEQANAIAUgCUECdCIKaiILIAsoAgAgCGpBAXY2AgAgBSAKQQRyaiILIAsoAgAgCGpBAXY2AgAgBSAKQQhyaiILIAsoAgAgCGpBAXY2AgAgBSAKQQxyaiIKIAooAgAgCGpBAXY2AgAgCUEEaiIJQYACRw0AC0EDIQgDQCAAIAhBAnRqIgVBhNmjBGoiCSAJKAIAIAxqIAhBkMgAai0AAEHAzgBqLQAAQQR0akEBdjYCACAFQYjZowRqIgUgBSgCACAMaiAIQZHIAGotAABBwM4Aai0AAEEEdGpBAXY2AgAgCEECaiIIQYMCRw0AC0EAIQggAEGQ4aMEaiEFA0AgBSAIQQJ0aiIJIAkoAgAgCEHgzgBqLQAAQQR0akHOAGpBAXY2AgAgBSAIQQFyIglBAnRqIgogCigCACAJQeDOAGotAABBBHRqQc4AakEBdjYCACAIQQJqIghBHkcNAAsMAQsDQEEDIQsgBSAJQQJ0IgpqIg0gDSgCAEEDbCAIakECdjYCACAFIApBBHJqIg0gDSgCAEEDbCAIakECdjYCACAFIApBCHJqIg0gDSgCAEEDbCAIakECdjYCACAFIApBDHJqIgogCigCAEEDbCAIakECdjYCACAJQQRqIglBgAJHDQALA0AgACALQQJ0aiIFQYTZowRqIgggC0GQyABqLQAAQcDOAGotAABBBHQgDGogCCgCAEEDbGpBAnY2AgAgBUGI2aMEaiIFIAtBkcgAai0AAEHAzgBqLQAAQQR0IAxqIAUoAgBBA2xqQQJ2NgIAIAtBAmoiC0GDAkcNAAtBACEIIABBkOGjBGohBQNAIAUgCEECdGoiCSAJKAIAQQNsIAhB4M4Aai0AAEEEdGpBzgBqQQJ2NgIAIAUgCEEBciIJQQJ0aiIKIAooAgBBA2wgCUHgzgBqLQAAQQR0akHOAGpBAnY2AgAgCEECaiIIQR5HDQALCyAAQYTRowRqIQkgAEGQ4qMEaiELIABBkOGjBGohCiAAQZAXaiEMQX8hCANAAkAgACADIAQQByAAEBAiBSAAKALog6YEaiAISw0AIAsgCUGMERAEGkEAIQgDQCAJIAhBAnRqIAggD2otAAAiDUENIA0bQQR0NgIAIAkgCEEBciINQQJ0aiANIA9qLQAAIg1BDSANG0EEdDYCACAIQQJqIghBgAJHDQALQQMhCANAIAAgCEECdGpBhNmjBGogCEGQyABqLQAAIg0gD2otAIECIhBBDSAQGyANQcDOAGotAABqQQR0NgIAIAhBAWoiCEGDAkcNAAtBACEIA0AgCiAIQQJ0aiAIQeDOAGotAAAgCCAMai0AACINQQogDRtqQQR0NgIAIAogCEEBciINQQJ0aiANQeDOAGotAAAgDCANai0AACINQQogDRtqQQR0NgIAIAhBAmoiCEEeRw0ACyAFIQggFEEBayIUDQELC0EAIQogB0EAOgAAAkACQCAIIBMgESARIBNLG0sEQCARIBNLBEBBACEIIA5BAEGAChACIQQCQCADRQ0AIANBAWtBA08EQCADQXxxIQUDQCAEIAIgCGotAABBAnRqIgsgCygCAEEBajYCACAEIAIgCEEBcmotAABBAnRqIgsgCygCAEEBajYCACAEIAIgCEECcmotAABBAnRqIgsgCygCAEEBajYCACAEIAIgCEEDcmotAABBAnRqIgsgCygCAEEBajYCACAIQQRqIQggCkEEaiIKIAVHDQALCyADQQNxIgVFDQBBACEKA0AgBCACIAhqLQAAQQJ0aiILIAsoAgBBAWo2AgAgCEEBaiEIIApBAWoiCiAFRw0ACwsgAEEBNgKYCEGgAkEOIAQgDyAWEANBIEEPIBcgGCAZEANBACEIA0AgCSAIQQJ0aiAIIA9qLQAAIgRBDSAEG0EEdDYCACAJIAhBAXIiBEECdGogBCAPai0AACIEQQ0gBBtBBHQ2AgAgCEECaiIIQYACRw0AC0EDIQgDQCAAIAhBAnRqQYTZowRqIAhBkMgAai0AACIEIA9qLQCBAiIFQQ0gBRsgBEHAzgBqLQAAakEEdDYCACAIQQFqIghBgwJHDQALQQAhCCAAQZDhowRqIQQgAEGQF2ohBQNAIAQgCEECdGogCEHgzgBqLQAAIAUgCGotAAAiCUEKIAkbakEEdDYCACAEIAhBAXIiCUECdGogCUHgzgBqLQAAIAUgCWotAAAiCUEKIAkbakEEdDYCACAIQQJqIghBHkcNAAsgEiADNgIIIAdBAToAACASQQhqIQoMAwsgAEGwIWohBUEAIQgDQCAJIAhBAnRqIAUgCGotAAAiB0ENIAcbQQR0NgIAIAkgCEEBciIHQQJ0aiAFIAdqLQAAIgdBDSAHG0EEdDYCACAIQQJqIghBgAJHDQALQQMhCANAIAAgCEECdGpBhNmjBGogCEGQyABqLQAAIgcgBWotAIECIglBDSAJGyAHQcDOAGotAABqQQR0NgIAIAhBAWoiCEGDAkcNAAtBACEIIABBkOGjBGohBSAAQdAjaiEHA0AgBSAIQQJ0aiAIQeDOAGotAAAgByAIai0AACIJQQogCRtqQQR0NgIAIAUgCEEBciIJQQJ0aiAJQeDOAGotAAAgByAJai0AACIJQQogCRtqQQR0NgIAIAhBAmoiCEEeRw0ACyAAIAMgBBAHDAELIAUgAEHsg6YEaigCACAIakkNASAJIAtBjBEQBCEFIAAgAyAEEAdBACEIA0AgBSAIQQJ0aiAIIA9qLQAAIgRBDSAEG0EEdDYCACAFIAhBAXIiBEECdGogBCAPai0AACIEQQ0gBBtBBHQ2AgAgCEECaiIIQYACRw0AC0EDIQgDQCAAIAhBAnRqQYTZowRqIAhBkMgAai0AACIEIA9qLQCBAiIFQQ0gBRsgBEHAzgBqLQAAakEEdDYCACAIQQFqIghBgwJHDQALQQAhCCAAQZDhowRqIQQgAEGQF2ohBQNAIAQgCEECdGogCEHgzgBqLQAAIAUgCGotAAAiB0EKIAcbakEEdDYCACAEIAhBAXIiB0ECdGogB0HgzgBqLQAAIAUgB2otAAAiB0EKIAcbakEEdDYCACAIQQJqIghBHkcNAAsLCyAAIAEgAiADIAogBhAFIBJBEGokAAvQAgEFfyAABEAgAEEEayIBKAIAIgUhAyABIQIgAEEIaygCACIAIABBfnEiBEcEQCABIARrIgIoAgQiACACKAIINgIIIAIoAgggADYCBCAEIAVqIQMLIAEgBWoiBCgCACIBIAEgBGpBBGsoAgBHBEAgBCgCBCIAIAQoAgg2AgggBCgCCCAANgIEIAEgA2ohAwsgAiADNgIAIANBfHEgAmpBBGsgA0EBcjYCACACAn8gAigCAEEIayIBQf8ATQRAIAFBA3ZBAWsMAQsgAUEdIAFnIgBrdkEEcyAAQQJ0a0HuAGogAUH/H00NABogAUEeIABrdkECcyAAQQF0a0HHAGoiAEE/IABBP0kbCyIBQQR0IgBBkNgAajYCBCACIABBmNgAaiIAKAIANgIIIAAgAjYCACACKAIIIAI2AgRBmOAAQZjgACkDAEIBIAGthoQ3AwALC6wEAgZ/An4Cf0EIIQQCQAJAIABBR0sNAANAIARBCCAEQQhLGyEEQZjgACkDACIHAn8gAEEDakF8cUEIIABBCEsbIgBB/wBNBEAgAEEDdkEBawwBCyAAQR0gAGciAWt2QQRzIAFBAnRrQe4AaiAAQf8fTQ0AGiAAQR4gAWt2QQJzIAFBAXRrQccAaiIBQT8gAUE/SRsLIgOtiCIIUEUEQANAIAggCHoiCIghBwJ+IAMgCKdqIgNBBHQiAkGY2ABqKAIAIgEgAkGQ2ABqIgZHBEAgASAEIAAQCCIFDQUgASgCBCIFIAEoAgg2AgggASgCCCAFNgIEIAEgBjYCCCABIAJBlNgAaiICKAIANgIEIAIgATYCACABKAIEIAE2AgggA0EBaiEDIAdCAYgMAQtBmOAAQZjgACkDAEJ+IAOtiYM3AwAgB0IBhQsiCEIAUg0AC0GY4AApAwAhBwsCQCAHUEUEQEE/IAd5p2siBkEEdCICQZjYAGooAgAhAQJAIAdCgICAgARUDQBB4wAhAyABIAJBkNgAaiICRg0AA0AgA0UNASABIAQgABAIIgUNBSADQQFrIQMgASgCCCIBIAJHDQALIAIhAQsgAEEwahAJDQEgAUUNBCABIAZBBHRBkNgAaiICRg0EA0AgASAEIAAQCCIFDQQgASgCCCIBIAJHDQALDAQLIABBMGoQCUUNAwtBACEFIAQgBEEBa3ENASAAQUdNDQALCyAFDAELQQALC5gGAQZ/IAAQESAAQfAUaiIDIABBnC9qKAIAIgFqQQBBoAIgAWsQAhogAEGkL2ooAgBBA2wgACgC8CMgAEGIJWotAABsaiAAQfQjaigCACAAQYklai0AAGxqIABB+CNqKAIAIABBiiVqLQAAbGogAEH8I2ooAgAgAEGLJWotAABsaiAAQYAkaigCACAAQYwlai0AAGxqIABBhCRqKAIAIABBjSVqLQAAbGogAEGIJGooAgAgAEGOJWotAABsaiAAQYwkaigCACAAQY8lai0AAGxqIABBkCRqKAIAIABBkCVqLQAAbGogAEGUJGooAgAgAEGRJWotAABsaiAAQZgkaigCACAAQZIlai0AAGxqIABBnCRqKAIAIABBkyVqLQAAbGogAEGgJGooAgAgAEGUJWotAABsaiAAQaQkaigCACAAQZUlai0AAGxqIABBqCRqKAIAIABBliVqLQAAbGogAEGsJGooAgAgAEGXJWotAABsaiAAQbAkaigCACAAQZglai0AAEECamxqIABBtCRqKAIAIABBmSVqLQAAQQNqbGogAEG4JGooAgAgAEGaJWotAABBB2psakEOaiEBIABBGGohBAN/IAQgAkECdGooAgAgAiADai0AAGwgAWohBUGBAiEBIAJBAXIiBkGBAkYEfwN/IAQgAUECdGooAgAgAUG/zABqLQAAIAEgA2otAABqbCAFaiECIAFBAWoiBUGeAkYEf0EAIQEgAEGQF2ohAyAAQZgJaiEAA0AgACABQQJ0aigCACABQeDOAGotAAAgASADai0AAGpsIAJqIAFBAXIiAkHgzgBqLQAAIAIgA2otAABqIAAgAkECdGooAgBsaiECIAFBAmoiAUEeRw0ACyACBSAEIAVBAnRqKAIAIAFBwMwAai0AACADIAVqLQAAamwgAmohBSABQQJqIQEMAQsLBSAEIAZBAnRqKAIAIAMgBmotAABsIAVqIAQgAkECciIBQQJ0aigCACABIANqLQAAbGogBCACQQNyIgFBAnRqKAIAIAEgA2otAABsaiEBIAJBBGohAgwBCwsLhxMBDX9BoAIhASAAQZwvakGgAjYCAAJAIABBjxdqLQAAIgMNAEGfAiEBIABBnwI2ApwvIABBjhdqLQAADQBBngIhASAAQZ4CNgKcLyAAQY0Xai0AAA0AQZ0CIQEgAEGdAjYCnC8gAEGMF2otAAANAEGcAiEBIABBnAI2ApwvIABBixdqLQAADQBBmwIhASAAQZsCNgKcLyAAQYoXai0AAA0AQZoCIQEgAEGaAjYCnC8gAEGJF2otAAANAEGZAiEBIABBmQI2ApwvIABBiBdqLQAADQBBmAIhASAAQZgCNgKcLyAAQYcXai0AAA0AQZcCIQEgAEGXAjYCnC8gAEGGF2otAAANAEGWAiEBIABBlgI2ApwvIABBhRdqLQAADQBBlQIhASAAQZUCNgKcLyAAQYQXai0AAA0AQZQCIQEgAEGUAjYCnC8gAEGDF2otAAANAEGTAiEBIABBkwI2ApwvIABBghdqLQAADQBBkgIhASAAQZICNgKcLyAAQYEXai0AAA0AQZECIQEgAEGRAjYCnC8gAEGAF2otAAANAEGQAiEBIABBkAI2ApwvIABB/xZqLQAADQBBjwIhASAAQY8CNgKcLyAAQf4Wai0AAA0AQY4CIQEgAEGOAjYCnC8gAEH9FmotAAANAEGNAiEBIABBjQI2ApwvIABB/BZqLQAADQBBjAIhASAAQYwCNgKcLyAAQfsWai0AAA0AQYsCIQEgAEGLAjYCnC8gAEH6FmotAAANAEGKAiEBIABBigI2ApwvIABB+RZqLQAADQBBiQIhASAAQYkCNgKcLyAAQfgWai0AAA0AQYgCIQEgAEGIAjYCnC8gAEH3FmotAAANAEGHAiEBIABBhwI2ApwvIABB9hZqLQAADQBBhgIhASAAQYYCNgKcLyAAQfUWai0AAA0AQYUCIQEgAEGFAjYCnC8gAEH0FmotAAANAEGEAiEBIABBhAI2ApwvIABB8xZqLQAADQBBgwIhASAAQYMCNgKcLyAAQfIWai0AAA0AIABBggJBgQIgAEHxFmotAAAbIgE2ApwvC0EgIQIgAEGgL2pBIDYCAAJAIABBrxdqLQAADQBBHyECIABBHzYCoC8gAEGuF2otAAANAEEeIQIgAEEeNgKgLyAAQa0Xai0AAA0AQR0hAiAAQR02AqAvIABBrBdqLQAADQBBHCECIABBHDYCoC8gAEGrF2otAAANAEEbIQIgAEEbNgKgLyAAQaoXai0AAA0AQRohAiAAQRo2AqAvIABBqRdqLQAADQBBGSECIABBGTYCoC8gAEGoF2otAAANAEEYIQIgAEEYNgKgLyAAQacXai0AAA0AQRchAiAAQRc2AqAvIABBphdqLQAADQBBFiECIABBFjYCoC8gAEGlF2otAAANAEEVIQIgAEEVNgKgLyAAQaQXai0AAA0AQRQhAiAAQRQ2AqAvIABBoxdqLQAADQBBEyECIABBEzYCoC8gAEGiF2otAAANAEESIQIgAEESNgKgLyAAQaEXai0AAA0AQREhAiAAQRE2AqAvIABBoBdqLQAADQBBECECIABBEDYCoC8gAEGfF2otAAANAEEPIQIgAEEPNgKgLyAAQZ4Xai0AAA0AQQ4hAiAAQQ42AqAvIABBnRdqLQAADQBBDSECIABBDTYCoC8gAEGcF2otAAANAEEMIQIgAEEMNgKgLyAAQZsXai0AAA0AQQshAiAAQQs2AqAvIABBmhdqLQAADQBBCiECIABBCjYCoC8gAEGZF2otAAANAEEJIQIgAEEJNgKgLyAAQZgXai0AAA0AQQghAiAAQQg2AqAvIABBlxdqLQAADQBBByECIABBBzYCoC8gAEGWF2otAAANAEEGIQIgAEEGNgKgLyAAQZUXai0AAA0AQQUhAiAAQQU2AqAvIABBlBdqLQAADQBBBCECIABBBDYCoC8gAEGTF2otAAANAEEDIQIgAEEDNgKgLyAAQZIXai0AAA0AIABBAkEBIABBkRdqLQAAGyICNgKgLwsgAEHwFGohCCADRQRAIAEgCGogAEGQF2ogAhAKIAAoAqAvIQIgACgCnC8hAQtBACEDIABB8CNqQQBBzAAQAiEJIAEgAmoiCkEBayELIABBnCVqIgwhAgNAIAMgCGotAAAhBSADIQEDQAJAIAogASIGQQFqIgFGBEAgCyEGIAohAQwBCyAFIAEgCGotAABGDQELCyABIANrIQQgCgJ/AkAgBUUEQCAEQQtPBEADQCAAIAAoArgkQQFqNgK4JCACIARBC2siBEH/ACAEQf8ASRsiBEEFdEEScjYCACACQQRqIQIgASADIARqQQtqIgNrIgRBCksNAAsLIARBA0kNASAAIAAoArQkQQFqNgK0JCACIARBBXRBzwBrNgIAIAJBBGohAiABDAILIARBBEkNACAJIAVBAnRqIgQgBCgCAEEBajYCACACIAU2AgAgBkECayEEIANBAWohAyACQQRqIQIDQCAAIAAoArAkQQFqNgKwJCACIAQgA2siB0EDIAdBA0kbIgdBBXRBEHI2AgAgAkEEaiECIAEgAyAHakEDaiIDa0ECSw0ACwsgASABIANGDQAaIAkgBUECdGohAUEAIQQgBiADayIHQQFqQQNxIg0EQANAIAEgASgCAEEBajYCACACIAU2AgAgA0EBaiEDIAJBBGohAiAEQQFqIgQgDUcNAAsLIAdBA08EQANAIAEgASgCAEEBajYCACACIAU2AgAgASABKAIAQQFqNgIAIAIgBTYCBCABIAEoAgBBAWo2AgAgAiAFNgIIIAEgASgCAEEBajYCACACIAU2AgwgAkEQaiECIANBA2ohBCADQQRqIQMgBCAGRw0ACwsgBkEBagsiA0cNAAsgAEGoL2ogAiAMa0ECdTYCAEETQQcgCSAAQYglaiAAQbwkahADIAACf0ETIABBlyVqLQAADQAaQRIgAEGJJWotAAANABpBESAAQZYlai0AAA0AGkEQIABBiiVqLQAADQAaQQ8gAEGVJWotAAANABpBDiAAQYslai0AAA0AGkENIABBlCVqLQAADQAaQQwgAEGMJWotAAANABpBCyAAQZMlai0AAA0AGkEKIABBjSVqLQAADQAaQQkgAEGSJWotAAANABpBCCAAQY4lai0AAA0AGkEHIABBkSVqLQAADQAaQQYgAEGPJWotAAANABpBBUEEIABBkCVqLQAAGws2AqQvIAAoApwvIgFBoAJHBEAgAEGQF2ogASAIaiAAKAKgLxAKCwvsIgEkfyMAQZACayIVJAAgACgCFCELIBVBADoADyACQYCAAiACQYCAAkkbIQwgAEHAL2ohCSABIAJqIRsDQCAJIARBAXQiAmpBgIACOwEAIAkgAkECcmpBgIACOwEAIAkgAkEEcmpBgIACOwEAIAkgAkEGcmpBgIACOwEAIAkgAkEIcmpBgIACOwEAIAkgAkEKcmpBgIACOwEAIAkgAkEMcmpBgIACOwEAIAkgAkEOcmpBgIACOwEAIARBCGoiBEGAgAxHDQALIABBmApqQQBB2AAQAiEhIABBzPOlBGpBAEGYEBACISVBggIhDiALQYICIAtBggJJGyEPIABB2PulBGohJiAAQcDKjgNqIScgASAMaiEMIABB6ApqIRYgAEHACmohESAAQcCvIGoiIyELIAEiGCINIR8DQCAbIA1B4KcSaiAbIA1rQejOEkkbISRBgwIhFwJAIBUtAA8NACAAKAIQIQcgFUEQakEAQYACEAIaQQMhFyAkIA1rIgJBgARJDQAgAkGAICACQYAgSRsiBUEDcSEGQQAhBEEAIQIgBUEBa0EDTwRAIAVB/D9xIQVBACEIA0AgFUEQaiIKIAIgDWotAABqQQE6AAAgCiANIAJBAXJqLQAAakEBOgAAIAogDSACQQJyai0AAGpBAToAACAKIA0gAkEDcmotAABqQQE6AAAgAkEEaiECIAhBBGoiCCAFRw0ACwsgBgRAA0AgAiANai0AACAVQRBqakEBOgAAIAJBAWohAiAEQQFqIgQgBkcNAAsLQQAhAkEAIQQDQCAVQRBqIgUgAkEDcmotAAAgAkECciAFai0AACACQQFyIAVqLQAAIAQgAiAFai0AAGpqamohBCACQQRqIgJBgAJHDQALIARBzwBLDQAgBEGg0QBqLQAAIRcgB0EPSw0AIAdBBE0EQCAXQQQgBEEta0EjSRshFwwBCyAHQQlNBEAgF0EFIARBEGtBwABJGyEXDAELIBdBByAEQQhrQcgASRshFwtBACEcIB8hBQJ/AkADQCAbIAVrIQogBSAMRwR/IAwFQQAhBANAIAkgBEEBdCIGaiICIAIuAQAiAkEAIAJBAEobQYCAAnI7AQAgCSAGQQJyaiICIAIuAQAiAkEAIAJBAEobQYCAAnI7AQAgCSAGQQRyaiICIAIuAQAiAkEAIAJBAEobQYCAAnI7AQAgCSAGQQZyaiICIAIuAQAiAkEAIAJBAEobQYCAAnI7AQAgBEEEaiIEQYCAEEcNAAsgDCEYIAwgCkGAgAIgCkGAgAJJG2oLISICQCAKQYECSwRAIA4hCgwBCyAPIAogCiAPSxshDwtBACEOAkAgCkEFSQRAIAshBwwBCyAJIB1BAnRqIgIuAQIhFCAAKAIQIRIgBSgAASEGIAIgAi4BACIMOwECIAIgBSAYayIZOwEAIAZB////B3EhBAJ/IAsgGUGAgAJrIhMgDE4NABogBSgAAEH///8HcSICIAwgGGoiDCgAAEH///8HcUcEQCALIBMgFE4NARogCyACIBQgGGoiDCgAAEH///8HcUcNARoLIAtBAzsBACALIAUgDGs7AQIgC0EEagshByAGQb3P1vEBbCEdIARBvc/W8QFsIR4gCSAQQQF0akGAgBBqIgIuAQAhCCACIBk7AQAgCSAZQQJ0Qfz/B3FqIgJBgoAYaiEZIAJBgIAYaiEUAkACQAJAIAggE0wNAEEDISBBACEGQQAhDEEAIQIDQAJAIAggGGoiECACai0AACACIAVqLQAARw0AAkACQAJ/IAogAkEBaiIEa0EQSQRAIAQMAQsgBCAFaigAACAEIBBqKAAAcyIaDQEgBSACQQVqIgRqKAAAIAQgEGooAABzIhoNASAFIAJBCWoiBGooAAAgBCAQaigAAHMiGg0BIAUgAkENaiIEaigAACAEIBBqKAAAcyIaDQEgAkERagshAgNAIAogAiIEQQRqIgJJBEAgBCAKTw0DA0AgBCAQai0AACAEIAVqLQAARw0EIARBAWoiBCAKRw0ACyAKIQQMAwsgBCAFaigAACAEIBBqKAAAcyIaRQ0ACwsgGmhBA3YgBGohBAsgBCAgTQRAIAQhAgwBCyAHIAQ7AQAgByAFIBBrOwECIAdBBGohByAEIA9PDQMgBCICISALAn8gAiAQai0AACACIAVqLQAASQRAIBQgCDsBACAJIAhBAnRB/P8HcWpBgoAYaiIIIRQgAiEGIAwMAQsgGSAIOwEAIAkgCEECdEH8/wdxakGAgBhqIgghGSACIQwgBgshBCATIAguAQAiCE4NASAEIAIgAiAESxshAiASQQFrIhINAAsLIBRBgIACOwEAIBlBgIACOwEADAELIBQgCSAIQQJ0Qfz/B3FqIgJBgIAYai8BADsBACAZIAJBgoAYai8BADsBAAsgHUEQdiEQIB5BEHYhHSAHIAtNDQAgB0EEay8BACEOCwJAIAUgH0kNACAOIBdPBEAgIUEkQSAgDkEISxtqIgIgAigCAEEBajYCACAWIBYoAgBBAWo2AgAgACAOQQJ0akHM86UEaiICIAIoAgBBAWo2AgAgBSAOaiEfDAELICEgBS0AACICQQV2QQZxIAJBAXFyQQJ0aiICIAIoAgBBAWo2AgAgFiAWKAIAQQFqNgIAIAVBAWohHwsgByAHIAtrQQJ2OwEAIAcgBS0AADsBAiAHQQRqIQsgBUEBaiEFAkACQCAOQQNJDQAgDiAPSQ0AIA5BAWshICAKIQ4gIiEMA0AgGyAFayECIAUgDEYEQEEAIQQDQCAJIARBAXQiB2oiBiAGLgEAIgZBACAGQQBKG0GAgAJyOwEAIAkgB0ECcmoiBiAGLgEAIgZBACAGQQBKG0GAgAJyOwEAIAkgB0EEcmoiBiAGLgEAIgZBACAGQQBKG0GAgAJyOwEAIAkgB0EGcmoiBiAGLgEAIgZBACAGQQBKG0GAgAJyOwEAIARBBGoiBEGAgBBHDQALIAwiGCACQYCAAiACQYCAAkkbaiEMCyACQYECTQRAIA8gAiACIA9LGyEPIAIhDgsCQCAOQQVJDQAgACgCECEaIAUoAAEhBCAJIB1BAnRqIgIgAi8BADsBAiACIAUgGGsiBjsBACAJIBBBAXRqQYCAEGoiAi4BACEIIAIgBjsBACAEQb3P1vEBbEEQdiEQIARB////B3FBvc/W8QFsQRB2IR0gCSAGQQJ0Qfz/B3FqIgJBgoAYaiEeIAJBgIAYaiEKQQAhFAJAAkAgBkGAgAJrIiIgCE4NAEEAIQZBACEEA0ACQCAIIBhqIhMgBGotAAAiEiAEIAVqLQAAIgdHBEAgBCECDAELAkACQAJ/IA8gBEEBaiICa0EQSQRAIAIMAQsgAiAFaigAACACIBNqKAAAcyISDQEgBSAEQQVqIgJqKAAAIAIgE2ooAABzIhINASAFIARBCWoiAmooAAAgAiATaigAAHMiEg0BIAUgBEENaiICaigAACACIBNqKAAAcyISDQEgBEERagshBANAIA8gBCICQQRqIgRJBEAgAiAPTw0DA0AgAiATai0AACACIAVqLQAARw0EIAJBAWoiAiAPRw0ACwwHCyACIAVqKAAAIAIgE2ooAABzIhJFDQALCyASaEEDdiACaiECCyACIA9PDQMgAiAFai0AACEHIAIgE2otAAAhEgsCfyASQf8BcSAHQf8BcUkEQCAKIAg7AQAgCSAIQQJ0Qfz/B3FqQYKAGGoiCCEKIAIhFCAGDAELIB4gCDsBACAJIAhBAnRB/P8HcWpBgIAYaiIIIR4gAiEGIBQLIQQgIiAILgEAIghODQEgBCACIAIgBEsbIQQgGkEBayIaDQALCyAKQYCAAjsBACAeQYCAAjsBAAwBCyAKIAkgCEECdEH8/wdxaiICQYCAGGovAQA7AQAgHiACQYKAGGovAQA7AQALIAtBADsBACALIAUtAAA7AQIgC0EEaiELIAVBAWohBSAgQQFrIiANAAsMAQsgCiEOICIhDAsgBSAkTw0BIAsgJ08NASAWKAIAQYAESQ0AIAUgDWsiAkGIJ0gNACAbIAVrQYgnSA0AICEgAhAGRQRAIAAoApgKIQcgACgCnAohBiAAQgA3ApgKIAAoAqQKIQQgACgCoAohAiAAQgA3AqAKIAAgBiAAKALECmo2AsQKIAAgAiAAKALICmo2AsgKIAAgBCAAKALMCmo2AswKIAAgACgC0AogACgCqApqNgLQCiARIAcgESgCAGo2AgBBACECIABBADYCqAogACAAKALUCiAAKAKsCmo2AtQKIABBADYCrAogACAAKALYCiAAKAKwCmo2AtgKIABBADYCsAogACAAKALcCiAAKAK0Cmo2AtwKIABBADYCtAogACAAKALgCiAAKAK4Cmo2AuAKIABBADYCuAogACAAKALkCiAAKAK8Cmo2AuQKIABBADYCvAogACAAKALsCiAWKAIAajYC7AogFkEANgIAA0AgACACQQJ0aiIHQczzpQRqIgQoAgAhBiAEQQA2AgAgB0HY+6UEaiIEIAYgBCgCAGo2AgAgAkEBciIEQYMCRgRAIAUhHAwDBSAAIARBAnRqIgdBzPOlBGoiBCgCACEGIARBADYCACAHQdj7pQRqIgQgBiAEKAIAajYCACACQQJqIQIMAQsACwALCyAcRQ0AQQAhCCALIQIgBSAcayIEQQNxIgYEQANAIAJBBGsiAiACLwEAQQJ0ayECIARBAWshBCAIQQFqIgggBkcNAAsLIBxBf3MgBWpBA08EQANAIAIgAkEEay8BAEECdGtBCGsiAiACLwEAQQJ0a0EEayICIAIvAQBBAnRrQQRrIgIgAi8BAEECdGshAiAEQQRrIgQNAAsLIAAgAyANIBwgDWsgAiABIA1GQQAgFUEPahANICMgAiALIAJrIgIQCiAAIBEoAgA2AqDzpQQgACAAKQLECjcCpPOlBCAAIAApAswKNwKs86UEIAAgACkC1Ao3ArTzpQQgACAAKQLcCjcCvPOlBCAAIAAoAuQKNgLE86UEIAAgACgC7Ao2AsjzpQQgEUIANwIYIBFCADcCECARQgA3AgggEUIANwIAIBFCADcCICAAQQA2AuwKICZBAEGMCBACGiAAIAJqQcCvIGoMAQsgACgCmAohByAAKAKcCiEGIABCADcCmAogACgCpAohBCAAKAKgCiECIABCADcCoAogACAGIAAoAsQKajYCxAogACACIAAoAsgKajYCyAogACAEIAAoAswKajYCzAogACAAKALQCiAAKAKoCmo2AtAKIBEgByARKAIAajYCAEEAIQIgAEEANgKoCiAAIAAoAtQKIAAoAqwKajYC1AogAEEANgKsCiAAIAAoAtgKIAAoArAKajYC2AogAEEANgKwCiAAIAAoAtwKIAAoArQKajYC3AogAEEANgK0CiAAIAAoAuAKIAAoArgKajYC4AogAEEANgK4CiAAIAAoAuQKIAAoArwKajYC5AogAEEANgK8CiAAIAAoAuwKIBYoAgBqNgLsCiAWQQA2AgADQCAAIAJBAnRqIgdBzPOlBGoiBCgCACEGIARBADYCACAHQdj7pQRqIgQgBiAEKAIAajYCACACQQFyIgRBgwJGRQRAIAAgBEECdGoiB0HM86UEaiIEKAIAIQYgBEEANgIAIAdB2PulBGoiBCAGIAQoAgBqNgIAIAJBAmohAgwBCwsgACADIA0gBSANayALIAEgDUYgBSAbRiAVQQ9qEA0gACARKAIANgKg86UEIAAgACkCxAo3AqTzpQQgACAAKQLMCjcCrPOlBCAAIAApAtQKNwK086UEIAAgACkC3Ao3ArzzpQQgACAAKALkCjYCxPOlBCAAIAAoAuwKNgLI86UEICFBAEHYABACGiAlQQBBmBAQAhogBSEcICMLIQsgBSAbRwRAIBwhDSAFIR8gAy0AEEUNAQsLIBVBkAJqJAAL1zEBKX8jAEGAAmsiJCQAIABBwC9qIQwgACgCFCEHA0AgDCAKQQF0IgRqQYCAAjsBACAMIARBAnJqQYCAAjsBACAMIARBBHJqQYCAAjsBACAMIARBBnJqQYCAAjsBACAMIARBCHJqQYCAAjsBACAMIARBCnJqQYCAAjsBACAMIARBDHJqQYCAAjsBACAMIARBDnJqQYCAAjsBACAKQQhqIgpBgIAGRw0AC0GCAiENIAdBggIgB0GCAkkbIREgAEHwE2ohJSAAQZAXaiEmIABBmAlqIScgAEHwFGohKCAAQfAKaiEpIABBwOQoaiEqIABBGGohKyAAQZgKaiEdIABBwK8QaiEjIAEgAmohFyAAQegKaiEcIAEhEwNAIABBADYCwK8QICtBAEHYChACIRQgACgCECEEICRBAEGAAhACIRogFyATayICQZDOACACQZDOAEgbIQkCf0EDIBcgE0HgpxJqIAJB6M4SSRsiLCATayICQYAESQ0AGiACQYAgIAJBgCBJGyICQQNxIQdBACEKQQAhCCACQQFrQQNPBEAgAkH8P3EhBUEAIQIDQCAaIAggE2otAABqQQE6AAAgGiATIAhBAXJqLQAAakEBOgAAIBogEyAIQQJyai0AAGpBAToAACAaIBMgCEEDcmotAABqQQE6AAAgCEEEaiEIIAJBBGoiAiAFRw0ACwsgBwRAA0AgGiAIIBNqLQAAakEBOgAAIAhBAWohCCAKQQFqIgogB0cNAAsLQQAhCEEAIQoDQCAaIAhBA3JqLQAAIBogCEECcmotAAAgGiAIQQFyai0AACAKIAggGmotAABqampqIQogCEEEaiIIQYACRw0AC0EDIApBzwBLDQAaIApBoNEAai0AACIWIARBD0sNABogFkEEIApBLWtBI0kbIARBBE0NABogFkEFIApBEGtBwABJGyAEQQlNDQAaIBZBByAKQQhrQcgASRsLIRYgCSATaiEgICMhECATIQsDQCALICBPBEAgACgCECEJQQAhCkEAIQIDQCAUIApBAnQiBEEMcmooAgAgFCAEQQhyaigCACAUIARBBHJqKAIAIAQgFGooAgAgAmpqamohAiAKQQRqIgpBgAJHDQALIAJBCnYhBEEAIQJBACEHA0AgByAUIAJBAnQiBWooAgAgBEtqIBQgBUEEcmooAgAgBEtqIBQgBUEIcmooAgAgBEtqIBQgBUEMcmooAgAgBEtqIQcgAkEEaiICQYACRw0ACyAgIBcgIGsiAiALIBNrIgQgAiAESBtqISACf0EDIAdBzwBLDQAaIAdBoNEAai0AACIWIAlBD0sNABogFkEEIAdBLWtBI0kbIAlBBE0NABogFkEFIAdBEGtBwABJGyAJQQlNDQAaIBZBByAHQQhrQcgASRsLIRYLIBcgC2siAkGBAk0EQCARIAIgAiARSxshESACIQ0LIAAoAhAhD0EAIQogCyABayICQYCAAkYEQANAIAwgCkEBdCICaiIEIAQuAQAiBEEAIARBAEobQYCAAnI7AQAgDCACQQJyaiIEIAQuAQAiBEEAIARBAEobQYCAAnI7AQAgDCACQQRyaiIEIAQuAQAiBEEAIARBAEobQYCAAnI7AQAgDCACQQZyaiICIAIuAQAiAkEAIAJBAEobQYCAAnI7AQAgCkEEaiIKQYCACEcNAAtBACECIAFBgIACaiEBCyAWQQFrIQcCQCANQQVJBEAgCyECDAELIAJBgIACc0EQdEEQdSEbIAwgGUEBdGoiBC4BACEJIAwgGEEBdGpBgIAEaiIFLgEAIQggBCACOwEAIAUgAjsBACAMIAJBAXRqQYCADGogCDsBACALKAABIgJBvc/W8QFsQRB2IRggAkH///8HcUG9z9bxAWxBEXYhGQJAAkAgB0EDTQRAIAkgG0wEQCALIQIMBAsgCygAACEFQQMhBCALIQIgB0ECTQRAIAsgASAJaiICIAIoAAAgBXNB////B3EiBBshAiAHQQMgBBshBAsgDyEKIAggG0wEQCAEIQcMBAsCQANAIAEgCEEQdEEQdSIGaiIJKAAAIAVGDQEgGyAMIAZB//8BcUEBdGpBgIAMai4BACIITgRAIAQhBwwGCyAKQQFrIgoNAAsgBCEHDAQLAkACQCANQRRrIg5Bb0sEf0EEBUEEIQcgCygABCAJKAAEcyICDQFBCCEHIAsoAAggCSgACHMiAg0BQQwhByALKAAMIAkoAAxzIgINAUEQIQcgCygAECAJKAAQcyICDQFBFAshBQNAIA0gBSIHQQRqIgVJBEAgByANTw0DA0AgByAJai0AACAHIAtqLQAARw0EIAdBAWoiByANRw0ACyANIQcMAwsgByALaigAACAHIAlqKAAAcyICRQ0ACwsgAmhBA3YgB2ohBwsgByARTw0CIAwgBkH//wFxQQF0akGAgAxqLgEAIgggG0wNAiAKQQFrIgoNAQwCCyAHIBFPBEAgCyECDAMLIAggG0wEQCALIQIMAwsgDUEUayEOIAshCSAPIQoLIAtBA2shIQNAIAcgIWooAAAhBQNAAkAgBSABIAhBEHRBEHUiBGoiAiAHakEDaygAAEYEQCACKAAAIAsoAABGDQELIAwgBEH//wFxQQF0akGAgAxqLgEAIgggG0wNAyAKQQFrIgoNAQwDCwsCQAJAIA5Bb0sEf0EEBUEEIQUgCygABCACKAAEcyISDQFBCCEFIAsoAAggAigACHMiEg0BQQwhBSALKAAMIAIoAAxzIhINAUEQIQUgCygAECACKAAQcyISDQFBFAshBgNAIA0gBiIFQQRqIgZJBEAgBSANTw0DA0AgAiAFai0AACAFIAtqLQAARw0EIAVBAWoiBSANRw0ACyANIQUMAwsgBSALaigAACACIAVqKAAAcyISRQ0ACwsgEmhBA3YgBWohBQsCQCAFIAdNDQAgAiEJIAUiByARSQ0ADAMLIAwgBEH//wFxQQF0akGAgAxqLgEAIgggG0wNASAKQQFrIgoNAAsLIAkhAgsCQAJAIAcgFk8EQCALIAJrIRIgB0EDRw0BIBJBgcAASQ0BCyAUIAstAAAiAkECdGoiBCAEKAIAQQFqNgIAIB0gAkEFdkEGcSACQQFxckECdGoiAiACKAIAQQFqNgIAIBwgHCgCAEEBaiIJNgIAIBAgECgCAEEBajYCACALQQFqIQsMAQsgC0EBaiEFIAcgEUkEQCAPQQJ2IRsgD0EBdiEhA0ACQCAXIAVrIg5BgQJLBEAgDSEODAELIBEgDiAOIBFLGyERC0EAIQogBSABayICQYCAAkYEQANAIAwgCkEBdCICaiIEIAQuAQAiBEEAIARBAEobQYCAAnI7AQAgDCACQQJyaiIEIAQuAQAiBEEAIARBAEobQYCAAnI7AQAgDCACQQRyaiIEIAQuAQAiBEEAIARBAEobQYCAAnI7AQAgDCACQQZyaiICIAIuAQAiAkEAIAJBAEobQYCAAnI7AQAgCkEEaiIKQYCACEcNAAtBACECIAFBgIACaiEBCyAHQQFrIQQgBUEBaiEPAkACQCAOQQVJDQAgAkGAgAJzQRB0QRB1IQsgDCAZQQF0aiIJLgEAIQ0gDCAYQQF0akGAgARqIgYuAQAhCCAJIAI7AQAgBiACOwEAIAwgAkEBdGpBgIAMaiAIOwEAIA8oAAAiAkG9z9bxAWxBEHYhGCACQf///wdxQb3P1vEBbEERdiEZAkACQCAEQQNNBEAgCyANTg0DIAUoAAAhBkEDIQkgBSECIARBAk0EQCAFIAEgDWoiAiACKAAAIAZzQf///wdxIgkbIQIgBEEDIAkbIQkLICEhCiAIIAtMDQQDQCAGIAEgCEEQdEEQdSIIaiINKAAARwRAIAwgCEH//wFxQQF0akGAgAxqLgEAIgggC0wNBiAKQQFrIgoNAQwGCwsCQAJAIA5BFGsiHkFvSwR/QQQFQQQhCSAFKAAEIA0oAARzIgINAUEIIQkgBSgACCANKAAIcyICDQFBDCEJIAUoAAwgDSgADHMiAg0BQRAhCSAFKAAQIA0oABBzIgINAUEUCyEGA0AgDiAGIglBBGoiBkkEQCAJIA5PDQMDQCAJIA1qLQAAIAUgCWotAABHDQQgCUEBaiIJIA5HDQALIA4hCQwDCyAFIAlqKAAAIAkgDWooAABzIgJFDQALCyACaEEDdiAJaiEJCyAJIBFPDQIgDCAIQf//AXFBAXRqQYCADGouAQAiCCALTA0CIApBAWsiCg0BDAILIAQgEU8NAiAIIAtMDQIgDkEUayEeIAUhDSAhIQogBCEJCyAFQQNrISIDQCAJICJqKAAAIQYDQAJAIAYgASAIQRB0QRB1Ih9qIgIgCWpBA2soAABGBEAgAigAACAFKAAARg0BCyAMIB9B//8BcUEBdGpBgIAMai4BACIIIAtMDQMgCkEBayIKDQEMAwsLAkACQCAeQW9LBH9BBAVBBCEGIAUoAAQgAigABHMiFQ0BQQghBiAFKAAIIAIoAAhzIhUNAUEMIQYgBSgADCACKAAMcyIVDQFBECEGIAUoABAgAigAEHMiFQ0BQRQLIQgDQCAOIAgiBkEEaiIISQRAIAYgDk8NAwNAIAIgBmotAAAgBSAGai0AAEcNBCAGQQFqIgYgDkcNAAsgDiEGDAMLIAUgBmooAAAgAiAGaigAAHMiFUUNAAsLIBVoQQN2IAZqIQYLAkAgBiAJTQ0AIAIhDSAGIgkgEUkNAAwECyAMIB9B//8BcUEBdGpBgIAMai4BACIIIAtMDQEgCkEBayIKDQALCyANIQIMAQsgBSECIAQhCQsCQAJAIAcgCUsNACAFIAJrIgJnIBJnayAJIAdrQQJ0akEDSA0AIBQgBUEBay0AACIEQQJ0aiIHIAcoAgBBAWo2AgAgHSAEQQV2QQZxIARBAXFyQQJ0aiIEIAQoAgBBAWo2AgAgHCgCAEEBaiEIIA4hDSACIRIgDyEFIAkhBwwBCwJAIBcgD2siDUGBAksEQCAOIQ0MAQsgESANIA0gEUsbIRELQQAhCiAPIAFrIgJBgIACRgRAA0AgDCAKQQF0IgJqIgkgCS4BACIJQQAgCUEAShtBgIACcjsBACAMIAJBAnJqIgkgCS4BACIJQQAgCUEAShtBgIACcjsBACAMIAJBBHJqIgkgCS4BACIJQQAgCUEAShtBgIACcjsBACAMIAJBBnJqIgIgAi4BACICQQAgAkEAShtBgIACcjsBACAKQQRqIgpBgIAIRw0AC0EAIQIgAUGAgAJqIQELIAVBAmohCwJAIA1BBUkEQCAPIQIMAQsgAkGAgAJzQRB0QRB1IQkgDCAZQQF0aiIGLgEAIQ4gDCAYQQF0akGAgARqIgouAQAhCCAGIAI7AQAgCiACOwEAIAwgAkEBdGpBgIAMaiAIOwEAIAsoAAAiAkG9z9bxAWxBEHYhGCACQf///wdxQb3P1vEBbEERdiEZAkACQCAEQQNNBEAgCSAOTgRAIA8hAgwECyAPKAAAIRVBAyEGIA8hAiAEQQJNBEAgDyABIA5qIgIgAigAACAVc0H///8HcSIGGyECIARBAyAGGyEGCyAbIQogCCAJTARAIAYhBAwECwJAA0AgASAIQRB0QRB1IghqIg4oAAAgFUYNASAJIAwgCEH//wFxQQF0akGAgAxqLgEAIghOBEAgBiEEDAYLIApBAWsiCg0ACyAGIQQMBAsCQAJAIA1BFGsiHkFvSwR/QQQFQQQhBCAFKAAFIA4oAARzIgINAUEIIQQgBSgACSAOKAAIcyICDQFBDCEEIAUoAA0gDigADHMiAg0BQRAhBCAFKAARIA4oABBzIgINAUEUCyEGA0AgDSAGIgRBBGoiBkkEQCAEIA1PDQMDQCAEIA5qLQAAIAQgD2otAABHDQQgBEEBaiIEIA1HDQALIA0hBAwDCyAEIA9qKAAAIAQgDmooAABzIgJFDQALCyACaEEDdiAEaiEECyAEIBFPDQIgDCAIQf//AXFBAXRqQYCADGouAQAiCCAJTA0CIApBAWsiCg0BDAILIAQgEU8EQCAPIQIMAwsgCCAJTARAIA8hAgwDCyANQRRrIR4gDyEOIBshCgsgBUECayEiA0AgBCAiaigAACEGA0ACQCAGIAEgCEEQdEEQdSIfaiICIARqQQNrKAAARgRAIAIoAAAgDygAAEYNAQsgDCAfQf//AXFBAXRqQYCADGouAQAiCCAJTA0DIApBAWsiCg0BDAMLCwJAAkAgHkFvSwR/QQQFQQQhBiAFKAAFIAIoAARzIhUNAUEIIQYgBSgACSACKAAIcyIVDQFBDCEGIAUoAA0gAigADHMiFQ0BQRAhBiAFKAARIAIoABBzIhUNAUEUCyEIA0AgDSAIIgZBBGoiCEkEQCAGIA1PDQMDQCACIAZqLQAAIAYgD2otAABHDQQgBkEBaiIGIA1HDQALIA0hBgwDCyAGIA9qKAAAIAIgBmooAABzIhVFDQALCyAVaEEDdiAGaiEGCwJAIAQgBk8NACACIQ4gBiIEIBFJDQAMAwsgDCAfQf//AXFBAXRqQYCADGouAQAiCCAJTA0BIApBAWsiCg0ACwsgDiECCwJAIAQgB0kNACAPIAJrIgJnIBJnayAEIAdrQQJ0akEHSA0AIBQgBUEBay0AACIHQQJ0aiIJIAkoAgBBAWo2AgAgHSAHQQV2QQZxIAdBAXFyQQJ0aiIHIAcoAgBBAWo2AgAgHCgCACEJIBAgECgCAEEBajYCACAUIAUtAAAiB0ECdGoiBSAFKAIAQQFqNgIAIB0gB0EFdkEGcSAHQQFxckECdGoiByAHKAIAQQFqNgIAIAlBAmohCCACIRIgCyEFIAQhBwwBCyAHQZDIAGotAABBAnQgFGpBhAhqIgIgAigCAEEBajYCACAAQYACIBJrQR12IgJBAXQgEkEBayACdkGgygBqLQAAaiICQQJ0akGYCWoiBCAEKAIAQQFqNgIAIB1BJEEgIAdBCEsbaiIEIAQoAgBBAWo2AgAgHCAcKAIAQQFqIgk2AgAgEEEANgIIIBAgAjsBBiAQIBI7AQQgECAQKAIAIAdBF3RyNgIAIBBBCGohECAHQQRJDQMgB0EDayECIAdBAmogFyALa00EQCALIAFrIQggCyEHIAIhBANAQQAhCiAIQYCAAkYEQANAIAwgCkEBdCIFaiIGIAYuAQAiBkEAIAZBAEobQYCAAnI7AQAgDCAFQQJyaiIGIAYuAQAiBkEAIAZBAEobQYCAAnI7AQAgDCAFQQRyaiIGIAYuAQAiBkEAIAZBAEobQYCAAnI7AQAgDCAFQQZyaiIFIAUuAQAiBUEAIAVBAEobQYCAAnI7AQAgCkEEaiIKQYCACEcNAAtBACEIIAFBgIACaiEBCyAMIBlBAXRqIAg7AQAgDCAIQQF0akGAgAxqIAwgGEEBdGpBgIAEaiIFLwEAOwEAIAUgCDsBACAIQQFqIQggBygAASIFQb3P1vEBbEEQdiEYIAVB////B3FBvc/W8QFsQRF2IRkgB0EBaiEHIARBAWsiBA0ACwsgAiALaiELDAMLIBwgCDYCACAQIBAoAgBBAWo2AgAgByARSQ0ACwsgB0GQyABqLQAAQQJ0IBRqQYQIaiICIAIoAgBBAWo2AgAgAEGAAiASa0EddiICQQF0IBJBAWsgAnZBoMoAai0AAGoiAkECdGpBmAlqIgQgBCgCAEEBajYCACAdQSRBICAHQQhLG2oiBCAEKAIAQQFqNgIAIBwgHCgCAEEBaiIJNgIAIBBBADYCCCAQIAI7AQYgECASOwEEIBAgECgCACAHQRd0cjYCACAHQQFrIQIgB0EEaiAXIAVrTQRAIAUgAWshCCAFIQcgAiEEA0BBACEKIAhBgIACRgRAA0AgDCAKQQF0IgtqIgYgBi4BACIGQQAgBkEAShtBgIACcjsBACAMIAtBAnJqIgYgBi4BACIGQQAgBkEAShtBgIACcjsBACAMIAtBBHJqIgYgBi4BACIGQQAgBkEAShtBgIACcjsBACAMIAtBBnJqIgsgCy4BACILQQAgC0EAShtBgIACcjsBACAKQQRqIgpBgIAIRw0AC0EAIQggAUGAgAJqIQELIAwgGUEBdGogCDsBACAMIAhBAXRqQYCADGogDCAYQQF0akGAgARqIgsvAQA7AQAgCyAIOwEAIAhBAWohCCAHKAABIgtBvc/W8QFsQRB2IRggC0H///8HcUG9z9bxAWxBEXYhGSAHQQFqIQcgBEEBayIEDQALCyAQQQhqIRAgAiAFaiELCwJAIAsgLEkgECAqSXFFBEAgCyATayEIDAELIAlBgARJDQEgCyATayIIQYgnSA0BIBcgC2tBiCdIDQEgHSAIEAZFDQELCyAAIAAoApgIQQFqNgKYCEGgAkEOIBQgKCApEANBIEEPICcgJiAlEAMgACADIBMgCCAjIAsgF0YiAhAFIAJFBEAgCyETIAMtABBFDQELCyAaQYACaiQAC+cmASd/IwBBgAJrIiEkACAAQcAvaiELIAAoAhQhBQNAIAsgBEEBdCIGakGAgAI7AQAgCyAGQQJyakGAgAI7AQAgCyAGQQRyakGAgAI7AQAgCyAGQQZyakGAgAI7AQAgCyAGQQhyakGAgAI7AQAgCyAGQQpyakGAgAI7AQAgCyAGQQxyakGAgAI7AQAgCyAGQQ5yakGAgAI7AQAgBEEIaiIEQYCABkcNAAtBggIhDSAFQYICIAVBggJJGyESIABB8BNqISIgAEGQF2ohIyAAQZgJaiEkIABB8BRqISUgAEHwCmohJiAAQcDkKGohJyAAQRhqISggAEGYCmohHCAAQcCvEGohHyABIAJqIRcgAEHoCmohGSABIREDQCAAQQA2AsCvECAoQQBB2AoQAiETIAAoAhAhAiAhQQBBgAIQAiEVIBcgEWsiBEGQzgAgBEGQzgBIGyEKAn9BAyAXIBFB4KcSaiAEQejOEkkbIikgEWsiBEGABEkNABogBEGAICAEQYAgSRsiBkEDcSEIQQAhBEEAIQcgBkEBa0EDTwRAIAZB/D9xIQZBACEFA0AgFSAHIBFqLQAAakEBOgAAIBUgESAHQQFyai0AAGpBAToAACAVIBEgB0ECcmotAABqQQE6AAAgFSARIAdBA3JqLQAAakEBOgAAIAdBBGohByAFQQRqIgUgBkcNAAsLIAgEQANAIBUgByARai0AAGpBAToAACAHQQFqIQcgBEEBaiIEIAhHDQALC0EAIQdBACEEA0AgFSAHQQNyai0AACAVIAdBAnJqLQAAIBUgB0EBcmotAAAgBCAHIBVqLQAAampqaiEEIAdBBGoiB0GAAkcNAAtBAyAEQc8ASw0AGiAEQaDRAGotAAAiFCACQQ9LDQAaIBRBBCAEQS1rQSNJGyACQQRNDQAaIBRBBSAEQRBrQcAASRsgAkEJTQ0AGiAUQQcgBEEIa0HIAEkbCyEUIAogEWohHiAfIQ4gESEKA0AgCiAeTwRAIAAoAhAhBkEAIQRBACEFA0AgEyAEQQJ0IgJBDHJqKAIAIBMgAkEIcmooAgAgEyACQQRyaigCACACIBNqKAIAIAVqampqIQUgBEEEaiIEQYACRw0ACyAFQQp2IQJBACEFQQAhCANAIAggEyAFQQJ0IgRqKAIAIAJLaiATIARBBHJqKAIAIAJLaiATIARBCHJqKAIAIAJLaiATIARBDHJqKAIAIAJLaiEIIAVBBGoiBUGAAkcNAAsgHiAXIB5rIgIgCiARayIEIAIgBEgbaiEeAn9BAyAIQc8ASw0AGiAIQaDRAGotAAAiFCAGQQ9LDQAaIBRBBCAIQS1rQSNJGyAGQQRNDQAaIBRBBSAIQRBrQcAASRsgBkEJTQ0AGiAUQQcgCEEIa0HIAEkbCyEUCyAXIAprIgJBgQJNBEAgEiACIAIgEksbIRIgAiENCyAAKAIQIQhBACEEIAogAWsiBUGAgAJGBEADQCALIARBAXQiAmoiBiAGLgEAIgZBACAGQQBKG0GAgAJyOwEAIAsgAkECcmoiBiAGLgEAIgZBACAGQQBKG0GAgAJyOwEAIAsgAkEEcmoiBiAGLgEAIgZBACAGQQBKG0GAgAJyOwEAIAsgAkEGcmoiAiACLgEAIgJBACACQQBKG0GAgAJyOwEAIARBBGoiBEGAgAhHDQALQQAhBSABQYCAAmohAQsgFEEBayEGAkAgDUEFSQRAIAohBQwBCyAFQYCAAnNBEHRBEHUhFiALIBtBAXRqIgQuAQAhAiALIBpBAXRqQYCABGoiCS4BACEHIAQgBTsBACAJIAU7AQAgCyAFQQF0akGAgAxqIAc7AQAgCigAASIEQb3P1vEBbEEQdiEaIARB////B3FBvc/W8QFsQRF2IRsCQAJAIAZBA00EQCACIBZMBEAgCiEFDAQLIAooAAAhD0EDIQwgCiEFIAZBAk0EQCAKIAEgAmoiAiACKAAAIA9zQf///wdxIgIbIQUgBkEDIAIbIQwLIAghBCAHIBZMBEAgDCEGDAQLAkADQCABIAdBEHRBEHUiEGoiCSgAACAPRg0BIBYgCyAQQf//AXFBAXRqQYCADGouAQAiB04EQCAMIQYMBgsgBEEBayIEDQALIAwhBgwECwJAAkAgDUEUayIPQW9LBH9BBAVBBCEGIAooAAQgCSgABHMiBQ0BQQghBiAKKAAIIAkoAAhzIgUNAUEMIQYgCigADCAJKAAMcyIFDQFBECEGIAooABAgCSgAEHMiBQ0BQRQLIQIDQCANIAIiBkEEaiICSQRAIAYgDU8NAwNAIAYgCWotAAAgBiAKai0AAEcNBCAGQQFqIgYgDUcNAAsgDSEGDAMLIAYgCmooAAAgBiAJaigAAHMiBUUNAAsLIAVoQQN2IAZqIQYLIAYgEk8NAiALIBBB//8BcUEBdGpBgIAMai4BACIHIBZMDQIgBEEBayIEDQEMAgsgBiASTwRAIAohBQwDCyAHIBZMBEAgCiEFDAMLIA1BFGshDyAKIQkgCCEECyAKQQNrIRgDQCAGIBhqKAAAIQIDQAJAIAIgASAHQRB0QRB1IgdqIgUgBmpBA2soAABGBEAgBSgAACAKKAAARg0BCyALIAdB//8BcUEBdGpBgIAMai4BACIHIBZMDQMgBEEBayIEDQEMAwsLAkACQCAPQW9LBH9BBAVBBCECIAooAAQgBSgABHMiEA0BQQghAiAKKAAIIAUoAAhzIhANAUEMIQIgCigADCAFKAAMcyIQDQFBECECIAooABAgBSgAEHMiEA0BQRQLIQwDQCANIAwiAkEEaiIMSQRAIAIgDU8NAwNAIAIgBWotAAAgAiAKai0AAEcNBCACQQFqIgIgDUcNAAsgDSECDAMLIAIgCmooAAAgAiAFaigAAHMiEEUNAAsLIBBoQQN2IAJqIQILAkAgAiAGTQ0AIAUhCSACIgYgEkkNAAwDCyALIAdB//8BcUEBdGpBgIAMai4BACIHIBZMDQEgBEEBayIEDQALCyAJIQULAkAgKQJ/AkAgBiAUTwRAIAogBWshDCAGQQNHDQEgDEGBwABJDQELIBMgCi0AACICQQJ0aiIEIAQoAgBBAWo2AgAgHCACQQV2QQZxIAJBAXFyQQJ0aiICIAIoAgBBAWo2AgAgGSAZKAIAQQFqIgI2AgAgDiAOKAIAQQFqNgIAIApBAWoMAQsgCkEBaiECAkAgBiASTwRAIAwhBSACIQogBiEEDAELIAhBAXYhFgNAIBcgAmsiBEGBAk0EQCASIAQgBCASSxshEiAEIQ0LQQAhBCACIAFrIgVBgIACRgRAA0AgCyAEQQF0IgVqIgggCC4BACIIQQAgCEEAShtBgIACcjsBACALIAVBAnJqIgggCC4BACIIQQAgCEEAShtBgIACcjsBACALIAVBBHJqIgggCC4BACIIQQAgCEEAShtBgIACcjsBACALIAVBBnJqIgUgBS4BACIFQQAgBUEAShtBgIACcjsBACAEQQRqIgRBgIAIRw0AC0EAIQUgAUGAgAJqIQELIAZBAWshBCACQQFqIQoCQCANQQVJBEAgAiEIDAELIAVBgIACc0EQdEEQdSEYIAsgG0EBdGoiCC4BACEJIAsgGkEBdGpBgIAEaiIPLgEAIQcgCCAFOwEAIA8gBTsBACALIAVBAXRqQYCADGogBzsBACAKKAAAIgVBvc/W8QFsQRB2IRogBUH///8HcUG9z9bxAWxBEXYhGwJAAkAgBEEDTQRAIAkgGEwEQCACIQgMBAsgAigAACEdQQMhECACIQggBEECTQRAIAIgASAJaiIFIAUoAAAgHXNB////B3EiBRshCCAEQQMgBRshEAsgFiEFIAcgGEwEQCAQIQQMBAsCQANAIAEgB0EQdEEQdSIHaiIPKAAAIB1GDQEgGCALIAdB//8BcUEBdGpBgIAMai4BACIHTgRAIBAhBAwGCyAFQQFrIgUNAAsgECEEDAQLAkACQCANQRRrIh1Bb0sEf0EEBUEEIQQgAigABCAPKAAEcyIIDQFBCCEEIAIoAAggDygACHMiCA0BQQwhBCACKAAMIA8oAAxzIggNAUEQIQQgAigAECAPKAAQcyIIDQFBFAshCQNAIA0gCSIEQQRqIglJBEAgBCANTw0DA0AgBCAPai0AACACIARqLQAARw0EIARBAWoiBCANRw0ACyANIQQMAwsgAiAEaigAACAEIA9qKAAAcyIIRQ0ACwsgCGhBA3YgBGohBAsgBCASTw0CIAsgB0H//wFxQQF0akGAgAxqLgEAIgcgGEwNAiAFQQFrIgUNAQwCCyAEIBJPBEAgAiEIDAMLIAcgGEwEQCACIQgMAwsgDUEUayEdIAIhDyAWIQULIAJBA2shKgNAIAQgKmooAAAhCQNAAkAgCSABIAdBEHRBEHUiIGoiCCAEakEDaygAAEYEQCAIKAAAIAIoAABGDQELIAsgIEH//wFxQQF0akGAgAxqLgEAIgcgGEwNAyAFQQFrIgUNAQwDCwsCQAJAIB1Bb0sEf0EEBUEEIQkgAigABCAIKAAEcyIHDQFBCCEJIAIoAAggCCgACHMiBw0BQQwhCSACKAAMIAgoAAxzIgcNAUEQIQkgAigAECAIKAAQcyIHDQFBFAshEANAIA0gECIJQQRqIhBJBEAgCSANTw0DA0AgCCAJai0AACACIAlqLQAARw0EIAlBAWoiCSANRw0ACyANIQkMAwsgAiAJaigAACAIIAlqKAAAcyIHRQ0ACwsgB2hBA3YgCWohCQsCQCAEIAlPDQAgCCEPIAkiBCASSQ0ADAMLIAsgIEH//wFxQQF0akGAgAxqLgEAIgcgGEwNASAFQQFrIgUNAAsLIA8hCAsCQCAEIAZJDQAgAiAIayIFZyAMZ2sgBCAGa0ECdGpBA0gNACATIAJBAWstAAAiAkECdGoiBiAGKAIAQQFqNgIAIBwgAkEFdkEGcSACQQFxckECdGoiAiACKAIAQQFqNgIAIBkgGSgCAEEBajYCACAOIA4oAgBBAWo2AgAgBCEGIAohAiAFIQwgBCASTw0CDAELCyAGQZDIAGotAABBAnQgE2pBhAhqIgIgAigCAEEBajYCACAAQYACIAxrQR12IgJBAXQgDEEBayACdkGgygBqLQAAaiIEQQJ0akGYCWoiAiACKAIAQQFqNgIAIBxBJEEgIAZBCEsbaiICIAIoAgBBAWo2AgAgGSAZKAIAQQFqIgI2AgAgDkEANgIIIA4gBDsBBiAOIAw7AQQgDiAOKAIAIAZBF3RyNgIAIAZBAmshBSAGQQNqIBcgCmtNBEAgCiABayEHIAohCCAFIQYDQEEAIQQgB0GAgAJGBEADQCALIARBAXQiCWoiDCAMLgEAIgxBACAMQQBKG0GAgAJyOwEAIAsgCUECcmoiDCAMLgEAIgxBACAMQQBKG0GAgAJyOwEAIAsgCUEEcmoiDCAMLgEAIgxBACAMQQBKG0GAgAJyOwEAIAsgCUEGcmoiCSAJLgEAIglBACAJQQBKG0GAgAJyOwEAIARBBGoiBEGAgAhHDQALQQAhByABQYCAAmohAQsgCyAbQQF0aiAHOwEAIAsgB0EBdGpBgIAMaiALIBpBAXRqQYCABGoiBC8BADsBACAEIAc7AQAgB0EBaiEHIAgoAAEiBEG9z9bxAWxBEHYhGiAEQf///wdxQb3P1vEBbEERdiEbIAhBAWohCCAGQQFrIgYNAAsLIA5BCGohDiAFIApqDAELIARBkMgAai0AAEECdCATakGECGoiAiACKAIAQQFqNgIAIABBgAIgBWtBHXYiAkEBdCAFQQFrIAJ2QaDKAGotAABqIgZBAnRqQZgJaiICIAIoAgBBAWo2AgAgHEEkQSAgBEEISxtqIgIgAigCAEEBajYCACAZIBkoAgBBAWoiAjYCACAOQQA2AgggDiAGOwEGIA4gBTsBBCAOIA4oAgAgBEEXdHI2AgAgBEEBayEFIARBBGogFyAKa00EQCAKIAFrIQcgCiEIIAUhBgNAQQAhBCAHQYCAAkYEQANAIAsgBEEBdCIJaiIMIAwuAQAiDEEAIAxBAEobQYCAAnI7AQAgCyAJQQJyaiIMIAwuAQAiDEEAIAxBAEobQYCAAnI7AQAgCyAJQQRyaiIMIAwuAQAiDEEAIAxBAEobQYCAAnI7AQAgCyAJQQZyaiIJIAkuAQAiCUEAIAlBAEobQYCAAnI7AQAgBEEEaiIEQYCACEcNAAtBACEHIAFBgIACaiEBCyALIBtBAXRqIAc7AQAgCyAHQQF0akGAgAxqIAsgGkEBdGpBgIAEaiIELwEAOwEAIAQgBzsBACAHQQFqIQcgCCgAASIEQb3P1vEBbEEQdiEaIARB////B3FBvc/W8QFsQRF2IRsgCEEBaiEIIAZBAWsiBg0ACwsgDkEIaiEOIAUgCmoLIgpLIA4gJ0lxRQRAIAogEWshBwwBCyACQYAESQ0BIAogEWsiB0GIJ0gNASAXIAprQYgnSA0BIBwgBxAGRQ0BCwsgACAAKAKYCEEBajYCmAhBoAJBDiATICUgJhADQSBBDyAkICMgIhADIAAgAyARIAcgHyAKIBdGIgIQBSACRQRAIAohESADLQAQRQ0BCwsgFUGAAmokAAsjACABQYcnaiIAQYgnTwR/IABBiCduQQVsBUEFCyABakESagv0FAEjfyMAQYACayIdJAAgAEHAL2ohCSAAKAIUIQgDQCAJIAVBAXQiBGpBgIACOwEAIAkgBEECcmpBgIACOwEAIAkgBEEEcmpBgIACOwEAIAkgBEEGcmpBgIACOwEAIAkgBEEIcmpBgIACOwEAIAkgBEEKcmpBgIACOwEAIAkgBEEMcmpBgIACOwEAIAkgBEEOcmpBgIACOwEAIAVBCGoiBUGAgAZHDQALQYICIQwgCEGCAiAIQYICSRshECAAQfATaiEeIABBkBdqIR8gAEGYCWohICAAQfAUaiEhIABB8ApqISIgAEHA5ChqISMgAEEYaiEkIABBmApqIRggAEHArxBqIRogASACaiERIABB6ApqIRUgASENA0AgAEEANgLArxAgJEEAQdgKEAIhGSAAKAIQIQIgHUEAQYACEAIhDgJ/QQMgESANQeCnEmogESANa0HozhJJGyIlIA1rIgRBgARJDQAaIARBgCAgBEGAIEkbIgRBA3EhCEEAIQVBACEGIARBAWtBA08EQCAEQfw/cSEHQQAhBANAIA4gBiANai0AAGpBAToAACAOIA0gBkEBcmotAABqQQE6AAAgDiANIAZBAnJqLQAAakEBOgAAIA4gDSAGQQNyai0AAGpBAToAACAGQQRqIQYgBEEEaiIEIAdHDQALCyAIBEADQCAOIAYgDWotAABqQQE6AAAgBkEBaiEGIAVBAWoiBSAIRw0ACwtBACEGQQAhBQNAIA4gBkEDcmotAAAgDiAGQQJyai0AACAOIAZBAXJqLQAAIAUgBiAOai0AAGpqamohBSAGQQRqIgZBgAJHDQALQQMgBUHPAEsNABogBUGg0QBqLQAAIhMgAkEPSw0AGiATQQQgBUEta0EjSRsgAkEETQ0AGiATQQUgBUEQa0HAAEkbIAJBCU0NABogE0EHIAVBCGtByABJGwsiE0EBayESIBohDyANIQgDQCARIAhrIgJBgQJNBEAgECACIAIgEEsbIRAgAiEMCyAAKAIQIQJBACEFIAggAWsiB0GAgAJGBEADQCAJIAVBAXQiBGoiByAHLgEAIgdBACAHQQBKG0GAgAJyOwEAIAkgBEECcmoiByAHLgEAIgdBACAHQQBKG0GAgAJyOwEAIAkgBEEEcmoiByAHLgEAIgdBACAHQQBKG0GAgAJyOwEAIAkgBEEGcmoiBCAELgEAIgRBACAEQQBKG0GAgAJyOwEAIAVBBGoiBUGAgAhHDQALQQAhByABQYCAAmohAQsCQAJAIAxBBUkNACAHQYCAAnNBEHRBEHUhCiAJIBdBAXRqIgQuAQAhCyAJIBZBAXRqQYCABGoiBS4BACEGIAQgBzsBACAFIAc7AQAgCSAHQQF0akGAgAxqIAY7AQAgCCgAASIEQb3P1vEBbEEQdiEWIARB////B3FBvc/W8QFsQRF2IRcCQAJAIBJBA00EQCAKIAtODQMgCCgAACEHQQMhBCAIIQUgEkECTQRAIAggASALaiIEIAQoAAAgB3NB////B3EiBBshBSASQQMgBBshBAsgBiAKTA0EA0AgByABIAZBEHRBEHUiBmoiCygAAEcEQCAJIAZB//8BcUEBdGpBgIAMai4BACIGIApMDQYgAkEBayICDQEMBgsLAkACQCAMQRRrIhtBb0sEf0EEBUEEIQQgCCgABCALKAAEcyIFDQFBCCEEIAgoAAggCygACHMiBQ0BQQwhBCAIKAAMIAsoAAxzIgUNAUEQIQQgCCgAECALKAAQcyIFDQFBFAshBwNAIAwgByIEQQRqIgdJBEAgBCAMTw0DA0AgBCALai0AACAEIAhqLQAARw0EIARBAWoiBCAMRw0ACyAMIQQMAwsgBCAIaigAACAEIAtqKAAAcyIFRQ0ACwsgBWhBA3YgBGohBAsgBCAQTw0CIAkgBkH//wFxQQF0akGAgAxqLgEAIgYgCkwNAiACQQFrIgINAQwCCyAQIBJNDQIgBiAKTA0CIAxBFGshGyAIIQsgEiEECyAIQQNrISYDQCAEICZqKAAAIQcDQAJAIAcgASAGQRB0QRB1IhxqIgUgBGpBA2soAABGBEAgBSgAACAIKAAARg0BCyAJIBxB//8BcUEBdGpBgIAMai4BACIGIApMDQMgAkEBayICDQEMAwsLAkACQCAbQW9LBH9BBAVBBCEHIAgoAAQgBSgABHMiFA0BQQghByAIKAAIIAUoAAhzIhQNAUEMIQcgCCgADCAFKAAMcyIUDQFBECEHIAgoABAgBSgAEHMiFA0BQRQLIQYDQCAMIAYiB0EEaiIGSQRAIAcgDE8NAwNAIAUgB2otAAAgByAIai0AAEcNBCAHQQFqIgcgDEcNAAsgDCEHDAMLIAcgCGooAAAgBSAHaigAAHMiFEUNAAsLIBRoQQN2IAdqIQcLAkAgBCAHTw0AIAUhCyAHIgQgEEkNAAwECyAJIBxB//8BcUEBdGpBgIAMai4BACIGIApMDQEgAkEBayICDQALCyALIQUMAQsgCCEFIBIhBAsCQCAlAn8CQCAEIBNJDQAgBEEDTSAIIAVrIgJBgCBLcQ0AIARBkMgAai0AAEECdCAZakGECGoiBSAFKAIAQQFqNgIAIABBgAIgAmtBHXYiBUEBdCACQQFrIAV2QaDKAGotAABqIgVBAnRqQZgJaiIHIAcoAgBBAWo2AgAgGEEkQSAgBEEISxtqIgcgBygCAEEBajYCACAVIBUoAgBBAWoiCzYCACAPQQA2AgggDyAFOwEGIA8gAjsBBCAPIA8oAgAgBEEXdHI2AgAgBEEEaiARIAhBAWoiAmtNBEAgAiABayEGIARBAWshBwNAQQAhBSAGQYCAAkYEQANAIAkgBUEBdCIGaiIKIAouAQAiCkEAIApBAEobQYCAAnI7AQAgCSAGQQJyaiIKIAouAQAiCkEAIApBAEobQYCAAnI7AQAgCSAGQQRyaiIKIAouAQAiCkEAIApBAEobQYCAAnI7AQAgCSAGQQZyaiIGIAYuAQAiBkEAIAZBAEobQYCAAnI7AQAgBUEEaiIFQYCACEcNAAtBACEGIAFBgIACaiEBCyAJIBdBAXRqIAY7AQAgCSAGQQF0akGAgAxqIAkgFkEBdGpBgIAEaiIFLwEAOwEAIAUgBjsBACAGQQFqIQYgAigAASIFQb3P1vEBbEEQdiEWIAVB////B3FBvc/W8QFsQRF2IRcgAkEBaiECIAdBAWsiBw0ACwsgD0EIaiEPIAQgCGoMAQsgGSAILQAAIgJBAnRqIgQgBCgCAEEBajYCACAYIAJBBXZBBnEgAkEBcXJBAnRqIgIgAigCAEEBajYCACAVIBUoAgBBAWoiCzYCACAPIA8oAgBBAWo2AgAgCEEBagsiCEsgDyAjSXFFBEAgCCANayEGDAELIAtBgARJDQEgCCANayIGQYgnSA0BIBEgCGtBiCdIDQEgGCAGEAZFDQELCyAAIAAoApgIQQFqNgKYCEGgAkEOIBkgISAiEANBIEEPICAgHyAeEAMgACADIA0gBiAaIAggEUYiAhAFIAJFBEAgCCENIAMtABBFDQELCyAOQYACaiQAC8kHAQV/AkAgBEETSQ0AIANCn5YiNwAAIAAoAgghBSADQf8BOgAJIANBBCAFQQdLQQF0IAVBAkkbOgAIIAAgASACIANBCmoiByAEQRJrEAsiCEUNACABBH8gASACaiEFQX8hBAJAIAJFBEAgASEADAELIAFBB3FFBEAgASEADAELIAEtAABB/wFzQQJ0QYAIaigCAEH///8HcyEEIAFBAWoiAEEHcUUNACACQQFGDQAgAS0AASAEQf8BcXNBAnRBgAhqKAIAIARBCHZzIQQgAUECaiIAQQdxRQ0AIAJBAkYNACABLQACIARB/wFxc0ECdEGACGooAgAgBEEIdnMhBCABQQNqIgBBB3FFDQAgAkEDRg0AIAEtAAMgBEH/AXFzQQJ0QYAIaigCACAEQQh2cyEEIAFBBGoiAEEHcUUNACACQQRGDQAgAS0ABCAEQf8BcXNBAnRBgAhqKAIAIARBCHZzIQQgAUEFaiIAQQdxRQ0AIAJBBUYNACABLQAFIARB/wFxc0ECdEGACGooAgAgBEEIdnMhBCABQQZqIgBBB3FFDQAgAkEGRg0AIAEtAAYgBEH/AXFzQQJ0QYAIaigCACAEQQh2cyEEIAFBB2oiAEEHcUUNACACQQdGDQAgAS0AByAEQf8BcXNBAnRBgAhqKAIAIARBCHZzIQQgAUEIaiEACyAFIABrQXhxIgEEQCAAIAFqIQEDQCAAKAIEIgZB/wFxQQJ0QYAgaigCACAAKAIAIARzIgRBBnZB/AdxQYA4aigCACAEQf8BcUECdEGAQGsoAgBzIARBDnZB/AdxQYAwaigCAHMgBEEWdkH8B3FBgChqKAIAc3MgBkEGdkH8B3FBgBhqKAIAcyAGQQ52QfwHcUGAEGooAgBzIAZBFnZB/AdxQYAIaigCAHMhBCAAQQhqIgAgAUcNAAsgASEACwJAIAAgBUYNACAFIABBf3NqIQYgBSAAa0EDcSIJBEBBACEBA0AgAC0AACAEQf8BcXNBAnRBgAhqKAIAIARBCHZzIQQgAEEBaiEAIAFBAWoiASAJRw0ACwsgBkEDSQ0AA0AgAC0AAyAALQACIAAtAAEgAC0AACAEQf8BcXNBAnRBgAhqKAIAIARBCHZzIgFB/wFxc0ECdEGACGooAgAgAUEIdnMiAUH/AXFzQQJ0QYAIaigCACABQQh2cyIBQf8BcXNBAnRBgAhqKAIAIAFBCHZzIQQgAEEEaiIAIAVHDQALCyAEQX9zBUEACyEBIAcgCGoiACACNgAEIAAgATYAACAAIANrQQhqIQYLIAYLIwAgAUGHJ2oiAEGIJ08EfyAAQYgnbkEFbAVBBQsgAWpBBmoL/AUBEH8CQCAEQQdJDQAgAwJ/QYDwASAAKAIIIgVBAkkNABpBwPABIAVBBkkNABpBgPEBQcDxASAFQQhJGwsiBSAFQR9wckEfcyIFQQh0IAVBCHZyOwAAIAAgASACIANBAmoiBSAEQQZrEAsiAEUNACAAIAVqIhACf0EBIAFFDQAaQQEhBiACBEADQCACIAJBsCsgAkGwK0kbIgdrIQICQCAHQQRPBEAgB0EEayIFQQJ2QQFqIgBBAXEhEUEAIQQCQCAFQQRJBEBBACEJQQAhC0EAIQxBACENDAELIABB/v///wdxIRIgASEAQQAhCUEAIQtBACEMQQAhDUEAIQ8DQCAALQADIgogAC0AAiIFIAAtAAEiASAGIAAtAAAiE2pqamoiFCAEIAZqaiEEIAdBCGshByAALQAHIg4gCiANamohDSAALQAGIgogBSAMamohDCAALQAFIgUgASALamohCyAALQAEIgEgCSATamohCSABIBRqIAVqIApqIA5qIQYgAEEIaiIBIQAgD0ECaiIPIBJHDQALCyARBEAgB0EEayEHIAQgBmohBCANIAEtAAMiDmohDSAMIAEtAAIiCmohDCALIAEtAAEiBWohCyAJIAEtAAAiAGohCSAAIAZqIAVqIApqIA5qIQYgAUEEaiEBCyALQQNsIAhqIAQgCWpBAnRqIAxBAXRqIA1qIQggB0UNAQtBACEJIAchBCABIQAgB0EDcSIFBEADQCAEQQFrIQQgBiAALQAAaiIGIAhqIQggAEEBaiEAIAlBAWoiCSAFRw0ACwsgB0EBa0EDTwRAA0AgBiAALQAAaiIOIAAtAAFqIgogAC0AAmoiBSAALQADaiIGIAUgCiAIIA5qampqIQggAEEEaiEAIARBBGsiBA0ACwsgASAHaiEBCyAIQfH/A3AhCCAGQfH/A3AhBiACDQALCyAIQRB0IAZyCyIAQRh0IABBCHRBgID8B3FyIABBCHZBgP4DcSAAQRh2cnI2AAAgECADa0EEaiEHCyAHCyQAQQUhACABIAFBhydqIgFBiCdPBH8gAUGIJ25BBWwFQQULagsXACAABEAgAEEEaygCACAAKAIEEQQACwvSHwEEfwJAIABBDEsNAEGAyAAoAgBBDEcNAAJ/QYTIACgCACIBQfjXACgCACABGyEBQQACf0GAhKYEIABBCUsNABpB4OQoIABBAUsNABpB4K8MQcAvIABBAUYbC0EjaiABEQAAIgJFDQAaIAJBI2pBYHEiAUEEayACNgIAIAELIgFFDQBB/NcAKAIAIQNBiMgAKAIAIQIgASAANgIIIAFBNyAAQQJ0azYCDCABIAIgAyACGzYCBAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkAgAA4MAAECAwQFBgcICQoLDAsgAUEANgIAIAFBfzYCDAwMCyABQSA2AhQgAUEBNgIADAsLIAFChoCAgKABNwMQIAFBAjYCAAwKCyABQoyAgIDgATcDECABQQI2AgAMCQsgAUKQgICA4AM3AxAgAUECNgIADAgLIAFCkICAgOADNwMQIAFBAzYCAAwHCyABQqOAgICQCDcDECABQQM2AgAMBgsgAULkgICAoBA3AxAgAUEDNgIADAULIAFCrIKAgKAgNwMQIAFBBDYCAAwECyABQtiEgICgIDcDECABQQQ2AgAMAwsgAUKjgICAsAk3AxAgAUEFNgIAIAFB7IOmBGpCIDcCACABQeSDpgRqQoKAgICABDcCACABQb3zowRqQoqUqNCgwYKFCjcAACABQbXzowRqQomSpMiQocKECTcAACABQa3zowRqQoiQoMCAgYKECDcAACABQaXzowRqQoaMmLDw4MGDBzcAACABQZ3zowRqQoCCiJjAgMGCBTcAACABQcXzowRqQoqUqNCgwYKFCjcAACABQdXzowRqQouWrNiw4cKFCzcAACABQc3zowRqQouWrNiw4cKFCzcAACABQd3zowRqQoyYsODAgYOGDDcAACABQeXzowRqQoyYsODAgYOGDDcAACABQe3zowRqQoyYsODAgYOGDDcAACABQfXzowRqQoyYsODAgYOGDDcAACABQf3zowRqQo2atOjQocOGDTcAACABQYX0owRqQo2atOjQocOGDTcAACABQY30owRqQo2atOjQocOGDTcAACABQZX0owRqQo2atOjQocOGDTcAACABQdX0owRqQo6cuPDgwYOHDjcAACABQc30owRqQo6cuPDgwYOHDjcAACABQcX0owRqQo6cuPDgwYOHDjcAACABQb30owRqQo6cuPDgwYOHDjcAACABQbX0owRqQo6cuPDgwYOHDjcAACABQa30owRqQo6cuPDgwYOHDjcAACABQaX0owRqQo6cuPDgwYOHDjcAACABQZ30owRqQo6cuPDgwYOHDjcAACABQZX1owRqQo+evPjw4cOHDzcAACABQY31owRqQo+evPjw4cOHDzcAACABQYX1owRqQo+evPjw4cOHDzcAACABQf30owRqQo+evPjw4cOHDzcAACABQfX0owRqQo+evPjw4cOHDzcAACABQe30owRqQo+evPjw4cOHDzcAACABQeX0owRqQo+evPjw4cOHDzcAACABQd30owRqQo+evPjw4cOHDzcAACABQZ31owRqQRBBgAEQAhogAUGd9qMEakERQYABEAIaIAFBnfejBGpBEkGAAhACGiABQZ35owRqQRNBgAIQAhogAUGd+6MEakEUQYAEEAIaIAFBnf+jBGpBFUGABBACGiABQZ2DpARqQRZBgAgQAhogAUGdi6QEakEXQYAIEAIaIAFBnZOkBGpBGEGAEBACGiABQZ2jpARqQRlBgBAQAhogAUGds6QEakEaQYAgEAIaIAFBndOkBGpBG0GAIBACGiABQZ3zpARqQRxBgMAAEAIaIAFBnbOlBGpBHUGAwAAQAhoMAgsgAULkgICA4BI3AxAgAUEFNgIAIAFB7IOmBGpCkICAgID9ADcCACABQeSDpgRqQoSAgICAAjcCACABQb3zowRqQoqUqNCgwYKFCjcAACABQbXzowRqQomSpMiQocKECTcAACABQa3zowRqQoiQoMCAgYKECDcAACABQaXzowRqQoaMmLDw4MGDBzcAACABQZ3zowRqQoCCiJjAgMGCBTcAACABQcXzowRqQoqUqNCgwYKFCjcAACABQdXzowRqQouWrNiw4cKFCzcAACABQc3zowRqQouWrNiw4cKFCzcAACABQd3zowRqQoyYsODAgYOGDDcAACABQeXzowRqQoyYsODAgYOGDDcAACABQe3zowRqQoyYsODAgYOGDDcAACABQfXzowRqQoyYsODAgYOGDDcAACABQf3zowRqQo2atOjQocOGDTcAACABQYX0owRqQo2atOjQocOGDTcAACABQY30owRqQo2atOjQocOGDTcAACABQZX0owRqQo2atOjQocOGDTcAACABQdX0owRqQo6cuPDgwYOHDjcAACABQc30owRqQo6cuPDgwYOHDjcAACABQcX0owRqQo6cuPDgwYOHDjcAACABQb30owRqQo6cuPDgwYOHDjcAACABQbX0owRqQo6cuPDgwYOHDjcAACABQa30owRqQo6cuPDgwYOHDjcAACABQaX0owRqQo6cuPDgwYOHDjcAACABQZ30owRqQo6cuPDgwYOHDjcAACABQZX1owRqQo+evPjw4cOHDzcAACABQY31owRqQo+evPjw4cOHDzcAACABQYX1owRqQo+evPjw4cOHDzcAACABQf30owRqQo+evPjw4cOHDzcAACABQfX0owRqQo+evPjw4cOHDzcAACABQe30owRqQo+evPjw4cOHDzcAACABQeX0owRqQo+evPjw4cOHDzcAACABQd30owRqQo+evPjw4cOHDzcAACABQZ31owRqQRBBgAEQAhogAUGd9qMEakERQYABEAIaIAFBnfejBGpBEkGAAhACGiABQZ35owRqQRNBgAIQAhogAUGd+6MEakEUQYAEEAIaIAFBnf+jBGpBFUGABBACGiABQZ2DpARqQRZBgAgQAhogAUGdi6QEakEXQYAIEAIaIAFBnZOkBGpBGEGAEBACGiABQZ2jpARqQRlBgBAQAhogAUGds6QEakEaQYAgEAIaIAFBndOkBGpBG0GAIBACGiABQZ3zpARqQRxBgMAAEAIaIAFBnbOlBGpBHUGAwAAQAhoMAQsgAUKsgoCAoCA3AxAgAUEFNgIAIAFB7IOmBGpCgYCAgIDiCTcCACABQeSDpgRqQoqAgIAQNwIAIAFBvfOjBGpCipSo0KDBgoUKNwAAIAFBtfOjBGpCiZKkyJChwoQJNwAAIAFBrfOjBGpCiJCgwICBgoQINwAAIAFBpfOjBGpChoyYsPDgwYMHNwAAIAFBnfOjBGpCgIKImMCAwYIFNwAAIAFBxfOjBGpCipSo0KDBgoUKNwAAIAFB1fOjBGpCi5as2LDhwoULNwAAIAFBzfOjBGpCi5as2LDhwoULNwAAIAFB3fOjBGpCjJiw4MCBg4YMNwAAIAFB5fOjBGpCjJiw4MCBg4YMNwAAIAFB7fOjBGpCjJiw4MCBg4YMNwAAIAFB9fOjBGpCjJiw4MCBg4YMNwAAIAFB/fOjBGpCjZq06NChw4YNNwAAIAFBhfSjBGpCjZq06NChw4YNNwAAIAFBjfSjBGpCjZq06NChw4YNNwAAIAFBlfSjBGpCjZq06NChw4YNNwAAIAFB1fSjBGpCjpy48ODBg4cONwAAIAFBzfSjBGpCjpy48ODBg4cONwAAIAFBxfSjBGpCjpy48ODBg4cONwAAIAFBvfSjBGpCjpy48ODBg4cONwAAIAFBtfSjBGpCjpy48ODBg4cONwAAIAFBrfSjBGpCjpy48ODBg4cONwAAIAFBpfSjBGpCjpy48ODBg4cONwAAIAFBnfSjBGpCjpy48ODBg4cONwAAIAFBlfWjBGpCj568+PDhw4cPNwAAIAFBjfWjBGpCj568+PDhw4cPNwAAIAFBhfWjBGpCj568+PDhw4cPNwAAIAFB/fSjBGpCj568+PDhw4cPNwAAIAFB9fSjBGpCj568+PDhw4cPNwAAIAFB7fSjBGpCj568+PDhw4cPNwAAIAFB5fSjBGpCj568+PDhw4cPNwAAIAFB3fSjBGpCj568+PDhw4cPNwAAIAFBnfWjBGpBEEGAARACGiABQZ32owRqQRFBgAEQAhogAUGd96MEakESQYACEAIaIAFBnfmjBGpBE0GAAhACGiABQZ37owRqQRRBgAQQAhogAUGd/6MEakEVQYAEEAIaIAFBnYOkBGpBFkGACBACGiABQZ2LpARqQRdBgAgQAhogAUGdk6QEakEYQYAQEAIaIAFBnaOkBGpBGUGAEBACGiABQZ2zpARqQRpBgCAQAhogAUGd06QEakEbQYAgEAIaIAFBnfOkBGpBHEGAwAAQAhogAUGds6UEakEdQYDAABACGgsgAUEYaiECA0AgAiAEQQJ0aiIAQoKAgIAgNwIAIABBAjYCICAAQoKAgIAgNwIYIABCgoCAgCA3AhAgAEKCgICAIDcCCEGQASEAIARBCWoiBEGQAUcNAAsDQCACIABBAnQiA2pBATYCACACIANBBHJqQQE2AgAgAiADQQhyakEBNgIAIAIgA0EMcmpBATYCACACIANBEHJqQQE2AgAgAiADQRRyakEBNgIAIAIgA0EYcmpBATYCACACIANBHHJqQQE2AgAgAEEIaiIAQYACRw0ACyABQZAKakKBgICAEDcCACABQYgKakKBgICAEDcCACABQYAKakKBgICAEDcCACABQfgJakKBgICAEDcCACABQfAJakKBgICAEDcCACABQegJakKBgICAEDcCACABQeAJakKBgICAEDcCACABQdgJakKBgICAEDcCACABQdAJakKBgICAEDcCACABQcgJakKBgICAEDcCACABQcAJakKBgICAEDcCACABQbgJakKBgICAEDcCACABQbAJakKBgICAEDcCACABQagJakKBgICAEDcCACABQaAJakKBgICAEDcCACABQZgJaiIAQoGAgIAQNwIAIAFBkAlqQoKAgIAgNwIAIAFBiAlqQoKAgIAgNwIAIAFBgAlqQoKAgIAgNwIAIAFB+AhqQoKAgIAgNwIAIAFB8AhqQoSAgIDAADcCACABQegIakKEgICAwAA3AgAgAUHgCGpChICAgMAANwIAIAFB2AhqQoSAgIDAADcCACABQdAIakKEgICAwAA3AgAgAUHICGpChICAgMAANwIAIAFBwAhqQoSAgIDAADcCACABQbgIakKEgICAwAA3AgAgAUGwCGpChICAgMAANwIAIAFBqAhqQoSAgIDAADcCACABQaAIakKEgICAwAA3AgAgAUGYCGpChICAgMAANwIAQaACQQ4gAiABQbAhaiABQbAXahADQSBBDyAAIAFB0CNqIAFBsCBqEAMgASEDCyADC6ERARp/IABBwC9qIQkgACgCFCEGA0AgCSAFQQF0IgRqQYCAAjsBACAJIARBAnJqQYCAAjsBACAJIARBBHJqQYCAAjsBACAJIARBBnJqQYCAAjsBACAJIARBCHJqQYCAAjsBACAJIARBCnJqQYCAAjsBACAJIARBDHJqQYCAAjsBACAJIARBDnJqQYCAAjsBACAFQQhqIgVBgIAERw0AC0GCAiEKIAZBggIgBkGCAkkbIRIgAEHwE2ohFSAAQZAXaiEWIABBmAlqIRcgAEHwFGohGCAAQfAKaiEZIABBwK8MaiEaIABBGGohGyAAQcCvCGohEyABIAJqIREgASEPA0AgG0EAQYAKEAIhECATQQA2AgAgESAPQf//A2ogESAPa0GHpwRJGyEcIBMhCyAPIQYDQAJAIBEgBmsiAkGBAk0EQCACQQRNBEAgAkEBcQR/IBAgBi0AAEECdGoiBCAEKAIAQQFqNgIAIAsgCygCAEEBajYCACAGQQFqIQYgAkEBawUgAgshBUEAIQogAkEBRgRAIAYhDAwDCwNAIBAgBi0AAEECdGoiAiACKAIAQQFqNgIAIAsgCygCAEEBajYCACAQIAYtAAFBAnRqIgIgAigCAEEBajYCACALIAsoAgBBAWo2AgAgBkECaiEGIAVBAmsiBQ0ACyAGIQwMAgsgEiACIAIgEksbIRIgAiEKC0EAIQUgBiABayIHQYCAAkYEQANAIAkgBUEBdCICaiIEIAQuAQAiBEEAIARBAEobQYCAAnI7AQAgCSACQQJyaiIEIAQuAQAiBEEAIARBAEobQYCAAnI7AQAgCSACQQRyaiIEIAQuAQAiBEEAIARBAEobQYCAAnI7AQAgCSACQQZyaiICIAIuAQAiAkEAIAJBAEobQYCAAnI7AQAgBUEEaiIFQYCABEcNAAtBACEHIAFBgIACaiEBCyAJIA5BAnRqIgIuAQAhBCAGKAAAIQggBigAASEFIAIgBzsBACAGQQFqIQwgBUG9z9bxAWxBEXYhDgJAAkAgB0EQdEEQdUGAgH5zIhQgBE4NACACLgECIQ0gAiAEOwECAkAgCCABIARqIgUoAABGBEACQAJAIApBFGtBb0siHQR/QQQFQQQhBCAGKAAEIAUoAARzIgINAUEIIQQgBigACCAFKAAIcyICDQFBDCEEIAYoAAwgBSgADHMiAg0BQRAhBCAGKAAQIAUoABBzIgINAUEUCyEHA0AgCiAHIgRBBGoiB0kEQCAEIApPDQMDQCAEIAVqLQAAIAQgBmotAABHDQQgBEEBaiIEIApHDQALIAohBAwDCyAEIAZqKAAAIAQgBWooAABzIgJFDQALCyACaEEDdiAEaiEECyANIBRMDQEgBCASTw0BIAggASANaiIIKAAARw0BIAQgCGpBA2soAAAgBCAGakEDaygAAEcNAQJAAkAgHQR/QQQFQQQhAiAGKAAEIAgoAARzIg0NAUEIIQIgBigACCAIKAAIcyINDQFBDCECIAYoAAwgCCgADHMiDQ0BQRAhAiAGKAAQIAgoABBzIg0NAUEUCyEHA0AgCiAHIgJBBGoiB0kEQCACIApPDQMDQCACIAhqLQAAIAIgBmotAABHDQQgAkEBaiICIApHDQALIAohAgwDCyACIAZqKAAAIAIgCGooAABzIg1FDQALCyANaEEDdiACaiECCyACIAQgAiAESyICGyEEIAggBSACGyEFDAELIA0gFEwNASABIA1qIgUoAAAgCEcNAQJAIApBFGtBb0sEf0EEBUEEIQQgBigABCAFKAAEcyIHDQFBCCEEIAYoAAggBSgACHMiBw0BQQwhBCAGKAAMIAUoAAxzIgcNAUEQIQQgBigAECAFKAAQcyIHDQFBFAshAgNAIAogAiIEQQRqIgJJBEAgBCAKTw0DA0AgBCAFai0AACAEIAZqLQAARw0EIARBAWoiBCAKRw0ACyAKIQQMAwsgBCAGaigAACAEIAVqKAAAcyIHRQ0ACwsgB2hBA3YgBGohBAsgBEUNACAEQZDIAGotAABBAnQgEGpBhAhqIgIgAigCAEEBajYCACAAQYACIAYgBWsiAmtBHXYiBUEBdCACQQFrIAV2QaDKAGotAABqIgVBAnRqQZgJaiIHIAcoAgBBAWo2AgAgC0EANgIIIAsgBTsBBiALIAI7AQQgCyALKAIAIARBF3RyNgIAAkAgBEEEaiARIAxrSw0AIARBAWshDUEAIQIgDCABayIFIARqQYKAAmtB//99TQRAA0AgCSACQQF0IgdqIgggCC4BACIIQQAgCEEAShtBgIACcjsBACAJIAdBAnJqIgggCC4BACIIQQAgCEEAShtBgIACcjsBACAJIAdBBHJqIgggCC4BACIIQQAgCEEAShtBgIACcjsBACAJIAdBBnJqIgcgBy4BACIHQQAgB0EAShtBgIACcjsBACACQQRqIgJBgIAERw0ACyAFQYCAAmshBSABQYCAAmohAQsgDUEBcQRAIAkgDkECdGoiAiACLwEAOwECIAIgBTsBACAEQQJrIQ0gBUEBaiEFIAYoAAJBvc/W8QFsQRF2IQ4gBkECaiEMCyAEQQJGDQADQCAJIA5BAnRqIgIgAi8BADsBAiACIAU7AQAgCSAMKAABQb3P1vEBbEEPdkH8/wdxaiICIAIvAQA7AQIgAiAFQQFqOwEAIAVBAmohBSAMKAACQb3P1vEBbEERdiEOIAxBAmohDCANQQJrIg0NAAsLIAtBCGohCyAEIAZqIQwMAQsgECAGLQAAQQJ0aiICIAIoAgBBAWo2AgAgCyALKAIAQQFqNgIACyAMIBxPDQAgDCEGIAsgGkkNAQsLIAAgACgCmAhBAWo2ApgIQaACQQ4gECAYIBkQA0EgQQ8gFyAWIBUQAyAAIAMgDyAMIA9rIBMgDCARRiICEAUgAkUEQCAMIQ8gAy0AEEUNAQsLCwvVTwkAQYQIC/0/ljAHdyxhDu66UQmZGcRtB4/0anA1pWPpo5VknjKI2w6kuNx5HunV4IjZ0pcrTLYJvXyxfgctuOeRHb+QZBC3HfIgsGpIcbnz3kG+hH3U2hrr5N1tUbXU9MeF04NWmGwTwKhrZHr5Yv3syWWKT1wBFNlsBmNjPQ/69Q0IjcggbjteEGlM5EFg1XJxZ6LR5AM8R9QES/2FDdJrtQql+qi1NWyYskLWybvbQPm8rONs2DJ1XN9Fzw3W3Fk90ausMNkmOgDeUYBR18gWYdC/tfS0ISPEs1aZlbrPD6W9uJ64AigIiAVfstkMxiTpC7GHfG8vEUxoWKsdYcE9LWa2kEHcdgZx2wG8INKYKhDV74mFsXEftbYGpeS/nzPUuOiiyQd4NPkAD46oCZYYmA7huw1qfy09bQiXbGSRAVxj5vRRa2tiYWwc2DBlhU4AYvLtlQZse6UBG8H0CIJXxA/1xtmwZVDptxLquL6LfIi5/N8d3WJJLdoV83zTjGVM1PtYYbJNzlG1OnQAvKPiMLvUQaXfSteV2D1txNGk+/TW02rpaUP82W40RohnrdC4YNpzLQRE5R0DM19MCqrJfA3dPHEFUKpBAicQEAu+hiAMySW1aFezhW8gCdRmuZ/kYc4O+d5emMnZKSKY0LC0qNfHFz2zWYENtC47XL23rWy6wCCDuO22s7+aDOK2A5rSsXQ5R9Xqr3fSnRUm2wSDFtxzEgtj44Q7ZJQ+am0NqFpqegvPDuSd/wmTJ64ACrGeB31Ekw/w0qMIh2jyAR7+wgZpXVdi98tnZYBxNmwZ5wZrbnYb1P7gK9OJWnraEMxK3Wdv37n5+e++jkO+txfVjrBg6KPW1n6T0aHEwtg4UvLfT/Fnu9FnV7ym3Qa1P0s2skjaKw3YTBsKr/ZKAzZgegRBw+9g31XfZ6jvjm4xeb5pRoyzYcsag2a8oNJvJTbiaFKVdwzMA0cLu7kWAiIvJgVVvju6xSgLvbKSWrQrBGqzXKf/18Ixz9C1i57ZLB2u3luwwmSbJvJj7JyjanUKk20CqQYJnD82DuuFZwdyE1cABYJKv5UUerjiriuxezgbtgybjtKSDb7V5bfv3Hwh39sL1NLThkLi1PH4s91oboPaH80WvoFbJrn24Xewb3dHtxjmWgiIcGoP/8o7BmZcCwER/55lj2muYvjT/2thRc9sFnjiCqDu0g3XVIMETsKzAzlhJmen9xZg0E1HaUnbd24+SmrRrtxa1tlmC99A8DvYN1OuvKnFnrvef8+yR+n/tTAc8r29isK6yjCTs1Omo7QkBTbQupMG180pV95Uv2fZIy56ZrO4SmHEAhtoXZQrbyo3vgu0oY4MwxvfBVqN7wItAAAAAEExGxmCYjYyw1MtKwTFbGRF9Hd9hqdaVseWQU8IitnISbvC0Yro7/rL2fTjDE+1rE1+rrWOLYOezxyYh1ESwkoQI9lT03D0eJJB72FV164uFOa1N9e1mByWhIMFWZgbghipAJvb+i2wmss2qV1dd+YcbGz/3z9B1J4OWs2iJISV4xWfjCBGsqdhd6m+puHo8efQ8+gkg97DZbLF2qquXV3rn0ZEKMxrb2n9cHauazE571oqICwJBwttOBwS8zZG37IHXcZxVHDtMGVr9PfzKru2wjGidZEciTSgB5D7vJ8Xuo2EDnneqSU477I8/3nzc75I6Gp9G8VBPCreWAVPefBEfmLphy1PwsYcVNsBihWUQLsOjYPoI6bC2Ti/DcWgOEz0uyGPp5YKzpaNEwkAzFxIMddFi2L6bspT4XdUXbu6FWygo9Y/jYiXDpaRUJjX3hGpzMfS+uHsk8v69VzXYnId5nlr3rVUQJ+ET1lYEg4WGSMVD9pwOCSbQSM9p2v9ZeZa5nwlCctXZDjQTqOukQHin4oYIcynM2D9vCqv4SSt7tA/tC2DEp9ssgmGqyRIyeoVU9ApRn77aHdl4vZ5Py+3SCQ2dBsJHTUqEgTyvFNLs41IUnDeZXkx735g/vPm57/C/f58kdDVPaDLzPo2ioO7B5GaeFS8sTllp6hLmIM7CqmYIsn6tQmIy64QT13vXw5s9EbNP9ltjA7CdEMSWvMCI0HqwXBswYBBd9hH1zaXBuYtjsW1AKWEhBu8GopBcVu7WmiY6HdD2dlsWh5PLRVffjYMnC0bJ90cAD4SAJi5UzGDoJBirovRU7WSFsX03Vf078SUp8Lv1ZbZ9um8B66ojRy3a94xnCrvKoXteWvKrEhw028bXfguKkbh4TbeZqAHxX9jVOhUImXzTeXzsgKkwqkbZ5GEMCagnym4rsXk+Z/e/TrM89Z7/ejPvGupgP1aspk+CZ+yfziEq7AkHCzxFQc1MkYqHnN3MQe04XBI9dBrUTaDRnp3sl1jTtf6yw/m4dLMtcz5jYTX4EoSlq8LI422yHCgnYlBu4RGXSMDB2w4GsQ/FTGFDg4oQphPZwOpVH7A+nlVgctiTB/FOIFe9COYnacOs9yWFaobAFTlWjFP/JliYtfYU3nOF0/hSVZ++lCVLdd71BzMYhOKjS1Su5Y0kei7H9DZoAbs835ercJlR26RSGwvoFN16DYSOqkHCSNqVCQIK2U/EeR5p5alSLyPZhuRpCcqir3gvMvyoY3Q62Le/cAj7+bZveG8FPzQpw0/g4omfrKRP7kk0HD4FctpO0bmQnp3/Vu1a2Xc9Fp+xTcJU+52OEj3sa4JuPCfEqEzzD+Kcv0kkwAAAAA3asIBbtSEA1m+RgLcqAkH68LLBrJ8jQSFFk8FuFETDo870Q/WhZcN4e9VDGT5GglTk9gICi2eCj1HXAtwoyYcR8nkHR53oh8pHWAerAsvG5th7RrC36sY9bVpGcjyNRL/mPcTpiaxEZFMcxAUWjwVIzD+FHqOuBZN5HoX4EZNONcsjzmOksk7ufgLOjzuRD8LhIY+UjrAPGVQAj1YF142b32cNzbD2jUBqRg0hL9XMbPVlTDqa9My3QERM5DlaySnj6kl/jHvJ8lbLSZMTWIjeyegIiKZ5iAV8yQhKLR4Kh/euitGYPwpcQo+KPQccS3DdrMsmsj1Lq2iNy/AjZpw9+dYca5ZHnOZM9xyHCWTdytPUXZy8Rd0RZvVdXjciX5Ptkt/FggNfSFiz3ykdIB5kx5CeMqgBHr9ysZ7sC68bIdEfm3e+jhv6ZD6bmyGtWtb7HdqAlIxaDU482kIf69iPxVtY2arK2FRwelg1NemZeO9ZGS6AyJmjWngZyDL10gXoRVJTh9TS3l1kUr8Y95PywkcTpK3Wkyl3ZhNmJrERq/wBkf2TkBFwSSCREQyzUFzWA9AKuZJQh2Mi0NQaPFUZwIzVT68dVcJ1rdWjMD4U7uqOlLiFHxQ1X6+Ueg54lrfUyBbhu1mWbGHpFg0ketdA/spXFpFb15tL61fgBs14bdx9+Duz7Hi2aVz41yzPOZr2f7nMme45QUNeuQ4SibvDyDk7laeouxh9GDt5OIv6NOI7emKNqvrvVxp6vC4E/3H0tH8nmyX/qkGVf8sEBr6G3rY+0LEnvl1rlz4SOkA83+DwvImPYTwEVdG8ZRBCfSjK8v1+pWN983/T/ZgXXjZVze62A6J/No54z7bvPVx3oufs9/SIfXd5Us33NgMa9fvZqnWttjv1IGyLdUEpGLQM86g0Wpw5tNdGiTSEP5exSeUnMR+KtrGSUAYx8xWV8L7PJXDooLTwZXoEcCor03Ln8WPysZ7ycjxEQvJdAdEzENths0a08DPLbkCzkCWr5F3/G2QLkIrkhko6ZOcPqaWq1Rkl/LqIpXFgOCU+Me8n8+tfp6WEzicoXn6nSRvtZgTBXeZSrsxm33R85owNYmNB19LjF7hDY5pi8+P7J2Aitv3QouCSQSJtSPGiIhkmoO/DliC5rAegNHa3IFUzJOEY6ZRhToYF4cNctWGoNDiqZe6IKjOBGaq+W6kq3x4665LEimvEqxvrSXGrawYgfGnL+szpnZVdaRBP7elxCn4oPNDOqGq/XyjnZe+otBzxLXnGQa0vqdAtonNgrcM282yO7EPs2IPSbFVZYuwaCLXu19IFboG9lO4MZyRubSK3ryD4By92l5av+00mL4AAAAAZWe8uIvICarur7USV5dijzLw3jfcX2sluTjXne8otMWKTwh9ZOC9bwGHAde4v9ZK3dhq8jN33+BWEGNYn1cZUPowpegUnxD6cfisQsjAe9+tp8dnQwhydSZvzs1wf62VFRgRLfu3pD+e0BiHJ+jPGkKPc6KsIMawyUd6CD6vMqBbyI4YtWc7CtAAh7JpOFAvDF/sl+LwWYWHl+U90YeGZbTgOt1aT4/PPygzd4YQ5Orjd1hSDdjtQGi/Ufih+CvwxJ+XSCowIlpPV57i9m9Jf5MI9cd9p0DVGMD8bU7QnzUrtyONxRiWn6B/KicZR/26fCBBApKP9BD36EioPVgUm1g/qCO2kB0x0/ehiWrPdhQPqMqs4Qd/voRgwwbScKBetxcc5lm4qfQ83xVMhefC0eCAfmkOL8t7a0h3w6IPDcvHaLFzKccEYUyguNn1mG9EkP/T/H5QZu4bN9pWTSe5DihABbbG77Cko4gMHBqw24F/12c5kXjSK/QfbpMD9yY7ZpCag4g/L5HtWJMpVGBEtDEH+AzfqE0eus/xpuzfkv6JuC5GZxebVAJwJ+y7SPBx3i9MyTCA+dtV50VjnKA/a/nHg9MXaDbBcg+Kecs3XeSuUOFcQP9UTiWY6PZziIuuFu83FvhAggSdJz68JB/pIUF4VZmv1+CLyrBcMzu2We1e0eVVsH5QR9UZ7P9sITtiCUaH2ufpMsiCjo5w1J7tKLH5UZBfVuSCOjFYOoMJj6fmbjMfCMGGDW2mOrWk4UC9wYb8BS8pSRdKTvWv83YiMpYRnop4viuYHdmXIEvJ9HgurkjAwAH90qVmQWocXpb3eTkqT5eWn13y8SPlBRlrTWB+1/WO0WLn67beX1KOCcI36bV62UYAaLwhvNDqMd+Ij1ZjMGH51iIEnmqavaa9B9jBAb82brStUwkIFZpOch3/Kc6lEYZ7t3Thxw/N2RCSqL6sKkYRGTgjdqWAdWbG2BABemD+rs9ym8lzyiLxpFdHlhjvqTmt/cxeEUUG7k12Y4nxzo0mRNzoQfhkUXkv+TQek0HasSZTv9aa6+nG+bOMoUULYg7wGQdpTKG+UZs82zYnhDWZkpZQ/i4umblUJvze6J4ScV2MdxbhNM4uNqmrSYoRReY/AyCBg7t2keDjE/ZcW/1Z6UmYPlXxIQaCbERhPtSqzovGz6k3fjhBf9ZdJsNus4l2fNbuysRv1h1ZCrGh4eQeFPOBeahL12nLE7IOd6tcocK5OcZ+AYD+qZzlmRUkCzagNm5RHI6nFmaGwnHaPizebyxJudOU8IEECZXmuLF7SQ2jHi6xG0g+0kMtWW77w/bb6aaRZ1EfqbDMes4MdJRhuWbxBgXeAAAAALApYD1gU8B60HqgR8CmgPVwj+DIoPVAjxDcILLBS3AwcWIQDaEYsEoRMdB3Ae3wxbHEkPhhvjC/0ZdQgoKX4GAyvoBd4sQgGlLtQCdCMWCV8hgAqCJioO+SS8DSQ9yQUPP18G0jj1Aqk6YwF4N6EKUzU3CY4ynQ31MAsOIEL8HBtAah/GR8AbvUVWGGxIlBNHSgIQmk2oFOFPPhc8VksfF1TdHMpTdxixUeEbYFwjEEtetROWWR8X7VuJFDhrghoTaRQZzm6+HbVsKB5kYeoVT2N8FpJk1hLpZkARNH81GR99oxrCegkeuXifHWh1XRZDd8sVnnBhEeVy9xI0lY81j5cZNlKQszIpkiUx+J/nOtOdcTkOmts9dZhNPqiBODaDg641XoQEMSWGkjL0i1A534nGOgKObD55jPo9rLzxM4e+ZzBauc00IbtbN/C2mTzbtA8/BrOlO32xMzigqEYwi6rQM1atejctr+w0/KIuP9eguDwKpxI4caWEO6TXcymf1eUqQtJPLjnQ2S3o3Rsmw9+NJR7YJyFl2rEiuMPEKpPBUilOxvgtNcRuLuTJrCXPyzomEsyQImnOBiG8/g0vl/ybLEr7MSgx+acr4PRlIMv28yMW8VknbfPPJLDquiyb6CwvRu+GKz3tECjs4NIjx+JEIBrl7iRh53gnuSsOaxIpmGjPLjJstCykb2UhZmROI/BnkyRaY+gmzGA1P7loHj0va8M6hW+4OBNsaTXRZ0I3R2SfMO1g5DJ7YzECcG0aAOZuxwdMarwF2mltCBhiRgqOYZsNJGXgD7JmPRbHbhYUUW3LE/tpsBFtamEcr2FKHjlilxmTZuwbBWU5afJ3AmtkdN9sznCkblhzdWOaeF5hDHuDZqZ/+GQwfCV9RXQOf9N303h5c6h673B5dy17UnW7eI9yEXz0cId/IUCMcQpCGnLXRbB2rEcmdX1K5H5WSHJ9i0/YefBNTnotVDtyBlatcdtRB3WgU5F2cV5TfVpcxX6HW296/Fn5eS2+gV6WvBddS7u9WTC5K1rhtOlRyrZ/Uhex1VZss0NVsao2XZqooF5HrwpaPK2cWe2gXlLGoshRG6ViVWCn9Fa1l/9YnpVpW0OSw184kFVc6Z2XV8KfAVQfmKtQZJo9U7mDSFuSgd5YT4Z0XDSE4l/liSBUzou2VxOMHFNojopQvfx9Qob+60Fb+UFFIPvXRvH2FU3a9INOB/MpSnzxv0mh6MpBiupcQlft9kYs72BF/eKiTtbgNE0L555JcOUISqXVA0SO15VHU9A/QyjSqUD532tL0t39SA/aV0x02MFPqcG0R4LDIkRfxIhAJMYeQ/XL3EjeyUpLA87gT3jMdkygAAAACl01zLC6HITa5ylIYWQpGbs5HNUB3jWda4MAUdbYJT7MhRDydmI5uhw/DHanvAwnfeE568cGEKOtWyVvGbAtYDPtGKyJCjHk41cEKFjUBHmCiTG1OG4Y/VIzLTHvaAhe9TU9kk/SFNoljyEWngwhR0RRFIv+tj3DlOsIDyNgWsB5PW8Mw9pGRKmHc4gSBHPZyFlGFXK+b10Y41qRpbh//r/lSjIFAmN6b19WttTcVucOgWMrtGZKY947f69q0HegQI1CbPpqaySQN17oK7ReufHpa3VLDkI9IVN38ZwIUp6GVWdSPLJOGlbve9btbHuHNzFOS43WZwPni1LPVsClgPydkExGerkELCeMyJekjJlN+blV9x6QHZ1DpdEgGIC+OkW1coCinDrq/6n2UXypp4shnGsxxrUjW5uA7+9wiODFLb0sf8qUZBWXoaiuFKH5dEmUNc6uvX2k84ixGait3gP1mBK5ErFa00+ElmjMhMeykbELCHaYQ2IrrY/VoP9Aj/3KjDUa48RfR9YI5MTWWT6Z45WEfsrd7iP/EVN42n5JJe+y88LG+pmf8zYiHPNn+EHGq0Km7+Mo+9ovnBDSILZN5+wMqs6kZvf7aN10+zkHKc71vc7nvdeT0nFqyPcecJXC0spy65qgL95WG6zeB8Hx68t7FsKDEUv3T62BSwHn3H7NXTtXhTdmYkmM5WIYVrhX1OxffpyGAktQO1luPyEEW/Ob43K78b5Hd0o9RyaQYHLqKodbokDabm70MWZh3mxTrWSLeuUO1k8ptVVPeG8IerTV71P8v7JmMALpQ18YtHaTolNf28gOahdzjWpGqdBfihM3dsJ5akMOzuERwZS8JA0uWw1FRAY4if+FONgl2A0Unz8kXPViEZBIOTT/UmQBM+iDKHuC3h23OV0d5uMAKCpZ5wFiM7o0rodRPKGtDAltF+sgJX22FenGNRW4HGggdKaPCTzM0jzwcYkZn2vULFPRMwUbu24w1wDtMIbasAVKYFcsAgoKGc67Qe6BERzbTav78gXBpsfJeiXHmKB48lQan9sccMLu0M2Zy7/XxP5zbSPXOwd+4ve8/eKmZqDXatxH/iK2GsvuAvHD4Sis9i2SS99l+BbqqUOV6viZyN80Iy/2fElyw7D0Kebf7nTTE1ST+ls+zs+XhU3Pxl8Q+grl99NCj6rmjjghtEFifIGN2JuoxbLGnQkJRZ1Y0xiolGn/gdwDorQQvvmRf6SkpLMeQ437dB64N8+duGYVwI2qryek4sV6kS5xkZkhW8ys7eErhaWLdrBpMPWwOOqohfRQT6y8OhKZcIdJvB+dFInTJ/Ogm02ulVf2LZUGLHCgypaXiYL8yrxOQAAAAAtAt3pikRn5edGugxEyRP9KcvOFI6NdBjjj6nxWdO7zPTRZiVTl9wpPpUBwJ0aqDHwGHXYV17P1DpcEj2zpzeZ3qXqcHnjUHwU4Y2Vt24kZNps+Y19KkOBECieaKp0jFUHdlG8oDDrsM0yNlluvZ+oA79CQaT5+E3J+yWkZw5vc8oMspptSgiWAEjVf6PHfI7OxaFnaYMbawSBxoK+3dS/E98JVrSZs1rZm26zehTHQhcWGquwUKCn3VJ9TlSpWOo5q4UDnu0/D/Pv4uZQYEsXPWKW/pokLPL3JvEbTXrjJuB4Ps9HPoTDKjxZKomz8NvksS0yQ/eXPi71SteeXULRM1+fOJQZJTT5G/jdWpRRLDeWjMWQ0DbJ/dLrIEeO+R3qjCT0Tcqe+CDIQxGDR+rg7kU3CUkDjQUkAVDsrfp1SMD4qKFnvhKtCrzPRKkzZrXEMbtcY3cBUA513Lm0Kc6EGSsTbb5tqWHTb3SIcODdeR3iAJC6pLqc16ZndXlTLaLUUfBLcxdKRx4Vl669mj5f0JjjtnfeWboa3IRToICWbg2CS4eqxPGLx8YsYmRJhZMJS1h6rg3idsMPP59K9Bo7J/bH0oCwfd7tsqA3Tj0JxiM/1C+EeW4j6XuzylMnoff+JXweWWPGEjRhG/uX7rIK+uxv412q1e8wqAgGvLqFohG4WEu2/uJH2/w/rnhzll8VcUu2sjfxut81LFNlaT5uyGvjh28tWYsCL4RioaAtk8yi8Hpr5Ep2BuaXn48dsjviH2/SRVnV3ihbCDeL1KHG5tZ8L0GQxiMskhvKls4J9zvM1B6cim4S8Yiz+1IHGgo/BcfjmEN97/VBoAZbtOrR9rY3OFHwjTQ88lDdn335LPJ/JMVVOZ7JODtDIIJnUR0vZYz0iCM2+OUh6xFGrkLgK6yfCYzqJQXh6PjsaBPdSAURAKGiV7qtz1VnRGzazrUB2BNcpp6pUMucdLlxwGaE3MK7bXuEAWEWhtyItQl1edgLqJB/TRKcEk/PdaLnx3MP5RqaqKOglsWhfX9mLtSOCywJZ6xqs2vBaG6CezR8v9Y2oVZxcBtaHHLGs7/9b0LS/7KrdbkIpxi71U6RQPDq/EItA1sElw82BkrmlYnjF/iLPv5fzYTyMs9ZG4iTSyYlkZbPgtcsw+/V8SpMWljbIViFMoYePz7rHOLXRemoAOjrdelPrc/lIq8SDIEgu/3sImYUS2TcGCZmAfGcOhPMMTjOJZZ+dCn7fKnAWPMAMTXx3diSt2fU/7W6PXZOn5kbTEJwvAr4fNEIJZVyh4xkH4VRjbjD64HVwTZob50kVcKf+bxl2UOwCNueWatUN6jGVupBYRBQTQwSjaSAAAAAJ4Aqsx9ByVC4wePjvoOSoRkDuBIhwlvxhkJxQq1G+XTKxtPH8gcwJFWHGpdTxWvV9EVBZsyEooVrBIg2Ssxu3y1MRGwVjaePsg2NPLRP/H4Tz9bNKw41LoyOH52niperwAq9GPjLXvtfS3RIWQkFCv6JL7nGSMxaYcjm6VWYnb5yGLcNStlU7u1Zfl3rGw8fTJslrHRaxk/T2uz8+N5kyp9eTnmnn62aAB+HKQZd9muh3dzYmRw/Oz6cFYgfVPNheNTZ0kAVOjHnlRCC4ddhwEZXS3N+lqiQ2RaCI/ISChWVkiCmrVPDRQrT6fYMkZi0qxGyB5PQUeQ0UHtXO3CnSlzwjflkMW4aw7FEqcXzNeticx9YWrL8u/0y1gjWNl4+sbZ0jYl3l24u973dKLXMn4815iy39AXPEHQvfDG8yZVWPOMmbv0Axcl9KnbPP1s0aL9xh1B+kmT3/rjX3Pow4bt6GlKDu/mxJDvTAiJ5okCF+YjzvThrEBq4QaMu6Dr0CWgQRzGp86SWKdkXkGuoVTfrguYPKmEFqKpLtoOuw4DkLukz3O8K0HtvIGN9LVEh2q17kuJsmHFF7LLCZCRUKwOkfpg7ZZ17nOW3yJqnxoo9J+w5BeYP2qJmJWmJYq1f7uKH7NYjZA9xo068d+E//tBhFU3ooPauTyDcHXahTtTRIWRn6eCHhE5grTdIItx176L2xtdjFSVw4z+WW+e3oDxnnRMEpn7woyZUQ6VkJQEC5A+yOiXsUZ2lxuK8bSAL2+0KuOMs6VtErMPoQu6yquVumBndr3v6ei9RSVEr2X82q/PMDmoQL6nqOpyvqEveCChhbTDpgo6Xaag9oznTaoS5+dm8eBo6G/gwiR26Qcu6Omt4gvuImyV7oigOfyoeaf8ArVE+4072vsn98Py4v1d8kgxvvXHvyD1bXOn1vbWOdZcGtrR05RE0XlYXdi8UsPYFp4g35kQvt8z3BLNEwWMzbnJb8o2R/HKnIvow1mBdsPzTZXEfMMLxNYPN0emeqlHDLZKQIM41EAp9M1J7P5TSUYysE7JvC5OY3CCXEOpHFzpZf9bZuthW8wneFIJLeZSo+EFVSxvm1WGoxx2HQaCdrfKYXE4RP9xkojmeFeCeHj9Tpt/csAFf9gMqW341TdtUhnUat2XSmp3W1NjslHNYxidLmSXE7BkPd9hJdCD/yV6Txwi9cGCIl8NmyuaBwUrMMvmLL9FeCwVidQ+NVBKPp+cqTkQEjc5ut4uMH/UsDDVGFM3WpbNN/BaShRr/9QUwTM3E069qRPkcbAaIXsuGou3zR0EOVMdrvX/D44sYQ8k4IIIq24cCAGiBQHEqJsBbmR4BuHq5gZLJgwAQZTIAAv/AQECAwQFBgcICAkJCgoLCwwMDAwNDQ0NDg4ODg8PDw8QEBAQEBAQEBEREREREREREhISEhISEhITExMTExMTExQUFBQUFBQUFBQUFBQUFBQVFRUVFRUVFRUVFRUVFRUVFhYWFhYWFhYWFhYWFhYWFhcXFxcXFxcXFxcXFxcXFxcYGBgYGBgYGBgYGBgYGBgYGBgYGBgYGBgYGBgYGBgYGBkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhobGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbHABBocoAC/8DAQIDBAQFBQYGBgYHBwcHCAgICAgICAgJCQkJCQkJCQoKCgoKCgoKCgoKCgoKCgoLCwsLCwsLCwsLCwsLCwsLDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwNDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4ODg4PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PAIBAwCCgYOAQkFDQMLBw8AiISMgoqGjoGJhY2Di4ePgEhETEJKRk5BSUVNQ0tHT0DIxMzCysbOwcnFzcPLx8/AKCQsIiomLiEpJS0jKycvIKikrKKqpq6hqaWto6unr6BoZGxiamZuYWllbWNrZ29g6OTs4urm7uHp5e3j6+fv4BgUHBIaFh4RGRUdExsXHxCYlJySmpaekZmVnZObl5+QWFRcUlpWXlFZVV1TW1dfUNjU3NLa1t7R2dXd09vX39A4NDwyOjY+MTk1PTM7Nz8wuLS8srq2vrG5tb2zu7e/sHh0fHJ6dn5xeXV9c3t3f3D49Pzy+vb+8fn1/fP79//wBBsM4ACwMCAwcAQcjOAAtLAQEBAQICAgIDAwMDBAQEBAUFBQUAAAAAAAAAAAEBAgIDAwQEBQUGBgcHCAgJCQoKCwsMDA0NAAAQERIACAcJBgoFCwQMAw0CDgEPAEGgzwALdgEAAAACAAAAAwAAAAQAAAAFAAAABwAAAAkAAAANAAAAEQAAABkAAAAhAAAAMQAAAEEAAABhAAAAgQAAAMEAAAABAQAAgQEAAAECAAABAwAAAQQAAAEGAAABCAAAAQwAAAEQAAABGAAAASAAAAEwAAABQAAAAWAAQaDQAAtyAwAAAAQAAAAFAAAABgAAAAcAAAAIAAAACQAAAAoAAAALAAAADQAAAA8AAAARAAAAEwAAABcAAAAbAAAAHwAAACMAAAArAAAAMwAAADsAAABDAAAAUwAAAGMAAABzAAAAgwAAAKMAAADDAAAA4wAAAAIBAEGg0QAL1gYJCQkJCQkICAcHBgYGBgYGBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAYGFiAmKzAzNjk7PUBBQ0VGSElKS0xNT1BQUVJTVFVVVldYWFlZWltbXFxdXV5fX2BgYGFhYmJjY2NkZGVlZWZmZmdnaGhoaWlpaWpqamtra2xsbGxtbW1tbm5ub29vb3BwcHBwcXFxcXJycnJyc3Nzc3N0dHR0dHV1dXV1dnZ2dnZ2d3d3d3d4eHh4eHh5eXl5eXl5enp6enp6e3t7e3t7e3x8fHx8fHx9fX19fX19fX5+fn5+fn5/f39/f39/f4CAgICAgICAgIGBgYGBgYGBgYKCgoKCgoKCgoODg4ODg4ODg4OEhISEhISEhISEhYWFhYWFhYWFhYaGhoaGhoaGbRAQICkwNTk8QEJFR0lLTE5QUVJTVVZXWFlaW1xcXV5fYGBhYmJjY2RlZWZmZ2doaGlpampra2xsbG1tbm5ub29wcHBxcXFycnJzc3NzdHR0dXV1dnZ2dnd3d3d4eHh4eXl5eXp6enp6e3t7e3x8fHx8fX19fX1+fn5+fn9/f39/gICAgICAgYGBgYGBgoKCgoKCg4ODg4ODg4SEhISEhIWFhYWFhYWGhoaGhoaGhoeHh4eHh4eHiIiIiIiIiIiJiYmJiYmJiYqKioqKioqKiouLi4uLi4uLi4yMjIyMjIyMjI2NjY2NjY2NjY2Ojo6Ojo6Ojo6Ojo+Pj4+Pj4+Pj4+QXSAgMDlARUlMUFJVV1lbXF5gYWJjZWZnaGlqa2xsbW5vcHBxcnJzc3R1dXZ2d3d4eHl5enp7e3x8fH19fn5+f3+AgICBgYGCgoKDg4ODhISEhYWFhoaGhoeHh4eIiIiIiYmJiYqKioqKi4uLi4yMjIyMjY2NjY2Ojo6Ojo+Pj4+PkJCQkJCQkZGRkZGRkpKSkpKSk5OTk5OTk5SUlJSUlJWVlZWVlZWWlpaWlpaWlpeXl5eXl5eXmJiYmJiYmJiZmZmZmZmZmZqampqampqampubm5ubm5ubm5ycnJycnJycnJ2dnZ2dnZ2dnZ2enp6enp6enp6enp+fn5+fn5+fn5+gVABB+NcACwsGAAAABwAAADAwUA==';

;// CONCATENATED MODULE: ./lib/oci/libdeflate.js
// libdeflate's gzip encoder run from its wasm build without the emscripten glue, so the same source serves the main thread and the compression workers (which run eval'd code and cannot import the glue's ES module).

/**
 * The largest input libdeflate compresses; a bigger layer takes zlib in pieces instead (compress.ts). The wasm heap
 * must hold the input, its compress bound (the input plus about 0.02%) and the compressor, within the build's 2 GiB:
 * 512 MiB needs about 1 GiB and leaves room. The rule is by size alone, so the bytes never depend on the machine.
 */
const LIBDEFLATE_MAX_INPUT = 512 * 2 ** 20;
/**
 * JavaScript source of `(wasm, names) => (input, level) => Uint8Array`, a gzip member of input at libdeflate's
 * level, given the compiled WebAssembly.Module and the LIBDEFLATE names. Plain JavaScript with no free variables
 * but WebAssembly, so a worker can eval it. The instance (and its heap) is kept for the next call, unless the heap
 * grew past 64 MiB for a big layer: then it is dropped, and the memory goes back when it is collected.
 */
const LIBDEFLATE_GZIP_SOURCE = `(function (wasm, names) {
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
})`;
let libdeflate_bytes;
let compiled;
let here;
/** The wasm's own bytes, decoded once. */
function libdeflateWasm() {
    return (libdeflate_bytes ??= Buffer.from(LIBDEFLATE_WASM_BASE64, 'base64'));
}
/** The wasm compiled once per process; workers get it posted (Node shares the compiled code between threads). */
function libdeflateModule() {
    return (compiled ??= new WebAssembly.Module(libdeflateWasm()));
}
/** A gzip member of input at libdeflate's level (1–12), on the calling thread. */
function libdeflateGzip(input, level) {
    here ??= new Function(`return ${LIBDEFLATE_GZIP_SOURCE}`)()(libdeflateModule(), LIBDEFLATE);
    const out = here(input, level);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
/** What the bytes depend on: the package version and the wasm itself. */
const LIBDEFLATE_ID = `libdeflate ${LIBDEFLATE.version} (wasm sha256:${LIBDEFLATE.sha256.slice(0, 12)})`;

;// CONCATENATED MODULE: ./lib/oci/compress.js
// The layer codecs (gzip at a level or at its best-effort max, zstd through node:zlib): parsing the inputs, and deterministic bytes.



/**
 * gzip's default level: libdeflate at 6. Measured on go-httpbin's binary (docs/benchmarks.md), it is 2.0% smaller
 * than zlib at 9 for a quarter of its CPU time, and zoneinfo 6.6% smaller; 7 is 0.4% smaller again on the binary
 * for a third more time (and larger on zoneinfo), 9 0.7% for three times the time.
 */
const DEFAULT_GZIP_LEVEL = 6;
/**
 * zstd's default level: the highest of the zstd CLI's regular levels (20–22 are its --ultra ones). Measured on
 * examples/hello (docs/benchmarks.md), 22 is no smaller on the Go binary and 1.8% smaller on zoneinfo, for about
 * three times zoneinfo's time.
 */
const DEFAULT_ZSTD_LEVEL = 19;
const DEFAULT_COMPRESSION = { codec: 'gzip', level: DEFAULT_GZIP_LEVEL };
const LAYER_MEDIA_TYPES = {
    gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    zstd: 'application/vnd.oci.image.layer.v1.tar+zstd'
};
const zstdCompressSync = external_node_zlib_.zstdCompressSync;
const RUNTIME = { version: process.version, hasZstd: !!zstdCompressSync };
/** compression and compression-level, checked against each other and against what this Node can do. */
function parseCompression(codecRaw, levelRaw, runtime = RUNTIME) {
    const codec = codecRaw.trim().toLowerCase() || 'gzip';
    if (codec !== 'gzip' && codec !== 'zstd') {
        throw new ports/* InputError */.d(`compression: '${codecRaw.trim()}' is not a codec. Use gzip (read by every client) or zstd (smaller; see the README's compatibility table).`);
    }
    if (codec === 'zstd' && !runtime.hasZstd) {
        throw new ports/* InputError */.d(`compression: zstd needs Node.js 22.15 or newer (node:zlib's zstd), and this is Node.js ${runtime.version}. ` +
            `Run the action on the node24 runtime action.yml declares (or the CLI on Node 22.15+), or use compression: gzip.`);
    }
    const raw = levelRaw.trim().toLowerCase();
    if (raw === '')
        return { codec, level: codec === 'gzip' ? DEFAULT_GZIP_LEVEL : DEFAULT_ZSTD_LEVEL };
    if (codec === 'gzip' && raw === 'max')
        return { codec, level: 'max' };
    const [min, max] = codec === 'gzip' ? [1, 9] : [1, 22];
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        const range = codec === 'gzip' ? '1 to 9, or max (smallest, slow)' : '1 to 22';
        throw new ports/* InputError */.d(`compression-level: '${levelRaw.trim()}' is not a ${codec} level. Use ${range}` +
            `${codec === 'gzip' ? `; the default is ${DEFAULT_GZIP_LEVEL}` : `; the default is ${DEFAULT_ZSTD_LEVEL}`}.`);
    }
    return { codec, level: Number(raw) };
}
/** How the log and cache keys name a compression: gzip-9, gzip-max, zstd-19. */
function compressionName(c) {
    return `${c.codec}-${c.level}`;
}
/**
 * What else the bytes depend on: the compressor's own version (a newer zlib or zstd may find other matches), so a
 * cache never serves bytes the running code would not make.
 */
function compressorVersion(c) {
    if (c.codec === 'zstd')
        return `zstd ${process.versions.zstd ?? 'unknown'}`;
    if (c.level === 'max')
        return `zlib ${process.versions.zlib}, ${LIBDEFLATE_ID} (12), zopfli 1.0.15 (15)`;
    return `${LIBDEFLATE_ID}; above ${LIBDEFLATE_MAX_INPUT} B zlib ${process.versions.zlib} in pieces of ${GZIP_CHUNK_BYTES} B`;
}
/**
 * RFC 1952 header: no name, no timestamp, OS 255 ("unknown", what Go's gzip and libdeflate write too; zlib writes
 * the build platform's code). The XFL byte stays as each encoder writes it (2 for the slowest levels, 4 for 1).
 */
function normaliseGzipHeader(gz) {
    if (gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8 || gz[3] !== 0) {
        throw new Error('A gzip encoder wrote an unexpected header (a name, comment or extra field).');
    }
    gz.fill(0, 4, 8);
    gz[9] = 0xff;
    return gz;
}
/**
 * gzip 1–9 above LIBDEFLATE_MAX_INPUT is written the way pigz writes it: the input in fixed pieces, each a raw
 * deflate primed with the 32 KiB before it and ended by a sync flush (the last by the finish), behind one header
 * and one trailer. The pieces can be deflated at once on several threads, and since they are fixed the bytes never
 * depend on how many. 256 KiB spreads a Go binary evenly over a few cores and costs under 0.1% in size
 * (docs/benchmarks.md); an input of one piece gives zlib's one-stream bytes.
 */
const GZIP_CHUNK_BYTES = 256 * 1024;
/** deflate's window: what a piece may refer back to. */
const DEFLATE_WINDOW = 32 * 1024;
function gzipChunkCount(length) {
    return Math.max(1, Math.ceil(length / GZIP_CHUNK_BYTES));
}
/** Piece i of data (views into it, not copies). */
function gzipChunk(data, i) {
    const start = i * GZIP_CHUNK_BYTES;
    const end = Math.min(data.length, start + GZIP_CHUNK_BYTES);
    return {
        input: data.subarray(start, end),
        ...(start > 0 ? { dictionary: data.subarray(Math.max(0, start - DEFLATE_WINDOW), start) } : {}),
        last: end >= data.length
    };
}
/** The raw deflate of one piece; the compression pool's workers run the same call (layer-compressor.ts). */
function deflateChunk(chunk, level) {
    const { Z_FINISH, Z_SYNC_FLUSH } = external_node_zlib_.constants;
    return external_node_zlib_.deflateRawSync(chunk.input, {
        level,
        finishFlush: chunk.last ? Z_FINISH : Z_SYNC_FLUSH,
        ...(chunk.dictionary ? { dictionary: chunk.dictionary } : {})
    });
}
/**
 * One gzip member (RFC 1952) around the deflated pieces of data: the header as normaliseGzipHeader leaves zlib's
 * (XFL as zlib sets it for the level), then the CRC-32 and the length of the whole input.
 */
function gzipMember(parts, data, level) {
    const xfl = level === 9 ? 2 : level < 2 ? 4 : 0;
    const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 0xff]);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(external_node_zlib_.crc32(data) >>> 0, 0);
    trailer.writeUInt32LE(data.length % 2 ** 32, 4);
    return Buffer.concat([header, ...parts, trailer]);
}
/** zlib's gzip in pieces on the calling thread, piece after piece: the same bytes as the pool's. */
function gzipPieces(data, level) {
    const parts = [];
    for (let i = 0; i < gzipChunkCount(data.length); i++) {
        parts.push(deflateChunk(gzipChunk(data, i), level));
    }
    return gzipMember(parts, data, level);
}
/**
 * Whether gzip 1–9 of an input this long is libdeflate's (else zlib's in pieces): by length alone, so the bytes
 * depend on the input only. limit is for tests, which cannot spare 512 MiB to see the other side.
 */
function usesLibdeflate(length, limit = LIBDEFLATE_MAX_INPUT) {
    return length <= limit;
}
/**
 * gzip 1–9 on the calling thread: libdeflate at that level, one member for the whole input (at 6, about 2% smaller
 * than zlib's 9 on Go binaries for a quarter of its CPU time; docs/benchmarks.md); the pool's workers give the
 * same bytes.
 */
function gzipLevel(data, level, limit = LIBDEFLATE_MAX_INPUT) {
    if (!usesLibdeflate(data.length, limit))
        return gzipPieces(data, level);
    return normaliseGzipHeader(libdeflateGzip(data, level));
}
/**
 * The zstd parameters, all fixed: level, a content checksum (as the zstd CLI writes), the content size in the
 * frame header (the whole input is given in one call, so zstd knows it), no dictionary ID, one thread.
 */
function zstdParams(level) {
    const k = external_node_zlib_.constants;
    return {
        [k.ZSTD_c_compressionLevel]: level,
        [k.ZSTD_c_checksumFlag]: 1,
        [k.ZSTD_c_contentSizeFlag]: 1,
        [k.ZSTD_c_dictIDFlag]: 0
    };
}
function zstdLevel(data, level) {
    if (!zstdCompressSync) {
        throw new Error(`zstd needs Node.js 22.15 or newer; this is Node.js ${process.version}.`);
    }
    return zstdCompressSync(data, { pledgedSrcSize: data.length, params: zstdParams(level) });
}
/**
 * zopfli's emscripten glue hooks process-wide uncaughtException and unhandledRejection (one aborts the process);
 * those hooks would change how the whole action fails, so they are taken off again.
 */
async function withoutProcessHooks(fn) {
    const emitter = process;
    const events = ['uncaughtException', 'unhandledRejection'];
    const before = events.map(e => new Set(emitter.listeners(e)));
    try {
        return await fn();
    }
    finally {
        events.forEach((e, i) => {
            for (const l of emitter.listeners(e))
                if (!before[i].has(l))
                    emitter.removeListener(e, l);
        });
    }
}
/**
 * zopfli's CommonJS glue reads the free variable __dirname when it loads (to locate a .wasm file it never needs: the
 * module is inlined), and an ES module bundle has none; a global stands in while the encoders load.
 */
async function withDirname(fn) {
    const g = globalThis;
    const set = g.__dirname === undefined;
    if (set)
        g.__dirname = process.cwd();
    try {
        return await fn();
    }
    finally {
        if (set)
            delete g.__dirname;
    }
}
/**
 * gzip at its best effort: the smallest of libdeflate at level 12, zopfli with 15 iterations and zlib at 9, each
 * a plain single-member gzip any client reads. libdeflate wins on Go binaries, zopfli on text and zoneinfo, so
 * taking the smaller is never above zopfli's size. Slow (zopfli: seconds per MB); see docs/benchmarks.md.
 */
async function gzipMax(data) {
    // Loaded on use (ncc puts zopfli in a chunk of its own): only max needs it, and every run would parse it at start.
    const { gzipAsync: zopfli } = await withoutProcessHooks(() => withDirname(() => __webpack_require__.e(/* import() */ 111).then(__webpack_require__.t.bind(__webpack_require__, 92111, 19))));
    const candidates = [
        // The same wasm the levels use (libdeflate.ts), at its best level.
        libdeflateGzip(data, 12),
        await withoutProcessHooks(async () => Buffer.from(await zopfli(data, { numiterations: 15 }))),
        external_node_zlib_.gzipSync(data, { level: 9 })
    ];
    // The first of the smallest, in a fixed order, so ties resolve the same way every time.
    const best = candidates.reduce((a, b) => (b.length < a.length ? b : a));
    return normaliseGzipHeader(Buffer.from(best));
}
/** The layer's bytes in the given compression (synchronous codecs run on the calling thread). */
async function compress(data, c) {
    if (c.level === 'max')
        return gzipMax(data);
    return c.codec === 'zstd' ? zstdLevel(data, c.level) : gzipLevel(data, c.level);
}
/** Reverses compress, for load archives and tests. */
function decompress(data, codec) {
    if (codec === 'gzip')
        return external_node_zlib_.gunzipSync(data);
    const zstd = external_node_zlib_.zstdDecompressSync;
    if (!zstd)
        throw new Error(`zstd needs Node.js 22.15 or newer; this is Node.js ${process.version}.`);
    return zstd(data);
}
function codecOfMediaType(mediaType) {
    if (/[+.]zstd$/.test(mediaType))
        return 'zstd';
    if (/[+.]gzip$/.test(mediaType))
        return 'gzip';
    return undefined;
}

;// CONCATENATED MODULE: ./lib/bytes.js
// How a byte count reads in a log line or a table: 1.20 MiB, 900 B.
/** Binary units with two figures below 10 and one above; the rounded figure decides the unit. */
function formatBytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB'];
    let v = n / 1024;
    let u = 0;
    // Compare the rounded figure, so 1048575 bytes reads 1.00 MiB rather than 1024.0 KiB.
    while (Number(v.toFixed(v < 10 ? 2 : 1)) >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
    }
    return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

;// CONCATENATED MODULE: ./lib/report/size.js
// Computes image sizes from what was built (manifest and blobs) and renders them for logs and the job summary.


function size_platformSize(image) {
    // Read the sizes back from the manifest itself, so the report is what a registry and a client see.
    const manifest = JSON.parse(image.manifest.data.toString());
    const layers = image.layers.map((l, i) => {
        const d = manifest.layers[i];
        if (!d || d.digest !== l.blob.digest)
            throw new Error(`Manifest layer ${i} does not match the built ${l.name} layer.`);
        return { name: l.name, digest: d.digest, size: d.size, uncompressedSize: l.contentSize };
    });
    const binary = image.layers.find(l => l.name === 'binary');
    return {
        platform: (0,lib_platform/* platformString */.Fd)(image.platform),
        size: manifest.config.size + layers.reduce((n, l) => n + l.size, 0),
        uncompressedSize: layers.reduce((n, l) => n + l.uncompressedSize, 0),
        configSize: manifest.config.size,
        binarySize: binary?.contentSize ?? 0,
        layers
    };
}
/** The platform reported in the single-value outputs: the largest. */
function largest(sizes) {
    return sizes.reduce((a, b) => (b.size > a.size ? b : a));
}
/** Human units with the exact count beside, so a reviewer can do the arithmetic. */
function bytesCell(n) {
    return `${formatBytes(n)} (${n.toLocaleString('en-US')} B)`;
}
/** A share as a percentage with one decimal, or '-' of nothing. */
function percent(part, whole) {
    return whole ? `${((100 * part) / whole).toFixed(1)}%` : '-';
}
/** Rows of the size table: one per layer, then config and total; header first. */
function sizeRows(p) {
    const rows = [['layer', 'compressed', 'uncompressed', 'share']];
    for (const l of p.layers) {
        rows.push([
            l.name,
            formatBytes(l.size),
            formatBytes(l.uncompressedSize),
            percent(l.size, p.size)
        ]);
    }
    rows.push(['config', formatBytes(p.configSize), '-', percent(p.configSize, p.size)]);
    rows.push(['total', formatBytes(p.size), formatBytes(p.uncompressedSize), '100%']);
    return rows;
}
/** A plain-text table for the log: the first column left-aligned, numbers right-aligned. */
function textTable(title, rows) {
    const widths = rows[0].map((_, c) => Math.max(...rows.map(r => (r[c] ?? '').length)));
    const line = (r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
    return [title, ...rows.map(line)].join('\n');
}
function sizeTable(p) {
    return textTable(`${p.platform}: ${formatBytes(p.size)} (${p.size} bytes) compressed`, sizeRows(p));
}

;// CONCATENATED MODULE: ./lib/registry/baseline.js
// Reads a baseline image's sizes from its registry (manifests and configs only, never layers) for compare-to.

/**
 * Layer roles from the config history: our images record `COPY <role>/ / # go-scratch-image` for each layer.
 * Images made another way get `layer N`, unless they have exactly the layers of the current build (a Docker
 * build of our Dockerfile), when the roles are taken in order.
 */
function layerNames(config, count, current) {
    const history = (config.history ?? []).filter(h => !h.empty_layer);
    const named = history.map(h => /^COPY (\w+)\/ \/ # go-scratch-image$/.exec(h.created_by ?? '')?.[1]);
    if (named.length === count && named.every(Boolean))
        return named;
    if (count === current.length)
        return current;
    return Array.from({ length: count }, (_, i) => `layer ${i + 1}`);
}
function baselineOf(reference, digest, platform, manifest, config, current) {
    const layers = manifest.layers ?? [];
    const names = layerNames(config, layers.length, current);
    const out = layers.map((l, i) => ({
        name: names[i],
        digest: l.digest,
        size: l.size
    }));
    const configSize = manifest.config?.size ?? 0;
    return {
        reference,
        digest,
        platform,
        size: configSize + out.reduce((n, l) => n + l.size, 0),
        configSize,
        layers: out
    };
}
/**
 * The baseline of each built platform that the reference has: for an index, the manifest of the same
 * platform; for a single manifest, the platform its config names. Undefined when the reference does not
 * exist (the first build of a branch), which is a warning and not a failure.
 */
async function readBaseline(client, ref, platforms, currentLayers, logger) {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const shown = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${reference}`}`;
    const top = await client.getManifest(reference);
    if (!top) {
        logger.warning(`compare-to: ${shown} does not exist yet, so there is nothing to compare with (expected on the first build of a branch).`);
        return undefined;
    }
    const doc = JSON.parse(top.data.toString());
    // Keys are normalised platforms: a baseline listing linux/arm64/v8 is the linux/arm64 this build makes.
    const wanted = new Set(platforms.map(lib_platform/* platformKey */.Ng));
    const out = new Map();
    const add = async (digest, manifest, platform) => {
        if (!manifest.config)
            return;
        const config = JSON.parse((await client.getBlob(manifest.config.digest)).toString());
        const p = platform ??
            (0,lib_platform/* platformKey */.Ng)({
                os: config.os ?? '',
                architecture: config.architecture ?? '',
                variant: config.variant
            });
        if (wanted.has(p))
            out.set(p, baselineOf(shown, digest, p, manifest, config, currentLayers));
    };
    if (doc.manifests) {
        for (const d of doc.manifests) {
            const p = d.platform;
            if (!p?.os || !p.architecture)
                continue;
            const name = (0,lib_platform/* platformKey */.Ng)({ os: p.os, architecture: p.architecture, variant: p.variant });
            if (!wanted.has(name))
                continue;
            const child = await client.getManifest(d.digest);
            if (child)
                await add(d.digest, JSON.parse(child.data.toString()), name);
        }
    }
    else {
        await add(top.digest, doc);
    }
    const missing = [...wanted].filter(p => !out.has(p));
    if (missing.length) {
        logger.warning(`compare-to: ${shown} has no image for ${missing.join(', ')}; those are not compared.`);
    }
    logger.info(`compare-to: ${shown} (${top.digest}), read from manifests and configs only: ${[...out.values()]
        .map(b => `${b.platform} ${b.size} bytes`)
        .join(', ')}`);
    return out;
}

// EXTERNAL MODULE: ./lib/http/errors.js
var errors = __webpack_require__(49729);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./lib/rootfs/plan.js
// The file plan: every path, mode and owner of the image, per layer; both builders and the Dockerfile read it.



const CA_BUNDLE_PATH = 'etc/ssl/certs/ca-certificates.crt';
const ZONEINFO_PATH = 'usr/share/zoneinfo';
/** Where Go's own zoneinfo.zip goes when it is the smaller choice; ZONEINFO points the time package at it. */
const ZONEINFO_ZIP_PATH = 'usr/local/go/lib/time/zoneinfo.zip';
const NONROOT = { uid: 65532, gid: 65532, name: 'nonroot', home: '/home/nonroot' };
const byPath = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
/**
 * A digest of layers' entries (paths, types, modes, owners, link targets, sizes) and files' bytes (those the plan
 * holds, else read now), after salt: the key of what the tool cache keeps for a layer's content.
 */
function contentDigest(layers, salt) {
    const h = (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(salt));
    for (const layer of layers) {
        h.update(`\0${layer.name}`);
        for (const e of layer.entries) {
            const detail = e.type === 'symlink' ? e.target : e.type === 'file' ? e.size : null;
            h.update(JSON.stringify([e.path, e.type, e.mode, e.uid, e.gid, detail]));
            if (e.type === 'file')
                h.update(typeof e.source === 'string' ? (0,external_node_fs_.readFileSync)(e.source) : e.source);
        }
    }
    return h.digest('hex');
}
/** Adds every missing parent directory (0755, root) and sorts, so a layer unpacks the same anywhere. */
function withParents(entries) {
    const have = new Set(entries.map(e => e.path));
    const out = [...entries];
    for (const e of entries) {
        const parts = e.path.split('/');
        for (let i = 1; i < parts.length; i++) {
            const parent = parts.slice(0, i).join('/');
            if (!have.has(parent)) {
                have.add(parent);
                out.push(dir(parent));
            }
        }
    }
    return out.sort(byPath);
}
function file(path, source, size, mode = 0o644) {
    return { path, type: 'file', mode, uid: 0, gid: 0, size, source };
}
function dir(path, mode = 0o755) {
    return { path, type: 'directory', mode, uid: 0, gid: 0 };
}
function symlink(path, target) {
    return { path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, target };
}
function passwdFile() {
    return [
        'root:x:0:0:root:/root:/sbin/nologin',
        'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin',
        `${NONROOT.name}:x:${NONROOT.uid}:${NONROOT.gid}:${NONROOT.name}:${NONROOT.home}:/sbin/nologin`,
        ''
    ].join('\n');
}
function groupFile() {
    return ['root:x:0:', 'nobody:x:65534:', `${NONROOT.name}:x:${NONROOT.gid}:`, ''].join('\n');
}
/** True when p (a path without the leading slash) is the nonroot home or inside it. */
function inHome(p) {
    const home = NONROOT.home.slice(1);
    return p === home || p.startsWith(`${home}/`);
}
/** The working directory as a path without leading or trailing slashes ('' for /). */
function workdirPath(workdir) {
    return workdir.replace(/^\/+|\/+$/g, '');
}
/**
 * passwd, group, /home, root's home, a world-writable /tmp with the sticky bit and the working directory: what a scratch
 * image lacks and programs assume. All root-owned: a non-root user must not be able to rewrite its own passwd
 * entry. The nonroot home itself is the home layer, since a Dockerfile COPY gives each layer one owner.
 */
function systemLayer(workdir = '/') {
    const passwd = Buffer.from(passwdFile());
    const group = Buffer.from(groupFile());
    const entries = [
        file('etc/passwd', passwd, passwd.length),
        file('etc/group', group, group.length),
        dir(external_node_path_.posix.dirname(NONROOT.home).slice(1)),
        // root's home, as distroless has it: root needs no help to write, but a program may expect $HOME to exist.
        dir('root', 0o700),
        dir('tmp', 0o1777)
    ];
    // Docker's WORKDIR creates a missing directory; staging it keeps both builders' filesystems the same.
    const wd = workdirPath(workdir);
    if (wd && !inHome(wd) && !entries.some(e => e.path === wd || e.path.startsWith(`${wd}/`)))
        entries.push(dir(wd));
    return { name: 'system', entries: withParents(entries) };
}
/**
 * The nonroot home, 0755 and owned by nonroot as distroless has it, so a program that writes ~/.cache works; a
 * workdir inside it belongs to nonroot too. Its parents stay root-owned (withParents), and the Dockerfile
 * copies just the owned directory (see renderDockerfile).
 */
function homeLayer(workdir = '/') {
    const owned = (p) => ({ ...dir(p), uid: NONROOT.uid, gid: NONROOT.gid });
    const entries = [owned(NONROOT.home.slice(1))];
    const wd = workdirPath(workdir);
    if (inHome(wd) && wd !== NONROOT.home.slice(1)) {
        const parts = wd.split('/');
        // Every directory from the home down to the workdir is nonroot's, as `mkdir -p` by that user would make it.
        for (let i = NONROOT.home.split('/').length; i <= parts.length; i++)
            entries.push(owned(parts.slice(0, i).join('/')));
    }
    return { name: 'home', entries: withParents(entries) };
}
function certificatesLayer(bundle, size) {
    return { name: 'certificates', entries: withParents([file(CA_BUNDLE_PATH, bundle, size)]) };
}
function binaryLayer(binary, name, size) {
    return { name: 'binary', entries: withParents([file(name, binary, size, 0o755)]) };
}
/** Order layers from least to most often changed, so a new build re-pushes only what changed. */
function orderLayers(layers) {
    // The libraries change with the runner's C library, less often than the binary; debug goes on top of a whole image.
    const order = [
        'certificates',
        'zoneinfo',
        'system',
        'home',
        'files',
        'libraries',
        'binary',
        'debug'
    ];
    return [...layers].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}
/** Uncompressed size of a layer as unpacked on disk: the bytes of its regular files. */
function layerContentSize(layer) {
    return layer.entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0);
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(75919);
;// CONCATENATED MODULE: ./lib/oci/layer-compressor.js
// Compresses layer tars once per run (platforms share their static layers), off the main thread when asked, and through a small on-disk cache keyed by content and codec.








/** Default bound of the on-disk cache: static layers are a few hundred KB, binaries a few MB. */
const LAYER_CACHE_MAX_BYTES = 256 * 2 ** 20;
/**
 * Runs in each worker of the pool: plain JavaScript over node:zlib and the libdeflate wasm the pool posts as
 * workerData (with LIBDEFLATE_GZIP_SOURCE to run it), so it needs no file of its own and works the same from the
 * sources, the tests and the bundle. A gzip job is a whole layer through libdeflate; a deflate job is one piece
 * of zlib's gzip in pieces, deflated as deflateChunk does it; a zstd job is a whole layer (one frame).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const zlib = require('node:zlib')
const { Z_FINISH, Z_SYNC_FLUSH } = zlib.constants
const load = () => (0, eval)(workerData.source)(workerData.wasm, workerData.names)
let libdeflate
if (workerData.warm) {
  // Only speed depends on it: a failure here is left for the first job to meet and report.
  try {
    libdeflate = load()
    libdeflate(workerData.warm.input, workerData.warm.level)
  } catch (e) {
    libdeflate = undefined
  }
}
parentPort.on('message', ({ id, codec, level, params, input, dictionary, last }) => {
  try {
    let out
    if (codec === 'gzip') {
      libdeflate ??= load()
      out = libdeflate(input, level)
    } else if (codec === 'zstd') {
      out = zlib.zstdCompressSync(input, { pledgedSrcSize: input.length, params })
    } else {
      out = zlib.deflateRawSync(input, {
        level,
        finishFlush: last ? Z_FINISH : Z_SYNC_FLUSH,
        ...(dictionary ? { dictionary } : {})
      })
    }
    // libdeflate's output owns its buffer, so it moves; zlib's may share one with other buffers, so it is copied.
    parentPort.postMessage({ id, out }, codec === 'gzip' ? [out.buffer] : [])
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message || e) })
  }
})
`;
/** A copy that owns its memory, so posting it clones (or moves) the piece alone, not the whole layer under a view. */
const own = (u) => new Uint8Array(u);
/** Whether u is the whole of an ArrayBuffer of its own (not a view into a larger one, nor Node's shared pool). */
const whole = (u) => u.byteOffset === 0 && u.byteLength === u.buffer.byteLength && u.buffer instanceof ArrayBuffer;
/**
 * Worker threads for the compressors, started once per run, at most one per core; jobs queue for a free worker.
 * Idle workers do not keep the process alive.
 */
class CompressionPool {
    size;
    gzipLevel;
    idle = [];
    busy = new Map();
    queue = [];
    next = 0;
    /**
     * gzipLevel: the libdeflate level the run's layers will use. Each worker then first compresses the wasm's own
     * 58 KB at it, so V8 has optimised the encoder's hot functions before the first layer: wasm has no on-stack
     * replacement, and a 7 MB layer in one call would otherwise run in baseline code to the end (measured on
     * go-httpbin's binary, docs/benchmarks.md: a worker's start and the layer took 0.39 to 0.40 CPU s with the
     * warm-up, 0.46 to 0.51 without).
     */
    constructor(size, options = {}) {
        this.size = Math.max(1, size);
        this.gzipLevel = options.gzipLevel;
    }
    /**
     * Starts workers ahead of the first jobs (a thread takes tens of ms of CPU to start): as many as jobs are
     * expected, up to the pool's size.
     */
    warm(jobs = this.size) {
        const want = Math.min(this.size, Math.max(1, jobs));
        while (this.threads < want)
            this.idle.push(this.spawn());
    }
    /** Threads started and alive. */
    get threads() {
        return this.idle.length + this.busy.size;
    }
    run(job) {
        return new Promise((resolve, reject) => {
            this.queue.push({ id: this.next++, job, resolve, reject });
            this.dispatch();
        });
    }
    spawn() {
        const workerData = {
            wasm: libdeflateModule(),
            names: LIBDEFLATE,
            source: LIBDEFLATE_GZIP_SOURCE,
            ...(this.gzipLevel ? { warm: { level: this.gzipLevel, input: libdeflateWasm() } } : {})
        };
        const worker = new external_node_worker_threads_.Worker(WORKER_SOURCE, { eval: true, workerData });
        worker.on('message', (m) => {
            const w = this.busy.get(worker);
            this.busy.delete(worker);
            worker.unref();
            this.idle.push(worker);
            if (w && m.out)
                w.resolve(Buffer.from(m.out.buffer, m.out.byteOffset, m.out.byteLength));
            else
                w?.reject(new Error(`Compression failed: ${m.error ?? 'no output'}`));
            this.dispatch();
        });
        const lost = (e) => {
            const w = this.busy.get(worker);
            this.busy.delete(worker);
            const i = this.idle.indexOf(worker);
            if (i >= 0)
                this.idle.splice(i, 1);
            w?.reject(e);
            this.dispatch();
        };
        worker.on('error', lost);
        worker.on('exit', code => lost(new Error(`A compression worker exited with ${code}.`)));
        // After the listeners: adding a 'message' listener refs the worker's port again.
        worker.unref();
        return worker;
    }
    dispatch() {
        while (this.queue.length) {
            const worker = this.idle.pop() ?? (this.busy.size < this.size ? this.spawn() : undefined);
            if (!worker)
                return;
            const w = this.queue.shift();
            this.busy.set(worker, w);
            // A worker with a job keeps the process alive until it answers.
            worker.ref();
            const { input, dictionary, handOver, ...rest } = w.job;
            const msg = {
                id: w.id,
                ...rest,
                // A binary's tar moved, not copied: one copy of the binary fewer at the step's peak.
                input: handOver && whole(input) ? input : own(input),
                ...(dictionary ? { dictionary: own(dictionary) } : {})
            };
            worker.postMessage(msg, [msg.input.buffer]);
        }
    }
}
/**
 * compress(data, c) for gzip 1–9 and zstd, on the pool's threads so the main thread goes on with other work, the
 * same bytes as compress: gzip through libdeflate as one job (above its limit, zlib's fixed pieces deflated at
 * once), zstd as one job. limit is for tests (see usesLibdeflate); handOver: the caller gives data up (see Job).
 */
async function compressInWorker(data, c, pool = new CompressionPool(1), limit = LIBDEFLATE_MAX_INPUT, handOver = false) {
    const level = c.level;
    if (level === 'max')
        return compress(data, c);
    if (c.codec === 'zstd') {
        return pool.run({ codec: 'zstd', level, params: zstdParams(level), input: data, handOver });
    }
    if (usesLibdeflate(data.length, limit)) {
        return normaliseGzipHeader(await pool.run({ codec: 'gzip', level, input: data, handOver }));
    }
    const parts = await Promise.all(Array.from({ length: gzipChunkCount(data.length) }, (_, i) => pool.run({ codec: 'deflate', level, ...gzipChunk(data, i) })));
    return gzipMember(parts, data, level);
}
const sha256Hex = (b) => (0,external_node_crypto_.createHash)('sha256').update(b).digest('hex');
class LayerCompressor {
    compression;
    /** What the run has made, by key: compressed tars (by key(diffId)) and layers of files on disk (see once). */
    memo = new Map();
    opts;
    pool;
    /** Per run: how many layers came from the cache or the run's memo, and how many were compressed. */
    stats = { compressed: 0, memo: 0, disk: 0 };
    constructor(opts) {
        this.opts = opts;
        this.compression = opts.compression;
    }
    /** The run's worker threads, started on first use or by warm. */
    workers() {
        const { codec, level } = this.compression;
        return (this.pool ??= new CompressionPool(this.opts.workers ?? external_node_os_.availableParallelism(), {
            ...(codec === 'gzip' && level !== 'max' ? { gzipLevel: level } : {})
        }));
    }
    /**
     * Starts worker threads now, so the first layer does not wait for them: for gzip 1–9 and zstd (max runs its
     * WebAssembly encoders on the main thread). layers: how many will go to the workers at once (one binary per
     * platform, each one job), so a one-platform run starts one thread, not one per core.
     */
    warm(layers) {
        if (this.compression.level !== 'max')
            this.workers().warm(layers);
    }
    /** The cache key: the tar's digest, the codec and level, and the compressor's version. */
    key(diffId) {
        const c = this.compression;
        return sha256Hex(JSON.stringify([diffId, compressionName(c), compressorVersion(c)]));
    }
    /**
     * The tar compressed. The same tar (by diffId) is compressed once per run however many platforms ask, and the
     * bytes are the same whether they come from the cache, a worker or this thread. handOver: the caller gives
     * the tar up (it is empty after), so a worker gets its memory instead of a copy.
     */
    compress(tar, diffId, options = {}) {
        const key = this.key(diffId);
        return this.once(key, () => this.load(key, tar, options.worker ?? false, options.handOver ?? false));
    }
    /**
     * make()'s promise, made once per run and key: a later caller with the same key gets it (counted as reused in
     * stats.memo, the log's layer counts), even while it is under way. A failure is not remembered: the next caller
     * tries again and sees the error itself.
     */
    once(key, make) {
        const known = this.memo.get(key);
        if (known) {
            this.stats.memo++;
            return known;
        }
        const p = make();
        this.memo.set(key, p);
        p.catch(() => this.memo.delete(key));
        return p;
    }
    async load(key, tar, worker, handOver) {
        const cached = await this.read(key);
        if (cached) {
            this.stats.disk++;
            return cached;
        }
        const out = worker
            ? await compressInWorker(tar, this.compression, this.workers(), undefined, handOver)
            : await compress(tar, this.compression);
        this.stats.compressed++;
        await this.write(key, out);
        return out;
    }
    file(key) {
        return this.opts.cacheDir ? external_node_path_.join(this.opts.cacheDir, `${key}.blob`) : undefined;
    }
    /** An entry is the blob's sha256 (hex, one line) and the blob; one whose bytes do not match is deleted. */
    async read(key) {
        const file = this.file(key);
        if (!file)
            return undefined;
        const raw = await (0,promises_.readFile)(file).catch(() => undefined);
        if (!raw)
            return undefined;
        const digest = raw.subarray(0, 64).toString('latin1');
        const blob = raw.subarray(65);
        if (raw[64] !== 0x0a || sha256Hex(blob) !== digest) {
            this.opts.debug?.(`layer cache: ${file} does not match its digest; ignored and removed.`);
            await (0,promises_.rm)(file, { force: true });
            return undefined;
        }
        const now = (this.opts.now ?? (() => new Date()))();
        await (0,promises_.utimes)(file, now, now).catch(() => undefined);
        return Buffer.from(blob);
    }
    async write(key, blob) {
        const file = this.file(key);
        if (!file)
            return;
        const max = this.opts.maxCacheBytes ?? LAYER_CACHE_MAX_BYTES;
        if (blob.length + 65 > max)
            return;
        try {
            await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
            // Written aside and renamed, so a concurrent run never reads half an entry.
            const tmp = `${file}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`;
            await (0,promises_.writeFile)(tmp, Buffer.concat([Buffer.from(`${sha256Hex(blob)}\n`), blob]));
            const now = (this.opts.now ?? (() => new Date()))();
            await (0,promises_.utimes)(tmp, now, now);
            await (0,promises_.rename)(tmp, file);
            await this.trim(external_node_path_.dirname(file), max);
        }
        catch (e) {
            this.opts.debug?.(`layer cache: cannot write ${file}: ${e.message}`);
        }
    }
    /** Keeps the directory under max bytes, removing the least recently used entries first. */
    async trim(dir, max) {
        const entries = await Promise.all((await (0,promises_.readdir)(dir))
            .filter(n => n.endsWith('.blob'))
            .map(async (n) => {
            const st = await (0,promises_.stat)(external_node_path_.join(dir, n)).catch(() => undefined);
            return { name: n, size: st?.size ?? 0, mtime: st?.mtimeMs ?? 0 };
        }));
        let total = entries.reduce((n, e) => n + e.size, 0);
        entries.sort((a, b) => a.mtime - b.mtime || (a.name < b.name ? -1 : 1));
        for (const e of entries) {
            if (total <= max)
                break;
            await (0,promises_.rm)(external_node_path_.join(dir, e.name), { force: true });
            total -= e.size;
        }
    }
}
/**
 * Where the layer cache lives: beside the Go installs in the tool cache (RUNNER_TOOL_CACHE), which self-hosted
 * runners and the CLI keep between runs; RUNNER_TEMP is emptied after every job, so it would never hit.
 */
function layerCacheDir(toolCacheDir) {
    return external_node_path_.join(toolCacheDir, 'go-scratch-image-layers');
}

// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(56118);
;// CONCATENATED MODULE: ./lib/oci/tar.js
// Writes a layer as a deterministic tar and gzip: sorted entries, fixed owners and mtime, no user names.



/** A tar in memory: write adds the entries, each taken by the pack before the next is added. */
async function packTar(write) {
    const pack = tar_stream.pack();
    const chunks = [];
    pack.on('data', (c) => chunks.push(c));
    const done = new Promise((resolve, reject) => {
        pack.on('end', resolve);
        pack.on('error', reject);
    });
    await write((header, data) => new Promise((resolve, reject) => {
        const cb = (err) => (err ? reject(err) : resolve());
        if (data)
            pack.entry(header, data, cb);
        else
            pack.entry(header, cb);
    }));
    pack.finalize();
    await done;
    return Buffer.concat(chunks);
}
async function layerTar(entries, epoch) {
    return packTar(add => addLayerEntries(add, entries, epoch));
}
async function addLayerEntries(add, entries, epoch) {
    const mtime = new Date(epoch * 1000);
    const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const e of sorted) {
        const header = {
            name: e.path,
            mode: e.mode,
            uid: e.uid,
            gid: e.gid,
            mtime,
            uname: '',
            gname: ''
        };
        if (e.type === 'file') {
            const data = typeof e.source === 'string' ? await (0,promises_.readFile)(e.source) : e.source;
            if (data.length !== e.size) {
                throw new Error(`${e.path} changed while the image was being built (${e.size} bytes planned, ${data.length} read).`);
            }
            await add({ ...header, type: 'file', size: data.length }, data);
        }
        else if (e.type === 'directory') {
            await add({ ...header, type: 'directory' });
        }
        else {
            await add({ ...header, type: 'symlink', linkname: e.target });
        }
    }
}
/** gzip at the best ratio, with no name or timestamp and a fixed OS byte, so the bytes depend on the input only. */
function gzipDeterministic(data) {
    return gzipLevel(data, 9);
}
/** Reads a tar (a layer, a `docker save` archive) into its entries, in archive order. */
async function readTar(archive) {
    const ex = tar_stream.extract();
    const out = [];
    const done = new Promise((resolve, reject) => {
        ex.on('entry', (header, stream, next) => {
            const chunks = [];
            stream.on('data', (c) => chunks.push(c));
            stream.on('end', () => {
                out.push({ header, data: Buffer.concat(chunks) });
                next();
            });
            stream.on('error', reject);
        });
        ex.on('finish', () => resolve());
        ex.on('error', reject);
    });
    ex.end(archive);
    await done;
    return out;
}

;// CONCATENATED MODULE: ./lib/source-date-epoch.js
// Reads a source date epoch (the source-date-epoch input or SOURCE_DATE_EPOCH) as whole seconds an image's created date can hold.

/** 9999-12-31T23:59:59Z: the last second an RFC 3339 date (the config's created) can write with four year digits. */
const MAX_EPOCH = 253402300799;
/** The epoch as an RFC 3339 date in UTC, as an image's created field and {{.Date}} hold it. */
function rfc3339(epoch) {
    return new Date(epoch * 1000).toISOString().replace(/\.000Z$/, 'Z');
}
const iso = (seconds) => new Date(seconds * 1000).toISOString().replace('.000', '');
/**
 * The epoch in raw, or undefined when it is empty. name is how the user set it: the input, or the environment
 * variable. Milliseconds (13 digits or more, as `date +%s%3N` prints) are refused with the seconds they stand for,
 * since as seconds they date the image tens of thousands of years ahead, which no client can read.
 */
function parseSourceDateEpoch(raw, name) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    const range = `whole seconds since 1970-01-01T00:00:00Z, from 0 to ${MAX_EPOCH} (${iso(MAX_EPOCH)})`;
    const fraction = /^(\d+)\.\d+$/.exec(value);
    if (fraction && Number(fraction[1]) <= MAX_EPOCH) {
        throw new ports/* InputError */.d(`${name}: '${value}' is not whole seconds. Use ${Number(fraction[1])} (${range}).`);
    }
    if (/^-\d+(\.\d+)?$/.test(value)) {
        throw new ports/* InputError */.d(`${name}: '${value}' is before 1970. Use ${range}, e.g. 0.`);
    }
    if (!/^\d+(\.\d+)?$/.test(value)) {
        throw new ports/* InputError */.d(`${name}: '${value}' is not a Unix timestamp. Use ${range}, e.g. 1700000000 (git log -1 --format=%ct gives the last commit's).`);
    }
    const seconds = Number(value);
    if (seconds <= MAX_EPOCH)
        return seconds;
    const ms = Math.floor(seconds / 1000);
    const digits = value.replace(/^0+/, '').replace(/\..*/, '').length;
    if (ms <= MAX_EPOCH && digits >= 13) {
        throw new ports/* InputError */.d(`${name}: '${value}' looks like milliseconds (${digits} digits, as date +%s%3N prints), and a source date ` +
            `epoch is in seconds. Use ${ms} (the value divided by 1000: ${iso(ms)}).`);
    }
    throw new ports/* InputError */.d(`${name}: '${value}' is after ${iso(MAX_EPOCH)}, the last date an image's created field can hold. Use ${range}` +
        (ms <= MAX_EPOCH ? `; if it is milliseconds, ${ms} (the value divided by 1000).` : '.'));
}

;// CONCATENATED MODULE: ./lib/oci/image.js
// Assembles the OCI image from the file plan: layer blobs, config, manifest and, for several platforms, an index.






const MEDIA = {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    index: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip'
};
/** Docker's schema 2 types, for registries that refuse OCI ones (`media-types: docker`). */
const DOCKER_MEDIA = {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip'
};
const TYPES = {
    oci: MEDIA,
    docker: DOCKER_MEDIA
};
function sha256(data) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(data).digest('hex')}`;
}
function toBlob(mediaType, data) {
    return { mediaType, digest: sha256(data), size: data.length, data };
}
/** JSON with a fixed key order (the order the objects are written in) and no whitespace, so digests are stable. */
function jsonBlob(mediaType, value) {
    return toBlob(mediaType, Buffer.from(JSON.stringify(value)));
}
function imageConfig(platform, settings, layers, epoch) {
    const created = rfc3339(epoch);
    const config = { User: settings.user };
    if (settings.exposedPorts.length) {
        config.ExposedPorts = Object.fromEntries(settings.exposedPorts.map(p => [p, {}]));
    }
    if (settings.env.length)
        config.Env = settings.env;
    config.Entrypoint = settings.entrypoint;
    if (settings.cmd.length)
        config.Cmd = settings.cmd;
    config.WorkingDir = settings.workdir;
    if (Object.keys(settings.labels).length)
        config.Labels = sortedObject(settings.labels);
    return {
        created,
        architecture: platform.architecture,
        ...(platform.variant ? { variant: platform.variant } : {}),
        os: platform.os,
        config,
        rootfs: { type: 'layers', diff_ids: layers.map(l => l.diffId) },
        // One history entry per layer, named after the Dockerfile COPY that makes the same layer.
        history: layers.map(l => ({ created, created_by: `COPY ${l.name}/ / # go-scratch-image` }))
    };
}
/** Keys sorted, so the same labels give the same digest whatever order the inputs listed them in. */
function sortedObject(o) {
    return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
function annotations(o) {
    return Object.keys(o).length ? { annotations: sortedObject(o) } : {};
}
function descriptor(blob, extra = {}) {
    return { mediaType: blob.mediaType, digest: blob.digest, size: blob.size, ...extra };
}
/** The gzip size a layer would have in the image, to choose between two ways of staging the same data. */
async function compressedLayerSize(layer, epoch) {
    return gzipDeterministic(await layerTar(layer.entries, epoch)).length;
}
async function buildLayer(plan, name, epoch, compressor = new LayerCompressor({ compression: DEFAULT_COMPRESSION })) {
    const layer = plan.layers.find(l => l.name === name);
    if (!layer)
        throw new Error(`The file plan has no ${name} layer.`);
    const { diffId, data } = await compressLayer(layer, epoch, compressor);
    return {
        name,
        blob: toBlob(LAYER_MEDIA_TYPES[compressor.compression.codec], data),
        diffId,
        contentSize: layerContentSize(layer)
    };
}
/**
 * A layer's tar digest and compressed bytes. The compressor keeps them by content for the run, so calling this
 * early (the pipeline does for each binary as soon as it is linked) makes buildLayer find the bytes under way.
 */
function compressLayer(layer, epoch, compressor) {
    // A layer of files on disk (the binary's) is made once per run: the compile's hook starts it and the assembly
    // finds it, instead of reading the binary, writing its tar and hashing it a second time.
    if (!layer.entries.every(e => e.type !== 'file' || typeof e.source === 'string')) {
        return tarAndCompress(layer, epoch, compressor);
    }
    return compressor.once(JSON.stringify(['layer of files on disk', layer.name, epoch, layer.entries]), () => tarAndCompress(layer, epoch, compressor));
}
async function tarAndCompress(layer, epoch, compressor) {
    const tarball = await layerTar(layer.entries, epoch);
    const diffId = sha256(tarball);
    // The binary is the big one and changes every build: a worker compresses it while the other layers are done.
    // The tar is no one's after its digest: the worker may have its memory instead of a copy.
    const binary = layer.name === 'binary';
    const data = await compressor.compress(tarball, diffId, { worker: binary, handOver: binary });
    return { diffId, data };
}
async function buildImage(plan, platform, epoch, options = {}) {
    const compressor = options.compressor ?? new LayerCompressor({ compression: DEFAULT_COMPRESSION });
    const layers = await Promise.all(plan.layers.map(l => buildLayer(plan, l.name, epoch, compressor)));
    const config = jsonBlob(MEDIA.config, imageConfig(platform, plan.image, layers, epoch));
    return withManifest({ platform, layers, config, annotations: plan.image.annotations }, 'oci');
}
/** The layer media type of a codec in the chosen types; Docker's schema 2 has no zstd layer type. */
function layerMediaType(current, types) {
    const codec = codecOfMediaType(current) ?? 'gzip';
    if (types === 'oci')
        return LAYER_MEDIA_TYPES[codec];
    if (codec === 'zstd') {
        throw new Error("media-types: docker cannot describe zstd layers (Docker's schema 2 has only gzip ones). Use media-types: oci with compression: zstd, or compression: gzip.");
    }
    return DOCKER_MEDIA.layer;
}
/**
 * Gives an image its manifest in the chosen media types. The blobs' bytes (and digests) stay; only the
 * descriptors' types and so the manifest change. Docker's schema 2 has no annotations, so they are dropped.
 */
function withManifest(image, types) {
    const media = TYPES[types];
    const layers = image.layers.map(l => ({
        ...l,
        blob: { ...l.blob, mediaType: layerMediaType(l.blob.mediaType, types) }
    }));
    const config = { ...image.config, mediaType: media.config };
    const manifest = jsonBlob(media.manifest, {
        schemaVersion: 2,
        mediaType: media.manifest,
        config: descriptor(config),
        layers: layers.map(l => descriptor(l.blob)),
        ...(types === 'oci' ? annotations(image.annotations) : {})
    });
    return { ...image, layers, config, manifest };
}
function buildIndex(images) {
    const docker = images[0]?.manifest.mediaType === DOCKER_MEDIA.manifest;
    const media = docker ? DOCKER_MEDIA : MEDIA;
    return jsonBlob(media.index, {
        schemaVersion: 2,
        mediaType: media.index,
        manifests: images.map(i => descriptor(i.manifest, { platform: platformJson(i.platform) })),
        ...(docker ? {} : annotations(images[0]?.annotations ?? {}))
    });
}
function platformJson(p) {
    return { architecture: p.architecture, os: p.os, ...(p.variant ? { variant: p.variant } : {}) };
}
/** What the tag points to: the manifest of a single platform, or the index of several. */
function topLevel(images) {
    const only = images.length === 1 ? images[0] : undefined;
    return only ? only.manifest : buildIndex(images);
}
/** Every blob a registry or layout needs, each once, layers before configs before manifests. */
function allBlobs(images) {
    const seen = new Map();
    for (const i of images)
        for (const l of i.layers)
            seen.set(l.blob.digest, l.blob);
    for (const i of images)
        seen.set(i.config.digest, i.config);
    return [...seen.values()];
}

// EXTERNAL MODULE: ./lib/http/policy.js
var policy = __webpack_require__(83084);
;// CONCATENATED MODULE: ./lib/registry/errors.js
// Says what went wrong with a registry in sentences that name the host, the request and the fix: refused credentials, error bodies and their codes (GHCR's packages: write, ECR's missing repository, OCI media types), silences, TLS and protocol mistakes.



class RegistryError extends Error {
    status;
    constructor(message, status, options) {
        super(message, options);
        this.status = status;
        this.name = 'RegistryError';
    }
}
const tries = new WeakMap();
/** Notes the attempts the retry loop made for the answer it returns. */
function noteTries(res, t) {
    tries.set(res, t);
}
function triesOf(res) {
    return tries.get(res);
}
/** Who the client acts as, for a refusal: the inputs are not what to fix when the credentials came from elsewhere. */
function describeUser(c) {
    if (!c)
        return 'anonymous access';
    const from = c.source && !c.source.startsWith('registry-username') ? ` (from ${c.source})` : '';
    return `user '${c.username}'${from}`;
}
/** The registry (or its token server) refused the credentials outright. */
function refused(ctx, status) {
    return new ports/* InputError */.d(`registry-username/registry-password: ${ctx.ref.registry} refused ${describeUser(ctx.credentials)} (HTTP ${status}). ` +
        `Check the username and the password or token, and that it may push to ${ctx.ref.repository}.`);
}
/** An answer that is not the one `what` wanted: its status, the registry's error codes, and the fix when one is known. */
async function failure(ctx, res, what) {
    const { ref } = ctx;
    const text = await res.text().catch(() => '');
    let codes = '';
    try {
        const body = JSON.parse(text);
        codes = (body.errors ?? []).map(e => `${e.code ?? ''}: ${e.message ?? ''}`).join('; ');
    }
    catch {
        codes = text.slice(0, 200);
    }
    if (res.status === 401 && !ctx.credentials) {
        return new ports/* InputError */.d(`registry-username/registry-password: ${ref.registry} requires credentials for ${what} in ` +
            `${ref.repository} (HTTP 401${codes ? `, ${codes}` : ''}). Set both inputs (or log in with a Docker config).`);
    }
    if (res.status === 401 || res.status === 403) {
        const ghcr = ref.registry === 'ghcr.io'
            ? ' On ghcr.io with GITHUB_TOKEN, give the job `permissions: packages: write`, and if the package already exists, grant this repository write access in its settings.'
            : '';
        return new ports/* InputError */.d(`registry-username/registry-password: ${ref.registry} denied ${what} in ${ref.repository} to ${describeUser(ctx.credentials)} ` +
            `(HTTP ${res.status}${codes ? `, ${codes}` : ''}). Use credentials that may push to this repository.${ghcr}`);
    }
    const t = tries.get(res);
    const kept = (0,policy/* retryableStatus */.Fd)(res.status) && t && t.attempts > 1
        ? ` after ${t.attempts} attempts in ${(0,errors/* seconds */.YA)(t.ms)}; the registry kept failing, so nothing was tagged. Try again later`
        : '';
    return new RegistryError(`${ref.registry}: ${what} failed with HTTP ${res.status}${codes ? ` (${codes})` : ''}${kept}.${hint(ref.registry, what, codes)}`, res.status);
}
/** What the user can do about the registry errors that have one known cause. */
function hint(registry, what, codes) {
    if (/MANIFEST_INVALID|unsupported media type|MANIFEST_UNKNOWN.*media/i.test(codes) &&
        what.includes('manifest')) {
        return ' This registry may not accept OCI media types: set media-types: docker.';
    }
    if (/NAME_UNKNOWN/.test(codes) && /\.dkr\.ecr\./.test(registry)) {
        return ' Amazon ECR does not create repositories on push: create it first (aws ecr create-repository).';
    }
    return '';
}
/** A request that got no answer: names the host, the request and the limit or the reason, and the fix. */
function unreachable(ctx, method, url, e, attempts, ms) {
    const u = new URL(url);
    const request = `${method} ${u.pathname}`;
    const times = `${attempts} attempt${attempts === 1 ? '' : 's'} in ${(0,errors/* seconds */.YA)(ms)}`;
    const limit = `${(0,errors/* seconds */.YA)(ctx.timeoutMs)} (registry-timeout)`;
    const kind = (0,errors/* timeoutKind */._F)(e);
    if (kind) {
        const what = kind === 'connect'
            ? `could not be connected to within ${limit}`
            : kind === 'send'
                ? `stopped reading ${request} for ${limit}`
                : `did not answer ${request} within ${limit}`;
        return new RegistryError(`${u.host} ${what}; gave up after ${times}. Check that ${u.host} is up and reachable from this ` +
            `machine, or raise registry-timeout for a slow registry.`, undefined, { cause: e });
    }
    const tlsKind = (0,errors/* tlsFailure */.kL)(e);
    if (tlsKind === 'certificate') {
        // Node 24 appends advice to try --use-system-ca; the step reads its own CA files, so the advice that
        // helps is the sentence below. OpenSSL's reasons hold no ';', so the reason is what comes before one.
        const reason = (e.cause?.message ?? (0,errors/* errorText */.kc)(e)).split(';')[0];
        const set = ctx.tls?.caFile
            ? `registry-ca-file (${ctx.tls.caFile}) does not hold the CA that signed it: point registry-ca-file at that CA's PEM, or set insecure-registry: true`
            : `Set registry-ca-file to the PEM of the CA that signed it, or insecure-registry: true`;
        return new RegistryError(`${u.host} presented a TLS certificate this machine does not trust (${reason}) for ${request}. ` +
            `${set} to accept it unverified.`, undefined, { cause: e });
    }
    if (tlsKind === 'protocol') {
        return new RegistryError(`${u.host} does not speak https: the TLS handshake for ${request} got a plain answer. If it serves ` +
            `plain http, set insecure-registry: true and leave registry-ca-file empty.`, undefined, { cause: e });
    }
    return new RegistryError(`${method} ${redact(url)} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${(0,errors/* errorText */.kc)(e)}`, undefined, { cause: e });
}
/** Reads an answer's body; a body that goes silent fails with the host, the request and the limit. */
async function readBody(ctx, res, method, url, read) {
    try {
        return await read();
    }
    catch (e) {
        if ((0,errors/* timeoutKind */._F)(e) !== 'body')
            throw e;
        const u = new URL(url);
        throw new RegistryError(`${u.host} stopped sending its answer to ${method} ${u.pathname} (HTTP ${res.status}) for ` +
            `${(0,errors/* seconds */.YA)(ctx.timeoutMs)} (registry-timeout). Try again, or raise registry-timeout for a slow registry.`, undefined, { cause: e });
    }
}
/** Upload URLs carry session state in the query; keep it out of logs. */
function redact(url) {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
}

;// CONCATENATED MODULE: ./lib/registry/reference.js
// Parses and validates image repositories and tags by the distribution spec's grammar, before anything is built.

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d+)?$/;
function parseImage(input, name = 'image') {
    const value = input.trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        throw new ports/* InputError */.d(`${name}: '${value}' includes a URL scheme. Write the repository without it, e.g. ghcr.io/acme/app ` +
            `(plain http is tried for loopback registries, and insecure-registry allows it elsewhere).`);
    }
    if (value.includes('@')) {
        throw new ports/* InputError */.d(`${name}: '${value}' includes a digest. Give the repository only, e.g. ghcr.io/acme/app.`);
    }
    const parts = value.split('/');
    const first = parts[0] ?? '';
    const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
    const registry = hasHost ? first : 'docker.io';
    let repoParts = hasHost ? parts.slice(1) : parts;
    const last = repoParts[repoParts.length - 1] ?? '';
    if (last.includes(':')) {
        const [repo, tag] = last.split(':');
        throw new ports/* InputError */.d(`${name}: '${value}' includes the tag '${tag}'. Give the repository only (${[registry, ...repoParts.slice(0, -1), repo].join('/')}) and put the tag in tags.`);
    }
    if (hasHost && !HOST.test(registry)) {
        throw new ports/* InputError */.d(`${name}: '${registry}' in '${value}' is not a valid registry host[:port].`);
    }
    if (registry === 'docker.io' && repoParts.length === 1)
        repoParts = ['library', ...repoParts];
    const repository = repoParts.join('/');
    if (repository !== repository.toLowerCase()) {
        throw new ports/* InputError */.d(`${name}: the repository '${repository}' in '${value}' has uppercase letters, which registries refuse. ` +
            `Use '${[hasHost ? registry : '', repository.toLowerCase()].filter(Boolean).join('/')}' (for GitHub, lowercase the owner: \${{ github.repository_owner }} is not lowercased for you).`);
    }
    if (!value || repoParts.some(p => !COMPONENT.test(p)) || repository.length > 255) {
        throw new ports/* InputError */.d(`${name}: '${value}' is not a valid repository. Each path component must be lowercase letters and digits, ` +
            `separated by '.', '_', '__' or '-', e.g. ghcr.io/acme/my-app.`);
    }
    return {
        registry,
        apiHost: registry === 'docker.io' ? 'registry-1.docker.io' : registry,
        repository
    };
}
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/** A full image reference, `[registry/]repository[:tag][@sha256:…]`, as compare-to takes it. */
function parseReference(input, name) {
    const value = input.trim();
    const at = value.indexOf('@');
    const digest = at >= 0 ? value.slice(at + 1) : undefined;
    let rest = at >= 0 ? value.slice(0, at) : value;
    if (digest !== undefined && !DIGEST.test(digest)) {
        throw new ports/* InputError */.d(`${name}: the digest '${digest}' in '${value}' is not sha256: followed by 64 lowercase hex digits.`);
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        validateTags([tag], name);
    }
    return { ...parseImage(rest, name), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}
function validateTags(tags, name = 'tags') {
    for (const tag of tags) {
        if (!TAG.test(tag)) {
            throw new ports/* InputError */.d(`${name}: '${tag}' is not a valid tag. A tag is 1 to 128 characters of letters, digits, '_', '.' and '-', ` +
                `not starting with '.' or '-' (so no '+', '/' or ':'); e.g. 1.2.3, main, sha-0123abc.`);
        }
    }
    return tags;
}
function isLoopback(host) {
    // A bare IPv6 address has colons of its own; only host:port and [v6]:port carry a port.
    const h = host.startsWith('[')
        ? host.replace(/^\[(.*)\](:\d+)?$/, '$1')
        : host.split(':').length > 2
            ? host
            : host.replace(/:\d+$/, '');
    return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
/**
 * Where the registry is asked first, and where next when the ping shows the other protocol: https alone for a
 * registry-ca-file (it is there for TLS) and for the rest of the world; https, then plain http, for an insecure
 * registry, as Docker tries them; plain http, then https, on this machine, where test registries speak http.
 */
function registryBaseUrls(ref, o) {
    const https = `https://${ref.apiHost}`;
    const http = `http://${ref.apiHost}`;
    if (o.caFile)
        return { baseUrl: https };
    if (o.insecure)
        return { baseUrl: https, fallbackBaseUrl: http };
    if (isLoopback(ref.apiHost))
        return { baseUrl: http, fallbackBaseUrl: https };
    return { baseUrl: https };
}

;// CONCATENATED MODULE: ./lib/registry/bearer.js
// Gets a Bearer token from the realm a registry's challenge names: scoped to this repository (and the ones it reads), a docker login refresh token traded by POST, `token` or `access_token`, and credentials sent only to an https realm or one on this machine.




/** The scopes a token is asked for, space-separated: `repository:NAME:push,pull` and a pull scope per source. */
function tokenScope(repository, access, pullScopes = []) {
    const own = `repository:${repository}:${access === 'pull' ? 'pull' : 'push,pull'}`;
    return own + pullScopes.map(r => ` repository:${r}:pull`).join('');
}
/** Credentials as Basic sends them, to the registry or to its token server. */
function basicAuth(creds) {
    return Buffer.from(`${creds.username}:${creds.password}`).toString('base64');
}
/** A token from the challenge's realm, masked in the log. */
async function fetchToken(o, c) {
    const { sender } = o;
    const ctx = sender.ctx;
    const url = new URL(c.params.realm ?? '');
    if (ctx.credentials)
        checkRealm(ctx, url);
    const scope = tokenScope(ctx.ref.repository, o.access, o.pullScopes);
    const creds = ctx.credentials;
    let res;
    let method = 'GET';
    if (creds?.identityToken) {
        // docker login stored an OAuth2 refresh token: trade it at the token server, as the Docker CLI does.
        const form = new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: creds.identityToken,
            service: c.params.service ?? '',
            scope,
            client_id: 'go-scratch-image'
        });
        method = 'POST';
        res = await sender.send('POST', url.toString(), {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: Buffer.from(form.toString()),
            auth: false
        });
    }
    else {
        if (c.params.service)
            url.searchParams.set('service', c.params.service);
        for (const s of scope.split(' '))
            url.searchParams.append('scope', s);
        const headers = {};
        if (creds)
            headers.authorization = `Basic ${basicAuth(creds)}`;
        res = await sender.send('GET', url.toString(), { headers, auth: false });
    }
    if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw refused(ctx, res.status);
    }
    if (!res.ok) {
        await res.body?.cancel();
        const t = triesOf(res);
        const times = t && t.attempts > 1 ? ` ${t.attempts} times in ${(0,errors/* seconds */.YA)(t.ms)}` : '';
        throw new RegistryError(`The token server ${url.host} (named by the Bearer challenge of ${ctx.ref.registry}) answered HTTP ${res.status} to ` +
            `${method} ${url.pathname}${times}. It is failing, not refusing the credentials: try again later, or ` +
            `check the token server.`, res.status);
    }
    const body = await readBody(ctx, res, method, url.toString(), async () => {
        try {
            return JSON.parse(await res.text());
        }
        catch (e) {
            if (e instanceof SyntaxError)
                return {};
            throw e;
        }
    });
    const token = body.token ?? body.access_token;
    if (!token)
        throw new RegistryError(`The token server ${url.host} returned no token.`);
    sender.logger.mask(token);
    return token;
}
/**
 * Credentials go to a token realm over https only, or over plain http on this machine: a realm in plain http
 * elsewhere would carry the password (or the refresh token) readable to anyone on the path.
 */
function checkRealm(ctx, realm) {
    if (realm.protocol === 'https:')
        return;
    if (realm.protocol === 'http:' && isLoopback(realm.host))
        return;
    throw new ports/* InputError */.d(`registry-username/registry-password: ${ctx.ref.registry} names the token realm ${realm.origin}${realm.pathname} ` +
        `in its Bearer challenge, which is not https, so the credentials were not sent to it. Serve the token ` +
        `server over https (the registry's token realm setting), or push anonymously to a registry that needs no credentials.`);
}

;// CONCATENATED MODULE: ./lib/registry/challenge.js
// Reads what a registry asks for in WWW-Authenticate: each challenge's scheme and parameters, and the one to answer.
/**
 * Every challenge of a WWW-Authenticate value (several may share one header, comma-separated, as the joined
 * value of several headers does): `Basic realm="x", Bearer realm="https://h/token",service="h"`.
 */
function parseChallenges(header) {
    const out = [];
    for (const m of (header ?? '').matchAll(/([\w!#$%&'*+.^`|~-]+)(?:[ \t]*=[ \t]*("(?:[^"\\]|\\.)*"|[^,\s]*))?/g)) {
        const [, name = '', value] = m;
        if (value === undefined) {
            out.push({ scheme: name.toLowerCase(), params: {} });
        }
        else if (out.length) {
            out[out.length - 1].params[name.toLowerCase()] = value.startsWith('"')
                ? value.slice(1, -1).replace(/\\(.)/g, '$1')
                : value;
        }
    }
    return out;
}
/** The challenge to answer among those offered: Bearer (with a realm) first, else Basic, else the first. */
function parseChallenge(header) {
    const all = parseChallenges(header);
    return (all.find(c => c.scheme === 'bearer' && c.params.realm) ??
        all.find(c => c.scheme === 'basic') ??
        all[0]);
}

;// CONCATENATED MODULE: ./lib/registry/auth.js
// Authorizes requests to one registry as its challenges ask: Basic with the credentials, or a Bearer token for this repository's scope (bearer.ts); one authentication at a time, renewed once when a 401 says it went stale.




/** The auth layer of one client: what it sends as Authorization, and how it gets a new one. */
class Authenticator {
    sender;
    token;
    authorization;
    challenge;
    /** One authentication at a time: parallel uploads that all get a 401 share one token request. */
    authenticating;
    ctx;
    logger;
    constructor(sender, token = {}) {
        this.sender = sender;
        this.token = token;
        this.ctx = sender.ctx;
        this.logger = sender.logger;
    }
    /**
     * After an open ping, as go-containerregistry does: the ping may hide guarded repositories, so Basic
     * credentials go along from the start (not a refresh token alone, which only a token server takes).
     */
    sendBasicAhead() {
        const creds = this.ctx.credentials;
        if (!creds || (creds.identityToken && !creds.password))
            return;
        const basic = basicAuth(creds);
        this.logger.mask(basic);
        this.authorization = `Basic ${basic}`;
    }
    /** Answers the challenge of a ping that was refused (401). */
    async answer(challenge) {
        this.challenge = challenge;
        await this.authenticate();
    }
    async authenticate() {
        const c = this.challenge;
        const creds = this.ctx.credentials;
        if (c?.scheme === 'basic') {
            if (!creds) {
                throw new ports/* InputError */.d(`registry-username/registry-password: ${this.ctx.ref.registry} requires credentials. Set both inputs (or log in with a Docker config).`);
            }
            const basic = basicAuth(creds);
            this.logger.mask(basic);
            this.authorization = `Basic ${basic}`;
        }
        else if (c?.scheme === 'bearer' && c.params.realm) {
            const token = await fetchToken({ sender: this.sender, ...this.token }, c);
            this.authorization = `Bearer ${token}`;
        }
        else {
            const scheme = c ? `${c.scheme} authentication` : 'authentication without saying how';
            throw new RegistryError(`${this.ctx.ref.registry} asked for ${scheme}; this action speaks Basic and Bearer only.`);
        }
    }
    /**
     * Answers a 401 from the registry: true when the request is worth repeating with the (new) authorization.
     * The challenge is the one this response offers, so a registry whose ping was open gets credentials too.
     */
    async reauthenticate(used, res) {
        // Another request refreshed the authorization meanwhile: repeat with it.
        if (this.authorization !== used)
            return true;
        if (this.authenticating) {
            await this.authenticating;
            return true;
        }
        const challenge = parseChallenge(res.headers.get('www-authenticate'));
        if (challenge?.scheme === 'bearer' && challenge.params.realm) {
            this.challenge = challenge;
        }
        else if (challenge?.scheme === 'basic') {
            // Basic credentials that were sent are refused, not stale; without any, the caller says so.
            if (used?.startsWith('Basic ') || !this.ctx.credentials)
                return false;
            this.challenge = challenge;
        }
        else {
            return false;
        }
        this.authenticating = this.authenticate().finally(() => (this.authenticating = undefined));
        await this.authenticating;
        return true;
    }
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(58500);
;// CONCATENATED MODULE: ./lib/registry/retry.js
// Sends each request to a registry or its token server under the one retry policy (src/http/policy.ts), follows redirects without carrying credentials to another host, and asks the auth layer once when a 401 says the authorization went stale.





/** Where a client's requests go. The ping may move baseUrl to the other protocol (see ping.ts). */
class Endpoint {
    ref;
    baseUrl;
    constructor(ref, baseUrl) {
        this.ref = ref;
        this.baseUrl = baseUrl;
    }
    get repoUrl() {
        return `${this.baseUrl}/v2/${this.ref.repository}`;
    }
}
/** The retry layer of one client: the policy's decisions with this client's count, clock, silence and budget. */
class Sender {
    endpoint;
    ctx;
    /** Set once the auth layer exists, which sends its token requests through this one. */
    authorizer;
    fetch;
    logger;
    now;
    attempts;
    timeoutMs;
    budgetMs;
    sleep;
    random;
    constructor(endpoint, o, 
    /** What the messages name; its timeoutMs (registry-timeout) is the silence each attempt may meet. */
    ctx) {
        this.endpoint = endpoint;
        this.ctx = ctx;
        this.fetch = o.fetch;
        this.logger = o.logger;
        this.sleep = o.sleep ?? ((ms, signal) => (0,external_node_timers_promises_.setTimeout)(ms, undefined, { signal }));
        this.now = o.now ?? Date.now;
        this.random = o.random ?? Math.random;
        this.attempts = o.attempts ?? policy/* RETRY */.p6.attempts;
        this.timeoutMs = ctx.timeoutMs;
        this.budgetMs = o.budgetMs ?? Math.max(90_000, 1.5 * this.timeoutMs);
    }
    /**
     * The shared policy's decision (src/http/policy.ts) with this client's count, clock and silence: no attempt
     * starts that one silence of registry-timeout would carry past the deadline.
     */
    verdict(outcome, attempt, attempts, deadline) {
        return (0,policy/* decide */.LD)({
            outcome,
            attempt,
            now: this.now(),
            deadline,
            silenceMs: this.timeoutMs,
            random: this.random,
            policy: { ...policy/* RETRY */.p6, attempts }
        });
    }
    async pause(ms, signal) {
        await this.sleep(ms, signal);
        signal?.throwIfAborted();
    }
    /**
     * One HTTP exchange with retries on 408/429/5xx and connection errors, for the registry and its token server
     * alike (a refresh mid-push must not fail on one 503), within a count and a time budget: no attempt starts
     * that a silence of registry-timeout would carry past the budget. The registry's own authorization goes only
     * to its host; with auth: false it is left out, and a 401 is the caller's to read. Otherwise a 401
     * authenticates once from its own challenge and repeats the request, within the same count and budget: so the
     * auth layer is asked from inside this loop rather than wrapped around it.
     */
    async send(method, url, opts) {
        const attempts = opts.retry === false ? 1 : this.attempts;
        const start = this.now();
        const deadline = start + this.budgetMs;
        let reauthed = false;
        for (let attempt = 0;; attempt++) {
            opts.signal?.throwIfAborted();
            const headers = { ...opts.headers };
            const mine = opts.auth !== false && sameHost(url, this.endpoint.baseUrl);
            const used = mine ? this.authorizer?.authorization : undefined;
            if (used)
                headers.authorization = used;
            let res;
            try {
                res = await followRedirects(this.fetch, method, url, headers, opts.body, opts.signal);
            }
            catch (e) {
                if (opts.signal?.aborted)
                    throw opts.signal.reason;
                // A certificate or a protocol mismatch is the same on every attempt: the policy says stop.
                const v = this.verdict({ error: e }, attempt, attempts, deadline);
                if (!v.retry) {
                    throw unreachable(this.ctx, method, url, e, attempt + 1, this.now() - start);
                }
                if (v.fresh)
                    (0,http_transport/* freshConnection */.tJ)(this.fetch, url);
                this.logger.info(`${method} ${redact(url)}: ${(0,errors/* errorText */.kc)(e)}; retrying in ${v.waitMs} ms`);
                await this.pause(v.waitMs, opts.signal);
                continue;
            }
            if (res.status === 401 &&
                mine &&
                !reauthed &&
                this.authorizer &&
                (await this.authorizer.reauthenticate(used, res))) {
                await res.body?.cancel();
                reauthed = true;
                attempt--;
                continue;
            }
            const retryAfter = res.headers.get('retry-after');
            const v = this.verdict({ status: res.status, retryAfter }, attempt, attempts, deadline);
            if (v.retry) {
                await res.body?.cancel();
                this.logger.info(`${method} ${redact(url)}: HTTP ${res.status}; retrying in ${v.waitMs} ms`);
                await this.pause(v.waitMs, opts.signal);
                continue;
            }
            noteTries(res, { attempts: attempt + 1, ms: this.now() - start });
            return res;
        }
    }
}
/** The 3xx statuses that are redirects; an upload's 202 carries a Location too, but is none. */
const REDIRECTS = [301, 302, 303, 307, 308];
/**
 * Follows redirects itself (blob storage, a CDN), five at most: the request's credentials go only to the host it
 * was sent to, never to another host a redirect names.
 */
async function followRedirects(fetch, method, url, headers, body, signal) {
    let current = url;
    let m = method;
    for (let hop = 0;; hop++) {
        const h = { ...headers };
        if (!sameHost(current, url))
            delete h.authorization;
        const res = await fetch(current, {
            method: m,
            headers: h,
            body: m === 'GET' || m === 'HEAD' ? undefined : body,
            redirect: 'manual',
            ...(signal ? { signal } : {})
        });
        const location = res.headers.get('location');
        if (!REDIRECTS.includes(res.status) || !location || hop >= 5)
            return res;
        await res.body?.cancel();
        current = new URL(location, current).toString();
        if (res.status === 303)
            m = m === 'HEAD' ? 'HEAD' : 'GET';
    }
}
function sameHost(url, base) {
    return new URL(url).host === new URL(base).host;
}

;// CONCATENATED MODULE: ./lib/registry/lists.js
// Reads a registry's paged lists whole: a repository's tags and a manifest's referrers, every page by Link rel="next" on the registry's own host, within a page limit.



/** The most pages of tags read (1000 tags each, as asked with n=1000). */
const TAG_PAGES = 1000;
/** The target of a Link header's rel="next" (RFC 8288), as registries page tag and referrers lists. */
function nextLink(header) {
    for (const m of (header ?? '').matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
        if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2] ?? ''))
            return m[1];
    }
    return undefined;
}
/**
 * The repository's tags (GET /v2/<name>/tags/list, every page by Link rel="next"); empty for a repository the
 * registry does not know yet (404 NAME_UNKNOWN). A list that still goes on after TAG_PAGES pages is an error,
 * not a truncated answer: tag decisions (floating tags, the fallback index) read it whole.
 */
async function listTags(sender) {
    const { ctx, endpoint } = sender;
    const { ref } = ctx;
    const tags = [];
    let url = `${endpoint.repoUrl}/tags/list?n=1000`;
    for (let page = 0; url; page++) {
        if (page >= TAG_PAGES) {
            throw new RegistryError(`${ref.registry} listed more than ${TAG_PAGES} pages of tags for ${ref.repository} ` +
                `(${tags.length} tags, and a Link to more); the list was not read to its end. Delete old tags, ` +
                `or check that the registry's Link rel="next" does not lead back to a page already read.`);
        }
        const res = await sender.send('GET', url, {});
        if (res.status === 404 && page === 0) {
            await res.body?.cancel();
            return [];
        }
        if (res.status !== 200)
            throw await failure(ctx, res, 'GET tags/list');
        const at = url;
        const body = JSON.parse(await readBody(ctx, res, 'GET', at, () => res.text()));
        tags.push(...(body.tags ?? []));
        const next = nextLink(res.headers.get('link'));
        url =
            next && sameHost(new URL(next, at).toString(), endpoint.baseUrl)
                ? new URL(next, at).toString()
                : undefined;
    }
    return tags;
}
/**
 * The referrers API (distribution-spec 1.1, GET /v2/<name>/referrers/<digest>): the descriptors of subject's
 * referrers, every page of them (Link rel="next"), and whether the registry applied the artifactType filter
 * (OCI-Filters-Applied). Undefined when the registry answers 404 (or 405): it has no referrers API.
 */
async function listReferrers(sender, subject, artifactType) {
    const { ctx, endpoint } = sender;
    const { registry } = ctx.ref;
    const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
    let url = `${endpoint.repoUrl}/referrers/${subject}${query}`;
    const manifests = [];
    let filtered = true;
    for (let page = 0; url; page++) {
        const res = await sender.send('GET', url, { headers: { accept: MEDIA.index } });
        // The spec's answer of a registry without the API is 404; some answer that they do not know the route.
        if ((res.status === 404 || res.status === 405) && page === 0) {
            await res.body?.cancel();
            return undefined;
        }
        if (res.status !== 200)
            throw await failure(ctx, res, `GET referrers of ${subject}`);
        const at = url;
        const text = await readBody(ctx, res, 'GET', at, () => res.text());
        let body;
        try {
            body = JSON.parse(text);
        }
        catch {
            throw new RegistryError(`${registry} answered GET referrers of ${subject} with something that is not JSON.`);
        }
        if (!Array.isArray(body.manifests)) {
            throw new RegistryError(`${registry} answered GET referrers of ${subject} without an image index's manifests.`);
        }
        manifests.push(...body.manifests);
        const applied = (res.headers.get('oci-filters-applied') ?? '').split(',').map(s => s.trim());
        if (!applied.includes('artifactType'))
            filtered = false;
        const next = nextLink(res.headers.get('link'));
        url = next ? new URL(next, at).toString() : undefined;
        if (url && !sameHost(url, endpoint.baseUrl)) {
            throw new RegistryError(`${registry} sent the next page of referrers to another host (${new URL(url).host}).`);
        }
        if (page >= 1000)
            throw new RegistryError(`${registry} sent over 1000 pages of referrers.`);
    }
    return { manifests, filtered: artifactType ? filtered : false };
}

;// CONCATENATED MODULE: ./lib/registry/ping.js
// Opens the conversation with a registry: GET /v2/ over its protocol (or the other one, when the answer shows the registry speaks that), then the authentication its answer asks for, so refused credentials fail the step before the build.




/**
 * Pings /v2/ and authenticates, so refused credentials fail the step before the build, not mid-push. A
 * registry whose ping is open may still guard its repositories: then the first 401 authenticates (see retry.ts).
 */
async function login(o) {
    const { sender, auth } = o;
    const { ref } = sender.ctx;
    const res = await ping(o);
    if (res.status === 200) {
        await res.body?.cancel();
        auth.sendBasicAhead();
        return;
    }
    if (res.status !== 401) {
        await res.body?.cancel();
        const t = triesOf(res);
        if ((0,policy/* retryableStatus */.Fd)(res.status) && t && t.attempts > 1) {
            throw new RegistryError(`${ref.registry} answered HTTP ${res.status} to GET /v2/ ${t.attempts} times in ${(0,errors/* seconds */.YA)(t.ms)}; ` +
                `the registry is unavailable. Try again later, or check the registry's status.`, res.status);
        }
        throw new RegistryError(`${ref.registry} answered ${res.status} to GET /v2/; is it an OCI registry?`, res.status);
    }
    await res.body?.cancel();
    await auth.answer(parseChallenge(res.headers.get('www-authenticate')));
    const check = await sender.send('GET', `${sender.endpoint.baseUrl}/v2/`, {});
    await check.body?.cancel();
    if (check.status === 401 || check.status === 403)
        throw refused(sender.ctx, check.status);
    if (!check.ok) {
        throw new RegistryError(`${ref.registry} answered ${check.status} to GET /v2/.`, check.status);
    }
}
/**
 * GET /v2/ on baseUrl, else on the fallback when the answer shows the other protocol: https to a plain-http
 * port fails the handshake, and plain http to a TLS port gets a 400 or a closed connection.
 */
async function ping(o) {
    const { sender } = o;
    const { endpoint } = sender;
    const first = await sender
        .send('GET', `${endpoint.baseUrl}/v2/`, { auth: false })
        .catch((e) => e);
    const fallback = o.fallbackBaseUrl;
    // Go and nginx answer plain http on a TLS port with 400; other servers close the connection.
    const looksWrong = first instanceof Error
        ? (0,errors/* otherProtocol */.Fi)(first.cause)
        : first.status === 400 && endpoint.baseUrl.startsWith('http:');
    if (!fallback || !looksWrong) {
        if (first instanceof Error)
            throw unreachableHint(sender, first);
        warnInsecure(sender);
        return first;
    }
    if (!(first instanceof Error))
        await first.body?.cancel();
    const second = await sender
        .send('GET', `${fallback}/v2/`, { auth: false })
        .catch((e) => e);
    // The fallback's error speaks when it says more: a certificate the runner does not trust, or a silence.
    if (second instanceof Error) {
        const cause = second.cause;
        if ((0,errors/* tlsFailure */.kL)(cause) === 'certificate' || (0,errors/* timeoutKind */._F)(cause))
            throw second;
        if (first instanceof Error)
            throw unreachableHint(sender, first);
        return first;
    }
    const from = new URL(endpoint.baseUrl).protocol.slice(0, -1);
    endpoint.baseUrl = fallback;
    const to = new URL(fallback).protocol.slice(0, -1);
    sender.logger.info(`${endpoint.ref.registry} does not speak ${from}; using ${to}.`);
    warnInsecure(sender);
    return second;
}
function warnInsecure(sender) {
    if (!sender.ctx.tls?.insecure)
        return;
    const how = sender.endpoint.baseUrl.startsWith('https:')
        ? 'its TLS certificate is not verified'
        : 'it is reached over plain http';
    sender.logger.warning(`insecure-registry: true: ${how}, so anyone on the network path to ${sender.ctx.ref.registry} can read and ` +
        `change what is pushed. Prefer registry-ca-file with the registry's CA certificate.`);
}
/** A ping that never reached the registry: say so, and what to set when it was the protocol or the TLS. */
function unreachableHint(sender, e) {
    if ((0,errors/* tlsFailure */.kL)(e.cause) || (0,errors/* timeoutKind */._F)(e.cause))
        return e;
    const http = sender.endpoint.baseUrl.startsWith('https:') && !sender.ctx.tls?.caFile
        ? ' If this registry serves plain http, set insecure-registry: true.'
        : '';
    return new RegistryError(`${e.message.replace(/\.$/, '')}.${http}`, undefined, {
        cause: e.cause
    });
}

;// CONCATENATED MODULE: ./lib/registry/client.js








class RegistryClient {
    ref;
    o;
    ctx;
    sender;
    auth;
    constructor(ref, o) {
        this.ref = ref;
        this.o = o;
        this.ctx = {
            ref,
            credentials: o.credentials,
            timeoutMs: o.timeoutMs ?? http_transport/* DEFAULT_TIMEOUT_MS */.t1,
            tls: o.tls
        };
        this.sender = new Sender(new Endpoint(ref, o.baseUrl), o, this.ctx);
        this.auth = new Authenticator(this.sender, { access: o.access, pullScopes: o.pullScopes });
        this.sender.authorizer = this.auth;
    }
    /**
     * Pings /v2/ and authenticates, so refused credentials fail the step before the build, not mid-push. A
     * registry whose ping is open may still guard its repositories: then the first 401 authenticates.
     */
    login() {
        return login({ sender: this.sender, auth: this.auth, fallbackBaseUrl: this.o.fallbackBaseUrl });
    }
    get repoUrl() {
        return this.sender.endpoint.repoUrl;
    }
    /** One exchange under the retry policy, authorized for the registry's own host (see Sender.send). */
    send(method, url, opts) {
        return this.sender.send(method, url, opts);
    }
    async blobExists(digest, signal) {
        const res = await this.send('HEAD', `${this.repoUrl}/blobs/${digest}`, {
            signal
        });
        await res.body?.cancel();
        if (res.status === 200)
            return true;
        if (res.status === 404)
            return false;
        throw await failure(this.ctx, res, `HEAD blob ${digest}`);
    }
    /**
     * Uploads a blob unless the registry has it: 'exists' when it has, 'mounted' when another repository of the
     * registry lent it (no bytes sent), 'uploaded' when the bytes were sent. signal cancels it (another upload
     * failed, so this one is no longer wanted).
     */
    async uploadBlob(blob, mountFrom, signal) {
        if (await this.blobExists(blob.digest, signal))
            return 'exists';
        // The budget bounds the waiting and retrying; the time the bytes take to go up is not held against it.
        const begun = this.sender.now();
        let deadline = begun + this.sender.budgetMs;
        // Each attempt starts a fresh upload session from byte 0, as a half-written session cannot be trusted.
        for (let attempt = 0;; attempt++) {
            const mount = attempt === 0 && mountFrom && mountFrom !== this.ref.repository
                ? `?mount=${encodeURIComponent(blob.digest)}&from=${encodeURIComponent(mountFrom)}`
                : '';
            const start = await this.send('POST', `${this.repoUrl}/blobs/uploads/${mount}`, { signal });
            if (mount && start.status === 201) {
                await start.body?.cancel();
                return 'mounted';
            }
            // A registry that cannot mount answers 202 with an ordinary upload session.
            if (start.status !== 202)
                throw await failure(this.ctx, start, `start upload of ${blob.digest}`);
            await start.body?.cancel();
            const location = start.headers.get('location');
            if (!location)
                throw new RegistryError(`${this.ref.registry} started an upload without a Location header.`);
            const url = new URL(location, `${this.sender.endpoint.baseUrl}/`);
            url.searchParams.set('digest', blob.digest);
            const sent = this.sender.now();
            const put = await this.send('PUT', url.toString(), {
                body: blob.data,
                headers: {
                    'content-type': 'application/octet-stream',
                    'content-length': String(blob.size)
                },
                retry: false,
                signal
            }).catch((e) => e);
            // A silence at the end of a failed PUT counts against the budget; the time spent sending does not.
            const silent = put instanceof Error && (0,errors/* timeoutKind */._F)(put.cause) ? this.sender.timeoutMs : 0;
            deadline += Math.max(this.sender.now() - sent - silent, 0);
            if (!(put instanceof Error) && put.status === 201) {
                await put.body?.cancel();
                this.checkDigest(put, blob.digest);
                return 'uploaded';
            }
            if (signal?.aborted)
                throw signal.reason;
            const outcome = put instanceof Error
                ? { error: put.cause ?? put }
                : { status: put.status, retryAfter: put.headers.get('retry-after') };
            const v = this.sender.verdict(outcome, attempt, this.sender.attempts, deadline);
            if (!v.retry) {
                if (put instanceof Error)
                    throw put;
                noteTries(put, { attempts: attempt + 1, ms: this.sender.now() - begun });
                throw await failure(this.ctx, put, `upload ${blob.digest}`);
            }
            await (put instanceof Error ? undefined : put.body?.cancel());
            if (v.fresh)
                (0,http_transport/* freshConnection */.tJ)(this.sender.fetch, url);
            this.sender.logger.info(`upload ${blob.digest}: ${put instanceof Error ? put.message : `HTTP ${put.status}`}; a fresh session in ${v.waitMs} ms`);
            await this.sender.pause(v.waitMs, signal);
        }
    }
    /** A manifest or index by tag or digest, or undefined when the registry has no such thing. */
    async getManifest(reference) {
        return (await this.getManifestEntry(reference))?.blob;
    }
    /**
     * A manifest with its ETag, for a read-modify-write (the referrers tag schema) that a registry supporting
     * conditional requests can refuse with 412 when another writer came between.
     */
    async getManifestEntry(reference) {
        const url = `${this.repoUrl}/manifests/${reference}`;
        const res = await this.send('GET', url, { headers: { accept: MANIFEST_TYPES.join(', ') } });
        if (res.status === 404) {
            await res.body?.cancel();
            return undefined;
        }
        if (res.status !== 200)
            throw await failure(this.ctx, res, `GET manifest ${reference}`);
        const data = await readBody(this.ctx, res, 'GET', url, async () => Buffer.from(await res.arrayBuffer()));
        const blob = toBlob(res.headers.get('content-type')?.split(';')[0]?.trim() ?? '', data);
        if (reference.startsWith('sha256:') && blob.digest !== reference) {
            throw new RegistryError(`${this.ref.registry} returned ${blob.digest} for the manifest ${reference}.`);
        }
        return { blob, etag: res.headers.get('etag') ?? undefined };
    }
    /**
     * The referrers API's descriptors of subject's referrers, every page, and whether the registry applied the
     * artifactType filter; undefined when it has no referrers API (see listReferrers).
     */
    getReferrers(subject, artifactType) {
        return listReferrers(this.sender, subject, artifactType);
    }
    /** The repository's tags, read whole (see listTags). */
    listTags() {
        return listTags(this.sender);
    }
    /** A blob's bytes (a config), checked against its digest. */
    async getBlob(digest) {
        const url = `${this.repoUrl}/blobs/${digest}`;
        const res = await this.send('GET', url, {});
        if (res.status !== 200)
            throw await failure(this.ctx, res, `GET blob ${digest}`);
        const data = await readBody(this.ctx, res, 'GET', url, async () => Buffer.from(await res.arrayBuffer()));
        if (sha256(data) !== digest) {
            throw new RegistryError(`${this.ref.registry} returned other bytes for the blob ${digest}.`);
        }
        return data;
    }
    /**
     * Stores a manifest under a tag or its digest, and returns the answer's headers (OCI-Subject says the
     * registry has the referrers API). what names the request in a failure; headers go along (If-Match).
     */
    async putManifest(reference, manifest, opts = {}) {
        const res = await this.send('PUT', `${this.repoUrl}/manifests/${reference}`, {
            body: manifest.data,
            headers: { ...opts.headers, 'content-type': manifest.mediaType }
        });
        if (res.status !== 201)
            throw await failure(this.ctx, res, opts.what ?? `PUT manifest ${reference}`);
        await res.body?.cancel();
        this.checkDigest(res, manifest.digest);
        return res.headers;
    }
    checkDigest(res, expected) {
        const got = res.headers.get('docker-content-digest');
        if (got && got !== expected) {
            throw new RegistryError(`${this.ref.registry} stored ${got} where ${expected} was sent; the upload was corrupted.`);
        }
    }
}
const MANIFEST_TYPES = [MEDIA.manifest, MEDIA.index, DOCKER_MEDIA.manifest, DOCKER_MEDIA.index];

;// CONCATENATED MODULE: ./lib/registry/docker-config.js
// Reads the Docker CLI's config.json: where it is, its shape (checked field by field; errors name the field, never a value), and which of its keys stands for a registry.



/** Docker Hub answers to several names; its config key is the v1 index URL. */
const HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];
const HUB_KEY = 'https://index.docker.io/v1/';
function isHub(registry) {
    return HUB_HOSTS.includes(registry.toLowerCase());
}
/**
 * The keys under which `auths` and `credHelpers` may hold a registry, most specific first: `docker login`
 * writes https://index.docker.io/v1/ for Docker Hub and the bare host[:port] for everything else, while older
 * tools wrote URLs. Keys with another path (https://ghcr.io/v1/) are matched by {@link configKeyHost} as well.
 */
function configKeys(registry) {
    if (isHub(registry)) {
        return [
            HUB_KEY,
            'index.docker.io',
            'docker.io',
            'registry-1.docker.io',
            'https://index.docker.io',
            'https://docker.io',
            'https://registry-1.docker.io'
        ];
    }
    const host = registry.toLowerCase();
    return [host, `https://${host}`, `http://${host}`];
}
/** The host[:port] of a config key, as Docker reduces it: no scheme, nothing from the first '/'. */
function configKeyHost(key) {
    return key
        .trim()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .split('/')[0]
        .toLowerCase();
}
/** The key of obj that holds registry: an exact key first, else one whose host matches (any scheme or path). */
function findConfigKey(keys, registry) {
    for (const k of configKeys(registry))
        if (keys.includes(k))
            return k;
    const hosts = isHub(registry) ? HUB_HOSTS : [registry.toLowerCase()];
    return keys.find(k => hosts.includes(configKeyHost(k)));
}
/** What a credential helper is asked for: the Hub's index URL, else the registry host, as `docker login` stores them. */
function helperServerUrl(registry) {
    return isHub(registry) ? HUB_KEY : registry.toLowerCase();
}
/** Where the Docker CLI reads its config: $DOCKER_CONFIG/config.json, else ~/.docker/config.json. */
function dockerConfigPath(env, homedir) {
    const dir = env.DOCKER_CONFIG?.trim();
    return dir ? external_node_path_.join(dir, 'config.json') : external_node_path_.join(homedir, '.docker', 'config.json');
}
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
function docker_config_isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/**
 * Checks the shape of a parsed config.json. Errors name the file and the field, never a value: the file holds
 * secrets.
 */
function parseDockerConfig(value, file) {
    const bad = (what) => new ports/* InputError */.d(`The Docker config ${file} is not valid: ${what}. Fix it (docker login rewrites it), point DOCKER_CONFIG ` +
        `at a directory with a valid config.json, or set registry-username and registry-password.`);
    if (!docker_config_isObject(value))
        throw bad('it is not a JSON object');
    const auths = {};
    if (value.auths !== undefined && value.auths !== null) {
        if (!docker_config_isObject(value.auths))
            throw bad('"auths" is not an object');
        for (const [key, entry] of Object.entries(value.auths)) {
            if (entry === null)
                continue;
            if (!docker_config_isObject(entry))
                throw bad(`auths["${key}"] is not an object`);
            const out = {};
            for (const field of ['auth', 'username', 'password', 'identitytoken']) {
                const v = entry[field];
                if (v === undefined || v === null)
                    continue;
                if (typeof v !== 'string')
                    throw bad(`auths["${key}"].${field} is not a string`);
                out[field] = v;
            }
            auths[key] = out;
        }
    }
    const credHelpers = {};
    if (value.credHelpers !== undefined && value.credHelpers !== null) {
        if (!docker_config_isObject(value.credHelpers))
            throw bad('"credHelpers" is not an object');
        for (const [key, name] of Object.entries(value.credHelpers)) {
            if (typeof name !== 'string' || !HELPER_NAME.test(name)) {
                throw bad(`credHelpers["${key}"] is not a helper name (the NAME of a docker-credential-NAME program)`);
            }
            credHelpers[key] = name;
        }
    }
    let credsStore;
    if (value.credsStore !== undefined && value.credsStore !== null && value.credsStore !== '') {
        if (typeof value.credsStore !== 'string' || !HELPER_NAME.test(value.credsStore)) {
            throw bad('"credsStore" is not a helper name (the NAME of a docker-credential-NAME program)');
        }
        credsStore = value.credsStore;
    }
    return { auths, credHelpers, credsStore };
}
/** Reads the Docker config; undefined when there is none. Errors name the path and the fix, never the content. */
async function readDockerConfig(file) {
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (e) {
        const code = e.code;
        if (code === 'ENOENT')
            return undefined;
        const why = code === 'EISDIR'
            ? 'it is a directory'
            : code === 'EACCES' || code === 'EPERM'
                ? 'permission denied'
                : code === 'ENOTDIR'
                    ? 'DOCKER_CONFIG is not a directory'
                    : (code ?? 'unknown error');
        throw new ports/* InputError */.d(`The Docker config ${file} cannot be read (${why}). Make it a readable file (or remove it), point ` +
            `DOCKER_CONFIG at a directory with a valid config.json, or set registry-username and registry-password.`);
    }
    let value;
    try {
        value = JSON.parse(text.replace(/^\uFEFF/, ''));
    }
    catch {
        // JSON.parse's message quotes the text around the error, which may be a secret.
        throw new ports/* InputError */.d(`The Docker config ${file} is not valid JSON. Fix it (docker login rewrites it), point DOCKER_CONFIG at a ` +
            `directory with a valid config.json, or set registry-username and registry-password.`);
    }
    return parseDockerConfig(value, file);
}

;// CONCATENATED MODULE: ./lib/registry/credential-helper.js


function notInstalled(e) {
    const err = e;
    return (err?.code === 'ENOENT' || /Unable to locate executable file|ENOENT/.test(err?.message ?? ''));
}
/**
 * Asks `docker-credential-NAME get` for the registry, the credential helper protocol: the server URL on stdin,
 * {ServerURL, Username, Secret} on stdout. The secret is masked at once. Undefined when the helper is not
 * installed or has nothing for it.
 */
async function helperSecret(name, registry, o) {
    const program = `docker-credential-${name}`;
    const server = helperServerUrl(registry);
    let result;
    try {
        result = await o.runner.run(program, ['get'], { input: server, silent: true });
    }
    catch (e) {
        if (notInstalled(e)) {
            o.logger.warning(`The Docker config names the credential helper ${program} for ${registry}, but it is not on PATH; ` +
                `looking further.`);
            return undefined;
        }
        throw new ports/* InputError */.d(`The credential helper ${program} could not be run for ${registry} (${e.message}). ` +
            `Install it or fix the Docker config, or set registry-username and registry-password.`);
    }
    if (result.exitCode !== 0) {
        // Helpers print their error to stdout; "credentials not found in native keychain" is the normal miss.
        if (/credentials not found/i.test(`${result.stdout}\n${result.stderr}`))
            return undefined;
        throw new ports/* InputError */.d(`The credential helper ${program} failed (exit code ${result.exitCode}) for ${registry}. ` +
            `Check it with: echo ${server} | ${program} get (its output is not shown here, as it may hold ` +
            `secrets); or set registry-username and registry-password.`);
    }
    let answer;
    try {
        answer = JSON.parse(result.stdout);
        if (!docker_config_isObject(answer))
            throw new Error('not an object');
    }
    catch {
        throw new ports/* InputError */.d(`The credential helper ${program} answered ${registry} with something other than ` +
            `{"ServerURL", "Username", "Secret"} JSON (not shown, as it may hold secrets). Check it with: ` +
            `echo ${server} | ${program} get`);
    }
    const secret = typeof answer.Secret === 'string' ? answer.Secret : '';
    const username = typeof answer.Username === 'string' ? answer.Username : '';
    if (!secret)
        return undefined;
    o.logger.mask(secret);
    return { username, secret };
}

;// CONCATENATED MODULE: ./lib/registry/credentials.js



/** The user name a credential helper (and `docker login`) writes when the secret is an identity token. */
const TOKEN_USERNAME = '<token>';
/** Turns one auths entry into credentials (undefined when it holds none, as with a credsStore). */
function authEntryCredentials(entry, describe, mask) {
    if (entry.auth)
        mask(entry.auth);
    if (entry.password)
        mask(entry.password);
    if (entry.identitytoken)
        mask(entry.identitytoken);
    let username = entry.username ?? '';
    let password = entry.password ?? '';
    if (entry.auth) {
        const compact = entry.auth.replace(/\s+/g, '');
        const decoded = /^[A-Za-z0-9+/]*={0,2}$/.test(compact)
            ? Buffer.from(compact, 'base64').toString('utf8')
            : '';
        const colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new ports/* InputError */.d(`${describe}.auth is not base64 of user:password. Log in again (docker login) or fix the entry, ` +
                `or set registry-username and registry-password.`);
        }
        username = decoded.slice(0, colon);
        password = decoded.slice(colon + 1);
        if (password)
            mask(password);
    }
    if (entry.identitytoken) {
        return { username: username || TOKEN_USERNAME, password, identityToken: entry.identitytoken };
    }
    if (!username && !password)
        return undefined;
    return { username, password };
}
/**
 * The credentials a Docker config holds for registry, in the Docker CLI's order: credHelpers[host], then
 * credsStore, then auths. The CLI reads auths only without a store; we also fall back to it when a helper is
 * missing or has nothing for the registry, since a config copied to CI often names a store it lacks.
 */
async function fromDockerConfig(o, file) {
    const config = await readDockerConfig(file);
    if (!config)
        return undefined;
    const helperKey = findConfigKey(Object.keys(config.credHelpers), o.registry);
    const helpers = [];
    if (helperKey !== undefined)
        helpers.push([config.credHelpers[helperKey], 'credHelpers']);
    if (config.credsStore)
        helpers.push([config.credsStore, 'credsStore']);
    for (const [name, field] of helpers) {
        const answer = await helperSecret(name, o.registry, o);
        if (!answer)
            continue;
        const source = `credential helper docker-credential-${name} (${field} in ${file})`;
        // The user name a helper gives with an identity token, as docker login stores one.
        if (answer.username === TOKEN_USERNAME) {
            return { username: TOKEN_USERNAME, password: '', identityToken: answer.secret, source };
        }
        return { username: answer.username, password: answer.secret, source };
    }
    const authKey = findConfigKey(Object.keys(config.auths), o.registry);
    if (authKey !== undefined) {
        const creds = authEntryCredentials(config.auths[authKey], `The Docker config ${file}: auths["${authKey}"]`, s => o.logger.mask(s));
        if (creds)
            return { ...creds, source: `Docker config ${file} (auths: ${authKey})` };
    }
    return undefined;
}
async function lookup(o) {
    if (o.inputs) {
        if (o.inputs.password)
            o.logger.mask(o.inputs.password);
        if (o.inputs.identityToken)
            o.logger.mask(o.inputs.identityToken);
        return { ...o.inputs, source: 'registry-username/registry-password' };
    }
    const fromConfig = await fromDockerConfig(o, dockerConfigPath(o.env, o.homedir));
    if (fromConfig)
        return fromConfig;
    const token = o.env.GITHUB_TOKEN;
    if (token && o.registry.toLowerCase() === 'ghcr.io') {
        o.logger.mask(token);
        return {
            username: o.env.GITHUB_ACTOR?.trim() || 'x-access-token',
            password: token,
            source: 'GITHUB_TOKEN'
        };
    }
    return undefined;
}
/**
 * The credentials for a registry: registry-username/registry-password, else the Docker config, else GITHUB_TOKEN
 * for ghcr.io, else none (anonymous). Every secret is masked as soon as it is read, before anything is logged.
 */
async function resolveCredentials(o) {
    const creds = await lookup(o);
    o.logger.info(`Registry credentials for ${o.registry}: ${creds?.source ?? 'anonymous'}`);
    return creds;
}

;// CONCATENATED MODULE: ./lib/registry/open.js
// Opens a client for one repository: the credentials that registry is known by and the transport the registry
// inputs ask for. What the login, the mirrors, the baseline's reads and the tag plan share.




/**
 * The credential inputs for a registry: image's registry has them (and any registry when there is no image, as
 * for a baseline read alone); other registries rely on the Docker config and GITHUB_TOKEN.
 */
function inputsFor(o, image, ref) {
    return !image || image.registry === ref.registry ? o.credentials : undefined;
}
/** A client for one repository, with the credentials that registry is known by (see resolveCredentials). */
async function openRegistry(o, ports, ref, inputs, options) {
    const credentials = await resolveCredentials({
        registry: ref.registry,
        inputs,
        env: ports.env,
        runner: ports.runner,
        logger: ports.logger,
        homedir: ports.homedir ?? external_node_os_.homedir()
    });
    const tls = { caFile: o.caFile, insecure: o.insecure };
    const fetch = ports.registryFetch?.({
        timeoutMs: o.timeoutMs,
        ca: o.ca,
        // The registry's own host only: its token server, blob storage, GitHub and Sigstore stay verified.
        insecureHosts: o.insecure ? [ref.apiHost] : []
    }) ?? ports.fetch;
    return new RegistryClient(ref, {
        fetch,
        logger: ports.logger,
        ...registryBaseUrls(ref, tls),
        tls,
        timeoutMs: o.timeoutMs,
        credentials,
        sleep: ports.sleep,
        ...options
    });
}

;// CONCATENATED MODULE: ./lib/report/gate.js
// The size gate: parses budgets, compares a build with its baseline layer by layer, and says why a build fails.





// Decimal units are SI (MB = 10^6 bytes, as registries and `docker images` count); binary ones are IEC (MiB = 2^20).
const UNITS = {
    b: 1,
    kb: 1e3,
    mb: 1e6,
    gb: 1e9,
    kib: 2 ** 10,
    mib: 2 ** 20,
    gib: 2 ** 30
};
/** `10MB`, `12MiB`, `900KB`, `900kB`, `1.5 MB` or plain bytes, to a whole number of bytes. */
function parseByteSize(raw, input) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$/i.exec(raw);
    const unit = UNITS[(m?.[2] ?? 'b').toLowerCase()];
    if (!m || unit === undefined) {
        throw new ports/* InputError */.d(`${input}: '${raw.trim()}' is not a size. Write bytes or a number with a unit: 900KB, 10MB (MB = 10^6 bytes) or 12MiB (MiB = 2^20 bytes).`);
    }
    return Math.round(Number(m[1]) * unit);
}
/** `5%` of the baseline, or an absolute `200KB` (any size parseByteSize takes). */
function parseIncrease(raw) {
    const v = raw.trim();
    if (!v)
        return undefined;
    const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(v);
    if (pct)
        return { kind: 'percent', value: Number(pct[1]) };
    if (v.includes('%')) {
        throw new ports/* InputError */.d(`max-size-increase: '${v}' is not a percentage. Write 5% or a size such as 200KB.`);
    }
    return { kind: 'bytes', value: parseByteSize(v, 'max-size-increase') };
}
/** Layer by layer, matched by role, so a new zoneinfo layer shows as zoneinfo, not as a shifted binary. */
function compare(current, baseline) {
    const names = [
        ...new Set([...current.layers.map(l => l.name), ...baseline.layers.map(l => l.name)])
    ];
    const sum = (xs) => xs.length ? xs.reduce((n, x) => n + x.size, 0) : undefined;
    const layers = names.map(name => {
        const now = sum(current.layers.filter(l => l.name === name));
        const old = sum(baseline.layers.filter(l => l.name === name));
        return { name, old, new: now, delta: (now ?? 0) - (old ?? 0) };
    });
    layers.push({
        name: 'config',
        old: baseline.configSize,
        new: current.configSize,
        delta: current.configSize - baseline.configSize
    });
    const delta = current.size - baseline.size;
    return {
        platform: current.platform,
        baseline,
        size: current.size,
        delta,
        deltaPercent: baseline.size ? Math.round((10000 * delta) / baseline.size) / 100 : 0,
        layers
    };
}
const exact = (n) => `${formatBytes(n)} (${n} bytes)`;
/** Every way the build breaks its budgets, one sentence each; empty when it keeps them. */
function gateFailures(sizes, comparisons, maxSize, increase) {
    const out = [];
    if (maxSize) {
        for (const s of sizes) {
            if (s.size > maxSize.bytes) {
                out.push(`max-size: ${s.platform} is ${exact(s.size)}, over the budget of ${maxSize.raw} = ${maxSize.bytes} bytes by ${s.size - maxSize.bytes} bytes.`);
            }
        }
    }
    if (increase) {
        for (const c of comparisons) {
            const allowed = increase.rule.kind === 'bytes'
                ? increase.rule.value
                : Math.floor((c.baseline.size * increase.rule.value) / 100);
            if (c.delta > allowed) {
                const biggest = [...c.layers].sort((a, b) => b.delta - a.delta)[0];
                out.push(`max-size-increase: ${c.platform} grew by ${exact(c.delta)} (${c.deltaPercent}%) over ${c.baseline.reference}, ` +
                    `more than the ${increase.raw} allowed (${allowed} bytes); most of it in the ${biggest?.name} layer (${signed(biggest?.delta ?? 0)} bytes).`);
            }
        }
    }
    return out;
}
function signed(n) {
    return n > 0 ? `+${n}` : `${n}`;
}
/** Rows of the comparison table: per layer old, new and delta, then the total; header first. */
function comparisonRows(c) {
    const cell = (n) => (n === undefined ? '-' : formatBytes(n));
    const pct = (d, old) => old ? `${d > 0 ? '+' : ''}${((100 * d) / old).toFixed(1)}%` : old === undefined ? 'new' : '-';
    return [
        ['layer', 'baseline', 'this build', 'delta', 'delta %'],
        ...c.layers.map(l => [l.name, cell(l.old), cell(l.new), signed(l.delta), pct(l.delta, l.old)]),
        ['total', cell(c.baseline.size), cell(c.size), signed(c.delta), pct(c.delta, c.baseline.size)]
    ];
}
function comparisonTable(c) {
    return textTable(`${c.platform} against ${c.baseline.reference}: ${signed(c.delta)} bytes (${c.deltaPercent}%)`, comparisonRows(c));
}
/**
 * Reads compare-to with pull access only (anonymous, or the credentials the registry is known by), and compares
 * each platform built with the baseline's.
 */
async function compareWithBaseline(o, ports, sizes) {
    const ref = o.compareTo;
    const client = await openRegistry(o.registry, ports, ref, inputsFor(o.registry, o.image, ref), {
        access: 'pull'
    });
    await client.login();
    const current = sizes[0]?.layers.map(l => l.name) ?? [];
    const baselines = await readBaseline(client, ref, o.platforms, current, ports.logger);
    return sizes.flatMap(s => {
        const b = baselines?.get(s.platform);
        return b ? [compare(s, b)] : [];
    });
}
/** compare-to: each platform against the baseline's; the stage is left out without compare-to. */
function comparisonsStage(o, ports) {
    return {
        title: 'Compare with the baseline',
        run: async ({ images }) => compareWithBaseline(o, ports, images.images.map(size_platformSize))
    };
}
/**
 * Sizes come from what was built, so they are the same pushed or not; the gate runs before the push, so a build
 * over budget is never published (the step fails once the outputs and the summary say by how much).
 */
function gateStage(o, logger) {
    return {
        title: 'Image size',
        run: async ({ images, comparisons = [], vulns }) => {
            const sizes = images.images.map(size_platformSize);
            for (const s of sizes)
                logger.info(sizeTable(s));
            for (const c of comparisons)
                logger.info(comparisonTable(c));
            const failures = gateFailures(sizes, comparisons, o.maxSize, o.maxSizeIncrease);
            return { sizes, failures: vulns?.failure ? [...failures, vulns.failure] : failures };
        }
    };
}

;// CONCATENATED MODULE: ./lib/registry/transport.js
// The registries' transport: the HTTP layer's, with registry-ca-file trusted and insecure-registry's registry (its host alone) unverified; and the reading of registry-ca-file.




/**
 * The fetch a registry client sends with: one attempt per call, bounded by registry-timeout (see httpTransport).
 * insecureHosts names the registry itself, so a token server or blob store on another host is verified as usual.
 */
function registryFetch(o) {
    return (0,http_transport/* httpTransport */.k6)(o);
}
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
/**
 * Reads registry-ca-file: a readable file of one or more PEM certificates, each of which parses. Errors name
 * the input, the path and the fix.
 */
function readCaFile(file, input = 'registry-ca-file') {
    const fix = `Point ${input} at the PEM file of the CA that signed the registry's certificate (relative paths start at the workspace).`;
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (e) {
        const code = e.code;
        const why = code === 'ENOENT'
            ? 'does not exist'
            : code === 'EISDIR'
                ? 'is a directory'
                : code === 'EACCES' || code === 'EPERM'
                    ? 'cannot be read (permission denied)'
                    : `cannot be read (${code ?? e.message})`;
        throw new ports/* InputError */.d(`${input}: '${file}' ${why}. ${fix}`);
    }
    const certs = text.match(PEM_CERT) ?? [];
    if (!certs.length) {
        throw new ports/* InputError */.d(`${input}: '${file}' holds no PEM certificate (-----BEGIN CERTIFICATE-----). ${fix}`);
    }
    certs.forEach((pem, i) => {
        try {
            new external_node_crypto_.X509Certificate(pem);
        }
        catch {
            throw new ports/* InputError */.d(`${input}: certificate ${i + 1} of '${file}' is not a valid PEM certificate. ${fix}`);
        }
    });
    return certs.join('\n');
}

;// CONCATENATED MODULE: ./lib/rootfs/files.js




const WHITEOUT = '.wh.';
/**
 * 0755 when the source has any execute bit, else 0644: a build on another runner (other umask, a checkout that
 * kept group write) gives the same digest, and setuid/setgid/sticky never reach the image.
 */
function normaliseMode(mode) {
    return mode & 0o111 ? 0o755 : 0o644;
}
function fail(message) {
    throw new ports/* InputError */.d(`files: ${message}`);
}
function checkWhiteout(segments, what, line) {
    const bad = segments.find(s => s.startsWith(WHITEOUT));
    // Image tools read such a name as "delete this path from the layers below", not as a file.
    if (bad !== undefined)
        fail(`${what} in '${line}' has a name starting with ${WHITEOUT} (${bad}), which OCI layers reserve for deletions. Rename it.`);
}
/** Validates one mapping without touching the disk; stageFiles runs it again so hand-made mappings are checked too. */
function normaliseMapping(rawSrc, rawDest, line) {
    const src = rawSrc.trim();
    const dest = rawDest.trim();
    if (!src || !dest)
        fail(`'${line}' needs both sides of SRC:DEST, e.g. public:/public. Give one mapping a line.`);
    if (src.startsWith('/'))
        fail(`SRC in '${line}' is absolute (${src}); SRC is relative to working-directory. Move the file into the ` +
            `working directory and give its relative path.`);
    const srcNorm = external_node_path_.posix.normalize(src).replace(/\/+$/, '') || '.';
    if (srcNorm === '..' || srcNorm.startsWith('../'))
        fail(`SRC in '${line}' climbs out of working-directory (${src}). Only files inside the working directory ` +
            `can be copied; move the file there or change working-directory.`);
    checkWhiteout(srcNorm.split('/'), 'SRC', line);
    const rawSegments = dest.split('/');
    const last = rawSegments[rawSegments.length - 1];
    // Like COPY, a DEST that names a directory (a trailing slash, or ending in . or ..) puts a file inside it.
    const asDirectory = last === '' || last === '.' || last === '..';
    const stack = [];
    for (const s of rawSegments) {
        if (s === '' || s === '.')
            continue;
        if (s === '..') {
            // Silently clamping at / (as path.normalize does) would hide a DEST the user did not mean.
            if (!stack.length)
                fail(`DEST in '${line}' climbs above / (${dest}). Give a path inside the image, e.g. /public.`);
            stack.pop();
            continue;
        }
        stack.push(s);
    }
    checkWhiteout(stack, 'DEST', line);
    const destNorm = stack.length ? `/${stack.join('/')}${asDirectory ? '/' : ''}` : '/';
    return { src: srcNorm, dest: destNorm, line };
}
/** Parses `SRC:DEST` lines (blank lines and # comments skipped). */
function parseFiles(raw) {
    const out = [];
    for (const rawLine of raw.split(/\r?\n/)) {
        const line = rawLine.trim();
        if (!line || line.startsWith('#'))
            continue;
        const parts = line.split(':');
        if (parts.length !== 2)
            fail(`'${line}' must have exactly one ':' between SRC and DEST (found ${parts.length - 1}), e.g. ` +
                `public:/public. Rename paths that contain ':'.`);
        out.push(normaliseMapping(parts[0] ?? '', parts[1] ?? '', line));
    }
    return out;
}
const files_byPath = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
function isInside(root, p) {
    const rel = external_node_path_.relative(root, p);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${external_node_path_.sep}`) && !external_node_path_.isAbsolute(rel));
}
function kind(st) {
    if (st.isFIFO())
        return 'a FIFO';
    if (st.isSocket())
        return 'a socket';
    if (st.isBlockDevice())
        return 'a block device';
    if (st.isCharacterDevice())
        return 'a character device';
    return 'not a regular file or directory';
}
// Another layer's own input is the fix when a file collides with what that layer provides.
const OWNER_HINT = {
    'the binary layer': 'Choose another DEST, or another binary-name.',
    'the certificates layer': 'Choose another DEST; to change the bundle use ca-certificates or extra-ca-certificates.',
    'the zoneinfo layer': 'Choose another DEST; to choose time zones use the zoneinfo input.',
    'the home layer': 'That is the home of the image user, owned by it and empty for the program to fill at run time; ' +
        'choose a DEST outside it (e.g. /etc/app/) and point the program there.'
};
class Walk {
    root;
    workingDirectory;
    placed = new Map();
    constructor(root, workingDirectory) {
        this.root = root;
        this.workingDirectory = workingDirectory;
    }
    entries() {
        return [...this.placed.values()];
    }
    /** Host paths in messages: relative to the working directory, which is how the user wrote them. */
    show(p) {
        return isInside(this.root, p) ? external_node_path_.relative(this.root, p) || '.' : p;
    }
    /**
     * Follows a symlink whose target stays inside the working directory; anything else would copy host files
     * the user did not put there (or nothing at all, for a dangling link).
     */
    async follow(link, line) {
        const target = await (0,promises_.readlink)(link);
        const real = await (0,promises_.realpath)(link).catch(() => undefined);
        if (real === undefined)
            fail(`symlink '${this.show(link)}' (from '${line}') points to '${target}', which does not exist. ` +
                `Remove the link or create its target.`);
        if (!isInside(this.root, real))
            fail(`symlink '${this.show(link)}' (from '${line}') points to '${target}' (${real}), outside ` +
                `working-directory ${this.workingDirectory}. Copy the file into the working directory instead of linking to it.`);
        return real;
    }
    /** Resolves SRC one component at a time, so a link on the way is named when it leads out. */
    async resolveSrc(m) {
        let cur = this.root;
        for (const seg of m.src === '.' ? [] : m.src.split('/')) {
            const next = external_node_path_.join(cur, seg);
            const st = await (0,promises_.lstat)(next).catch(() => undefined);
            if (!st)
                fail(`SRC '${m.src}' in '${m.line}' does not exist in working-directory ${this.workingDirectory}. ` +
                    `Fix the path; it is relative to working-directory.`);
            cur = st.isSymbolicLink() ? await this.follow(next, m.line) : next;
        }
        return { real: cur, st: await (0,promises_.stat)(cur) };
    }
    place(entry, from, line) {
        const have = this.placed.get(entry.path);
        if (have) {
            // The same directory reached twice merges, as COPY into an existing directory does.
            if (have.entry.type === 'directory' && entry.type === 'directory')
                return;
            fail(`/${entry.path} would come from both '${have.from}' (line '${have.line}') and '${from}' ` +
                `(line '${line}'). Give each a different DEST.`);
        }
        this.placed.set(entry.path, { entry, from, line });
    }
    async stage(m) {
        const { real, st } = await this.resolveSrc(m);
        const dest = m.dest.slice(1);
        if (st.isDirectory()) {
            const base = dest.replace(/\/$/, '');
            if (base)
                this.place(dir(base), this.show(real), m.line);
            await this.walk(real, base, [real], m.line);
        }
        else if (st.isFile()) {
            const target = dest === '' || dest.endsWith('/') ? `${dest}${external_node_path_.posix.basename(m.src)}` : dest;
            checkWhiteout(target.split('/'), 'DEST', m.line);
            this.place(file(target, real, st.size, normaliseMode(st.mode)), this.show(real), m.line);
        }
        else {
            this.unsupported(real, st, m.line);
        }
    }
    unsupported(p, st, line) {
        fail(`'${this.show(p)}' (from '${line}') is ${kind(st)}, which an image layer cannot carry. ` +
            `Leave it out of the copied paths; a program creates such files at run time.`);
    }
    /** ancestors holds the real directories on the way down, so a link back up stops instead of recursing forever. */
    async walk(hostDir, destDir, ancestors, line) {
        const names = (await (0,promises_.readdir)(hostDir)).sort();
        for (const name of names) {
            const host = external_node_path_.join(hostDir, name);
            const dest = destDir ? `${destDir}/${name}` : name;
            if (name.startsWith(WHITEOUT))
                fail(`'${this.show(host)}' (from '${line}') has a name starting with ${WHITEOUT}, which OCI layers ` +
                    `reserve for deletions. Rename it.`);
            let real = host;
            let st = await (0,promises_.lstat)(host);
            if (st.isSymbolicLink()) {
                real = await this.follow(host, line);
                st = await (0,promises_.stat)(real);
                if (st.isDirectory() && ancestors.some(a => isInside(real, a)))
                    fail(`symlink '${this.show(host)}' (from '${line}') points to '${await (0,promises_.readlink)(host)}', a directory ` +
                        `that contains it, so copying would never end. Remove the link, or list that directory on its own line.`);
            }
            if (st.isDirectory()) {
                this.place(dir(dest), this.show(real), line);
                await this.walk(real, dest, [...ancestors, real], line);
            }
            else if (st.isFile()) {
                this.place(file(dest, real, st.size, normaliseMode(st.mode)), this.show(real), line);
            }
            else {
                this.unsupported(host, st, line);
            }
        }
    }
}
function checkReserved(all, reserved) {
    const owner = (p) => {
        if (!reserved.has(p))
            return undefined;
        return reserved instanceof Map ? `the ${String(reserved.get(p))} layer` : 'another layer';
    };
    // Every directory a reserved path needs: a file there would replace the directory and hide what it holds.
    const needed = new Map();
    for (const r of reserved.keys())
        for (let i = r.indexOf('/'); i > 0; i = r.indexOf('/', i + 1))
            needed.set(r.slice(0, i), r);
    for (const { entry, from, line } of all) {
        const parts = entry.path.split('/');
        for (let i = parts.length; i > 0; i--) {
            const p = parts.slice(0, i).join('/');
            const layer = owner(p);
            if (layer === undefined)
                continue;
            fail(`/${entry.path} (from '${from}', line '${line}') ${p === entry.path ? 'is' : 'would sit under'} ` +
                `/${p}, which ${layer} already puts in the image. ` +
                (OWNER_HINT[layer] ?? 'Choose another DEST.'));
        }
        const under = needed.get(entry.path);
        if (under !== undefined && entry.type !== 'directory')
            fail(`/${entry.path} (from '${from}', line '${line}') would replace the directory that holds /${under}, ` +
                `which another layer puts in the image. Choose another DEST.`);
    }
}
/** A file at a/b and anything at a/b/c cannot both exist; withParents would not notice and write a broken tar. */
function checkParents(placed) {
    const byName = new Map(placed.map(p => [p.entry.path, p]));
    for (const p of placed) {
        const parts = p.entry.path.split('/');
        for (let i = 1; i < parts.length; i++) {
            const parent = byName.get(parts.slice(0, i).join('/'));
            if (parent && parent.entry.type !== 'directory')
                fail(`/${parent.entry.path} is a file (from '${parent.from}', line '${parent.line}') but /${p.entry.path} ` +
                    `(from '${p.from}', line '${p.line}') needs it to be a directory. Give one of them a different DEST.`);
        }
    }
}
/**
 * Walks each mapping under workingDirectory and returns plan entries for the 'files' layer (paths without
 * leading slash, NOT yet passed through withParents — the caller does that), sorted by path. Symlinks inside
 * the working directory are followed, so only files and directories come back. `reserved` holds the image
 * paths of files other layers own (not directories): a mapping may not land on one, under one, or on a
 * directory one needs.
 */
async function stageFiles(mappings, workingDirectory, reserved = new Set()) {
    const root = await (0,promises_.realpath)(workingDirectory).catch(() => fail(`working-directory ${workingDirectory} does not exist, so no SRC can be found. Fix working-directory.`));
    const walk = new Walk(root, workingDirectory);
    for (const m of mappings) {
        const ok = normaliseMapping(m.src, m.dest, m.line);
        try {
            await walk.stage(ok);
        }
        catch (e) {
            const code = e.code;
            // A file the runner may not read is the user's to fix, not a crash of the action.
            if (code === 'EACCES' || code === 'EPERM')
                fail(`cannot read what '${ok.line}' copies (${e.message}). Make it readable.`);
            throw e;
        }
    }
    const placed = walk.entries();
    checkParents(placed);
    checkReserved(placed, reserved);
    return placed.map(p => p.entry).sort(files_byPath);
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(62088);
;// CONCATENATED MODULE: ./lib/go/version.js
// Resolves a go-version spec (or a version file) against Go's release list, without any I/O.


/** go1.22 -> 1.22.0, go1.21rc2 -> 1.21.0-rc.2, go1.22.5 -> 1.22.5; undefined when it is not a Go version. */
function goToSemver(goVersion) {
    const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/.exec(goVersion.trim());
    if (!m)
        return undefined;
    const [, major, minor, patch, pre, preNum] = m;
    const base = `${major}.${minor}.${patch ?? '0'}`;
    return pre ? `${base}-${pre}.${preNum}` : base;
}
/** The form the tool cache and the go-version output use: 1.22.5, 1.22.0, 1.23.0-rc.1. */
function plain(goVersion) {
    return goVersion.replace(/^go/, '');
}
function archiveFor(release, os, arch) {
    return release.files.find(f => f.os === os && f.arch === arch && f.kind === 'archive');
}
/** The releases with an archive for the platform, newest first. */
function candidates(releases, os, arch) {
    return releases
        .map(r => ({ r, sv: goToSemver(r.version), file: archiveFor(r, os, arch) }))
        .filter((x) => !!x.sv && !!x.file)
        .sort((a, b) => semver.rcompare(a.sv, b.sv));
}
const minorOf = (sv) => `${semver.major(sv)}.${semver.minor(sv)}`;
/** The minor lines of the stable releases, newest first. */
function minors(stable) {
    return [...new Set(stable.map(x => minorOf(x.sv)))];
}
/** What the list offers, for an error: the newest release of each of its three newest lines. */
function offer(offered, floor) {
    const newest = minors(offered)
        .slice(0, 3)
        .map(m => plain(offered.find(x => minorOf(x.sv) === m).r.version));
    return `${floor ? `Newest releases at or above ${floor}` : 'Newest stable releases'}: ${newest.join(', ')}.`;
}
/**
 * The releases a fix may suggest above a floor (a go line): the stable ones at or above it, newest first; under a
 * pre-release floor (go 1.24rc1) that line's own candidates too.
 */
function atOrAbove(usable, floor) {
    const min = goToSemver(floor);
    if (!min)
        return [];
    const pre = semver.prerelease(min) !== null;
    return usable.filter(x => semver.gte(x.sv, min) && (x.r.stable || pre));
}
/**
 * Picks the release a spec asks for: "stable", "oldstable", an exact version ("1.22.5",
 * "1.23rc1"), a minor line ("1.22" = its newest patch) or a semver range ("^1.21").
 */
function resolveGoVersion(spec, releases, os, arch, o = {}) {
    const input = o.input ?? 'go-version';
    const usable = candidates(releases, os, arch);
    const stable = usable.filter(x => x.r.stable);
    const pick = (x) => x && { version: plain(x.r.version), file: x.file };
    const s = spec.trim().replace(/^go/, '');
    let found;
    if (s === 'stable' || s === 'latest') {
        found = pick(stable[0]);
    }
    else if (s === 'oldstable') {
        const newest = stable[0];
        if (newest) {
            const line = `${semver.major(newest.sv)}.${semver.minor(newest.sv) - 1}`;
            found = pick(stable.find(x => `${semver.major(x.sv)}.${semver.minor(x.sv)}` === line));
        }
    }
    else if (/^\d+\.\d+$/.test(s)) {
        // A minor line means its newest patch, as in go.mod's "go 1.19" or setup-go's "1.22".
        found = pick(stable.find(x => semver.satisfies(x.sv, `~${s}.0`)));
    }
    else if (goToSemver(s) && /^\d+\.\d+(\.\d+|(rc|beta)\d+)$/.test(s)) {
        found = pick(usable.find(x => x.sv === goToSemver(s)));
    }
    else if (semver.validRange(s)) {
        found = pick(stable.find(x => semver.satisfies(x.sv, s)));
    }
    else {
        throw new ports/* InputError */.d(`${input}: '${spec}' is not a Go version. Use a version such as 1.22 or 1.22.5, a range such as ^1.21, stable or oldstable.`);
    }
    if (!found) {
        const offered = o.floor ? atOrAbove(usable, o.floor) : stable;
        throw new ports/* InputError */.d(stable.length === 0
            ? `${input}: no Go release matches '${spec}' for ${os}/${arch}: the release list has no stable release for it. Check go-download-base-url.`
            : offered.length === 0
                ? `${input}: no Go release matches '${spec}' for ${os}/${arch}, and none is at or above ${o.floor} ` +
                    `(the newest is ${plain(stable[0].r.version)}). Point go-download-base-url at a mirror that has Go ` +
                    `${spec}, or lower the version you ask for.`
                : `${input}: no Go release matches '${spec}' for ${os}/${arch}. ${offer(offered, o.floor)} ` +
                    (o.fix ?? `Set ${input} to one of them, or to stable.`));
    }
    return found;
}
/**
 * Drops comments as Go's lexer does: `//` to the end of the line, outside quoted strings. A `/* … *\/` block
 * is dropped too (Go rejects it in go.mod; here it must not pass for a directive).
 */
function stripComments(text) {
    let out = '';
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"' || c === '`') {
            const end = c === '`' ? text.indexOf('`', i + 1) : quoteEnd(text, i);
            const stop = end < 0 ? text.length : end + 1;
            out += text.slice(i, stop);
            i = stop - 1;
        }
        else if (text.startsWith('//', i)) {
            const nl = text.indexOf('\n', i);
            i = (nl < 0 ? text.length : nl) - 1;
        }
        else if (text.startsWith('/*', i)) {
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? text.length : end + 2;
            // Newlines stay, so a block never joins two lines into one directive.
            out += text.slice(i, stop).replace(/[^\n]/g, ' ');
            i = stop - 1;
        }
        else
            out += c;
    }
    return out;
}
function quoteEnd(text, start) {
    for (let i = start + 1; i < text.length; i++) {
        if (text[i] === '\\')
            i++;
        else if (text[i] === '"' || text[i] === '\n')
            return i;
    }
    return -1;
}
function parseGoMod(content) {
    const lines = {};
    let depth = 0;
    for (const raw of stripComments(content).split(/\r?\n/)) {
        const text = raw.trim();
        const words = text.split(/\s+/).filter(Boolean);
        if (words.length === 0)
            continue;
        if (depth > 0) {
            if (text.startsWith(')'))
                depth--;
            continue;
        }
        if (text.endsWith('(')) {
            depth++;
            continue;
        }
        if (words.length !== 2)
            continue;
        const [verb, arg] = words;
        if (verb === 'go')
            lines.go = arg;
        else if (verb === 'toolchain' && arg !== 'default') {
            // go1.21.3-bigcorp names a build of go1.21.3 (Go's gover.FromToolchain); anything else is not a Go.
            const m = /^go(\d[^+-]*)(?:[+-].*)?$/.exec(arg);
            if (m)
                lines.toolchain = m[1];
        }
    }
    return lines;
}
/** Reads the wanted Go version from a version file's contents: go.mod/go.work, .go-version or .tool-versions. */
function versionFromFile(fileName, content) {
    const base = fileName.split(/[\\/]/).pop() ?? fileName;
    if (base === 'go.mod' || base === 'go.work') {
        const { go, toolchain } = parseGoMod(content);
        const goSv = go && goToSemver(go);
        const tcSv = toolchain && goToSemver(toolchain);
        // A toolchain older than the go line has no effect, as with the go command.
        if (toolchain && (!goSv || !tcSv || semver.gte(tcSv, goSv)))
            return { spec: toolchain, line: 'toolchain', ...(goSv ? { goLine: go } : {}) };
        return go ? { spec: go, line: 'go' } : undefined;
    }
    const spec = base === '.tool-versions'
        ? /^golang\s+(\S+)/m.exec(content)?.[1]
        : content
            .split('\n')
            .find(l => l.trim() !== '' && !l.trim().startsWith('#'))
            ?.trim()
            .replace(/^go/, '');
    return spec ? { spec } : undefined;
}
/**
 * Resolves a request against the release list. A go.mod/go.work go line is a minimum: its minor's newest patch
 * at or above it, else the newest stable release above it (with a notice). A go line or toolchain line that
 * lands on a minor older than the list's two newest gets a warning: Go fixes security issues only in those.
 */
function resolveGoRequest(req, releases, os, arch, 
/** The list's location as it may be shown, for messages. */
listUrl) {
    const file = req.file ?? 'the version file';
    const usable = candidates(releases, os, arch);
    const stable = usable.filter(x => x.r.stable);
    let found;
    const notices = [];
    if (req.line === 'go') {
        const min = goToSemver(req.spec);
        if (!min) {
            throw new ports/* InputError */.d(`${req.input}: the go line '${req.spec}' of ${file} is not a Go version. Write it as Go does, e.g. go 1.22 or go 1.22.3.`);
        }
        const line = minorOf(min);
        const pre = semver.prerelease(min) !== null;
        // A prerelease go line (1.23rc1) may be met by a later candidate of its own line.
        const ofLine = usable.find(x => minorOf(x.sv) === line && semver.gte(x.sv, min) && (x.r.stable || pre));
        const above = stable.find(x => semver.gte(x.sv, min));
        const pick = ofLine ?? above;
        if (!pick) {
            const newest = stable[0];
            throw new ports/* InputError */.d(`${req.input}: ${file} says go ${req.spec}, newer than any Go release for ${os}/${arch} at ${listUrl} ` +
                `(the newest is ${newest ? plain(newest.r.version) : 'none'}). Lower the go line` +
                (newest ? ` to ${minorOf(newest.sv)} or below` : '') +
                `, point go-download-base-url at a mirror that has Go ${req.spec}, or set go-version.`);
        }
        found = { version: plain(pick.r.version), file: pick.file };
        notices.push(ofLine
            ? `${file} says go ${req.spec}, a minimum: using Go ${found.version}, the newest patch of ${line}.`
            : `${file} says go ${req.spec}, a minimum, and ${listUrl} has no Go ${line} release at or above it: ` +
                `using Go ${found.version}, the newest stable release. Add a toolchain line to ${file} to pin another.`);
    }
    else {
        // A toolchain below the go line is not used, so the fix never suggests one.
        const floor = req.line === 'toolchain' ? req.goLine : undefined;
        const newest = floor ? atOrAbove(usable, floor)[0] : stable[0];
        const fix = req.line === 'toolchain'
            ? `Change the toolchain line of ${file} to one of them (e.g. toolchain go${newest ? plain(newest.r.version) : '1.N.P'}), or set go-version.`
            : req.file
                ? `Change ${file} to one of them, or set go-version.`
                : undefined;
        found = resolveGoVersion(req.spec, releases, os, arch, { input: req.input, fix, floor });
    }
    const warnings = [];
    const chosen = goToSemver(found.version);
    const supported = minors(stable).slice(0, 2);
    const newest = stable[0];
    if (req.line &&
        chosen &&
        newest &&
        supported.length === 2 &&
        semver.lt(chosen, `${supported[1]}.0-0`)) {
        const latest = plain(newest.r.version);
        warnings.push(`Go ${found.version} (from the ${req.line} line of ${file}) is no longer supported: Go fixes security ` +
            `issues only in its two newest lines (${supported.join(' and ')}), so the standard library built into ` +
            `this binary gets no security fixes. The newest release is Go ${latest}: set go-version: stable, or ` +
            (req.line === 'toolchain'
                ? `change the toolchain line of ${file} to 'toolchain go${latest}'.`
                : `add the line 'toolchain go${latest}' to ${file}.`));
    }
    return { ...found, notices, warnings };
}
/** The tool cache's name for a version (1.23.0-rc.1) back to Go's (1.23rc1); Go dropped ".0" before 1.21. */
function semverToGo(sv) {
    const v = semver.parse(sv);
    if (!v)
        return sv;
    const pre = v.prerelease.length === 2 ? `${v.prerelease[0]}${v.prerelease[1]}` : '';
    const line = `${v.major}.${v.minor}`;
    if (pre)
        return `${line}${pre}`;
    return v.patch === 0 && semver.lt(sv, '1.21.0') ? line : `${line}.${v.patch}`;
}
/**
 * Picks a Go already in the tool cache (as the runner images have several) that satisfies the spec, so the
 * release list need not be fetched. "stable" and "oldstable" always need the list.
 */
function resolveCached(spec, cached) {
    const s = spec.trim().replace(/^go/, '');
    const valid = cached.filter(v => semver.valid(v));
    let range;
    if (/^\d+\.\d+$/.test(s))
        range = `~${s}.0`;
    else if (goToSemver(s) && /^\d+\.\d+(\.\d+|(rc|beta)\d+)$/.test(s))
        range = goToSemver(s);
    else if (s !== 'stable' && s !== 'latest' && s !== 'oldstable' && semver.validRange(s))
        range = s;
    else
        return undefined;
    const best = semver.maxSatisfying(valid, range, { includePrerelease: range.includes('-') });
    return best ? semverToGo(best) : undefined;
}
/**
 * resolveCached for a request: a go line is a minimum, so any cached patch of its minor at or above it will do
 * (the newest); other requests are resolved as their spec.
 */
function resolveCachedRequest(req, cached) {
    if (req.line !== 'go')
        return resolveCached(req.spec, cached);
    const min = goToSemver(req.spec);
    if (!min)
        return undefined;
    const next = `${semver.major(min)}.${semver.minor(min) + 1}.0-0`;
    const best = semver.maxSatisfying(cached.filter(v => semver.valid(v)), `>=${min} <${next}`, { includePrerelease: semver.prerelease(min) !== null });
    return best ? semverToGo(best) : undefined;
}

;// CONCATENATED MODULE: ./lib/go/refusal.js
// Tells when Go refused to load a package because of a Go version (the go line, the toolchain line, a dependency's minimum) rather than the package or working-directory.


/**
 * Reads go list's stderr (Go 1.19 to today; x/mod's modfile and cmd/go's gover.TooNewError word these messages)
 * for a cause that is a Go version. Undefined for anything else, whose fix is the package or working-directory.
 */
function goRefusal(stderr) {
    const file = /(?:^|[\s/])(go\.(?:mod|work)):\d+:/.exec(stderr)?.[1] ?? 'go.mod';
    const badGo = /invalid go version '([^']*)'/.exec(stderr);
    if (badGo) {
        const line = badGo[1];
        const sv = goToSemver(line);
        if (!sv) {
            return {
                input: file,
                hint: `The go line '${line}' of ${file} is not a Go version: write it as Go does, e.g. go 1.22 or go 1.22.3.`
            };
        }
        // Go 1.21 reads go 1.21.0 and go 1.21rc1; older Go reads only 1.N there.
        const minor = sv.split('.').slice(0, 2).join('.');
        return {
            input: file,
            hint: `Go before 1.21 reads only a go line of the form 1.N, and ${file} says go ${line}. Write 'go ${minor}' ` +
                `(the newest ${minor} patch is still used), or use Go 1.21 or newer (go-version).`
        };
    }
    if (/unknown directive: toolchain/.test(stderr)) {
        return {
            input: 'go-version',
            hint: `The Go in use is older than 1.21, which added the toolchain line of ${file}. Use Go 1.21 or newer: leave ` +
                `go-version empty so that the toolchain line chooses, or set it to 1.21 or newer.`
        };
    }
    const badToolchain = /invalid toolchain version '([^']*)'/.exec(stderr);
    if (badToolchain) {
        return {
            input: file,
            hint: `The toolchain line '${badToolchain[1]}' of ${file} is not a Go toolchain: write it as Go does, e.g. toolchain go1.22.3.`
        };
    }
    const tooNew = /(\S+) requires go >= (\S+) \(running go ([^;)\s]+)/.exec(stderr);
    if (tooNew) {
        const [, what, need, running] = tooNew;
        if (/(^|\/)go\.(mod|work)$/.test(what)) {
            return {
                input: 'go-version',
                hint: `Go ${running} is older than the go line of ${what} (go ${need}), and the action keeps the Go it ` +
                    `installed (GOTOOLCHAIN=local). Set go-version to ${need} or newer, or leave it empty so that ` +
                    `the go line chooses.`
            };
        }
        return {
            input: 'go-version',
            hint: `The dependency ${what} needs Go ${need} or newer, and this build uses Go ${running}. Set go-version ` +
                `to ${need} or newer, and raise the go line of go.mod to match (go mod tidy does).`
        };
    }
    return undefined;
}
/**
 * The error for a go list that failed on a package line: the Go version's fix when that was the cause, else fix
 * (where the package is).
 */
function loadError(pkg, cwd, stderr, fix) {
    const refusal = goRefusal(stderr);
    return new ports/* InputError */.d(`${refusal?.input ?? 'package'}: Go cannot load '${pkg}' in working-directory '${cwd}': ${stderr.trim()}. ` +
        (refusal?.hint ?? fix));
}

;// CONCATENATED MODULE: ./lib/compile/compile.js
// Checks the package is a main package and compiles it with the installed Go.



/** The binary name Go itself would pick: the last import path element, or the file name for a .go file. */
function defaultBinaryName(importPath, pkg) {
    if (pkg.endsWith('.go'))
        return external_node_path_.basename(pkg, '.go');
    const last = importPath.split('/').pop() ?? '';
    // A major-version suffix (example.com/app/v2) is not the program's name, as `go install` knows;
    // to Go (isVersionElement) v0, v1 and v01 are no such suffix.
    const parts = importPath.split('/');
    if (/^v([2-9]\d*|1\d+)$/.test(last) && parts.length > 1)
        return parts[parts.length - 2] ?? last;
    return last;
}
async function inspectMainPackage(runner, goBin, env, cwd, pkg) {
    const res = await runner.run(goBin, ['list', '-f', '{{.Name}} {{.ImportPath}}', pkg], {
        cwd,
        env,
        silent: true
    });
    if (res.exitCode !== 0) {
        throw loadError(pkg, cwd, res.stderr, 'Set working-directory to the Go module and package to its main package, e.g. ./cmd/app.');
    }
    const [name, importPath] = res.stdout.trim().split(/\s+/);
    if (name !== 'main' || !importPath) {
        throw new ports/* InputError */.d(`package: '${pkg}' is package ${name ?? '?'}, not a main package. ` +
            `Point package at a directory with package main and func main, e.g. ./cmd/app.`);
    }
    return { importPath, binaryName: defaultBinaryName(importPath, pkg) };
}
/** Non-standard packages in the build that have cgo files: why a CGO_ENABLED=0 build failed, when it did. */
async function cgoPackages(runner, goBin, env, cwd, pkg, tags) {
    const format = '{{if and (not .Standard) .CgoFiles}}{{.ImportPath}}{{end}}';
    const args = ['list', '-deps', '-f', format, ...(tags ? [`-tags=${tags}`] : []), pkg];
    const res = await runner.run(goBin, args, {
        cwd,
        env: { ...env, CGO_ENABLED: '1' },
        silent: true
    });
    return res.exitCode === 0
        ? res.stdout
            .split('\n')
            .map(s => s.trim())
            .filter(Boolean)
        : [];
}
async function compile(runner, goBin, env, cwd, args, explain) {
    const res = await runner.run(goBin, args, { cwd, env });
    if (res.exitCode !== 0) {
        // With cgo on, the failure is the C toolchain's own, and its message says more than a refusal would.
        const cgo = env.CGO_ENABLED === '1'
            ? []
            : await cgoPackages(runner, goBin, env, cwd, explain.pkg, explain.tags);
        if (cgo.length) {
            throw new ports/* InputError */.d(`package: ${explain.pkg} needs cgo (import "C" in ${cgo.join(', ')}), but a scratch image has no C library, ` +
                `so the action builds with CGO_ENABLED=0 (cgo: off). Set cgo: static|dynamic (static links the C library ` +
                `into the binary, musl preferred; dynamic ships the shared libraries it loads in a libraries layer), or use ` +
                `a pure-Go replacement (e.g. modernc.org/sqlite for github.com/mattn/go-sqlite3), or a build tag that ` +
                `leaves the cgo code out.`);
        }
        throw new Error(`go build failed (exit code ${res.exitCode}) for GOOS=${env.GOOS} GOARCH=${env.GOARCH}:\n${res.stderr.trim()}`);
    }
}

// EXTERNAL MODULE: ./lib/compile/elf.js
var compile_elf = __webpack_require__(65224);
;// CONCATENATED MODULE: ./lib/rootfs/settings.js
// Parses the image-config inputs (user, workdir, env, expose, entrypoint, args, labels) and derives OCI labels from the GitHub context.




const NAMED_USERS = {
    root: '0:0',
    nobody: '65534:65534',
    [NONROOT.name]: `${NONROOT.uid}:${NONROOT.gid}`
};
/**
 * The PATH Docker (classic and BuildKit) gives a FROM scratch image; the native image sets the same, so both
 * builders' configs agree and exec.LookPath behaves as in distroless.
 */
const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
function parseUser(raw) {
    const v = raw.trim();
    if (v === '')
        return `${NONROOT.uid}:${NONROOT.gid}`;
    // hasOwn: user text such as __proto__ must not find what every object has.
    const named = Object.hasOwn(NAMED_USERS, v) ? NAMED_USERS[v] : undefined;
    if (named)
        return named;
    const m = /^(\d+):(\d+)$/.exec(v);
    if (m && Number(m[1]) <= 2 ** 31 - 1 && Number(m[2]) <= 2 ** 31 - 1)
        return `${m[1]}:${m[2]}`;
    throw new ports/* InputError */.d(`user: '${v}' is not a user of the image. Use nonroot (65532:65532, the default), root, nobody, or a numeric uid:gid such as 1000:1000.`);
}
function parseWorkdir(raw) {
    const v = raw.trim() || '/';
    if (!v.startsWith('/') || v.split('/').includes('..')) {
        throw new ports/* InputError */.d(`workdir: '${v}' must be an absolute path in the image without '..', e.g. /app.`);
    }
    return external_node_path_.posix.normalize(v).replace(/(.)\/$/, '$1');
}
/** `8080`, `8080/tcp`, `53/udp`: as Docker's ExposedPorts keys, protocol defaulting to tcp. */
function parseExpose(items) {
    const out = items.map(item => {
        const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(item);
        const port = Number(m?.[1]);
        if (!m || port < 1 || port > 65535) {
            throw new ports/* InputError */.d(`expose: '${item}' is not a port. Use a number from 1 to 65535, optionally with /tcp, /udp or /sctp (e.g. 8080 or 53/udp).`);
        }
        return `${port}/${(m[2] ?? 'tcp').toLowerCase()}`;
    });
    return [...new Set(out)];
}
/**
 * A command as JSON array (`["/app", "serve"]`) or as words with shell-style quotes; the exec form is what the
 * image stores, since scratch has no shell to run a string.
 */
function parseCommand(raw, name, split) {
    const v = raw.trim();
    if (v === '')
        return undefined;
    if (v.startsWith('[')) {
        let parsed;
        try {
            parsed = JSON.parse(v);
        }
        catch {
            parsed = undefined;
        }
        if (!Array.isArray(parsed) || !parsed.every(x => typeof x === 'string')) {
            throw new ports/* InputError */.d(`${name}: '${v}' is not a JSON array of strings. Write ["/app", "--flag"] or plain words (/app --flag).`);
        }
        return parsed;
    }
    return split(v);
}
function validateEnv(env) {
    return Object.entries(env).map(([k, v]) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
            throw new ports/* InputError */.d(`env: '${k}' is not a variable name. Use letters, digits and _ (not starting with a digit).`);
        }
        checkValue('env', k, v);
        return `${k}=${v}`;
    });
}
/**
 * A line break or other control character cannot be written as one Dockerfile ENV or LABEL line, so the two
 * builders would disagree; an input line holds one value, so such a character is a pasting mistake.
 */
function checkValue(input, key, value) {
    const bad = [...value].find(c => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
    if (bad) {
        throw new ports/* InputError */.d(`${input}: the value of ${key} (${JSON.stringify(value)}) holds the control character ` +
            `${JSON.stringify(bad)}. Give each ${input === 'env' ? 'variable' : 'label'} one single-line value, one KEY=VALUE a line.`);
    }
}
function validateLabels(labels) {
    for (const k of Object.keys(labels)) {
        if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(k)) {
            throw new ports/* InputError */.d(`labels: '${k}' is not a label key. Use reverse-DNS keys such as org.example.team (letters, digits, '.', '-', '_', '/').`);
        }
        checkValue('labels', k, labels[k]);
    }
    return labels;
}
// The repository object of the event payload (GITHUB_EVENT_PATH), as far as labels read it; GitHub writes it for
// every event that has a repository. A field of another shape is left out, never an error.
const settings_text = schemas/* string */.YjP().catch('');
const settings_payloadSchema = schemas/* object */.Ikc({
    repository: schemas/* object */.Ikc({
        name: settings_text,
        description: schemas/* string */.YjP().nullable().catch(null),
        license: schemas/* object */.Ikc({ spdx_id: schemas/* string */.YjP().nullable().catch(null) })
            .nullable()
            .catch(null)
    })
        .optional()
        .catch(undefined)
});
/** One line of label text: a payload's control characters (a newline) would break the Dockerfile's LABEL. */
const oneLine = (s) => s.replace(/\p{Cc}+/gu, ' ').trim();
/**
 * title, description and licenses, as docker/metadata-action sets them from the repository, here from the event
 * payload the runner already wrote (no API call that could fail the step): the title is the repository's name,
 * the licence its SPDX id (GitHub's NOASSERTION, a licence it could not identify, is left out).
 */
function repositoryLabels(github) {
    const repository = settings_payloadSchema
        .catch({ repository: undefined })
        .parse(github.event.payload ?? {}).repository;
    const out = {};
    const title = oneLine(repository?.name || github.repository.split('/')[1] || '');
    if (title)
        out['org.opencontainers.image.title'] = title;
    const description = oneLine(repository?.description ?? '');
    if (description)
        out['org.opencontainers.image.description'] = description;
    const license = oneLine(repository?.license?.spdx_id ?? '');
    if (license && license !== 'NOASSERTION')
        out['org.opencontainers.image.licenses'] = license;
    return out;
}
/**
 * The org.opencontainers.image.* labels the GitHub context can fill: source, revision, created and version
 * (the tag without a leading v for a semver tag, else the tag or branch name, or pr-N), and repositoryLabels.
 */
function ociLabels(github, created) {
    const out = {};
    if (github.repository)
        out['org.opencontainers.image.source'] = `${github.webUrl}/${github.repository}`;
    if (github.sha)
        out['org.opencontainers.image.revision'] = github.sha;
    out['org.opencontainers.image.created'] = created;
    const { tag, pr, branch } = github.git;
    const version = (tag === undefined ? undefined : (/^v?(\d+\.\d+\.\d+\S*)$/.exec(tag)?.[1] ?? tag)) ??
        (pr ? `pr-${pr}` : undefined) ??
        branch;
    if (version)
        out['org.opencontainers.image.version'] = version;
    return { ...out, ...repositoryLabels(github) };
}

;// CONCATENATED MODULE: ./lib/rootfs/debug.js
// The debug layer of the TAG-debug images: a static busybox at /busybox with its applets as links, like distroless :debug.






const DEBUG_DIR = 'busybox';
/** Refuses a busybox that would not run in a scratch image of this platform: dynamic, or for another machine. */
function checkBusybox(buf, where, platform) {
    let info;
    try {
        info = (0,compile_elf/* readElf */.oU)(buf);
    }
    catch (e) {
        throw new ports/* InputError */.d(`debug-busybox: ${where} is not a busybox binary: ${e.message}.`);
    }
    const wrong = (0,compile_elf/* machineMismatch */.iv)(info, platform.architecture);
    if (wrong) {
        throw new ports/* InputError */.d(`debug-busybox: ${where} is a ${wrong} binary, but the ${(0,lib_platform/* platformString */.Fd)(platform)} image needs ` +
            `${(0,compile_elf/* machineName */.Fm)(platform.architecture)}. Point debug-busybox at a static busybox for ${(0,lib_platform/* platformString */.Fd)(platform)} ` +
            `(e.g. from Debian's busybox-static package of that architecture).`);
    }
    if (info.interpreter || info.needed.length) {
        throw new ports/* InputError */.d(`debug-busybox: ${where} is dynamically linked (${[info.interpreter, ...info.needed].filter(Boolean).join(', ')}), ` +
            `and the image has no C library for it. Use a static busybox (Debian: busybox-static, /bin/busybox).`);
    }
}
/**
 * The busybox to use for a platform: debug-busybox when given, else the runner's /bin/busybox for the runner's
 * own architecture; its bytes, checked.
 */
async function chooseBusybox(o) {
    const name = (0,lib_platform/* platformString */.Fd)(o.platform);
    const p = o.input ??
        (o.platform.architecture === o.runnerArch ? (o.runnerBusybox ?? '/bin/busybox') : undefined);
    if (!p) {
        throw new ports/* InputError */.d(`debug-busybox: debug: true for ${name} needs a static busybox for ${name}, and this runner is ${o.runnerArch}. ` +
            `Set debug-busybox to one (e.g. /bin/busybox from Debian's busybox-static:${name.split('/')[1]} package).`);
    }
    const bytes = await (0,promises_.readFile)(p).catch(() => undefined);
    if (!bytes) {
        throw new ports/* InputError */.d(`debug-busybox: ${p} cannot be read. ${o.input ? 'Correct debug-busybox' : 'Install busybox-static (sudo apt-get install busybox-static)'}, ` +
            `which provides a static /bin/busybox.`);
    }
    checkBusybox(bytes, p, o.platform);
    return { path: p, bytes };
}
/** The applets busybox was built with (busybox --list), when it runs here; else just sh. */
async function busyboxApplets(runner, busybox, runs) {
    if (!runs)
        return ['sh'];
    const res = await runner.run(busybox, ['--list'], { silent: true }).catch(() => undefined);
    const names = (res?.exitCode === 0 ? res.stdout : '')
        .split('\n')
        .map(s => s.trim())
        .filter(s => /^[A-Za-z0-9._[-]+$/.test(s) && s !== 'busybox');
    return names.length ? [...new Set(names)].sort() : ['sh'];
}
/** /busybox/busybox and a link per applet; busybox picks the applet from the name it is called by. */
function debugLayer(busybox, applets) {
    const entries = [
        dir(DEBUG_DIR),
        file(`${DEBUG_DIR}/busybox`, busybox.path, busybox.bytes.length, 0o755),
        ...applets.map(a => symlink(`${DEBUG_DIR}/${a}`, 'busybox'))
    ];
    return { name: 'debug', entries: withParents(entries) };
}
/** The image's PATH with /busybox after its own directories, so the image's programs win. */
function debugSettings(settings) {
    const env = [...settings.env];
    const at = env.findIndex(e => e.startsWith('PATH='));
    const current = at >= 0 ? env[at] : DEFAULT_PATH;
    const value = `${current}${current === 'PATH=' ? '' : ':'}/${DEBUG_DIR}`;
    if (at >= 0)
        env[at] = value;
    else
        env.unshift(value);
    return { ...settings, env };
}
/**
 * Chooses every platform's busybox before Go is installed (goVersion waits for it): a busybox that cannot run in
 * the image is an input error, not a late failure. The stage is left out without debug.
 */
function busyboxStage(o, ports) {
    return {
        run: async () => {
            const out = new Map();
            for (const platform of o.platforms) {
                const busybox = await chooseBusybox({
                    platform,
                    runnerArch: ports.runnerArch,
                    input: o.debugBusybox
                });
                const applets = await busyboxApplets(ports.runner, busybox.path, platform.architecture === ports.runnerArch);
                out.set((0,lib_platform/* platformString */.Fd)(platform), { ...busybox, applets });
            }
            return out;
        }
    };
}

;// CONCATENATED MODULE: ./lib/rootfs/binary-name.js
// binary-name, given or derived from the package: a file name at the image root that takes no top-level path the image or a runtime needs.




/** What runtimes put at the top of every container's filesystem, whatever the image holds. */
const RUNTIME_PATHS = {
    proc: 'runtimes mount procfs there',
    sys: 'runtimes mount sysfs there',
    dev: 'runtimes mount the device nodes there',
    run: 'Podman writes /run/.containerenv and mounts /run/secrets',
    var: 'Kubernetes mounts the service-account token at /var/run/secrets'
};
/** OCI layers read a name starting with this as "delete the rest of the name from the layers below". */
const binary_name_WHITEOUT = '.wh.';
/** NAME_MAX: the longest file name Linux file systems take, in bytes. */
const NAME_MAX = 255;
/**
 * Each top-level path of the image the file plan makes, and why the image needs it. The files input is left to
 * its own check (src/rootfs/files.ts), whose message names the files line as well as the binary.
 */
function imageTopLevel(o) {
    const out = new Map();
    const claim = (top, why) => {
        if (top && !out.has(top))
            out.set(top, why);
    };
    const planned = [systemLayer(o.workdir), homeLayer(o.workdir)].flatMap(l => l.entries);
    for (const e of planned) {
        if (e.path.includes('/'))
            continue;
        // The deepest path planned under it says best what the directory is for.
        const under = planned.filter(x => x.path.startsWith(`${e.path}/`)).pop();
        claim(e.path, under ? `the directory that holds /${under.path}` : `the directory /${e.path}`);
    }
    if (o.caCertificates !== 'none' || o.extraCaCertificates.length)
        claim(CA_BUNDLE_PATH.split('/')[0], `the CA bundle goes to /${CA_BUNDLE_PATH}`);
    if (o.zoneinfo !== false)
        claim(ZONEINFO_PATH.split('/')[0], `zoneinfo goes to /${ZONEINFO_PATH} or /${ZONEINFO_ZIP_PATH}`);
    if (o.debug)
        claim(DEBUG_DIR, `the busybox of the -debug image`);
    for (const [top, why] of Object.entries(RUNTIME_PATHS))
        claim(top, why);
    return out;
}
/** A free name close to the one refused, for the message: its plain last element, else that with -app. */
function suggestion(name, taken) {
    const plain = (name.split('/').filter(Boolean).pop() ?? '')
        .replace(/^(\.wh\.)+/, '')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[.-]+/, '');
    const candidates = [plain === name ? '' : plain, plain && `${plain}-app`];
    return candidates.find(c => c && Buffer.byteLength(c) <= NAME_MAX && !taken.has(c)) ?? 'app';
}
/**
 * Refuses a binary name the image cannot hold at its root: `.`, `..`, a whiteout name, one too long, or a top-level
 * path the image or a runtime needs. from names the package a derived name comes from (several: one of the main
 * packages of a monorepo run, where binary-name cannot name just one); without it the name was given as
 * binary-name, which must also be a plain file name.
 */
function checkBinaryName(name, taken, from) {
    const subject = from
        ? `the binary is named '${name}' after the package ${from.pkg}, and`
        : `'${name}'`;
    const better = `binary-name: ${suggestion(name, taken)}`;
    const fix = from?.several
        ? `Build that package in a step of its own with binary-name (e.g. ${better}), or rename its folder.`
        : `Set binary-name to another name, e.g. ${better}.`;
    const refuse = (why) => {
        throw new ports/* InputError */.d(`binary-name: ${subject} ${why} ${fix}`);
    };
    if (!from && !/^[A-Za-z0-9._-]+$/.test(name))
        refuse(`is not a plain file name (letters, digits, '.', '_', '-').`);
    if (name === '.' || name === '..')
        refuse(`is not a file name: /${name} is the image root${name === '..' ? "'s parent" : ''}.`);
    if (name.startsWith(binary_name_WHITEOUT))
        refuse(`starts with ${binary_name_WHITEOUT}, which OCI layers read as deleting /${name.slice(binary_name_WHITEOUT.length)}.`);
    if (Buffer.byteLength(name) > NAME_MAX)
        refuse(`is longer than the ${NAME_MAX} bytes a file name may have.`);
    const why = taken.get(name);
    if (why !== undefined)
        refuse(`would put the binary at /${name}, a path the image needs (${why}).`);
}
/** binary-name as given: empty (named after the package), or a plain file name that collides with nothing. */
function parseBinaryName(raw, taken) {
    const name = raw.trim();
    if (name)
        checkBinaryName(name, taken);
    return name;
}
/**
 * The main package's import path and the binary's name: binary-name, else the package's, refused here (before
 * the compile) when the image needs that path.
 */
function mainStage(o, paths, runner) {
    return {
        run: async ({ go }) => {
            const main = await inspectMainPackage(runner, go.goBin, go.env, o.workingDirectory, o.package);
            if (!o.binaryName)
                checkBinaryName(main.binaryName, imageTopLevel(paths), { pkg: main.importPath });
            return { importPath: main.importPath, binaryName: o.binaryName || main.binaryName };
        }
    };
}

;// CONCATENATED MODULE: ./lib/attest/oidc.js
// The job's OIDC identity token from the Actions runtime, the identity Fulcio binds a signing certificate to.

/** Whether the job can mint an OIDC token: the runner sets both only under `permissions: id-token: write`. */
function canMintIdToken(env) {
    return !!env.ACTIONS_ID_TOKEN_REQUEST_URL && !!env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
}
/** What to do when the token service is down or silent: it is GitHub's, not the step's. */
const DOWN = "It is GitHub's service, not this step's: re-run the job, raise registry-timeout if it is only slow, or use " +
    'provenance: auto to push without signed provenance while it is down.';
/**
 * Asks the Actions token service for a token with the given audience (GET ACTIONS_ID_TOKEN_REQUEST_URL with
 * &audience=, Bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN, answer {"value": JWT}), once per run: every signature of the
 * run uses the same token. The request goes through the HTTP layer's policy and budget (fetch is its one-attempt
 * transport), so a token service that never answers fails within registry-timeout's bounds. Both the request
 * token and the answer are masked before anything could log them.
 */
function actionsIdentity(env, fetch, logger, audience = 'sigstore') {
    let token;
    const service = 'the Actions OIDC token service';
    const bounded = (0,retry/* serviceFetch */.M9)(fetch, { service, timeoutInput: 'registry-timeout' });
    const mint = async () => {
        const base = env.ACTIONS_ID_TOKEN_REQUEST_URL;
        const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
        if (!base || !bearer) {
            throw new Error('this job cannot mint an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set): add `permissions: id-token: write` to the job.');
        }
        logger.mask(bearer);
        const url = new URL(base);
        url.searchParams.set('audience', audience);
        const res = await bounded(url, {
            headers: { Accept: 'application/json', Authorization: `Bearer ${bearer}` }
        }).catch((e) => {
            if (!(e instanceof retry/* GaveUp */.TL))
                throw e;
            throw new Error(`${e.message}. ${DOWN}`, { cause: e });
        });
        if (!res.ok) {
            // The body may echo what was sent; only the status is worth saying.
            await res.body?.cancel();
            const fix = res.status === 401 || res.status === 403
                ? 'Does the job have `permissions: id-token: write`?'
                : DOWN;
            throw new Error(`${service} answered ${res.status} ${res.statusText}. ${fix}`);
        }
        const body = (await res.json().catch(() => undefined));
        if (typeof body?.value !== 'string' || !body.value) {
            throw new Error(`${service} answered without a token (no "value").`);
        }
        logger.mask(body.value);
        return body.value;
    };
    return {
        getToken: () => {
            token ??= mint();
            return token;
        }
    };
}
/** Removes the given secrets from a message, for errors that quote what they were sent (FulcioSigner quotes the token). */
function oidc_redact(message, secrets) {
    let out = message;
    for (const s of secrets)
        if (s)
            out = out.split(s).join('***');
    return out;
}

;// CONCATENATED MODULE: ./lib/attest/config.js
// The provenance input: whether this run signs SLSA provenance, decided before anything is built or pushed.


/**
 * Validates provenance: auto (sign when the job can mint an OIDC token), true or false. true in a job that
 * cannot mint one fails here, before anything is pushed: the attestation would otherwise be missing from a
 * release that asked for it.
 */
function parseProvenance(raw, env) {
    const value = raw.trim().toLowerCase() || 'auto';
    if (value !== 'auto' && value !== 'true' && value !== 'false') {
        throw new ports/* InputError */.d(`provenance: '${raw.trim()}' is not auto, true or false. auto signs SLSA provenance when the job can mint an OIDC token (permissions: id-token: write).`);
    }
    if (value === 'true' && !canMintIdToken(env)) {
        throw new ports/* InputError */.d('provenance: true, but this job cannot mint an OIDC token to sign with (ACTIONS_ID_TOKEN_REQUEST_URL is not set). ' +
            'Add `permissions: id-token: write` (and `attestations: write`) to the job; pull requests from forks never get one, ' +
            'so use provenance: auto there, which signs only when a token is available.');
    }
    return value;
}
/** Whether to sign: explicitly, or under auto when the runner offers a token. */
function provenanceOn(mode, env) {
    return mode === 'true' || (mode === 'auto' && canMintIdToken(env));
}

;// CONCATENATED MODULE: ./lib/vuln/inputs.js
// Parses the vulnerabilities, vuln-db and vuln-allow inputs into typed values, refusing bad ones with an InputError that names the input, quotes the value and says what works.

const DEFAULT_VULN_DB = 'https://vuln.go.dev';
/** vulnerabilities: report (the default), fail or off, in any case. */
function parseVulnerabilities(raw) {
    const value = raw.trim().toLowerCase() || 'report';
    if (value === 'report' || value === 'fail' || value === 'off')
        return value;
    throw new ports/* InputError */.d(`vulnerabilities: '${shown(raw)}' is not report, fail or off. Use report (list the known vulnerabilities ` +
        `of the binary, the default), fail (also fail the step before anything is pushed when one is reachable ` +
        `and not in vuln-allow) or off.`);
}
/**
 * vuln-db: the Go vulnerability database's base URL, https://vuln.go.dev when empty: an http(s) URL, or a file:
 * URL of a directory in the database's layout. Returned without a trailing slash, credentials kept (the client
 * sends them as Basic authorization and never logs them).
 */
function parseVulnDb(raw) {
    const value = raw.trim();
    if (value === '')
        return DEFAULT_VULN_DB;
    const refuse = (why) => new ports/* InputError */.d(`vuln-db: '${shown(value)}' ${why}. Use the Go vulnerability database's base URL (https://vuln.go.dev, ` +
        `the default), a mirror's http(s) URL, or a file: URL of a directory in its layout (file:///srv/vulndb).`);
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw refuse('is not a URL');
    }
    if (url.protocol === 'http:' || url.protocol === 'https:') {
        if (!url.hostname)
            throw refuse('has no host');
    }
    else if (url.protocol === 'file:') {
        if (url.hostname && url.hostname !== 'localhost')
            throw refuse('names a host; a file: URL is local');
    }
    else {
        throw refuse(`is a ${url.protocol.replace(/:$/, '')}: URL, not http, https or file`);
    }
    if (url.search || url.hash)
        throw refuse('has a query or fragment, which the protocol has no use for');
    return value.replace(/\/+$/, '');
}
const GO_ID = /^GO-\d{4}-\d{4,}$/i;
const CVE_ID = /^CVE-\d{4}-\d{4,}$/i;
const GHSA_ID = /^GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}$/i;
/** The ID in its canonical case (GHSA's groups are lower case), or undefined when it is none of the three kinds. */
function canonicalId(raw) {
    if (GO_ID.test(raw) || CVE_ID.test(raw))
        return raw.toUpperCase();
    if (GHSA_ID.test(raw))
        return `GHSA${raw.slice(4).toLowerCase()}`;
    return undefined;
}
/**
 * vuln-allow: one ID a line (the Go database's GO-YYYY-NNNN, or a CVE or GHSA alias of it), then optionally its
 * reason, after a space or a colon: `GO-2024-1234 not reachable with our config` or `CVE-2023-45288: fixed by
 * the proxy`. Blank lines and # comments are skipped; an ID listed twice is refused (which reason would count?).
 */
function parseVulnAllow(raw) {
    const out = [];
    const seen = new Set();
    for (const line of raw.split(/\r?\n/)) {
        const text = line.trim();
        if (text === '' || text.startsWith('#'))
            continue;
        const m = /^([^\s:]+)(?::|\s|$)\s*(.*)$/s.exec(text);
        const id = m && canonicalId(m[1]);
        if (!m || !id) {
            throw new ports/* InputError */.d(`vuln-allow: '${shown(text)}' does not start with a vulnerability ID. Write one a line, GO-YYYY-NNNN ` +
                `(or its CVE-YYYY-NNNN or GHSA-xxxx-xxxx-xxxx alias), then optionally why: GO-2024-1234: not ` +
                `reachable with our configuration.`);
        }
        if (seen.has(id)) {
            throw new ports/* InputError */.d(`vuln-allow: ${id} is listed twice. Keep one line for it, with the reason that applies.`);
        }
        seen.add(id);
        const reason = m[2].trim();
        out.push(reason ? { id, reason } : { id });
    }
    return out;
}
/** vuln-allow text that parses back to the same entries. */
function formatVulnAllow(entries) {
    return entries.map(e => (e.reason ? `${e.id}: ${e.reason}` : e.id)).join('\n');
}
/** A value as an error quotes it: one line, at most 200 characters. */
function shown(raw) {
    const one = raw.trim().replace(/\s+/g, ' ');
    return one.length > 200 ? `${one.slice(0, 197)}...` : one;
}

;// CONCATENATED MODULE: ./lib/merge/digests.js
// Reads the merge-digests input: digests as lines, or a folder of digest files as matrix legs upload them.




const digests_DIGEST = /^sha256:[0-9a-f]{64}$/;
const HEX = /^[0-9a-f]{64}$/;
/**
 * The digests to merge. One line naming a folder (relative to the workspace) reads the file names in it, as
 * Docker's multi-runner recipe writes them (the digest's hex, no "sha256:"); otherwise every line (or
 * comma-separated item) is a digest, sha256:<64 hex> or the bare hex.
 */
function parseMergeDigests(raw, workspace) {
    const items = raw
        .split(/[\n,]/)
        .map(s => s.trim())
        .filter(s => s !== '' && !s.startsWith('#'));
    if (!items.length)
        return { digests: [] };
    const only = items.length === 1 ? items[0] : undefined;
    if (only && !digests_DIGEST.test(only) && !HEX.test(only)) {
        const dir = external_node_path_.resolve(workspace, only);
        const isDir = (() => {
            try {
                return (0,external_node_fs_.statSync)(dir).isDirectory();
            }
            catch {
                return false;
            }
        })();
        if (isDir)
            return { digests: fromFolder(dir), dir };
    }
    return { digests: checked(items, 'merge-digests') };
}
function fromFolder(dir) {
    const names = (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true })
        .filter(e => e.isFile() && !e.name.startsWith('.'))
        .map(e => e.name)
        .sort();
    if (!names.length) {
        throw new ports/* InputError */.d(`merge-digests: the folder ${dir} holds no digest files. Download the legs' digest-file artifacts into it ` +
            `(actions/download-artifact with pattern: digests-* and merge-multiple: true).`);
    }
    return checked(names, `merge-digests (a file in ${dir})`);
}
function checked(items, where) {
    const out = [];
    for (const item of items) {
        const digest = HEX.test(item) ? `sha256:${item}` : item;
        if (!digests_DIGEST.test(digest)) {
            throw new ports/* InputError */.d(`${where}: '${item}' is not a digest. Give sha256: followed by 64 lowercase hex digits (a leg's digest output), ` +
                `one a line, or a folder of digest files.`);
        }
        if (out.includes(digest))
            throw new ports/* InputError */.d(`${where}: ${digest} is listed twice.`);
        out.push(digest);
    }
    return out;
}
/**
 * Writes a matrix leg's digest file, RUNNER_TEMP/digests/<hex>, as Docker's multi-runner recipe does: the name is
 * the digest, and actions/upload-artifact uploads the folder for the merge step. Docker's files are empty; ours
 * hold the leg's size report, so the merge can report uncompressed and binary sizes, which no manifest records.
 */
async function writeDigestFile(tempRoot, digest, sizes) {
    const dir = external_node_path_.join(tempRoot, 'digests');
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = external_node_path_.join(dir, digest.replace(/^sha256:/, ''));
    await (0,promises_.writeFile)(file, `${JSON.stringify({ digest, sizes })}\n`);
    return file;
}
/** The size reports in a folder of digest files; empty and foreign files (Docker's recipe touches empty ones) give none. */
async function readLegReports(dir) {
    if (!dir)
        return [];
    const out = [];
    for (const name of (0,external_node_fs_.readdirSync)(dir)) {
        const text = await (0,promises_.readFile)(external_node_path_.join(dir, name), 'utf8').catch(() => '');
        try {
            const doc = JSON.parse(text);
            if (Array.isArray(doc.sizes))
                out.push(...doc.sizes);
        }
        catch {
            // Not ours: the merge reports what the manifests say.
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/registry/tag-template.js
// The {{ }} templates of tag rules: checked when a rule is read, rendered with the run's values and {{date 'FORMAT' tz='Zone'}} when tags are made.

const TEMPLATE = /\{\{\s*([^\s}]*)((?:\s+[^}]*?)?)\s*\}\}/g;
/** Refuses a template key the attribute does not offer, and a date format or time zone that cannot be used. */
function checkTemplate(value, keys, where) {
    const rest = value.replace(TEMPLATE, (_all, key, args) => {
        if (!keys.includes(key)) {
            throw new ports/* InputError */.d(`tags: unknown template key {{${key}}} in '${where}'. Use ${keys.map(k => `{{${k}}}`).join(', ')}.`);
        }
        if (key === 'date')
            dateArgs(args, where);
        return '';
    });
    if (rest.includes('{{') || rest.includes('}}')) {
        throw new ports/* InputError */.d(`tags: unbalanced {{ }} in '${where}'.`);
    }
}
function dateArgs(args, where) {
    const m = /^\s*'([^']*)'(?:\s+tz='([^']*)')?\s*$/.exec(args);
    if (!m) {
        throw new ports/* InputError */.d(`tags: {{date${args}}} in '${where}' is not {{date 'FORMAT'}} or {{date 'FORMAT' tz='Zone/Name'}}.`);
    }
    const tz = m[2] ?? 'UTC';
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
    }
    catch {
        throw new ports/* InputError */.d(`tags: '${tz}' in '${where}' is not a time zone (e.g. UTC, Europe/Paris).`);
    }
    return { format: m[1], tz };
}
const pad = (n, width = 2) => String(n).padStart(width, '0');
/** moment's common format tokens (YYYY MM DD HH mm ss …, [literal]) in a time zone. */
function formatDate(date, format, tz) {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric'
    })
        .formatToParts(date)
        .map(p => [p.type, p.value]));
    const v = (k) => Number(parts[k]);
    const h12 = v('hour') % 12 || 12;
    const tokens = {
        YYYY: String(v('year')),
        YY: pad(v('year') % 100),
        MM: pad(v('month')),
        M: String(v('month')),
        DD: pad(v('day')),
        D: String(v('day')),
        HH: pad(v('hour')),
        H: String(v('hour')),
        hh: pad(h12),
        h: String(h12),
        mm: pad(v('minute')),
        m: String(v('minute')),
        ss: pad(v('second')),
        s: String(v('second')),
        SSS: pad(date.getUTCMilliseconds(), 3),
        A: v('hour') < 12 ? 'AM' : 'PM',
        a: v('hour') < 12 ? 'am' : 'pm'
    };
    return format.replace(/\[([^\]]*)\]|YYYY|YY|SSS|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|A|a/g, (all, literal) => literal ?? tokens[all] ?? all);
}
function render(value, values, now) {
    return value.replace(TEMPLATE, (_all, key, args) => {
        if (key === 'date') {
            const { format, tz } = dateArgs(args, value);
            return formatDate(now, format, tz);
        }
        return String(values[key] ?? '');
    });
}

;// CONCATENATED MODULE: ./lib/registry/tag-limit.js
// Fits tags to the 128 characters OCI allows, refusing a cut that would make a prefix or suffix merge two tags into one.

/** The longest tag the OCI distribution spec allows: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}. */
const TAG_LIMIT = 128;
/** A tag's characters as registries accept them, before the cut at TAG_LIMIT. */
function tagChars(value) {
    return value.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^[.-]+/, '');
}
/**
 * A tag as registries accept it: every run of other characters becomes '-' (metadata-action's rule), and, where
 * metadata-action would hand on a tag the registry refuses, leading '.' and '-' go and the length stops at 128.
 */
function sanitizeTag(value) {
    return tagChars(value).slice(0, TAG_LIMIT);
}
/** Long values shortened for a message, with their length. */
function tag_limit_shown(value) {
    return value.length > 40
        ? `'${value.slice(0, 16)}…${value.slice(-16)}' (${value.length} characters)`
        : `'${value}'`;
}
/**
 * The tag for a rule's parts, cut at 128 characters as sanitizeTag cuts, unless a prefix or suffix takes part
 * in the cut. Past the prefix the cut takes away the part the rule gives (with a long tags-prefix, main and dev
 * would push one tag); inside the suffix it takes away what tells this image's tags from the same ref's tags
 * without it (a -debug variant would overwrite the plain tag). Either is refused, naming the input and the
 * room it has. A tag without a prefix or suffix is cut as before: no input of ours made it long.
 */
function fitTag(t, what) {
    const full = tagChars(t.prefix + t.value + t.suffix);
    if (full.length <= TAG_LIMIT)
        return full;
    // Each affix's share of the tag: what the tag loses without it (sanitising may merge characters at the seams).
    const prefixLen = full.length - tagChars(t.value + t.suffix).length;
    const suffixLen = full.length - tagChars(t.prefix + t.value).length;
    const head = full.length - suffixLen;
    const blame = prefixLen > 0 && head > TAG_LIMIT ? 'prefix' : suffixLen > 0 ? 'suffix' : undefined;
    if (!blame)
        return full.slice(0, TAG_LIMIT);
    const [from, affix, share] = blame === 'prefix' ? [t.prefixFrom, t.prefix, prefixLen] : [t.suffixFrom, t.suffix, suffixLen];
    const lost = full.slice(TAG_LIMIT);
    const room = TAG_LIMIT - (full.length - share);
    const why = blame === 'prefix'
        ? `lose ${tag_limit_shown(lost)} of what the rule gives, so two refs whose tags differ only there would push the same tag`
        : `lose ${tag_limit_shown(lost)} of the suffix, so it could overwrite the tag the same ref gets without the suffix (or with another)`;
    throw new ports/* InputError */.d(`${from}: ${tag_limit_shown(affix)} makes the tag for ${what} ${full.length} characters long (${tag_limit_shown(full)}), and ` +
        `an OCI tag holds at most ${TAG_LIMIT}. Cut at ${TAG_LIMIT}, it would ${why}. ` +
        (room > 0
            ? `Shorten ${blame === 'prefix' ? 'the prefix' : 'the suffix'} to at most ${room} characters.`
            : `The tag is ${full.length - share} characters even without it: leave the ${blame} off this rule ` +
                `(${blame}= on the rule's line) or give it a shorter value.`));
}

;// CONCATENATED MODULE: ./lib/registry/tag-rules.js
// Reads docker/metadata-action-style tag rules (type=semver,pattern={{version}} …) and the flavor inputs into checked rules, which resolveTags (tag-resolve.ts) applies; pure.




const tag_rules_DEFAULT_FLAVOR = {
    latest: 'auto',
    prefix: '',
    prefixLatest: false,
    suffix: '',
    suffixLatest: false
};
const tag_rules_TYPES = ['schedule', 'semver', 'ref', 'edge', 'raw', 'sha'];
const PRIORITY = {
    schedule: 1000,
    semver: 900,
    edge: 700,
    ref: 600,
    raw: 200,
    sha: 100
};
const COMMON = ['enable', 'priority', 'prefix', 'suffix'];
const ATTRS = {
    schedule: ['pattern'],
    semver: ['pattern', 'value'],
    ref: ['event'],
    edge: ['branch'],
    raw: ['value'],
    sha: ['format']
};
/** Template keys of a semver pattern (metadata-action's documented ones). */
const SEMVER_KEYS = ['raw', 'version', 'major', 'minor', 'patch'];
/** Global expressions, usable in prefix, suffix, value and enable. */
const GLOBAL_KEYS = ['branch', 'tag', 'sha', 'base_ref', 'is_default_branch', 'date'];
/** Splits one line into fields at commas outside double quotes, as metadata-action's CSV reader does. */
function csvFields(line) {
    const out = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === '"') {
            if (quoted && line[i + 1] === '"') {
                field += '"';
                i++;
            }
            else
                quoted = !quoted;
        }
        else if (c === ',' && !quoted) {
            out.push(field);
            field = '';
        }
        else
            field += c;
    }
    if (quoted)
        throw new ports/* InputError */.d(`tags: '${line}' has an unterminated " quote.`);
    out.push(field);
    return out.map(f => f.trim());
}
/** Parses one rule line; a line without '=' and '{{' is a plain tag and does not come here. */
function parseRule(line) {
    // No prototype: an attribute named __proto__ is refused as unknown like any other.
    const attrs = Object.create(null);
    let type;
    for (const field of csvFields(line)) {
        if (field === '')
            continue;
        const eq = field.indexOf('=');
        if (eq < 0) {
            attrs.value = field;
            continue;
        }
        const key = field.slice(0, eq).trim().toLowerCase();
        const value = field.slice(eq + 1).trim();
        if (key === 'type') {
            if (!tag_rules_TYPES.includes(value)) {
                throw new ports/* InputError */.d(`tags: unknown type=${value} in '${line}'. Use ${tag_rules_TYPES.map(t => `type=${t}`).join(', ')}` +
                    (value === 'pep440' || value === 'match'
                        ? ` (type=${value} of metadata-action is not supported: Go modules use semver).`
                        : '.'));
            }
            type = value;
        }
        else
            attrs[key] = value;
    }
    const t = type ?? 'raw';
    for (const key of Object.keys(attrs)) {
        if (!COMMON.includes(key) && !ATTRS[t].includes(key)) {
            throw new ports/* InputError */.d(`tags: unknown attribute '${key}' for type=${t} in '${line}'. Use ${[...ATTRS[t], ...COMMON].join(', ')}.`);
        }
    }
    const need = (key, example) => {
        if (attrs[key] === undefined || attrs[key] === '') {
            throw new ports/* InputError */.d(`tags: type=${t} needs ${key}= in '${line}', e.g. ${example}.`);
        }
        return attrs[key];
    };
    switch (t) {
        case 'schedule':
            attrs.pattern ??= 'nightly';
            checkTemplate(attrs.pattern, ['date'], line);
            break;
        case 'semver':
            checkTemplate(need('pattern', 'type=semver,pattern={{version}}'), SEMVER_KEYS, line);
            attrs.value ??= '';
            break;
        case 'ref': {
            const event = need('event', 'type=ref,event=branch');
            if (!['branch', 'tag', 'pr'].includes(event)) {
                throw new ports/* InputError */.d(`tags: event=${event} in '${line}' is not branch, tag or pr (e.g. type=ref,event=branch).`);
            }
            if (event === 'pr')
                attrs.prefix ??= 'pr-';
            break;
        }
        case 'edge':
            attrs.branch ??= '';
            break;
        case 'raw':
            need('value', 'type=raw,value=stable');
            break;
        case 'sha':
            attrs.prefix ??= 'sha-';
            attrs.format ??= 'short';
            if (attrs.format !== 'short' && attrs.format !== 'long') {
                throw new ports/* InputError */.d(`tags: format=${attrs.format} in '${line}' is not short or long (type=sha,format=long).`);
            }
            break;
    }
    for (const key of ['prefix', 'suffix', 'enable'].concat(t === 'semver' || t === 'raw' ? ['value'] : [])) {
        if (attrs[key] !== undefined)
            checkTemplate(attrs[key], GLOBAL_KEYS, line);
    }
    const enable = attrs.enable ?? 'true';
    if (!enable.includes('{{') && enable !== 'true' && enable !== 'false') {
        throw new ports/* InputError */.d(`tags: enable=${enable} in '${line}' is not true or false.`);
    }
    const priority = attrs.priority ?? String(PRIORITY[t]);
    if (!/^-?\d+$/.test(priority)) {
        throw new ports/* InputError */.d(`tags: priority=${priority} in '${line}' is not a whole number.`);
    }
    return { type: t, attrs, priority: Number(priority), line };
}
/** Whether a line of tags is a rule (metadata-action syntax) rather than plain tags (commas allowed). */
function isRule(line) {
    return line.includes('=') || line.includes('{{');
}
function parseTagRules(lines) {
    return lines.map(l => (isRule(l) ? parseRule(l) : parseRule(`type=raw,value=${l}`)));
}
/**
 * The rules used when tags is empty: semver tags on a tag push (latest on a release), the branch on a branch push,
 * pr-N on a pull request, nightly on a schedule, and sha-<7>. A tag that is not semver is pushed as it is named,
 * without latest.
 */
function defaultTagRules() {
    const rules = [
        'type=schedule',
        'type=semver,pattern={{version}}',
        'type=semver,pattern={{major}}.{{minor}}',
        'type=semver,pattern={{major}}',
        'type=ref,event=branch',
        'type=ref,event=pr',
        'type=sha'
    ].map(parseRule);
    return [
        ...rules,
        { ...parseRule('type=ref,event=tag'), autoLatest: false, onlyIfNotSemver: true }
    ];
}
function parseFlavor(latest, prefix, suffix) {
    const l = latest.trim().toLowerCase() || 'auto';
    if (l !== 'auto' && l !== 'true' && l !== 'false') {
        throw new ports/* InputError */.d(`tags-latest: '${latest.trim()}' is not auto, true or false. auto tags latest on a release (a semver tag without pre-release).`);
    }
    const affix = (raw, name) => {
        // [\s\S], not '.': a line break must reach the check below rather than make the pattern fail.
        const m = /^([\s\S]*?)(?:,\s*onlatest=(true|false))?$/i.exec(raw.trim());
        const value = m[1].trim();
        checkTemplate(value, GLOBAL_KEYS, `${name}: ${raw.trim()}`);
        if (/[,=\n\r]/.test(value)) {
            throw new ports/* InputError */.d(`${name}: '${raw.trim()}' is not a tag prefix or suffix. Write the text on one line, optionally followed by ,onlatest=true.`);
        }
        return { value, onLatest: m[2]?.toLowerCase() === 'true' };
    };
    const p = affix(prefix, 'tags-prefix');
    const s = affix(suffix, 'tags-suffix');
    return {
        latest: l,
        prefix: p.value,
        prefixLatest: p.onLatest,
        suffix: s.value,
        suffixLatest: s.onLatest
    };
}
/**
 * The tags input as lines: a rule line stays whole (checked here, so a typo fails before anything is built); a
 * line of plain tags may list several, comma-separated, and each must already be a valid tag.
 */
function parseTagLines(raw) {
    const out = [];
    for (const line of raw.split('\n').map(s => s.trim())) {
        if (line === '' || line.startsWith('#'))
            continue;
        if (isRule(line)) {
            parseRule(line);
            out.push(line);
        }
        else {
            out.push(...validateTags(line
                .split(',')
                .map(s => s.trim())
                .filter(Boolean)));
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/config-matrix.js
// The inputs that scale a build out (issue 15): matrix legs pushed by digest, the merge of their digests, the tag
// rules' flavor and the Go cache controls; parsed apart from config.ts, whose Config includes them.




/** Lines (or commas) of a list input, without blanks and # comments. */
const lines = (raw) => raw
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(s => s !== '' && !s.startsWith('#'));
/** cache: true, false or read; true unless said. */
function parseCacheMode(get) {
    const raw = get('cache').trim().toLowerCase() || 'true';
    if (raw === 'true')
        return { restore: true, save: true };
    if (raw === 'false')
        return { restore: false, save: false };
    if (raw === 'read')
        return { restore: true, save: false };
    throw new ports/* InputError */.d(`cache: '${get('cache').trim()}' is not true, false or read. read restores Go's caches but never saves them (e.g. for pull requests).`);
}
function parseMatrixConfig(get, o) {
    const pushByDigest = get('push-by-digest').trim().toLowerCase() === 'true';
    if (!['', 'true', 'false'].includes(get('push-by-digest').trim().toLowerCase())) {
        throw new ports/* InputError */.d(`push-by-digest: '${get('push-by-digest').trim()}' is not a boolean. Use true or false.`);
    }
    const mergeRaw = get('merge-digests');
    const { digests: mergeDigests, dir: mergeDigestsDir } = parseMergeDigests(mergeRaw, o.workspace);
    if (pushByDigest && !o.push) {
        throw new ports/* InputError */.d('push-by-digest: true needs push: true (it is how a matrix leg pushes its platform).');
    }
    if (mergeDigests.length) {
        const shown = mergeRaw.trim().split('\n')[0].trim();
        const clash = (input, why) => {
            throw new ports/* InputError */.d(`merge-digests: '${shown}' cannot go with ${input}: ${why}`);
        };
        if (get('platforms').trim()) {
            clash(`platforms: '${get('platforms').trim()}'`, 'a merge builds nothing; the platforms are those of the legs. Remove platforms from the merge step.');
        }
        if (pushByDigest)
            clash('push-by-digest: true', 'the merge step writes the tagged index; remove push-by-digest.');
        if (!o.push)
            clash('push: false', 'the merge writes the index to the registry; set push: true.');
        if (o.load)
            clash('load: true', 'pull the merged image instead (docker pull IMAGE:TAG).');
        if (o.ociLayout)
            clash(`oci-layout: ${o.ociLayout}`, 'a merge reads only manifests and configs, never layers.');
        if (!o.image) {
            throw new ports/* InputError */.d(`image: a merge needs the one repository the legs pushed to (e.g. ghcr.io/acme/app), without {{.Name}}.`);
        }
    }
    const cache = parseCacheMode(get);
    return {
        pushByDigest,
        mergeDigests,
        ...(mergeDigestsDir ? { mergeDigestsDir } : {}),
        tagFlavor: parseFlavor(get('tags-latest'), get('tags-prefix'), get('tags-suffix')),
        cacheSave: cache.save,
        cacheDependencyPath: lines(get('cache-dependency-path')).map(p => external_node_path_.resolve(o.workspace, p))
    };
}

;// CONCATENATED MODULE: ./lib/images/targets.js
// Which images one run makes: the lines of package (paths or ./cmd/... patterns) and of image (several registries, {{.Name}} templates), checked and expanded into one target per main package.





/** The one template key image knows: the binary name of the main package the image holds. */
const NAME = '.Name';
const targets_TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** A package line Go expands to several packages: `./cmd/...`, `example.com/app/...`. */
const isPattern = (line) => line.includes('...');
/**
 * Checks the templates of one line of input: {{.Name}} is the only key, and braces must pair. Returns whether the
 * line holds {{.Name}}.
 */
function targets_checkTemplate(value, input) {
    let named = false;
    for (const m of value.matchAll(targets_TEMPLATE)) {
        if (m[1] !== NAME) {
            throw new ports/* InputError */.d(`${input}: unknown template key '${m[0]}' in '${value}'. The only key is {{.Name}} (the binary name of ` +
                `each main package), e.g. ghcr.io/acme/{{.Name}}.`);
        }
        named = true;
    }
    const rest = value.replace(targets_TEMPLATE, '');
    if (rest.includes('{{') || rest.includes('}}')) {
        throw new ports/* InputError */.d(`${input}: '${value}' has an unclosed template. Write {{.Name}} exactly, e.g. ghcr.io/acme/{{.Name}}.`);
    }
    return named;
}
const renderTemplate = (value, name) => value.replace(targets_TEMPLATE, () => name);
/** The image lines parsed for one binary name: the first is the image the single-value outputs report. */
function imageRefs(lines, name, input = 'image') {
    const refs = lines.map(line => {
        const value = renderTemplate(line, name);
        try {
            return parseImage(value, input);
        }
        catch (e) {
            if (value === line || !(e instanceof ports/* InputError */.d))
                throw e;
            throw new ports/* InputError */.d(`${e.message} (That is '${line}' with {{.Name}} = '${name}'.)`);
        }
    });
    const seen = new Set();
    for (const r of refs) {
        const key = `${r.registry}/${r.repository}`;
        if (seen.has(key)) {
            throw new ports/* InputError */.d(`${input}: ${key} is listed twice. Give each registry's repository once; the same image goes to every line.`);
        }
        seen.add(key);
    }
    return refs;
}
function parseTargets(packageRaw, imageRaw, compareToRaw, binaryName, list) {
    const packages = list(packageRaw);
    if (!packages.length)
        packages.push('.');
    const file = packages.find(p => p.endsWith('.go'));
    if (file && packages.length > 1) {
        throw new ports/* InputError */.d(`package: '${file}' is one .go file, which Go builds on its own; it cannot be listed with other packages ` +
            `(${packages.filter(p => p !== file).join(', ')}). Give packages as folders (./cmd/app) or a pattern (./cmd/...).`);
    }
    if (binaryName && packages.length > 1) {
        throw new ports/* InputError */.d(`binary-name: '${binaryName}' names one binary, but package lists ${packages.length} packages. Leave ` +
            `binary-name empty: each image's binary is named after its package.`);
    }
    const imageLines = list(imageRaw);
    const named = imageLines.map(line => targets_checkTemplate(line, 'image'));
    const templated = named.some(Boolean);
    const compareToLine = compareToRaw.trim();
    const compareNamed = targets_checkTemplate(compareToLine, 'compare-to');
    if (packages.length > 1) {
        const fixed = imageLines.find((_, i) => !named[i]);
        if (fixed !== undefined)
            throw sharedRepository(fixed, packages.join(', '), packages.length);
        if (compareToLine && !compareNamed)
            throw sharedBaseline(compareToLine, packages.join(', '));
    }
    // Checked now with a stand-in name, so a bad repository fails before the build, not after it.
    const refs = imageRefs(imageLines, 'name');
    return { packages, imageLines, templated, refs: templated ? undefined : refs, compareToLine };
}
function sharedBaseline(line, what) {
    return new ports/* InputError */.d(`compare-to: '${line}' has no {{.Name}}, but package gives several main packages (${what}), and each image ` +
        `needs a baseline of its own. Write e.g. ghcr.io/acme/{{.Name}}:main.`);
}
function sharedRepository(line, what, count) {
    return new ports/* InputError */.d(`image: '${line}' has no {{.Name}}, but package gives ${count} main packages (${what}), and two images ` +
        `cannot share one repository. Put {{.Name}} (the binary name) in every image line, e.g. ghcr.io/acme/{{.Name}}.`);
}
/**
 * Whether the run goes through the per-package layer (src/pipeline/monorepo.ts) rather than one graph: several
 * packages, a pattern, or an image named after its package, whose names only go list knows.
 */
const fansOut = (c) => c.packages.length > 1 ||
    c.packages.some(isPattern) ||
    c.imageLines.some(l => targets_checkTemplate(l, 'image')) ||
    targets_checkTemplate(c.compareToLine, 'compare-to');
/** go list's format: one `ImportPath Dir` line per main package, nothing for the others. */
const MAIN_FORMAT = '{{if eq .Name "main"}}{{.ImportPath}} {{.Dir}}{{end}}';
/** Parses go list output in MAIN_FORMAT (a Dir may hold spaces; an import path cannot). */
function parseMainList(stdout) {
    return stdout
        .split('\n')
        .map(l => l.trim())
        .filter(Boolean)
        .map(l => {
        const space = l.indexOf(' ');
        return { importPath: l.slice(0, space), dir: l.slice(space + 1) };
    });
}
/** go build's argument for a package Go found in dir: ./rel, as a user writes it in package. */
function relativePackage(cwd, dir) {
    const rel = external_node_path_.relative(cwd, dir).split(external_node_path_.sep).join('/');
    if (rel === '')
        return '.';
    return rel.startsWith('..') ? rel : `./${rel}`;
}
/**
 * The main packages of every package line, in the order given (go list sorts a pattern's), each once. A line that
 * is no main package, or a pattern that matches none, is refused; so are two packages with one binary name.
 */
async function findMainPackages(o) {
    const found = new Map();
    for (const line of o.packages) {
        const res = await o.runner.run(o.goBin, ['list', '-f', MAIN_FORMAT, line], {
            cwd: o.cwd,
            env: o.env,
            silent: true
        });
        if (res.exitCode !== 0) {
            throw loadError(line, o.cwd, res.stderr, 'Give main packages relative to working-directory, e.g. ./cmd/app or ./cmd/...');
        }
        const mains = parseMainList(res.stdout);
        if (!mains.length) {
            throw new ports/* InputError */.d(isPattern(line)
                ? `package: '${line}' matches no main package in working-directory '${o.cwd}'. Point it at the folders ` +
                    `of your commands, e.g. ./cmd/...`
                : `package: '${line}' is not a main package. Point package at a directory with package main and func ` +
                    `main, e.g. ./cmd/app.`);
        }
        for (const m of mains) {
            if (found.has(m.importPath))
                continue;
            const pkg = line.endsWith('.go') ? line : relativePackage(o.cwd, m.dir);
            found.set(m.importPath, {
                pkg,
                importPath: m.importPath,
                name: defaultBinaryName(m.importPath, line)
            });
        }
    }
    const mains = [...found.values()];
    if (o.binaryName) {
        if (mains.length > 1) {
            throw new ports/* InputError */.d(`binary-name: '${o.binaryName}' names one binary, but package gives ${mains.length} main packages ` +
                `(${mains.map(m => m.pkg).join(', ')}). Leave binary-name empty: each binary is named after its package.`);
        }
        mains[0].name = o.binaryName;
    }
    const byName = new Map();
    for (const m of mains) {
        const other = byName.get(m.name);
        if (other) {
            throw new ports/* InputError */.d(`package: ${other.pkg} and ${m.pkg} both give a binary named '${m.name}', and each image is named after ` +
                `its binary. List the packages apart, or build them in separate steps with binary-name.`);
        }
        byName.set(m.name, m);
    }
    return mains;
}
/** Refuses image lines that would put several packages' images into one repository, or give them one baseline. */
function checkImageNames(imageLines, mains, compareToLine = '') {
    if (mains.length < 2)
        return;
    const names = mains.map(m => m.name).join(', ');
    const fixed = imageLines.find(line => !targets_checkTemplate(line, 'image'));
    if (fixed !== undefined)
        throw sharedRepository(fixed, names, mains.length);
    if (compareToLine && !targets_checkTemplate(compareToLine, 'compare-to'))
        throw sharedBaseline(compareToLine, names);
}

;// CONCATENATED MODULE: ./lib/images/image-tags.js
// Reads tags written as full image references (docker/metadata-action's tags output: ghcr.io/acme/app:1.2.3) as
// the bare tags of the images this step builds, and refuses those that name another image.



/** Names Docker Hub goes by, which metadata-action and image may spell differently. */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/** Stands for {{.Name}} while an image line is parsed: a valid path component no real name is. */
const PLACEHOLDER = 'gsi0name0placeholder';
/** A repository path component, as the distribution spec writes it. */
const image_tags_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const image_tags_escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** registry/repository, with Docker Hub's names as one. */
function imageKey(registry, repository) {
    return `${DOCKER_HUB.has(registry) ? 'docker.io' : registry}/${repository}`;
}
/** One matcher per image line; {{.Name}} matches any repository component. */
function matchers(imageLines) {
    return imageLines.map(line => {
        const ref = parseReference(renderTemplate(line, PLACEHOLDER), 'image');
        const key = imageKey(ref.registry, ref.repository);
        return new RegExp(`^${key.split(PLACEHOLDER).map(image_tags_escape).join(image_tags_COMPONENT)}$`);
    });
}
/** A part of a tags line that is an image reference rather than a tag: tags hold neither '/' nor ':'. */
const isReference = (part) => part.includes('/') || part.includes(':');
/**
 * The tags input with every image:tag reference replaced by its tag, when the image is one of image's lines (the
 * same tag for several registries is kept once); rules and plain tags stay as they are. metadata-action's tags
 * output, one image:tag a line, can so be passed as it is.
 */
function tagsOfImages(raw, imageLines) {
    let built;
    const out = [];
    for (const line of raw.split('\n')) {
        const trimmed = line.trim();
        // Rules (type=…, {{…}}) are the tag planner's to read; a line of plain tags may be comma-separated.
        if (trimmed.includes('=') || trimmed.includes('{{') || !isReference(trimmed)) {
            out.push(line);
            continue;
        }
        for (const part of trimmed
            .split(',')
            .map(p => p.trim())
            .filter(Boolean)) {
            const tag = isReference(part)
                ? tagOf(part, (built ??= matchers(imageLines)), imageLines)
                : part;
            if (!out.includes(tag))
                out.push(tag);
        }
    }
    return out.join('\n');
}
function tagOf(reference, built, imageLines) {
    const ref = parseReference(reference, 'tags');
    if (ref.digest || !ref.tag) {
        throw new ports/* InputError */.d(`tags: '${reference}' is an image reference without a tag. Give tags (1.2.3, latest), or image:tag lines ` +
            `such as docker/metadata-action's tags output (ghcr.io/acme/app:1.2.3).`);
    }
    const key = imageKey(ref.registry, ref.repository);
    if (!built.some(m => m.test(key))) {
        const building = imageLines.length ? imageLines.join(', ') : 'none, image is empty';
        throw new ports/* InputError */.d(`tags: '${reference}' is a tag of ${key}, which this step does not build (image: ${building}). Add ` +
            `${key} as a line of image, or give tags of the images in image only (with docker/metadata-action, ` +
            `list the same images in its images input).`);
    }
    return ref.tag;
}

;// CONCATENATED MODULE: ./lib/config.js
// Turns the action's raw inputs into a validated, typed config; every error names the input and the fix.




















/** sbom: spdx (the default), cyclonedx or none. */
function parseSbom(raw) {
    const value = raw.trim().toLowerCase() || 'spdx';
    if (value !== 'spdx' && value !== 'cyclonedx' && value !== 'none') {
        throw new ports/* InputError */.d(`sbom: '${raw.trim()}' is not spdx, cyclonedx or none. Use spdx (SPDX 2.3 JSON, the default), cyclonedx ` +
            `(CycloneDX 1.6 JSON) or none (no SBOM is written or attached).`);
    }
    return value;
}
/**
 * comment and comment-from. A comment on a pull request event without a token fails here, before anything is
 * built or pushed; on other events comment is a notice at the end, which needs no token.
 */
function parseComment(get, env, workspace) {
    const comment = parseBoolean(get, 'comment', false);
    const from = get('comment-from').trim();
    const prEvent = ['pull_request', 'pull_request_target'].includes(env.GITHUB_EVENT_NAME ?? '');
    if ((comment || from) && prEvent && !get('github-token').trim())
        throw missingTokenError();
    return { comment, commentFrom: from ? external_node_path_.resolve(workspace, from) : '' };
}
/** zoneinfo: true (empty too), false, or the zone names to include (checked against the runner's tree later). */
function parseZoneinfo(raw) {
    const value = raw.trim();
    if (value === '' || value.toLowerCase() === 'true')
        return true;
    if (value.toLowerCase() === 'false')
        return false;
    return parseList(value);
}
function parseBoolean(get, name, fallback) {
    const raw = get(name).trim().toLowerCase();
    if (raw === '')
        return fallback;
    if (raw === 'true')
        return true;
    if (raw === 'false')
        return false;
    throw new ports/* InputError */.d(`${name}: '${get(name)}' is not a boolean. Use true or false.`);
}
/** Splits a list input on newlines (and commas where allowed), dropping blanks and # comments. */
function parseList(raw, commas = true) {
    return raw
        .split(commas ? /[\n,]/ : /\n/)
        .map(s => s.trim())
        .filter(s => s !== '' && !s.startsWith('#'));
}
function parseKeyValues(raw, name) {
    // A Map, then fromEntries: a key such as __proto__ becomes a key like any other instead of vanishing.
    const out = new Map();
    for (const line of parseList(raw, false)) {
        const eq = line.indexOf('=');
        if (eq <= 0)
            throw new ports/* InputError */.d(`${name}: '${line}' is not KEY=VALUE. Write one KEY=VALUE a line.`);
        out.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
    }
    return Object.fromEntries(out);
}
/** Refuses a quote that is never closed, which splitFlags would otherwise drop without a word. */
function checkQuotes(raw, name) {
    let open;
    for (const c of raw)
        if (c === '"' || c === "'")
            open = open === undefined ? c : open === c ? undefined : open;
    if (open) {
        throw new ports/* InputError */.d(`${name}: '${raw.trim()}' has an unterminated ${open} quote. Close it; an argument that holds spaces is quoted as a whole, e.g. 'all=-N -l'.`);
    }
    return raw;
}
/** Splits build-flags as a shell would for quotes, so "-gcflags='all=-N -l'" stays one flag and keeps inner quotes. */
function splitFlags(raw) {
    const out = [];
    for (const m of raw.matchAll(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g)) {
        out.push(m[0].replace(/"([^"]*)"|'([^']*)'/g, (_all, dq, sq) => dq ?? sq ?? ''));
    }
    return out;
}
/** registry-timeout: whole seconds of silence, 1 to 3600; 60 when empty. */
function parseRegistryTimeout(raw) {
    const value = raw.trim();
    if (value === '')
        return 60_000;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 3600) {
        throw new ports/* InputError */.d(`registry-timeout: '${value}' is not a whole number of seconds from 1 to 3600. It is how long a registry ` +
            `request may stay silent before it fails; use e.g. 60 (the default), or more for a slow registry.`);
    }
    return Number(value) * 1000;
}
function parseConfig(get, env) {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const workingDirectory = external_node_path_.resolve(workspace, get('working-directory').trim() || '.');
    const ca = get('ca-certificates').trim() || 'system';
    const builder = get('builder').trim().toLowerCase() || 'native';
    if (builder !== 'native' && builder !== 'docker') {
        throw new ports/* InputError */.d(`builder: '${get('builder').trim()}' is not a builder. Use native (the action assembles the image) or docker (Docker builds the written Dockerfile).`);
    }
    const binaryName = get('binary-name').trim();
    const targets = parseTargets(get('package'), get('image'), get('compare-to'), binaryName, raw => parseList(raw));
    if (fansOut(targets) && parseBoolean(get, 'push-by-digest', false)) {
        throw new ports/* InputError */.d(`push-by-digest: a matrix leg pushes one image for the merge, but package and image ask for one image per ` +
            `main package. Give each command its own matrix job (package: ./cmd/api, image: ghcr.io/acme/api).`);
    }
    const image = targets.refs?.[0];
    // docker/metadata-action's tags output names the image on each line: the images built here keep their tags.
    const tags = parseTagLines(tagsOfImages(get('tags'), targets.imageLines));
    const push = parseBoolean(get, 'push', true);
    const load = parseBoolean(get, 'load', false);
    const ociLayout = get('oci-layout').trim();
    if ((push || load) && !targets.imageLines.length) {
        throw new ports/* InputError */.d(`image: required when ${push ? 'push' : 'load'} is true. Set image (e.g. ghcr.io/acme/app), or set ${push ? 'push' : 'load'}: false ` +
            `(with oci-layout: DIR to keep the image as files).`);
    }
    const maxSizeRaw = get('max-size').trim();
    const compareToRaw = get('compare-to').trim();
    const increaseRaw = get('max-size-increase').trim();
    const increase = parseIncrease(increaseRaw);
    if (increase && !compareToRaw) {
        throw new ports/* InputError */.d(`max-size-increase: '${increaseRaw}' needs a baseline. Set compare-to to the image to compare with, e.g. ghcr.io/acme/app:main.`);
    }
    const packageSizes = get('package-sizes').trim().toLowerCase() || 'auto';
    if (packageSizes !== 'auto' && packageSizes !== 'true' && packageSizes !== 'false') {
        throw new ports/* InputError */.d(`package-sizes: '${get('package-sizes').trim()}' is not auto, true or false. auto measures binaries of 4 MiB and more.`);
    }
    const mediaTypes = get('media-types').trim().toLowerCase() || 'oci';
    if (mediaTypes !== 'oci' && mediaTypes !== 'docker') {
        throw new ports/* InputError */.d(`media-types: '${get('media-types').trim()}' is not oci or docker. Use docker only for a registry that refuses OCI manifests.`);
    }
    // Before the codec is parsed: the conflict is the more useful message even on a Node without zstd.
    if (get('compression').trim().toLowerCase() === 'zstd' && mediaTypes === 'docker') {
        throw new ports/* InputError */.d(`compression: zstd cannot go with media-types: docker (Docker's schema 2 has no zstd layer type). Use media-types: oci, or compression: gzip for a registry that needs Docker's types.`);
    }
    const compression = parseCompression(get('compression'), get('compression-level'));
    const registryTimeoutMs = parseRegistryTimeout(get('registry-timeout'));
    const caFileRaw = get('registry-ca-file').trim();
    const registryCaFile = caFileRaw ? external_node_path_.resolve(workspace, caFileRaw) : undefined;
    const registryCa = registryCaFile ? readCaFile(registryCaFile) : undefined;
    const username = get('registry-username').trim();
    const password = get('registry-password');
    if (!!username !== !!password) {
        throw new ports/* InputError */.d(`registry-username/registry-password: set both or neither (only ${username ? 'registry-username' : 'registry-password'} is set).`);
    }
    const buildFlags = splitFlags(checkQuotes(get('build-flags'), 'build-flags'));
    const owned = buildFlags.find(f => /^--?(o|ldflags|tags|toolexec|trimpath)(=|$)/.test(f));
    if (owned) {
        throw new ports/* InputError */.d(`build-flags: '${owned}' is set by the action or has its own input (ldflags, build-tags, binary-name); remove it from build-flags.`);
    }
    const pkg = targets.packages[0];
    const config = {
        goVersion: get('go-version').trim(),
        goVersionFile: get('go-version-file').trim(),
        goDownloadBaseUrl: (get('go-download-base-url').trim() || 'https://go.dev/dl').replace(/\/+$/, ''),
        checkLatest: parseBoolean(get, 'check-latest', false),
        cache: parseCacheMode(get).restore,
        workingDirectory,
        package: pkg,
        binaryName,
        platforms: (0,lib_platform/* parsePlatforms */.qA)(get('platforms')),
        ldflags: checkLdflags(get('ldflags').trim()),
        buildTags: get('build-tags').trim(),
        buildFlags,
        buildEnv: parseKeyValues(get('build-env'), 'build-env'),
        zoneinfo: parseZoneinfo(get('zoneinfo')),
        caCertificates: ca,
        extraCaCertificates: parseList(get('extra-ca-certificates')),
        files: parseFiles(get('files')),
        user: parseUser(get('user')),
        workdir: parseWorkdir(get('workdir')),
        env: validateEnv(parseKeyValues(get('env'), 'env')),
        expose: parseExpose(parseList(get('expose'))),
        entrypoint: parseCommand(get('entrypoint'), 'entrypoint', v => splitFlags(checkQuotes(v, 'entrypoint'))),
        args: parseCommand(get('args'), 'args', v => splitFlags(checkQuotes(v, 'args'))) ?? [],
        labels: validateLabels(parseKeyValues(get('labels'), 'labels')),
        builder,
        maxSize: maxSizeRaw
            ? { bytes: parseByteSize(maxSizeRaw, 'max-size'), raw: maxSizeRaw }
            : undefined,
        // With {{.Name}}, checked with a stand-in name; each image's own is parsed once go list has named it.
        compareTo: compareToRaw
            ? parseReference(renderTemplate(compareToRaw, 'name'), 'compare-to')
            : undefined,
        maxSizeIncrease: increase ? { rule: increase, raw: increaseRaw } : undefined,
        packageSizes,
        mediaTypes,
        compression,
        load,
        image,
        packages: targets.packages,
        imageLines: targets.imageLines,
        compareToLine: targets.compareToLine,
        mirrors: targets.refs?.slice(1) ?? [],
        tags,
        push,
        ociLayout: ociLayout ? external_node_path_.resolve(workspace, ociLayout) : '',
        insecureRegistry: parseBoolean(get, 'insecure-registry', false),
        registryTimeoutMs,
        registryCaFile,
        registryCa,
        credentials: username ? { username, password } : undefined,
        sourceDateEpoch: parseSourceDateEpoch(get('source-date-epoch'), 'source-date-epoch') ??
            parseSourceDateEpoch(env.SOURCE_DATE_EPOCH ?? '', 'SOURCE_DATE_EPOCH (environment variable)'),
        summary: parseBoolean(get, 'summary', true),
        sbom: parseSbom(get('sbom')),
        provenance: parseProvenance(get('provenance'), env),
        vulnerabilities: parseVulnerabilities(get('vulnerabilities')),
        vulnDb: parseVulnDb(get('vuln-db')),
        vulnAllow: parseVulnAllow(get('vuln-allow')),
        githubToken: get('github-token').trim(),
        ...parseComment(get, env, workspace),
        ...parseCgoConfig({
            cgo: get('cgo'),
            cc: get('cc'),
            cgoSysroot: get('cgo-sysroot'),
            debug: get('debug'),
            debugBusybox: get('debug-busybox')
        }, workspace, (0,lib_platform/* parsePlatforms */.qA)(get('platforms'))),
        ...parseMatrixConfig(get, { workspace, image, push, load, ociLayout })
    };
    // Last: the top-level paths the image needs follow from workdir, zoneinfo, the CA inputs and debug.
    parseBinaryName(binaryName, imageTopLevel(config));
    return config;
}

// EXTERNAL MODULE: ./lib/go/mirror.js
var mirror = __webpack_require__(3943);
;// CONCATENATED MODULE: ./lib/comment/escape.js
// The hidden line that finds the pull request's size comment again; its key comes from trusted inputs only.
/**
 * The hidden line that finds this comment again among the pull request's comments. Its key comes from trusted
 * inputs only (see commentKey in post.ts), and is percent-encoded past a small set anyway, so no key can end
 * the HTML comment (`-->`, `--!>`) or begin another.
 */
function commentMarker(key) {
    const safe = [...key]
        .map(c => /^[A-Za-z0-9._~/:@+[\]-]$/.test(c)
        ? c
        : [...Buffer.from(c)].map(b => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''))
        .join('');
    return `<!-- go-scratch-image: ${safe} -->`;
}

;// CONCATENATED MODULE: ./lib/report/escape.js
// Makes untrusted text (names from a report another job wrote, maybe a fork's) safe in Markdown: the pull request
// comment's and the job summary's.
/**
 * Characters that begin inline Markdown or GitHub syntax: emphasis and strikethrough, code spans, links, images
 * and footnotes (all need `[`), math (`$`), headings. A backslash makes each literal (CommonMark, "Backslash
 * escapes"). Block syntax needs a line start: escaped text only follows our own text or a list marker, where
 * `-` or `1.` could at most nest a list, and `>` (a quote) is an entity.
 */
const SYNTAX = /[\\`*_[\]!~#$]/;
/** HTML's own characters (`<` and `>` also keep `-->` out), and the table's cell separator, which GFM splits on. */
const ENTITY = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '|': '&#124;' };
/**
 * A zero-width space after `@` and `#` stops what GitHub links after rendering, where escapes no longer count:
 * mentions (`@user`, `@org/team`), e-mail autolinks, and issue references (`#12`, `owner/repo#12`). The same
 * is done after `www` and before `//` so no extended autolink (`www.x`, `https://x`) can form.
 */
const ZWSP = '&#8203;';
/** Line breaks, control and format characters (bidirectional overrides included), which have no place in a name. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** The longest name shown; a longer one is cut, with an ellipsis. */
const MAX_SHOWN = 200;
/**
 * Untrusted text as inline Markdown that renders as the same characters and nothing else: no HTML, link, image,
 * mention, reference, emphasis or table cell of its own, and never `-->` or `<` (so it cannot close the marker).
 */
function escapeMarkdown(raw) {
    return escape_escape(raw, true);
}
/**
 * The same for a raw HTML line (`<summary>` in a `<details>` block), where Markdown is not parsed: entities
 * and the zero-width spaces only, since a backslash would be shown as it is.
 */
function escapeHtml(raw) {
    return escape_escape(raw, false);
}
function escape_escape(raw, markdown) {
    const chars = [...raw];
    const shown = chars.length > MAX_SHOWN ? [...chars.slice(0, MAX_SHOWN - 1), '…'] : chars;
    let out = '';
    let prev = '';
    for (const c of shown) {
        const ch = INVISIBLE.test(c) ? '\uFFFD' : c;
        if (ch === '/' && prev === '/')
            out += ZWSP;
        if (ch === '.' && /www$/i.test(out))
            out += ZWSP;
        if (ENTITY[ch])
            out += ENTITY[ch];
        else if (markdown && SYNTAX.test(ch))
            out += `\\${ch}`;
        else
            out += ch;
        if (ch === '@' || ch === '#')
            out += ZWSP;
        prev = ch;
    }
    return out;
}
/** Untrusted text shown as code: <code> keeps GitHub from linking mentions and references inside it. */
function code(raw, markdown = true) {
    return `<code>${escape_escape(raw, markdown)}</code>`;
}

;// CONCATENATED MODULE: ./lib/vuln/markdown.js
// Makes text from the vulnerability database inert in GitHub Markdown: no HTML, no links, no mentions, no table breaks.
/** The longest a summary may be in a table cell; the database's summaries are one short line. */
const MAX_CELL = 200;
/**
 * Text from outside as literal Markdown, on one line: every ASCII punctuation mark backslash-escaped (so no
 * emphasis, link, image, autolink (https\:), mention (\@), table pipe or heading survives), and <, > and & as
 * entities (so no HTML tag does). Control characters become spaces; past `max` characters it is cut with "...".
 */
function mdText(raw, max = MAX_CELL) {
    const spaced = [...raw].map(c => {
        const code = c.codePointAt(0);
        return code < 0x20 || code === 0x7f ? ' ' : c;
    });
    const one = spaced.join('').replace(/\s+/g, ' ').trim();
    const cut = [...one].length > max ? `${[...one].slice(0, max - 3).join('')}...` : one;
    return cut.replace(/[!-/:-@[-`{-~]/g, c => c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`);
}
/** A vulnerability ID, linked to its pkg.go.dev page when it is a Go database ID (the only links we make). */
function mdId(id) {
    return /^GO-\d{4}-\d{4,}$/.test(id)
        ? `[${mdText(id)}](https://pkg.go.dev/vuln/${id})`
        : mdText(id);
}
/** A Markdown table; every cell is already escaped Markdown. */
function mdTable(head, rows) {
    return [
        `| ${head.join(' | ')} |`,
        `|${head.map(() => ' --- ').join('|')}|`,
        ...rows.map(r => `| ${r.join(' | ')} |`)
    ];
}
/** A folded block: the summary line in sight, the body under it. */
function mdDetails(summary, body) {
    return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

// EXTERNAL MODULE: ./lib/vuln/match.js
var match = __webpack_require__(58282);
;// CONCATENATED MODULE: ./lib/vuln/render.js
// Renders the vulnerability findings as Markdown, everything from the database escaped: the job summary's section, the comment's verdict words against a baseline, and the folded table of what is new.


const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
function row(f) {
    const aliases = f.aliases.length ? ` (${f.aliases.map(a => mdText(a)).join(', ')})` : '';
    const found = f.symbols.length ? f.symbols : f.reachability === 'reachable' ? f.packages : [];
    const status = f.reachability === 'module-only'
        ? 'module only'
        : f.allowed
            ? `reachable, allowed${f.allowed.reason ? `: ${mdText(f.allowed.reason)}` : ''}`
            : '**reachable**';
    return [
        `${mdId(f.id)}${aliases}<br>${mdText(f.summary)}`,
        mdText(f.module),
        mdText((0,match/* displayVersion */.ZJ)(f.module, f.version)),
        f.fixed ? mdText((0,match/* displayVersion */.ZJ)(f.module, f.fixed)) : 'none yet',
        found.length ? found.map(s => mdText(s)).join('<br>') : '-',
        status
    ];
}
const HEAD = ['vulnerability', 'module', 'found', 'fixed in', 'in the binary', 'status'];
/** The job summary's section: reachable findings in sight, module-only ones folded. */
function vulnSummary(s) {
    const out = ['### Known vulnerabilities', ''];
    if (s.skipped)
        return [...out, `Not checked: ${mdText(s.skipped, 500)}`, ''].join('\n');
    const db = s.database
        ? ` Checked against ${mdText(s.database.url)} (modified ${mdText(s.database.modified)}).`
        : '';
    const reachable = s.findings.filter(f => f.reachability === 'reachable');
    const moduleOnly = s.findings.filter(f => f.reachability === 'module-only');
    if (s.findings.length === 0) {
        return [...out, `No known vulnerability affects the binary's modules.${db}`, ''].join('\n');
    }
    const allowed = reachable.length - s.blocking;
    out.push(`**${plural(reachable.length, 'reachable vulnerability', 'reachable vulnerabilities')}**` +
        (allowed ? ` (${allowed} allowed by vuln-allow)` : '') +
        `, ${moduleOnly.length} in a module only.${db}`, '');
    if (reachable.length)
        out.push(...mdTable(HEAD, reachable.map(row)), '');
    if (moduleOnly.length) {
        out.push(...mdDetails(`${plural(moduleOnly.length, 'vulnerability', 'vulnerabilities')} in a module only: the vulnerable code is not in the binary`, mdTable(HEAD, moduleOnly.map(row))));
    }
    for (const [platform, why] of Object.entries(s.symbolsMissing ?? {})) {
        out.push(`The function table of the ${mdText(platform)} binary could not be read (${mdText(why)}): every ` +
            `vulnerability of its modules counts as reachable.`, '');
    }
    return out.join('\n');
}
const reachableIds = (s) => new Set(s.findings.filter(f => f.reachability === 'reachable').map(f => f.id));
/**
 * The comment's verdict words (no Markdown in them): "adds 1 reachable vulnerability, fixes 2" against the
 * baseline's section, "1 reachable vulnerability" without one, "no reachable vulnerabilities" when there are none.
 */
function vulnVerdict(current, baseline) {
    const now = reachableIds(current);
    if (current.skipped)
        return 'vulnerabilities not checked';
    if (!baseline || baseline.skipped) {
        return now.size
            ? plural(now.size, 'reachable vulnerability', 'reachable vulnerabilities')
            : 'no reachable vulnerabilities';
    }
    const before = reachableIds(baseline);
    const added = [...now].filter(id => !before.has(id));
    const fixed = [...before].filter(id => !now.has(id));
    if (!added.length && !fixed.length) {
        return now.size
            ? `no change in reachable vulnerabilities (${now.size})`
            : 'no reachable vulnerabilities';
    }
    const allowedIds = new Set(current.findings.filter(f => f.allowed).map(f => f.id));
    const addedAllowed = added.filter(id => allowedIds.has(id)).length;
    const parts = [];
    if (added.length) {
        parts.push(`adds ${plural(added.length, 'reachable vulnerability', 'reachable vulnerabilities')}` +
            (addedAllowed ? ` (${addedAllowed} allowed)` : ''));
    }
    if (fixed.length)
        parts.push(`fixes ${fixed.length}`);
    return parts.join(', ');
}
/**
 * What is new against the baseline, folded: findings whose entry and module the baseline did not have, and
 * module-only ones that became reachable. Empty when nothing is new or there is no baseline to compare with.
 */
function vulnNewTable(current, baseline) {
    if (!baseline || baseline.skipped || current.skipped)
        return '';
    const before = new Map(baseline.findings.map(f => [`${f.id} ${f.module}`, f]));
    const fresh = current.findings.filter(f => {
        const old = before.get(`${f.id} ${f.module}`);
        return !old || (old.reachability === 'module-only' && f.reachability === 'reachable');
    });
    if (!fresh.length)
        return '';
    const reachable = fresh.filter(f => f.reachability === 'reachable').length;
    const summary = `New known vulnerabilities against the baseline: ${reachable} reachable, ` +
        `${fresh.length - reachable} in a module only`;
    return mdDetails(summary, mdTable(HEAD, fresh.map(row))).join('\n');
}

;// CONCATENATED MODULE: ./lib/report/summary.js






function table(rows) {
    const [head, ...body] = rows;
    const esc = (c) => c.replace(/\|/g, '\\|');
    return [
        `| ${head.map(esc).join(' | ')} |`,
        `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
        ...body.map(r => `| ${r.map(esc).join(' | ')} |`)
    ].join('\n');
}
function platformTable(p) {
    return table([
        ['layer', 'compressed', 'uncompressed', 'share'],
        ...p.layers.map(l => [
            l.name,
            bytesCell(l.size),
            bytesCell(l.uncompressedSize),
            percent(l.size, p.size)
        ]),
        ['config', bytesCell(p.configSize), '-', percent(p.configSize, p.size)],
        ['**total**', `**${bytesCell(p.size)}**`, bytesCell(p.uncompressedSize), '100%']
    ]);
}
/** The summary's table of images, one row each; empty for a single image, which the rest of the summary is about. */
function imagesTable(entries) {
    if (entries.length < 2)
        return '';
    const esc = (c) => c.replace(/\|/g, '\\|');
    const rows = entries.map(e => {
        const where = e.imageRefs.length
            ? e.imageRefs.map(r => `\`${r.slice(0, r.indexOf('@'))}\``).join('<br>')
            : '-';
        const tags = e.pushed && e.tags.length ? e.tags.map(t => `\`${t}\``).join(', ') : 'not pushed';
        return `| ${esc(e.name)} | ${esc(where)} | \`${e.digest}\` | ${esc(tags)} | ${bytesCell(e.size)} |`;
    });
    return [
        `### ${entries.length} images`,
        '',
        '| image | repository | digest | tags | size |',
        '| --- | --- | --- | --- | ---: |',
        ...rows,
        ''
    ].join('\n');
}
/** How many package changes each direction lists. */
const TOP_PACKAGES = 10;
const num = (n) => n.toLocaleString('en-US');
const sign = (n) => (n > 0 ? '+' : n < 0 ? '-' : '');
/** A signed byte count, human and exact: `+1.20 MiB (+1,258,291 B)`; `0 B` when nothing changed. */
function signedBytes(n) {
    const abs = Math.abs(n);
    const exact = `${sign(n)}${num(abs)} B`;
    return abs < 1024 ? exact : `${sign(n)}${formatBytes(abs)} (${exact})`;
}
/** A table whose cells are already safe: numbers we formatted, or names escaped by their builder. */
function safeTable(head, rows) {
    return [
        `| ${head.join(' | ')} |`,
        `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
        ...rows.map(r => `| ${r.join(' | ')} |`)
    ];
}
/** A folded section; `summary` is raw HTML (escapeHtml), as Markdown is not parsed in an HTML block. */
function details(summary, body) {
    const end = body.length - [...body].reverse().findIndex(l => l !== '');
    return [
        '<details>',
        `<summary>${summary}</summary>`,
        '',
        ...body.slice(0, end),
        '',
        '</details>',
        ''
    ];
}
function packageRows(ps) {
    return ps.map(p => [
        code(p.name),
        p.old === undefined ? 'new' : num(p.old),
        p.new === undefined ? 'gone' : num(p.new),
        signedBytes(p.delta)
    ]);
}
/**
 * The Go packages that grew and shrank most. Folded into <details> in the comment, open in the job summary;
 * `missing` is said instead when there is nothing to compare.
 */
function packageSection(d, fold) {
    if (d.missing)
        return [`Go packages: not compared, ${escapeMarkdown(d.missing)}`, ''];
    if (!d.packages.length)
        return ['Go packages: no package changed size.', ''];
    const grew = d.packages.filter(p => p.delta > 0);
    const shrank = d.packages.filter(p => p.delta < 0);
    const most = d.packages.reduce((a, b) => (Math.abs(b.delta) > Math.abs(a.delta) ? b : a));
    const how = d.method === 'in place'
        ? 'read from the stripped binary: functions from its pclntab, data by the code that refers to it'
        : 'from an unstripped relink of the same build';
    const body = [
        `Bytes of the ${escapeMarkdown(d.platform ?? '')} binary per Go package, before compression (${how}).`,
        ''
    ];
    if (d.baselineMethod) {
        const what = (m) => (m === 'in place' ? 'read in place' : 'relinked');
        body.push(`The baseline's sizes were ${what(d.baselineMethod)} and this build's ${what(d.method ?? 'relink')} (an upgrade of this action): up to about 1% of each package's bytes may be the methods' difference, not the code's.`, '');
    }
    if (d.unattributed) {
        body.push(`Besides, ${signedBytes(d.unattributed.delta)} that no package accounts for (ELF headers, page alignment of the segments): with the packages, ${signedBytes(d.total + d.unattributed.delta)}, the binary's whole change.`, '');
    }
    const head = ['package', 'baseline', 'this build', 'delta'];
    if (grew.length) {
        body.push(`**Grew** (${grew.length}${grew.length > TOP_PACKAGES ? `, top ${TOP_PACKAGES}` : ''})`, '', ...safeTable(head, packageRows(grew.slice(0, TOP_PACKAGES))), '');
    }
    if (shrank.length) {
        const top = [...shrank].sort((a, b) => a.delta - b.delta).slice(0, TOP_PACKAGES);
        body.push(`**Shrank** (${shrank.length}${shrank.length > TOP_PACKAGES ? `, top ${TOP_PACKAGES}` : ''})`, '', ...safeTable(head, packageRows(top)), '');
    }
    const title = `Go packages: ${signedBytes(d.total)} in symbols; most in ${code(most.name, !fold)} (${signedBytes(most.delta)})`;
    return fold ? details(title, body) : [`**${title}**`, '', ...body];
}
function moduleLine(m) {
    if (m.change === 'added')
        return `- added ${code(`${m.path} ${m.new}`)}`;
    if (m.change === 'removed')
        return `- removed ${code(`${m.path} ${m.old}`)}`;
    return `- ${code(`${m.path} ${m.old} → ${m.new}`)}`;
}
/** Modules added, removed or changed version, and the Go version; nothing when none changed. */
function moduleSection(d, fold) {
    if (!d.modules.length && !d.goVersion)
        return [];
    const lines = d.modules.map(moduleLine);
    if (d.goVersion)
        lines.unshift(`- Go ${code(`${d.goVersion.old} → ${d.goVersion.new}`)}`);
    const count = (c) => d.modules.filter(m => m.change === c).length;
    const parts = [
        count('changed') && `${count('changed')} changed`,
        count('added') && `${count('added')} added`,
        count('removed') && `${count('removed')} removed`,
        d.goVersion && 'Go version changed'
    ].filter(Boolean);
    // A handful of module changes is the story of the pull request: shown, not folded.
    if (!fold || lines.length <= 5)
        return [`**Modules**: ${parts.join(', ')}`, '', ...lines, ''];
    return details(`Modules: ${parts.join(', ')}`, lines);
}
function renderSummary(r) {
    const out = ['## go-scratch-image', ''];
    const images = imagesTable(r.images ?? []);
    if (images)
        out.push(images, `The rest is about ${r.images[0].name}.`, '');
    out.push(r.pushed
        ? r.tags.length
            ? `Pushed \`${r.imageRef}\` as ${r.tags.map(t => `\`${t}\``).join(', ')}.`
            : `Pushed \`${r.imageRef}\` by digest, without a tag (push-by-digest).`
        : `Built \`${r.digest}\` (not pushed).`, '');
    // A merge (merge-digests) runs no Go: the legs did.
    if (r.goVersion)
        out.push(`Go ${r.goVersion}; binary ${bytesCell(r.binarySize)}.`, '');
    for (const p of r.sizes) {
        out.push(`### ${p.platform}: ${bytesCell(p.size)} compressed`, '', platformTable(p), '');
    }
    for (const c of r.comparisons) {
        const [head, ...rows] = comparisonRows(c);
        const withBytes = rows.map(([name, , , delta, pct], i) => {
            const l = c.layers[i];
            const old = l ? l.old : c.baseline.size;
            const now = l ? l.new : c.size;
            return [
                name,
                old === undefined ? '-' : bytesCell(old),
                now === undefined ? '-' : bytesCell(now),
                delta,
                pct
            ];
        });
        out.push(`### ${c.platform} against \`${c.baseline.reference}\`: ${c.delta > 0 ? '+' : ''}${c.delta.toLocaleString('en-US')} bytes (${c.deltaPercent > 0 ? '+' : ''}${c.deltaPercent}%)`, '', table([head, ...withBytes]), '');
    }
    if (r.packageDeltas) {
        const d = r.packageDeltas;
        out.push(`### Go packages and modules against \`${d.baseline}\``, '');
        out.push(...moduleSection(d, false), ...packageSection(d, false));
    }
    const budgetFailures = r.gateFailures.filter(f => !r.vulnFailures?.includes(f));
    if (r.maxSize || budgetFailures.length) {
        out.push('### Size budget', '');
        if (budgetFailures.length)
            out.push(...budgetFailures.map(f => `- :x: ${f}`));
        else
            out.push(`- :white_check_mark: every platform is within max-size ${r.maxSize.raw} (${r.maxSize.bytes.toLocaleString('en-US')} bytes).`);
        out.push('');
    }
    if (r.vulnerabilities) {
        out.push(vulnSummary(r.vulnerabilities));
        // The message names modules and versions the database's entries gave: escaped as the findings are.
        for (const f of r.vulnFailures ?? [])
            out.push(`:x: ${mdText(f, 2000)}`, '');
    }
    if (r.packages?.sizes.length) {
        const total = r.packages.sizes.reduce((n, p) => n + p.bytes, 0);
        out.push(`### Biggest Go packages in the binary (${r.packages.platform}, symbol sizes before compression)`, '', table([
            ['package', 'bytes', 'share'],
            ...r.packages.sizes.map(p => [p.name, bytesCell(p.bytes), percent(p.bytes, total)])
        ]), '');
    }
    return out.join('\n');
}

;// CONCATENATED MODULE: ./lib/vuln/report.js
// The vulnerabilities of a run as data: every platform's findings merged, the size report's versioned `vulnerabilities` section (written, and read back from a baseline's report), and the step's outputs.

/** Bumped on an incompatible change of the section; a reader ignores a section of a version it does not know. */
const VULN_SECTION_VERSION = 1;
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const union = (a, b) => [...new Set([...a, ...b])].sort(byName);
/** Adds a finding, on the given platforms, to merged: an entry in a module once, with the union of what was found. */
function addFinding(merged, f, platforms) {
    const key = `${f.id} ${f.module}`;
    const seen = merged.get(key);
    merged.set(key, seen
        ? {
            ...seen,
            packages: union(seen.packages, f.packages),
            symbols: union(seen.symbols, f.symbols),
            reachability: seen.reachability === 'reachable' ? 'reachable' : f.reachability,
            platforms: union(seen.platforms, platforms)
        }
        : { ...f, platforms: [...platforms] });
}
/** Reachable first, then by ID and module. */
function sorted(merged) {
    return [...merged.values()].sort((a, b) => (a.reachability === b.reachability ? 0 : a.reachability === 'reachable' ? -1 : 1) ||
        byName(a.id, b.id) ||
        byName(a.module, b.module));
}
/** The findings of every platform's binary as one list. */
function mergeFindings(results) {
    const merged = new Map();
    for (const r of results)
        for (const f of r.findings)
            addFinding(merged, f, [r.platform ?? 'unknown']);
    return sorted(merged);
}
/** The counts of a section's findings. */
function counted(findings) {
    const reachable = findings.filter(f => f.reachability === 'reachable');
    return {
        reachable: reachable.length,
        blocking: reachable.filter(f => !f.allowed).length,
        moduleOnly: findings.length - reachable.length
    };
}
/** The section of a run whose binaries were checked. */
function vulnSection(results) {
    const findings = mergeFindings(results);
    const missing = results.filter(r => r.symbolsMissing);
    return {
        schemaVersion: VULN_SECTION_VERSION,
        ...(results[0] ? { database: results[0].database } : {}),
        findings,
        ...counted(findings),
        ...(missing.length
            ? {
                symbolsMissing: Object.fromEntries(missing.map(r => [r.platform ?? 'unknown', r.symbolsMissing]))
            }
            : {})
    };
}
/**
 * The sections of several images (a monorepo) as the run's one section: a finding once, on every image's
 * platforms, which are named `image: os/arch` when there are several images.
 */
function combineSections(parts, several) {
    const on = (name, platform) => several ? `${name}: ${platform}` : platform;
    const merged = new Map();
    for (const { name, section } of parts)
        for (const f of section.findings)
            addFinding(merged, f, f.platforms.map(p => on(name, p)));
    const findings = sorted(merged);
    const missing = parts.flatMap(({ name, section }) => Object.entries(section.symbolsMissing ?? {}).map(([p, why]) => [on(name, p), why]));
    const database = parts.find(p => p.section.database)?.section.database;
    const skipped = parts.find(p => p.section.skipped)?.section.skipped;
    return {
        schemaVersion: VULN_SECTION_VERSION,
        ...(database ? { database } : {}),
        findings,
        ...counted(findings),
        ...(missing.length ? { symbolsMissing: Object.fromEntries(missing) } : {}),
        ...(skipped ? { skipped } : {})
    };
}
/** The section of a run that could not check (the database's warning, with vulnerabilities: report). */
function skippedSection(why) {
    return {
        schemaVersion: VULN_SECTION_VERSION,
        findings: [],
        reachable: 0,
        blocking: 0,
        moduleOnly: 0,
        skipped: why
    };
}
/** The outputs: vulnerabilities (every finding, as JSON) and vulnerability-count (reachable and not allowed). */
function vulnOutputs(section) {
    return {
        vulnerabilities: JSON.stringify(section.findings),
        'vulnerability-count': String(section.blocking)
    };
}
const findingSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    aliases: schemas/* array */.YOg(schemas/* string */.YjP()),
    summary: schemas/* string */.YjP(),
    module: schemas/* string */.YjP(),
    version: schemas/* string */.YjP(),
    fixed: schemas/* string */.YjP().optional(),
    packages: schemas/* array */.YOg(schemas/* string */.YjP()),
    symbols: schemas/* array */.YOg(schemas/* string */.YjP()),
    reachability: schemas/* enum */.k5n(['reachable', 'module-only']),
    allowed: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), reason: schemas/* string */.YjP().optional() }).optional(),
    platforms: schemas/* array */.YOg(schemas/* string */.YjP())
});
/** The section as another job wrote it: a baseline's report is untrusted until it has passed this. */
const vulnSectionSchema = schemas/* object */.Ikc({
    schemaVersion: schemas/* literal */.euz(VULN_SECTION_VERSION),
    database: schemas/* object */.Ikc({ url: schemas/* string */.YjP(), modified: schemas/* string */.YjP() }).optional(),
    findings: schemas/* array */.YOg(findingSchema),
    reachable: schemas/* number */.aig().int().nonnegative(),
    blocking: schemas/* number */.aig().int().nonnegative(),
    moduleOnly: schemas/* number */.aig().int().nonnegative(),
    symbolsMissing: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional(),
    skipped: schemas/* string */.YjP().optional()
});
/**
 * A report's `vulnerabilities` value read back: the section, or why it cannot be used (absent: a report from
 * before this feature or from a run with vulnerabilities: off; another version; not valid). Never throws.
 */
function readVulnSection(value) {
    if (value === undefined)
        return { missing: 'the report has no vulnerabilities section' };
    const version = value?.schemaVersion;
    if (version !== VULN_SECTION_VERSION)
        return {
            missing: `its vulnerabilities section is version ${typeof version === 'number' ? version : '(none)'}, not ${VULN_SECTION_VERSION}`
        };
    const r = vulnSectionSchema.safeParse(value);
    return r.success
        ? r.data
        : { missing: 'its vulnerabilities section is not valid' };
}

;// CONCATENATED MODULE: ./lib/comment/render.js





/** What the report is of: its repository, else (no image) its main package, else its digest. */
function reportName(r) {
    return r.image || r.binary?.path || r.digest;
}
const render_num = (n) => n.toLocaleString('en-US');
const pct = (delta, old) => old
    ? `${delta > 0 ? '+' : delta < 0 ? '-' : ''}${Math.abs((100 * delta) / old).toFixed(2)}%`
    : 'new';
function verdict(r) {
    const b = r.budget;
    const limits = [
        b?.maxSize && `max-size ${escapeMarkdown(b.maxSize.raw)} (${render_num(b.maxSize.bytes)} B)`,
        b?.maxSizeIncrease && `max-size-increase ${escapeMarkdown(b.maxSizeIncrease)}`
    ].filter(Boolean);
    if (b?.failures.length) {
        return [':x: **Over budget**', '', ...b.failures.map(f => `- ${escapeMarkdown(f)}`), ''];
    }
    if (limits.length)
        return [`:white_check_mark: **Within budget**: ${limits.join(', ')}.`, ''];
    return ['No size budget is set (`max-size`, `max-size-increase`).', ''];
}
function totals(r) {
    const byPlatform = new Map((r.comparison?.platforms ?? []).map(c => [c.platform, c]));
    const compared = !!r.comparison;
    const rows = r.platforms.map(p => {
        const c = byPlatform.get(p.platform);
        const cells = [escapeMarkdown(p.platform), bytesCell(p.size)];
        if (compared) {
            cells.push(c ? signedBytes(c.delta) : 'no baseline', c ? pct(c.delta, c.baseline.size) : '-');
        }
        return cells;
    });
    const head = ['platform', 'compressed size', ...(compared ? ['delta', 'delta %'] : [])];
    return [...safeTable(head, rows), ''];
}
function layerDetails(comparisons) {
    if (!comparisons.length)
        return [];
    const body = comparisons.flatMap(c => [
        `**${escapeMarkdown(c.platform)}** (compressed bytes)`,
        '',
        ...safeTable(['layer', 'baseline', 'this build', 'delta'], c.layers.map(l => [
            escapeMarkdown(l.name),
            l.old === undefined ? '-' : render_num(l.old),
            l.new === undefined ? '-' : render_num(l.new),
            l.delta ? signedBytes(l.delta) : '0'
        ])),
        ''
    ]);
    const changed = comparisons.flatMap(c => c.layers.filter(l => l.delta !== 0).map(l => l.name));
    const names = [...new Set(changed)];
    return details(`Layers: ${names.length ? `${names.map(escapeHtml).join(', ')} changed` : 'no layer changed'}`, body);
}
/**
 * The verdict's vulnerability line and the folded table of what is new against the baseline's report, when this
 * run checked (vulnerabilities report or fail). Both sections are validated first: the report may be a fork's.
 */
function vulnLines(r) {
    const now = readVulnSection(r.vulnerabilities);
    if ('missing' in now)
        return [];
    const old = r.comparison && readVulnSection(r.comparison.vulnerabilities);
    const baseline = old && !('missing' in old) ? old : undefined;
    const table = vulnNewTable(now, baseline);
    return [
        `**Known vulnerabilities**: ${vulnVerdict(now, baseline)}.`,
        '',
        ...(table ? [table, ''] : [])
    ];
}
/** The run link is shown only when it is a run of this repository (runsUrl): a report's own could point anywhere. */
function runLink(run, runsUrl) {
    if (!run || !runsUrl || !run.startsWith(runsUrl))
        return undefined;
    return /^\d+(?:\/attempts\/\d+)?$/.test(run.slice(runsUrl.length)) ? run : undefined;
}
/**
 * The comment's Markdown for a report written by this run or by another (comment-from). `marker` comes from
 * trusted inputs (commentMarker); `runsUrl` is this repository's `…/actions/runs/`, which the run link must start with.
 */
function renderComment(r, o) {
    const out = [o.marker, `### Image size: ${code(reportName(r))}`, ''];
    out.push(...verdict(r), ...vulnLines(r), ...totals(r));
    if (r.comparison) {
        out.push(`Compared with ${code(r.comparison.baseline)}.`, '');
        const d = r.comparison.packages;
        out.push(...moduleSection(d, true), ...packageSection(d, true));
        out.push(...layerDetails(r.comparison.platforms));
    }
    const about = `Go ${escapeMarkdown(r.goVersion)} · ${code(r.digest.slice(0, 19))}`;
    const run = runLink(r.run, o.runsUrl);
    out.push(run ? `${about} · [the run](${run})` : about);
    return out.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./lib/comment/post.js
// Posts a size report as the pull request's comment: the report of this run, or one read from a file (comment-from).







/**
 * The comment of this run's own build (comment: true). The report was made in this step from its own inputs and
 * build, so its name keys the marker: the image (registry/repository), else the main package.
 */
async function commentOnReport(report, o) {
    const marker = commentMarker(reportName(report));
    const body = renderComment(report, { marker, runsUrl: o.github.runsUrl });
    return postComment({ ...o, marker, body });
}
/**
 * The key of a posted report's comment, from trusted inputs only: the report is another job's, maybe a fork's,
 * and must not choose which comment it replaces. The posting step's own `image` (its first line, as registry/
 * repository: the same key the build step's comment has) when given; else the repository, one comment per pull
 * request, since the posting job may not know the image. Several images posted to one pull request each need
 * their step's `image`.
 */
function commentKey(image, github) {
    const first = image.split('\n').find(l => l.trim());
    if (first) {
        const ref = parseImage(first, 'image');
        return `${ref.registry}/${ref.repository}`;
    }
    return github.repository;
}
/** The file's text, refused past MAX_REPORT_BYTES before it is read. */
async function readReport(file) {
    const fail = (why) => new ports/* InputError */.d(`comment-from: ${file} ${why}. Point it at the file the build step's report output named (download the artifact first).`);
    const handle = await (0,promises_.open)(file, 'r').catch((e) => {
        throw fail(`cannot be read (${e.code ?? e.message})`);
    });
    try {
        const { size, isFile } = await handle.stat().then(s => ({ size: s.size, isFile: s.isFile() }));
        if (!isFile)
            throw fail('is not a file');
        if (size > MAX_REPORT_BYTES) {
            throw fail(`is ${size} bytes, more than the ${MAX_REPORT_BYTES} a size report can be`);
        }
        // Read at most one byte past the limit: the file may grow between stat and read.
        const buf = Buffer.alloc(Math.min(size, MAX_REPORT_BYTES) + 1);
        const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
        return buf.subarray(0, bytesRead).toString('utf8');
    }
    finally {
        await handle.close();
    }
}
/**
 * comment-from: the report file a build wrote (output report), posted without building. Everything in it is
 * untrusted: it is checked against the schema, its strings are escaped, its pull request is only a hint that
 * GitHub must confirm, and it has no say in the marker.
 */
async function commentFrom(file, o) {
    const text = await readReport(file);
    let report;
    try {
        report = parseReport(text, `comment-from: ${file}`);
    }
    catch (e) {
        if (e instanceof ReportError)
            throw new ports/* InputError */.d(e.message);
        throw e;
    }
    const marker = commentMarker(commentKey(o.image ?? '', o.github));
    const body = renderComment(report, { marker, runsUrl: o.github.runsUrl });
    return postComment({
        ...o,
        marker,
        body,
        fromReport: { pullRequest: report.pullRequest }
    });
}
/**
 * comment: true: the run's report as the pull request's comment, written before the step fails on the size gate
 * (the edge fails it after the graph), so a reviewer sees why. The stage is left out without comment.
 */
function commentStage(o) {
    return {
        title: 'Comment on the pull request',
        run: async ({ sizeReport }) => void (await commentOnReport(sizeReport.report, o))
    };
}

// EXTERNAL MODULE: ./node_modules/@actions/tool-cache/lib/tool-cache.js + 2 modules
var tool_cache = __webpack_require__(59805);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 1 modules
var exec = __webpack_require__(41955);
;// CONCATENATED MODULE: ./lib/exec.js
// Runs external commands (go, git, docker) through @actions/exec behind the Runner interface.

const execRunner = {
    async run(command, args, options = {}) {
        return (0,exec/* getExecOutput */.H)(command, args, {
            cwd: options.cwd,
            env: options.env,
            silent: options.silent ?? false,
            input: options.input === undefined ? undefined : Buffer.from(options.input),
            ignoreReturnCode: true
        });
    }
};

;// CONCATENATED MODULE: ./lib/registry/release.js
// Release versions in tags, read with the semver package: a tag's version, and the newest release a repository already has.

/** A version as node-semver reads it strictly: semver.org's grammar, with an optional leading v. */
function parseSemver(raw) {
    const v = semver.parse(raw.trim());
    if (!v)
        return undefined;
    return {
        raw,
        major: v.major,
        minor: v.minor,
        patch: v.patch,
        ...(v.prerelease.length ? { prerelease: v.prerelease.join('.') } : {})
    };
}
/** Releases in version order; pre-releases never come here. */
const order = (a, b) => semver.compare(`${a.major}.${a.minor}.${a.patch}`, `${b.major}.${b.minor}.${b.patch}`);
/**
 * The newest release among a repository's tags that is newer than release, if any: under tags-latest: auto a
 * tag push of an older line (a 1.4.8 fix after 2.0.0) must not move latest back. Tags are read as full semver
 * versions (1.2.3 or v1.2.3) after taking off the flavor's prefix and suffix; pre-releases and partial tags (1.2)
 * do not count.
 */
function newerRelease(release, existing, affix = { prefix: '', suffix: '' }) {
    let best;
    for (const tag of existing) {
        if (!tag.startsWith(affix.prefix) || !tag.endsWith(affix.suffix))
            continue;
        const v = parseSemver(tag.slice(affix.prefix.length, tag.length - affix.suffix.length));
        if (!v || v.prerelease || order(v, release) <= 0)
            continue;
        if (!best || order(v, best.v) > 0)
            best = { tag, v };
    }
    return best?.tag;
}

;// CONCATENATED MODULE: ./lib/registry/tag-resolve.js
// Applies tag rules to the Git context of a run: the tags in metadata-action's order, latest, and the release's floating tags; pure.




function refKind(ctx) {
    if (ctx.ref.startsWith('refs/pull/') ||
        (ctx.eventName.startsWith('pull_request') && ctx.prNumber))
        return 'pr';
    if (ctx.ref.startsWith('refs/tags/'))
        return 'tag';
    if (ctx.ref.startsWith('refs/heads/'))
        return 'branch';
    return undefined;
}
const strip = (ref, prefix) => ref.slice(prefix.length);
/** The tags the rules give in this context, in metadata-action's order: by priority, then latest. */
function resolveTags(rules, flavor, ctx) {
    const kind = refKind(ctx);
    const branch = kind === 'branch' ? strip(ctx.ref, 'refs/heads/') : '';
    const gitTag = kind === 'tag' ? strip(ctx.ref, 'refs/tags/') : '';
    const shortSha = ctx.sha.slice(0, ctx.shortShaLength);
    const globals = {
        branch,
        tag: gitTag,
        sha: shortSha,
        base_ref: ctx.baseRef ?? '',
        is_default_branch: String((!!branch && branch === ctx.defaultBranch) ||
            /create|discussion|issues|schedule/.test(ctx.eventName))
    };
    const global = (v) => render(v, globals, ctx.now);
    const affixed = (value, rule) => {
        const own = (key) => rule.attrs[key] !== undefined;
        const from = (key) => own(key) ? `tags: ${key}= in '${rule.line}'` : `tags-${key}`;
        return {
            prefix: global(own('prefix') ? rule.attrs.prefix : flavor.prefix),
            value,
            suffix: global(own('suffix') ? rule.attrs.suffix : flavor.suffix),
            prefixFrom: from('prefix'),
            suffixFrom: from('suffix')
        };
    };
    const what = ctx.ref || 'this run';
    const notes = [];
    let main;
    const partial = [];
    let latest;
    let release;
    const floating = [];
    let floatingRelease;
    const add = (parts, autoLatest, from) => {
        if (!`${parts.prefix}${parts.value}${parts.suffix}`)
            return;
        const tag = fitTag(parts, what);
        if (!tag)
            return;
        if (main === undefined)
            main = tag;
        else if (tag !== main)
            partial.push(tag);
        if (latest === undefined) {
            latest = flavor.latest === 'auto' ? autoLatest : flavor.latest === 'true';
            if (latest && flavor.latest === 'auto')
                release = from;
        }
        return tag;
    };
    const sorted = [...rules].sort((a, b) => b.priority - a.priority);
    for (const rule of sorted) {
        const enabled = global(rule.attrs.enable ?? 'true');
        if (enabled !== 'true' && enabled !== 'false') {
            throw new ports/* InputError */.d(`tags: enable in '${rule.line}' gives '${enabled}', not true or false.`);
        }
        if (enabled === 'false')
            continue;
        const auto = (fallback) => rule.autoLatest ?? fallback;
        switch (rule.type) {
            case 'schedule':
                if (ctx.eventName.includes('schedule'))
                    add(affixed(render(rule.attrs.pattern, {}, ctx.now), rule), auto(false));
                break;
            case 'semver': {
                if (kind !== 'tag' && !rule.attrs.value)
                    break;
                const raw = rule.attrs.value ? global(rule.attrs.value) : gitTag.replace(/\//g, '-');
                const v = parseSemver(raw);
                if (!v) {
                    notes.push(`${rule.line}: ${raw} is not semver (https://semver.org), so it gives no tag.`);
                    break;
                }
                const version = `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}`;
                const values = { raw, version, major: v.major, minor: v.minor, patch: v.patch };
                const pattern = rule.attrs.pattern;
                if (v.prerelease) {
                    // A pre-release gets only its full version (or {{raw}}): moving 1 or 1.2 to it would mislead.
                    add(affixed(/^\{\{\s*raw\s*\}\}$/.test(pattern) ? raw : version, rule), auto(false));
                    break;
                }
                // Major version zero promises no stability, so no tag may follow every 0.x release.
                if (v.major === 0 &&
                    /\{\{\s*major\s*\}\}/.test(pattern) &&
                    !/\{\{\s*(minor|patch|version|raw)\s*\}\}/.test(pattern)) {
                    notes.push(`${rule.line}: ${raw} is major version zero, so no {{major}} tag.`);
                    break;
                }
                const tag = add(affixed(render(pattern, values, ctx.now), rule), auto(true), v);
                // A pattern without the patch (or the whole version) names a line of releases, not this one.
                if (tag && !/\{\{\s*(patch|version|raw)\s*\}\}/.test(pattern)) {
                    floating.push({ tag, line: /\{\{\s*minor\s*\}\}/.test(pattern) ? 'minor' : 'major' });
                    floatingRelease = v;
                }
                break;
            }
            case 'ref': {
                const event = rule.attrs.event;
                if (event !== kind)
                    break;
                // Lowercased, unlike metadata-action: Feature/X and feature/x are one branch to most people, and one
                // image tag should not split into two by case.
                if (event === 'branch')
                    add(affixed(branch.toLowerCase(), rule), auto(false));
                else if (event === 'tag') {
                    if (rule.onlyIfNotSemver && parseSemver(gitTag.replace(/\//g, '-')))
                        break;
                    const v = parseSemver(gitTag.replace(/\//g, '-'));
                    add(affixed(gitTag, rule), auto(true), v && !v.prerelease ? v : undefined);
                }
                else {
                    const pr = ctx.ref.startsWith('refs/pull/')
                        ? strip(ctx.ref, 'refs/pull/').replace(/\/merge$/, '')
                        : (ctx.prNumber ?? '');
                    add(affixed(pr, rule), auto(false));
                }
                break;
            }
            case 'edge': {
                if (kind !== 'branch')
                    break;
                const wanted = rule.attrs.branch || ctx.defaultBranch;
                if (!wanted) {
                    notes.push(`${rule.line}: the event payload names no default branch; set branch= (type=edge,branch=main).`);
                    break;
                }
                if (wanted === branch)
                    add(affixed('edge', rule), auto(false));
                break;
            }
            case 'raw':
                add(affixed(global(rule.attrs.value), rule), auto(false));
                break;
            case 'sha':
                if (!ctx.sha)
                    break;
                add(affixed(rule.attrs.format === 'long' ? ctx.sha : shortSha, rule), auto(false));
                break;
        }
    }
    const tags = main === undefined ? [] : [main, ...new Set(partial)];
    const on = !!latest && main !== undefined;
    const latestTag = on
        ? fitTag({
            prefix: flavor.prefixLatest ? global(flavor.prefix) : '',
            value: 'latest',
            suffix: flavor.suffixLatest ? global(flavor.suffix) : '',
            prefixFrom: 'tags-prefix',
            suffixFrom: 'tags-suffix'
        }, what)
        : undefined;
    if (latestTag && !tags.includes(latestTag))
        tags.push(latestTag);
    if (latestTag && release) {
        floating.push({ tag: latestTag, line: 'all' });
        floatingRelease = release;
    }
    const affix = { prefix: global(flavor.prefix), suffix: global(flavor.suffix) };
    return {
        tags,
        version: main,
        latest: on,
        ...(latestTag ? { latestTag } : {}),
        ...(on && release ? { release, affix } : {}),
        notes,
        ...(floatingRelease && floating.length
            ? { floating: { release: floatingRelease, tags: floating, affix } }
            : {})
    };
}

;// CONCATENATED MODULE: ./lib/registry/tags.js





/** The same plan for an image whose tags all end in suffix (TAG-debug): its releases are spelt with it too. */
function withSuffix(plan, suffix) {
    const f = plan.floating;
    return {
        tags: plan.tags.map(t => `${t}${suffix}`),
        ...(f
            ? {
                floating: {
                    ...f,
                    tags: f.tags.map(t => ({ ...t, tag: `${t.tag}${suffix}` })),
                    affix: { ...f.affix, suffix: `${f.affix.suffix}${suffix}` }
                }
            }
            : {})
    };
}
/** The plan of a tag result: its tags, and its floating ones when it is a release. */
function tagPlan(result) {
    return { tags: result.tags, ...(result.floating ? { floating: result.floating } : {}) };
}
/** DOCKER_METADATA_SHORT_SHA_LENGTH, as docker/metadata-action reads it: type=sha's commit length; 7 unless set. */
function shortShaLength(env) {
    const length = Number(env.DOCKER_METADATA_SHORT_SHA_LENGTH || 7);
    return Number.isInteger(length) && length > 0 ? length : 7;
}
/** What the tag rules read: the ref, the commit, the event, and the pull request and branches its payload names. */
function tagContext(github, now = new Date(), shaLength = 7) {
    // As the runner wrote it; a payload of another shape gives no pull request or branch, never an error.
    const raw = github.event.payload;
    const payload = (raw && typeof raw === 'object' ? raw : {});
    const sha = github.sha;
    const pr = payload.pull_request?.number ?? payload.number;
    const ref = github.ref;
    const baseRef = ref.startsWith('refs/pull/')
        ? payload.pull_request?.base?.ref
        : payload.base_ref?.replace(/^refs\/heads\//, '');
    return {
        ref,
        // Only a commit id makes a sha- tag; anything else in GITHUB_SHA is ignored.
        sha: /^[0-9a-f]{7,}$/.test(sha) ? sha : '',
        eventName: github.eventName,
        ...(pr !== undefined ? { prNumber: String(pr) } : {}),
        ...(payload.repository?.default_branch
            ? { defaultBranch: payload.repository.default_branch }
            : {}),
        ...(baseRef ? { baseRef } : {}),
        now,
        shortShaLength: shaLength
    };
}
/**
 * The tags to push: the tags input's rules (or the default ones) in this run's context. The default falls back to
 * latest outside a workflow (no ref, no commit); explicit rules that give nothing are an error when the image is
 * pushed, since an image pushed without the tag its author expects is worse than a failed step (a pull request
 * built with push: false and release-only rules is fine).
 */
function planTags(lines, flavor, github, logger, o = {}) {
    const now = o.now ?? new Date();
    const ctx = tagContext(github, now, o.shortShaLength);
    const explicit = lines.length > 0;
    const result = resolveTags(explicit ? parseTagRules(lines) : defaultTagRules(), flavor, ctx);
    for (const note of result.notes)
        logger?.info(`tags: ${note}`);
    if (result.tags.length)
        return result;
    if (!explicit)
        return { tags: ['latest'], latest: true, latestTag: 'latest', notes: [] };
    if (o.pushed === false)
        return result;
    throw new Error(`tags: no rule gives a tag for ${ctx.ref || 'this run'} (event ${ctx.eventName || 'unknown'}). ` +
        `Add one that applies, e.g. type=sha or type=raw,value=latest, or set push-by-digest: true to push without a tag.`);
}
/**
 * The planned tags without latest when the repository already holds a newer release than the one this tag push
 * makes (tags-latest: auto means the newest release). listTags reads the repository; when it cannot, latest
 * stays, with a warning, as metadata-action would put it.
 */
async function latestOnNewest(planned, listTags, logger) {
    const plan = tagPlan(planned);
    if (!planned.release || !planned.latestTag)
        return plan;
    let existing;
    try {
        existing = await listTags();
    }
    catch (e) {
        logger.warning(`tags-latest: could not list the repository's tags (${e.message}); latest goes on this release.`);
        return plan;
    }
    const newer = newerRelease(planned.release, existing, planned.affix);
    if (!newer)
        return plan;
    logger.info(`tags-latest: auto: the repository already has ${newer}, newer than ${planned.release.raw}; ${planned.latestTag} stays there.`);
    const floating = plan.floating?.tags.filter(t => t.tag !== planned.latestTag) ?? [];
    return {
        tags: planned.tags.filter(t => t !== planned.latestTag),
        ...(plan.floating && floating.length ? { floating: { ...plan.floating, tags: floating } } : {})
    };
}
/**
 * The tags to push. Under tags-latest: auto, a release whose tag push would put latest on it asks image's
 * repository (pull access only) whether a newer release is already there; only then is the registry reached
 * before the build.
 */
async function pushTags(publish, registry, github, ports) {
    const planned = planTags(publish.tags, publish.tagFlavor, github, ports.logger, {
        pushed: publish.push,
        shortShaLength: publish.shortShaLength
    });
    const image = publish.image;
    if (!planned.release || !publish.push || !image)
        return tagPlan(planned);
    return latestOnNewest(planned, async () => {
        const client = await openRegistry(registry, ports, image, registry.credentials, {
            access: 'pull'
        });
        await client.login();
        return client.listTags();
    }, ports.logger);
}
/** The default tags (tags input empty, no flavor) of a run: see defaultTagRules. */
function defaultTags(github, now = new Date()) {
    return planTags([], DEFAULT_FLAVOR, github, undefined, { now }).tags;
}

;// CONCATENATED MODULE: ./lib/attest/endpoints.js
const PUBLIC_GOOD = {
    fulcioURL: 'https://fulcio.sigstore.dev',
    rekorURL: 'https://rekor.sigstore.dev'
};
/**
 * The instance @actions/attest picks (its signingEndpoints, which it does not export): a public repository signs
 * with the public-good instance and its public log, a private or internal one with GitHub's, whose timestamp
 * authority stands in for the log so that nothing about the repository becomes public.
 */
function signingEndpoints(visibility, serverUrl = 'https://github.com') {
    if (visibility === 'public')
        return PUBLIC_GOOD;
    let host = new URL(serverUrl).hostname;
    if (host === 'github.com')
        host = 'githubapp.com';
    return { fulcioURL: `https://fulcio.${host}`, tsaServerURL: `https://timestamp.${host}` };
}
/** The repository's visibility, from the event payload the runner writes for every job (GITHUB_EVENT_PATH). */
function repositoryVisibility(event) {
    const payload = event.payload;
    if (!payload || typeof payload !== 'object')
        return undefined;
    const v = payload.repository?.visibility;
    if (typeof v === 'string')
        return v;
    return payload.repository?.private === false ? 'public' : undefined;
}
/**
 * TEST ONLY, never documented for users: JSON SigstoreEndpoints pointing the bundled action at local stand-ins
 * for Fulcio, Rekor, the TSA and the OIDC issuer (the real services cannot be reached from the test machine).
 * The pipeline itself takes its endpoints from Deps.sigstore; only the action's edge reads this variable.
 */
const TEST_ENDPOINTS_ENV = 'GSI_TEST_ONLY_SIGSTORE_ENDPOINTS';
function testEndpoints(env) {
    const raw = env[TEST_ENDPOINTS_ENV];
    if (!raw)
        return undefined;
    const e = JSON.parse(raw);
    if (typeof e.fulcioURL !== 'string')
        throw new Error(`${TEST_ENDPOINTS_ENV}: no fulcioURL`);
    return e;
}

;// CONCATENATED MODULE: ./lib/images/entries.js
function imageEntry(o) {
    const imageRefs = o.refs.map(r => `${r.registry}/${r.repository}@${o.digest}`);
    return {
        name: o.name,
        digest: o.digest,
        imageRef: imageRefs[0] ?? '',
        imageRefs,
        tags: o.tags,
        size: o.size,
        pushed: o.pushed
    };
}
/** The images output: JSON keyed by name. */
function imagesOutput(entries) {
    return JSON.stringify(Object.fromEntries(entries.map(e => [
        e.name,
        {
            digest: e.digest,
            'image-ref': e.imageRef,
            'image-refs': e.imageRefs,
            tags: e.tags,
            size: e.size
        }
    ])));
}

// EXTERNAL MODULE: ./lib/tool-cache-dir.js
var tool_cache_dir = __webpack_require__(3876);
;// CONCATENATED MODULE: ./lib/edge.js
// What both edges, the action (main.ts) and the command line (cli/), share: the run's options, the side effects
// they pass in and the outputs they report.












/**
 * Whether a runner reads the log: GitHub Actions sets GITHUB_ACTIONS=true in every step. Elsewhere (a terminal,
 * scripts/quickstart.sh) workflow commands are noise, and phases get plain headers instead.
 */
function inActions(env) {
    return env.GITHUB_ACTIONS === 'true';
}
const toolCache = {
    find: (tool, version, arch) => tool_cache/* find */.I6(tool, version, arch),
    findAllVersions: (tool, arch) => tool_cache/* findAllVersions */.iq(tool, arch),
    extractTar: (file, dest, flags) => tool_cache/* extractTar */.nN(file, dest, flags)
};
/**
 * The real side effects, with a fresh scratch directory for this run under tempRoot. Every request goes through
 * the one HTTP layer (src/http/): fetch is its transport with registry-timeout as the connect and idle limit, for
 * Go's mirror, GitHub's API, Sigstore and the OIDC token (each adds the retry policy and its budget); registries
 * get a transport of their own with their TLS inputs. The same transport is the process's shared one, which the
 * pull request comment's Octokit uses.
 */
async function edgeDeps(o) {
    const fetch = (0,http_transport/* httpTransport */.k6)({ timeoutMs: o.timeoutMs ?? http_transport/* DEFAULT_TIMEOUT_MS */.t1 });
    useSharedFetch(fetch);
    return {
        runner: execRunner,
        fetch,
        registryFetch: registryFetch,
        toolCache,
        toolCacheDir: (0,tool_cache_dir/* toolCacheDir */.e)(o.env),
        buildCache: o.buildCache,
        logger: o.logger,
        env: o.env,
        nodeArch: process.arch,
        tempDir: await (0,promises_.mkdtemp)(external_node_path_.join(o.tempRoot, 'go-scratch-image-')),
        // Only the integration tests set it (local stand-ins for Sigstore): see testEndpoints.
        sigstore: testEndpoints(o.env)
    };
}
/**
 * The run's option objects, from the inputs and the GitHub context: the one place that reads the whole Config.
 * env is the runner's, for what docker/metadata-action reads from it (DOCKER_METADATA_SHORT_SHA_LENGTH).
 */
function runOptions(c, github, env) {
    return {
        registry: {
            timeoutMs: c.registryTimeoutMs,
            caFile: c.registryCaFile,
            ca: c.registryCa,
            insecure: c.insecureRegistry,
            credentials: c.credentials
        },
        go: {
            version: c.goVersion,
            versionFile: c.goVersionFile,
            downloadBaseUrl: c.goDownloadBaseUrl,
            checkLatest: c.checkLatest,
            cache: c.cache,
            cacheSave: c.cacheSave,
            cacheDependencyPath: c.cacheDependencyPath
        },
        build: {
            workingDirectory: c.workingDirectory,
            package: c.package,
            packages: c.packages,
            binaryName: c.binaryName,
            platforms: c.platforms,
            ldflags: c.ldflags,
            buildTags: c.buildTags,
            buildFlags: c.buildFlags,
            buildEnv: c.buildEnv,
            sourceDateEpoch: c.sourceDateEpoch,
            cgo: c.cgo,
            cc: c.cc,
            cgoSysroot: c.cgoSysroot
        },
        image: {
            zoneinfo: c.zoneinfo,
            caCertificates: c.caCertificates,
            extraCaCertificates: c.extraCaCertificates,
            files: c.files,
            user: c.user,
            workdir: c.workdir,
            env: c.env,
            expose: c.expose,
            entrypoint: c.entrypoint,
            args: c.args,
            labels: c.labels,
            builder: c.builder,
            mediaTypes: c.mediaTypes,
            compression: c.compression,
            debug: c.debug,
            debugBusybox: c.debugBusybox
        },
        publish: {
            image: c.image,
            mirrors: c.mirrors,
            imageLines: c.imageLines,
            tags: c.tags,
            tagFlavor: c.tagFlavor,
            shortShaLength: shortShaLength(env),
            push: c.push,
            pushByDigest: c.pushByDigest,
            load: c.load,
            ociLayout: c.ociLayout,
            mergeDigests: c.mergeDigests,
            mergeDigestsDir: c.mergeDigestsDir
        },
        report: {
            maxSize: c.maxSize,
            compareTo: c.compareTo,
            compareToLine: c.compareToLine,
            maxSizeIncrease: c.maxSizeIncrease,
            packageSizes: c.packageSizes,
            comment: c.comment,
            githubToken: c.githubToken
        },
        supplyChain: { sbom: c.sbom, provenance: c.provenance, githubToken: c.githubToken },
        vuln: { vulnerabilities: c.vulnerabilities, vulnDb: c.vulnDb, vulnAllow: c.vulnAllow },
        github
    };
}
/** The action's outputs (action.yml), metadata included; the command line prints some of them. */
function actionOutputs(r) {
    const sizes = Object.fromEntries(r.sizes.map(s => [
        s.platform,
        {
            size: s.size,
            uncompressedSize: s.uncompressedSize,
            configSize: s.configSize,
            binarySize: s.binarySize,
            layers: s.layers
        }
    ]));
    const outputs = {
        digest: r.digest,
        'image-ref': r.imageRef,
        tags: r.tags.join('\n'),
        size: r.size,
        'uncompressed-size': r.uncompressedSize,
        'binary-size': r.binarySize,
        sizes: JSON.stringify(sizes),
        'go-version': r.goVersion,
        dockerfile: r.dockerfile,
        context: r.context
    };
    if (r.debugSize !== undefined)
        outputs['debug-size'] = r.debugSize;
    if (r.images)
        outputs.images = imagesOutput(r.images);
    if (r.comparison) {
        outputs['baseline-size'] = r.comparison.baseline.size;
        outputs['size-delta'] = r.comparison.delta;
        outputs['size-delta-percent'] = r.comparison.deltaPercent;
    }
    if (r.reportFile)
        outputs.report = r.reportFile;
    if (r.attestation) {
        outputs['attestation-id'] = r.attestation.id;
        outputs['attestation-url'] = r.attestation.url;
    }
    if (r.sbom)
        outputs.sbom = JSON.stringify(r.sbom);
    if (r.packageDeltas)
        outputs['package-deltas'] = JSON.stringify(r.packageDeltas);
    if (r.cacheHit !== undefined)
        outputs['cache-hit'] = String(r.cacheHit);
    if (r.digestFile)
        outputs['digest-file'] = r.digestFile;
    if (r.vulnerabilities) {
        const v = vulnOutputs(r.vulnerabilities);
        outputs.vulnerabilities = v.vulnerabilities;
        outputs['vulnerability-count'] = v['vulnerability-count'];
    }
    outputs.metadata = JSON.stringify({
        ...outputs,
        sizes,
        ...(r.packageDeltas ? { 'package-deltas': r.packageDeltas } : {}),
        ...(r.images ? { images: JSON.parse(imagesOutput(r.images)) } : {}),
        ...(r.vulnerabilities ? { vulnerabilities: r.vulnerabilities.findings } : {}),
        tags: r.tags,
        ociLayout: r.ociLayout,
        comparisons: r.comparisons.map(c => ({
            platform: c.platform,
            baseline: c.baseline.reference,
            baselineDigest: c.baseline.digest,
            baselineSize: c.baseline.size,
            size: c.size,
            delta: c.delta,
            deltaPercent: c.deltaPercent,
            layers: c.layers
        })),
        gateFailures: r.gateFailures
    });
    return outputs;
}

;// CONCATENATED MODULE: ./lib/github-context.js
// What the GitHub context says about this run, read once at the edge: the event and its payload, the ref being
// built (tag, pull request or branch), the commit, the repository and the run's URL.

/** What GITHUB_REF names: refs/tags/X, refs/pull/N/…, or refs/heads/X. */
function gitRef(ref) {
    const tag = /^refs\/tags\/(.+)$/.exec(ref)?.[1];
    const pr = /^refs\/pull\/(\d+)\//.exec(ref)?.[1];
    const branch = /^refs\/heads\/(.+)$/.exec(ref)?.[1];
    return { ...(tag ? { tag } : {}), ...(pr ? { pr } : {}), ...(branch ? { branch } : {}) };
}
/** The payload as JSON, or why it is not there; never an exception (a payload is optional outside a runner). */
async function readEvent(file) {
    if (!file)
        return {};
    try {
        return { path: file, payload: JSON.parse(await (0,promises_.readFile)(file, 'utf8')) };
    }
    catch (e) {
        return { path: file, error: e.code ?? e.message };
    }
}
/** The context without the payload: what the runner's variables say. */
function contextOf(env, event = {}) {
    const ref = env.GITHUB_REF ?? '';
    const repository = env.GITHUB_REPOSITORY ?? '';
    const serverUrl = env.GITHUB_SERVER_URL ?? '';
    const webUrl = (serverUrl || 'https://github.com').replace(/\/+$/, '');
    return {
        eventName: env.GITHUB_EVENT_NAME ?? '',
        event,
        ref,
        git: gitRef(ref),
        sha: env.GITHUB_SHA ?? '',
        repository,
        serverUrl,
        webUrl,
        apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
        ...(serverUrl && repository && env.GITHUB_RUN_ID
            ? { runUrl: `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` }
            : {}),
        ...(repository ? { runsUrl: `${webUrl}/${repository}/actions/runs/` } : {})
    };
}
/** The context of this run, with the event payload read once. */
async function readGitHubContext(env) {
    return contextOf(env, await readEvent(env.GITHUB_EVENT_PATH));
}

;// CONCATENATED MODULE: ./lib/go/cache.js
// Restores and saves Go's build and module caches with the Actions cache, keyed so a changed go.sum still starts warm.




const cache_sha = (text) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
/** The primary key and the restore keys, most specific first. */
function cacheKeys(i) {
    const platforms = cache_sha([...i.platforms].sort().join(',')).slice(0, 12);
    const prefix = `go-scratch-image-${i.os}-${i.arch}-go${i.goVersion}-${platforms}-`;
    return { key: `${prefix}${i.modulesHash}`, restoreKeys: [prefix] };
}
/**
 * Hash of go.sum and go.mod; either may be missing (no dependencies, or a single-file main). With
 * cache-dependency-path, the hash of every file its globs match instead (a monorepo's several go.sum), each
 * named by its path, so moving a file changes the key too.
 */
async function modulesHash(workdir, globs = []) {
    if (!globs.length) {
        const read = (name) => (0,promises_.readFile)(external_node_path_.join(workdir, name), 'utf8').catch(() => '');
        return cache_sha(`go.sum\n${await read('go.sum')}\ngo.mod\n${await read('go.mod')}`).slice(0, 32);
    }
    const files = new Set();
    for (const pattern of globs) {
        const before = files.size;
        for await (const f of (0,promises_.glob)(pattern))
            files.add(external_node_path_.resolve(f));
        if (files.size === before) {
            throw new ports/* InputError */.d(`cache-dependency-path: '${pattern}' matches no file. Give globs of go.sum files relative to the workspace, e.g. **/go.sum.`);
        }
    }
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const f of [...files].sort()) {
        const text = await (0,promises_.readFile)(f, 'utf8').catch(() => undefined);
        // A glob that matches a folder names no dependencies of its own.
        // Named relative to the module, so runners with other workspace paths share the key.
        if (text !== undefined)
            hash.update(`${external_node_path_.relative(workdir, f)}\n${text.length}\n${text}`);
    }
    return hash.digest('hex').slice(0, 32);
}
async function restoreGoCache(cache, o) {
    if (!cache.isAvailable()) {
        o.logger.warning('cache: the Actions cache service is not available to this job; Go builds without a restored cache.');
        return undefined;
    }
    const res = await o.runner.run(o.goBin, ['env', 'GOCACHE', 'GOMODCACHE'], {
        cwd: o.workdir,
        env: o.env,
        silent: true
    });
    const paths = res.stdout
        .split('\n')
        .map(s => s.trim())
        .filter(Boolean);
    if (res.exitCode !== 0 || paths.length !== 2) {
        o.logger.warning(`cache: go env did not name GOCACHE and GOMODCACHE (${res.stderr.trim()}); not caching.`);
        return undefined;
    }
    const { key, restoreKeys } = cacheKeys(o.keys);
    try {
        const matchedKey = await cache.restore(paths, key, restoreKeys);
        o.logger.info(matchedKey ? `Go caches restored from ${matchedKey}` : `No Go cache for ${key} yet`);
        return { key, paths, matchedKey, ...(o.readOnly ? { readOnly: true } : {}) };
    }
    catch (e) {
        o.logger.warning(`cache: restoring Go caches failed (${e.message}); building without them.`);
        return { key, paths, ...(o.readOnly ? { readOnly: true } : {}) };
    }
}
async function saveGoCache(cache, state, logger) {
    if (state.readOnly) {
        logger.info(`cache: read: Go caches are not saved (the key would be ${state.key}).`);
        return;
    }
    if (state.matchedKey === state.key) {
        logger.info(`Go caches were restored from ${state.key}; nothing new to save.`);
        return;
    }
    try {
        await cache.save(state.paths, state.key);
        logger.info(`Go caches saved as ${state.key}`);
    }
    catch (e) {
        logger.warning(`cache: saving Go caches failed (${e.message}); the next run starts cold.`);
    }
}

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(16698);
;// CONCATENATED MODULE: ./lib/pipeline/log-sections.js
// Each stage's part of the log: buffered and written whole, with its duration, through one queue (so a group is
// never cut by another stage's lines), or streamed while no other stage with a group can run beside it.

/** The section the running code logs into, so objects made in one stage log into the stage that uses them. */
const current = new external_node_async_hooks_.AsyncLocalStorage();
/**
 * A logger that writes into the section of whichever stage calls it (fallback outside any stage): a registry
 * client opened while logging in logs its retries into the push's group when the push uses it.
 */
function stageLogger(fallback) {
    const at = () => current.getStore() ?? fallback;
    return {
        info: m => at().info(m),
        warning: m => at().warning(m),
        debug: m => at().debug(m),
        group: (name, fn) => at().group(name, fn),
        mask: s => at().mask(s)
    };
}
/**
 * The one writer of the run's log: everything reaches the logger through one queue, so a group is written whole
 * and no line lands inside another stage's group.
 */
class Log {
    logger;
    clock;
    tail = Promise.resolve();
    constructor(logger, clock) {
        this.logger = logger;
        this.clock = clock;
    }
    /** Runs write after every earlier write; its failure is the caller's, never the queue's. */
    enqueue(write) {
        const done = this.tail.then(write);
        this.tail = done.catch(() => undefined);
        return done;
    }
    lines(lines) {
        for (const l of lines)
            this.logger[l.level](l.text);
    }
}
const seconds = (ms) => (ms / 1000).toFixed(2);
/**
 * A stage's or a sub-task's part of the log. Buffered: its lines are kept and, when it ends, handed whole with
 * its duration to the section around it, or written as one group of the log. Live: no other stage with a group
 * can run beside it (see liveStages), so it streams into a group opened when it starts, and a long download shows as it goes.
 * Warnings go straight to the log either way: an annotation should not wait for a slow stage.
 */
class Section {
    log;
    title;
    outer;
    live;
    buffer = [];
    constructor(log, 
    /** Undefined: a silent section, whose few lines need no group and are written as they come. */
    title, 
    /** The section whose group this one's lines end up in, if any. */
    outer, live) {
        this.log = log;
        this.title = title;
        this.outer = outer;
        this.live = live;
    }
    write(line) {
        if (this.live)
            this.log.lines([line]);
        else if (this.title !== undefined)
            this.buffer.push(line);
        else if (this.outer)
            this.outer.write(line);
        else
            void this.log.enqueue(async () => this.log.lines([line]));
    }
    info(text) {
        this.write({ level: 'info', text });
    }
    debug(text) {
        this.write({ level: 'debug', text });
    }
    warning(text) {
        if (this.live)
            this.log.logger.warning(text);
        else
            void this.log.enqueue(async () => this.log.logger.warning(text));
    }
    mask(secret) {
        // At once, not queued: a line written before the mask arrived would show the secret.
        this.log.logger.mask(secret);
    }
    /** A sub-task with its own part of the log, e.g. one platform's build among several running at once. */
    group(name, fn) {
        // Inside a group, a sub-task's lines become a block of it: groups cannot nest in the log.
        const outer = this.title !== undefined ? this : this.outer;
        return run(new Section(this.log, name, outer, false), fn);
    }
    /** Closes the section: its lines and the duration line go where they belong. */
    close(summary) {
        if (this.title === undefined)
            return Promise.resolve();
        const lines = [...this.buffer.splice(0), { level: 'info', text: summary }];
        if (this.live)
            return Promise.resolve(this.log.lines(lines.slice(-1)));
        if (this.outer) {
            for (const l of lines)
                this.outer.write(l);
            return Promise.resolve();
        }
        return this.log.enqueue(() => this.log.logger.group(this.title, async () => this.log.lines(lines)));
    }
}
/**
 * Runs fn as the section's work: its log goes to the section, which is closed with the duration when fn ends
 * (or fails), before the result is handed on.
 */
async function run(section, fn) {
    const { log, title } = section;
    const work = async () => {
        const start = log.clock();
        try {
            const out = await current.run(section, fn);
            await section.close(`${title}: done in ${seconds(log.clock() - start)} s`);
            return out;
        }
        catch (e) {
            await section.close(`${title}: failed after ${seconds(log.clock() - start)} s`);
            throw e;
        }
    };
    if (!section.live || title === undefined)
        return work();
    return log.enqueue(() => log.logger.group(title, work));
}

;// CONCATENATED MODULE: ./lib/pipeline/graph.js

/**
 * Defines the stages of a graph whose outputs are O: run receives exactly the outputs named in needs, typed, and
 * must resolve to the output its name stands for.
 */
function stageOf() {
    return (name, needs, body) => ({ name, needs, ...body });
}
/** Everything a stage waits for: what it needs and what it comes after. */
const waitsFor = (s) => [...s.needs, ...(s.after ?? [])];
/** Each stage's ancestors through needs and after, by name. */
function ancestry(stages) {
    const edges = new Map(stages.map(s => [s.name, waitsFor(s)]));
    const ancestors = new Map();
    const up = (name) => {
        let set = ancestors.get(name);
        if (set)
            return set;
        set = new Set();
        ancestors.set(name, set);
        for (const n of edges.get(name) ?? []) {
            set.add(n);
            for (const a of up(n))
                set.add(a);
        }
        return set;
    };
    return up;
}
/**
 * The stages that run alone whatever the timing: every other stage is one they need (directly or not) or one
 * that needs them. Only these may stream into an open group of the log.
 */
function cutPoints(stages) {
    return alone(stages, stages);
}
/** The stages of among that every stage of all is related to (an ancestor, a descendant, or itself). */
function alone(all, among) {
    const up = ancestry(all);
    const cut = new Set();
    for (const s of among) {
        const related = among.filter(t => t === s || up(s.name).has(t.name) || up(t.name).has(s.name));
        if (related.length === among.length)
            cut.add(s.name);
    }
    return cut;
}
/**
 * The stages whose log group streams as they run: those with a title that every other stage with a title comes
 * before or after. A silent stage (no title) may run beside them: its few lines wait in the queue behind the
 * open group, so it never holds a stage back, and no edge exists to keep it out of the way.
 */
function liveStages(stages) {
    return alone(stages, stages.filter(s => s.title !== undefined));
}
/** Refuses a graph that could never finish: a duplicate name, a need no stage provides, a cycle. */
function validate(stages) {
    const names = new Set();
    for (const s of stages) {
        if (names.has(s.name))
            throw new Error(`stage graph: two stages are named ${s.name}.`);
        names.add(s.name);
    }
    for (const s of stages) {
        for (const n of s.needs) {
            if (!names.has(n))
                throw new Error(`stage graph: ${s.name} needs ${n}, which no stage provides.`);
        }
        for (const n of s.after ?? []) {
            if (!names.has(n))
                throw new Error(`stage graph: ${s.name} comes after ${n}, which no stage is.`);
        }
    }
    const state = new Map();
    const byName = new Map(stages.map(s => [s.name, s]));
    const visit = (name, path) => {
        if (state.get(name) === 'done')
            return;
        if (state.get(name) === 'visiting') {
            const cycle = [...path.slice(path.indexOf(name)), name];
            throw new Error(`stage graph: ${cycle.join(' needs ')}, a cycle.`);
        }
        state.set(name, 'visiting');
        for (const n of waitsFor(byName.get(name)))
            visit(n, [...path, name]);
        state.set(name, 'done');
    };
    for (const s of stages)
        visit(s.name, []);
}
/**
 * Runs every stage as soon as all it needs and comes after has finished (in the order given when several are ready
 * at once) and resolves to every stage's output by name. A stage counts as finished once its log is written, so
 * what a stage needs is always in the log before it. When a stage fails, nothing new starts: the stages still
 * running are waited for, and the first error is thrown.
 */
async function runGraph(stages, o) {
    validate(stages);
    const log = new Log(o.logger, o.clock ?? Date.now);
    const live = liveStages(stages);
    const routed = stageLogger(o.logger);
    const outputs = new Map();
    const started = new Set();
    let failure;
    let running = 0;
    return new Promise((resolve, reject) => {
        const settle = () => {
            if (running)
                return;
            if (failure)
                reject(failure.error);
            else if (outputs.size === stages.length)
                resolve(Object.fromEntries(outputs));
        };
        const startReady = () => {
            for (const s of stages) {
                if (failure || started.has(s.name) || !waitsFor(s).every(n => outputs.has(n)))
                    continue;
                started.add(s.name);
                running++;
                const got = Object.fromEntries(s.needs.map(n => [n, outputs.get(n)]));
                const work = async () => {
                    const title = typeof s.title === 'function' ? s.title(got) : s.title;
                    // A silent stage has no group to stream into, so its lines wait in the queue like any other.
                    const section = new Section(log, title, undefined, title !== undefined && live.has(s.name));
                    // Routed, so that inside log.group(…) the sub-task's lines go to its own part of the log.
                    return run(section, () => s.run(got, routed));
                };
                work().then(out => {
                    running--;
                    outputs.set(s.name, out);
                    startReady();
                    settle();
                }, (error) => {
                    running--;
                    failure ??= { error };
                    settle();
                });
            }
        };
        startReady();
        settle();
    });
}

// EXTERNAL MODULE: ./lib/sbom/formats.js
var formats = __webpack_require__(5917);
;// CONCATENATED MODULE: ./lib/attest/predicate.js
// The SLSA v1 build provenance predicate of the job, from its verified OIDC claims, as @actions/attest's buildSLSAProvenancePredicate builds it, with its token and key requests on the action's HTTP layer.


const SLSA_PREDICATE_V1_TYPE = 'https://slsa.dev/provenance/v1';
const GITHUB_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
/** The audience @actions/attest asks the claims token for: it is read here, never sent anywhere. */
const AUDIENCE = 'nobody';
const REQUIRED_CLAIMS = [
    'iss',
    'ref',
    'sha',
    'repository',
    'event_name',
    'job_workflow_ref',
    'workflow_ref',
    'repository_id',
    'repository_owner_id',
    'runner_environment',
    'run_id',
    'run_attempt'
];
/** GitHub's token issuer for a server: token.actions.githubusercontent.com, or a GHE.com tenant's. */
function defaultIssuer(serverUrl = 'https://github.com') {
    if (serverUrl !== 'https://github.com' && !/^https:\/\/[a-z0-9-]+\.ghe\.com$/.test(serverUrl)) {
        throw new Error(`Invalid server URL: ${serverUrl}`);
    }
    let host = new URL(serverUrl).hostname;
    if (host === 'github.com')
        host = 'githubusercontent.com';
    return `https://token.actions.${host}`;
}
/** The issuer's published keys (OpenID Connect Discovery 1.0: the configuration names jwks_uri). */
async function issuerKeys(issuer, fetch) {
    const get = async (url, what) => {
        const res = await fetch(url, { headers: { accept: 'application/json' } });
        if (!res.ok) {
            await res.body?.cancel();
            throw new Error(`the OIDC issuer answered ${res.status} for its ${what}`);
        }
        return (await res.json());
    };
    const config = await get(`${issuer}/.well-known/openid-configuration`, 'configuration');
    if (typeof config.jwks_uri !== 'string')
        throw new Error('No OpenID configuration found');
    return get(config.jwks_uri, 'keys (jwks_uri)');
}
/**
 * The job's claims: a token for the audience "nobody", verified against the issuer's keys, whose iss starts with
 * the issuer (a GHE.com tenant's has a slug after it) and which holds every claim the predicate needs.
 */
async function jobClaims(o, issuer) {
    const { createLocalJWKSet, jwtVerify } = await __webpack_require__.e(/* import() */ 848).then(__webpack_require__.bind(__webpack_require__, 50848));
    try {
        const token = await actionsIdentity(o.env, o.fetch, o.logger, AUDIENCE).getToken();
        const keys = await issuerKeys(issuer, (0,retry/* serviceFetch */.M9)(o.fetch, { service: 'the OIDC issuer' }));
        const jwks = createLocalJWKSet(keys);
        const { payload } = await jwtVerify(token, jwks, { audience: AUDIENCE });
        if (!payload.iss)
            throw new Error('Missing "iss" claim');
        if (!payload.iss.startsWith(issuer))
            throw new Error(`Unexpected "iss" claim: ${payload.iss}`);
        const missing = REQUIRED_CLAIMS.filter(c => !(c in payload));
        if (missing.length)
            throw new Error(`Missing claims: ${missing.join(', ')}`);
        return payload;
    }
    catch (e) {
        throw new Error(`Failed to get ID token: ${e.message}`, { cause: e });
    }
}
/**
 * The predicate for the GitHub Actions workflow build type (slsa.dev/spec/v1.0/provenance,
 * github-actions-buildtypes/workflow/v1), field for field what @actions/attest builds.
 */
async function slsaPredicate(o) {
    const serverURL = o.env.GITHUB_SERVER_URL;
    const claims = await jobClaims(o, o.issuer || defaultIssuer(serverURL || undefined));
    const [workflowPath] = claims.workflow_ref.replace(`${claims.repository}/`, '').split('@');
    return {
        type: SLSA_PREDICATE_V1_TYPE,
        params: {
            buildDefinition: {
                buildType: GITHUB_BUILD_TYPE,
                externalParameters: {
                    workflow: {
                        ref: claims.ref,
                        repository: `${serverURL}/${claims.repository}`,
                        path: workflowPath
                    }
                },
                internalParameters: {
                    github: {
                        event_name: claims.event_name,
                        repository_id: claims.repository_id,
                        repository_owner_id: claims.repository_owner_id,
                        runner_environment: claims.runner_environment
                    }
                },
                resolvedDependencies: [
                    {
                        uri: `git+${serverURL}/${claims.repository}@${claims.ref}`,
                        digest: { gitCommit: claims.sha }
                    }
                ]
            },
            runDetails: {
                builder: { id: `${serverURL}/${claims.job_workflow_ref}` },
                metadata: {
                    invocationId: `${serverURL}/${claims.repository}/actions/runs/${claims.run_id}/attempts/${claims.run_attempt}`
                }
            }
        }
    };
}

;// CONCATENATED MODULE: ./lib/attest/sigstore-clients.js

/** An answer other than the one asked for: the status and the service's own message ({"message": ...} or the text). */
class ServiceError extends Error {
    status;
    location;
    constructor(message, status, location) {
        super(message);
        this.status = status;
        this.location = location;
        this.name = 'ServiceError';
    }
}
async function post(fetch, service, url, body, accept) {
    const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
        body: JSON.stringify(body)
    });
    if (res.ok)
        return res;
    throw await refusal(service, 'POST', url, res);
}
async function refusal(service, method, url, res) {
    const text = await res.text().catch(() => '');
    let message = text.slice(0, 200);
    try {
        const m = JSON.parse(text).message;
        if (typeof m === 'string')
            message = m;
    }
    catch {
        // Not JSON: the start of the text says it.
    }
    const path = new URL(url).pathname;
    return new ServiceError(`${service} answered HTTP ${res.status} to ${method} ${path}${message ? `: ${message}` : ''}`, res.status, res.headers.get('location') ?? undefined);
}
/** The OIDC token's subject Fulcio checks the proof of possession against (sigstore-js's extractJWTSubject). */
function jwtSubject(jwt) {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString());
    const byEmail = ['https://accounts.google.com', 'https://oauth2.sigstore.dev/auth'];
    const subject = byEmail.includes(payload.iss ?? '') ? payload.email : payload.sub;
    if (typeof subject !== 'string')
        throw new Error('the OIDC token has no subject to prove');
    return subject;
}
/**
 * FulcioSigner's work: an ephemeral P-256 key, a certificate for it from Fulcio (POST /api/v2/signingCert with the
 * token and a signature over its subject), and the signature, keyed by the certificate's leaf.
 */
function fulcioSigner(o) {
    const { privateKey, publicKey } = (0,external_node_crypto_.generateKeyPairSync)('ec', { namedCurve: 'P-256' });
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString('ascii');
    return {
        async sign(data) {
            const token = await o.identity.getToken();
            let subject;
            try {
                subject = jwtSubject(token);
            }
            catch {
                // The token itself stays out of the message: it is a credential until it expires.
                throw new Error('the OIDC token the runner gave cannot be read as a JWT');
            }
            const url = `${o.fulcioURL.replace(/\/+$/, '')}/api/v2/signingCert`;
            const res = await post(o.fetch, 'Fulcio', url, {
                credentials: { oidcIdentityToken: token },
                publicKeyRequest: {
                    publicKey: { algorithm: 'ECDSA', content: pem },
                    proofOfPossession: (0,external_node_crypto_.sign)(null, Buffer.from(subject), privateKey).toString('base64')
                }
            });
            const answer = (await res.json());
            const chain = (answer.signedCertificateEmbeddedSct ?? answer.signedCertificateDetachedSct)
                ?.chain?.certificates;
            if (!chain?.[0])
                throw new Error('Fulcio answered without a certificate chain');
            return {
                signature: (0,external_node_crypto_.sign)(null, data, privateKey),
                key: { $case: 'x509Certificate', certificate: chain[0] }
            };
        }
    };
}
/** Rekor's answer, {uuid: entry}, as the entry with its uuid. */
async function entryOf(res) {
    const entries = Object.entries((await res.json()));
    if (entries.length !== 1)
        throw new Error('Rekor answered with other than one entry');
    const [uuid, entry] = entries[0];
    return { ...entry, uuid };
}
/**
 * RekorWitness's work for a DSSE envelope: a dsse v0.0.1 entry (the envelope as JSON, the certificate as the
 * verifier) POSTed to /api/v1/log/entries; on 409 the entry that is already there (its Location), as
 * fetchOnConflict does.
 */
function rekorWitness(o) {
    const base = o.rekorURL.replace(/\/+$/, '');
    return {
        async testify(content, publicKey) {
            if (content.$case !== 'dsseEnvelope')
                throw new Error('only DSSE envelopes are logged');
            const { envelopeToJSON } = await __webpack_require__.e(/* import() */ 40).then(__webpack_require__.t.bind(__webpack_require__, 61040, 19));
            const proposed = {
                apiVersion: '0.0.1',
                kind: 'dsse',
                spec: {
                    proposedContent: {
                        envelope: JSON.stringify(envelopeToJSON(content.dsseEnvelope)),
                        verifiers: [Buffer.from(publicKey).toString('base64')]
                    }
                }
            };
            const url = `${base}/api/v1/log/entries`;
            let entry;
            try {
                entry = await entryOf(await post(o.fetch, 'Rekor', url, proposed, 'application/json'));
            }
            catch (e) {
                if (!(e instanceof ServiceError && e.status === 409 && e.location))
                    throw e;
                const at = `${url}/${e.location.split('/').pop() ?? ''}`;
                const res = await o.fetch(at, { headers: { accept: 'application/json' } });
                if (!res.ok)
                    throw await refusal('Rekor', 'GET', at, res);
                entry = await entryOf(res);
            }
            return { tlogEntries: [tlogEntry(entry)] };
        }
    };
}
function tlogEntry(entry) {
    const body = JSON.parse(Buffer.from(entry.body, 'base64').toString());
    const set = entry.verification?.signedEntryTimestamp;
    const proof = entry.verification?.inclusionProof;
    return {
        logIndex: entry.logIndex.toString(),
        logId: { keyId: Buffer.from(entry.logID, 'hex') },
        integratedTime: entry.integratedTime.toString(),
        kindVersion: { kind: body.kind, version: body.apiVersion },
        inclusionPromise: set ? { signedEntryTimestamp: Buffer.from(set, 'base64') } : undefined,
        inclusionProof: proof
            ? {
                logIndex: proof.logIndex.toString(),
                treeSize: proof.treeSize.toString(),
                rootHash: Buffer.from(proof.rootHash, 'hex'),
                hashes: proof.hashes.map(h => Buffer.from(h, 'hex')),
                checkpoint: { envelope: proof.checkpoint }
            }
            : undefined,
        canonicalizedBody: Buffer.from(entry.body, 'base64')
    };
}
/** TSAWitness's work: an RFC 3161 timestamp over the signature's sha256 (POST /api/v1/timestamp). */
function tsaWitness(o) {
    const url = `${o.tsaURL.replace(/\/+$/, '')}/api/v1/timestamp`;
    return {
        async testify(content) {
            const signature = content.$case === 'dsseEnvelope'
                ? content.dsseEnvelope.signatures[0].sig
                : content.messageSignature.signature;
            const res = await post(o.fetch, 'The timestamp authority', url, {
                artifactHash: (0,external_node_crypto_.createHash)('sha256').update(signature).digest('base64'),
                hashAlgorithm: 'sha256'
            });
            return { rfc3161Timestamps: [{ signedTimestamp: Buffer.from(await res.arrayBuffer()) }] };
        }
    };
}

;// CONCATENATED MODULE: ./lib/attest/sign.js



const INTOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
function statement(subject, predicateType, predicate) {
    return { _type: INTOTO_STATEMENT_V1, subject, predicateType, predicate };
}
/**
 * The Sigstore bundle (v0.3, one certificate) for a statement, as @actions/attest's attest() builds it, but with
 * the endpoints given rather than chosen inside (@actions/attest takes only 'public-good' or 'github'), and
 * Fulcio, Rekor and the TSA reached through the action's HTTP layer (src/attest/sigstore-clients.ts), so that
 * each of them is bounded like every other request.
 */
async function signStatement(s, o) {
    // Loaded on use: only runs that sign need Sigstore's bundle code, and parsing it would slow every start-up.
    const [{ bundleToJSON }, { DSSEBundleBuilder }] = await Promise.all([
        __webpack_require__.e(/* import() */ 40).then(__webpack_require__.t.bind(__webpack_require__, 61040, 19)),
        Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(878), __webpack_require__.e(179)]).then(__webpack_require__.t.bind(__webpack_require__, 15179, 19))
    ]);
    const on = (service) => (0,retry/* serviceFetch */.M9)(o.fetch, { service, timeoutInput: 'registry-timeout' });
    const signer = fulcioSigner({
        fetch: on('Fulcio'),
        fulcioURL: o.endpoints.fulcioURL,
        identity: o.identity
    });
    const witnesses = [];
    if (o.endpoints.rekorURL) {
        witnesses.push(rekorWitness({ fetch: on('Rekor'), rekorURL: o.endpoints.rekorURL }));
    }
    if (o.endpoints.tsaServerURL) {
        witnesses.push(tsaWitness({ fetch: on('The timestamp authority'), tsaURL: o.endpoints.tsaServerURL }));
    }
    try {
        const bundle = await new DSSEBundleBuilder({ signer, witnesses }).create({
            data: Buffer.from(JSON.stringify(s)),
            type: INTOTO_PAYLOAD_TYPE
        });
        return bundleToJSON(bundle);
    }
    catch (e) {
        // A service may echo what it was sent, the token included; the token must not reach the log.
        const token = await o.identity.getToken().catch(() => '');
        throw new Error(`signing failed: ${oidc_redact(sign_describe(e), [token])}`);
    }
}
/** An error and its causes in one line; a GaveUp's message already says what its cause was. */
function sign_describe(e) {
    const parts = [];
    for (let c = e, i = 0; c !== undefined && i < 4; i++) {
        parts.push(c instanceof Error ? c.message : String(c));
        c = c instanceof Error && !(c instanceof retry/* GaveUp */.TL) ? c.cause : undefined;
    }
    return parts.join(': ');
}

;// CONCATENATED MODULE: ./lib/attest/provenance.js



const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
/** The predicate types actions/attest-sbom gives SPDX and CycloneDX documents. */
const SBOM_PREDICATE_TYPES = {
    spdx: 'https://spdx.dev/Document/v2.3',
    cyclonedx: 'https://cyclonedx.org/bom'
};
/** Sigstore bundle v0.3, as cosign and gh attach and look for it (cosign's specs/BUNDLE_SPEC.md). */
const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const subject = (name, digest) => ({
    name,
    digest: { [digest.split(':')[0]]: digest.split(':')[1] }
});
/**
 * The provenance's subjects: the pushed (top) digest first, then each platform manifest, named as
 * actions/attest-build-provenance names an image (registry/repository, no tag), each digest once.
 */
function imageSubjects(name, top, manifests) {
    const digests = [...new Set([top.digest, ...manifests.map(m => m.digest)])];
    return digests.map(d => subject(name, d));
}
/** A bundle as a referrer, with the annotations cosign writes so tools can tell bundles apart in the list. */
function bundleArtifact(a) {
    return {
        artifactType: BUNDLE_MEDIA_TYPE,
        mediaType: BUNDLE_MEDIA_TYPE,
        data: Buffer.from(JSON.stringify(a.bundle)),
        annotations: {
            'dev.sigstore.bundle.content': 'dsse-envelope',
            'dev.sigstore.bundle.predicateType': a.predicateType
        }
    };
}
/**
 * What goes where: the provenance to the top digest and to every platform manifest (the same bundle names them
 * all), each SBOM attestation to its platform's manifest. Never into the image index itself.
 */
function attachmentsFor(top, manifests, provenance, sboms) {
    const bySubject = new Map();
    const add = (d, a) => {
        const at = bySubject.get(d.digest) ?? { subject: d, artifacts: [] };
        at.artifacts.push(bundleArtifact(a));
        bySubject.set(d.digest, at);
    };
    for (const d of [top, ...manifests])
        if (!bySubject.has(d.digest))
            add(d, provenance);
    for (const s of sboms)
        add(s.manifest, s.attestation);
    return [...bySubject.values()];
}
const descriptorOf = (b) => ({
    mediaType: b.mediaType,
    digest: b.digest,
    size: b.size
});
/**
 * Signs the provenance and every SBOM at once (each signature is a Fulcio certificate and a log entry or
 * timestamp: round trips, not CPU).
 */
async function signImage(o) {
    const fetch = o.fetch ?? sharedFetch();
    const predicate = await (o.predicate ??
        (() => slsaPredicate({
            env: o.env ?? process.env,
            fetch,
            logger: o.logger,
            issuer: o.endpoints.oidcIssuer
        })))();
    const sign = async (subjects, type, body) => ({
        predicateType: type,
        subjects,
        bundle: await signStatement(statement(subjects, type, body), {
            endpoints: o.endpoints,
            identity: o.identity,
            fetch
        })
    });
    const [provenance, ...sboms] = await Promise.all([
        sign(imageSubjects(o.name, o.top, o.manifests), predicate.type, predicate.params),
        ...o.sboms.map(s => sign([subject(o.name, s.manifest.digest)], SBOM_PREDICATE_TYPES[s.format], s.document))
    ]);
    const signed = { provenance: provenance, sboms };
    o.logger.info(describeSigned(provenance, predicate.params));
    for (const s of sboms) {
        o.logger.info(`Signed the SBOM of ${digestOf(s.subjects[0])} (${s.predicateType})`);
    }
    return {
        ...signed,
        attachments: attachmentsFor(o.top, o.manifests, provenance, o.sboms.map((s, i) => ({ manifest: s.manifest, attestation: sboms[i] })))
    };
}
const digestOf = (s) => Object.entries(s.digest).map(([alg, hex]) => `${alg}:${hex}`)[0];
/** One line on what was signed, by whom and where it was logged; nothing from the token but its public claims. */
function describeSigned(a, params) {
    const p = params;
    const tlog = a.bundle.verificationMaterial.tlogEntries?.[0];
    const witness = tlog
        ? `Rekor log index ${tlog.logIndex}`
        : a.bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps?.length
            ? 'an RFC 3161 timestamp'
            : 'no log entry';
    return [
        `Signed SLSA v1 provenance for ${a.subjects.map(digestOf).join(', ')}`,
        `  builder ${p.runDetails?.builder?.id ?? '?'}; ${witness}`
    ].join('\n');
}

;// CONCATENATED MODULE: ./lib/attest/store.js
// Stores a Sigstore bundle with GitHub's artifact attestations API, where `gh attestation verify` looks first.


/** Thrown when GitHub refuses the attestation (permissions, plan): the caller decides whether the step fails. */
class AttestationRefused extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'AttestationRefused';
    }
}
/**
 * POST /repos/{owner}/{repo}/attestations with {"bundle": ...}; GitHub answers 201 {"id": N}. Returns the id.
 * 5xx, 429 and silences are retried under the HTTP layer's policy, within its budget (2.5 × registry-timeout,
 * at most 150 s). https://docs.github.com/rest/repos/repos#create-an-attestation
 */
async function storeAttestation(bundle, o) {
    const url = `${o.apiUrl.replace(/\/+$/, '')}/repos/${o.repository}/attestations`;
    const fetch = (0,retry/* serviceFetch */.M9)(o.fetch, {
        service: "GitHub's attestations API",
        timeoutInput: 'registry-timeout',
        sleep: o.sleep
    });
    let res;
    try {
        res = await fetch(url, {
            method: 'POST',
            headers: {
                Accept: 'application/vnd.github+json',
                Authorization: `Bearer ${o.token}`,
                'Content-Type': 'application/json',
                'X-GitHub-Api-Version': '2022-11-28'
            },
            body: JSON.stringify({ bundle })
        });
    }
    catch (e) {
        if (!(e instanceof retry/* GaveUp */.TL))
            throw e;
        throw new Error(`storing the attestation with GitHub failed: ${e.message}.`, { cause: e });
    }
    const text = await res.text();
    if (res.ok) {
        const id = JSON.parse(text).id;
        if (id === undefined || id === null)
            throw new Error(`${url} answered ${res.status} without an id`);
        return String(id);
    }
    const message = githubMessage(text) || res.statusText;
    if ((0,policy/* retryableStatus */.Fd)(res.status)) {
        throw new Error(`storing the attestation with GitHub failed: it answered ${res.status} ${message} until the retries were spent.`);
    }
    throw new AttestationRefused(store_refusal(res.status, message, o.repository), res.status);
}
function githubMessage(text) {
    try {
        const m = JSON.parse(text).message;
        return typeof m === 'string' ? m : '';
    }
    catch {
        return '';
    }
}
function store_refusal(status, message, repository) {
    const fix = status === 401 || status === 403
        ? ' Grant the job `permissions: attestations: write` (and id-token: write), and keep github-token at its default (github.token).'
        : status === 404
            ? ` Artifact attestations need a public repository, or GitHub Enterprise Cloud for private and internal ones (${repository}).`
            : '';
    return `GitHub refused the attestation (${status} ${message}).${fix}`;
}

;// CONCATENATED MODULE: ./lib/attest/attestations.js






/** The SBOM stage's artifact types, by the format's name in SBOM_PREDICATE_TYPES. */
const SBOM_ARTIFACT_TYPES = {
    [formats/* SPDX_MEDIA_TYPE */.A]: 'spdx',
    [formats/* CYCLONEDX_MEDIA_TYPE */.G]: 'cyclonedx'
};
/** The SBOMs the sbom stage attaches, as documents to attest: each is the predicate of its platform's statement. */
function sbomDocuments(attachments) {
    return (attachments ?? []).flatMap(a => a.artifacts.flatMap(x => {
        const format = SBOM_ARTIFACT_TYPES[x.artifactType];
        if (!format)
            return [];
        return [
            {
                manifest: a.subject,
                format,
                document: JSON.parse(Buffer.from(x.data).toString())
            }
        ];
    }));
}
const AUTO_OFF = 'provenance: auto, and this job cannot mint an OIDC token (no ACTIONS_ID_TOKEN_REQUEST_URL), so no signed ' +
    'provenance is attached. To sign it, give the job `permissions: id-token: write` and `attestations: write`.';
/** Whether the image will be pushed: logged in, within its budget. */
const pushing = (got) => !!got.login && !got.gate.failures.length;
/**
 * Beside the push: the digests are known once the images are built, and signing is round trips to Sigstore
 * rather than work for the CPU. Only an image that will be pushed is signed; the SBOMs (sbom, when the run makes
 * them) are attested too. The stages are left out with provenance: false.
 */
function signedStage(o, github, ports) {
    const { logger } = ports;
    const on = provenanceOn(o.provenance, ports.env);
    return {
        title: got => (on && pushing(got) ? 'Sign SLSA provenance' : undefined),
        run: async (got) => {
            if (!on) {
                if (o.provenance === 'auto' && pushing(got))
                    logger.info(AUTO_OFF);
                return undefined;
            }
            if (!pushing(got))
                return undefined;
            const endpoints = ports.sigstore ??
                signingEndpoints(repositoryVisibility(github.event), github.serverUrl || undefined);
            const { images, top } = got.images;
            const ref = got.login.ref;
            try {
                return await signImage({
                    name: `${ref.registry}/${ref.repository}`,
                    top: descriptorOf(top),
                    manifests: images.map(i => descriptorOf(i.manifest)),
                    sboms: sbomDocuments(got.sbom),
                    endpoints,
                    identity: actionsIdentity(ports.env, ports.fetch, logger),
                    fetch: ports.fetch,
                    env: ports.env,
                    logger
                });
            }
            catch (e) {
                // Under auto nobody asked for provenance (id-token: write may be there for a cloud login): a Sigstore
                // outage must not fail their release. provenance: true fails the step, and the tag stage never runs.
                if (o.provenance !== 'auto')
                    throw new Error(failureMessage(e, 'sign', true));
                logger.warning(failureMessage(e, 'sign', false));
                return undefined;
            }
        }
    };
}
/** What the attach stage takes: the bundles as referrers of the pushed manifests. */
function provenanceStage() {
    return { run: async ({ signed }) => signed?.attachments };
}
/**
 * POSTs every bundle to the repository's attestations, where `gh attestation verify` finds them. Under auto any
 * failure (a refusal: no attestations: write, a plan without attestations for private repositories; an outage;
 * an API that never answers, bounded by the HTTP layer) is a warning: the bundles are attached to the image in
 * the registry all the same. Under true it fails the step before the tag stage.
 */
function attestationStage(o, github, ports) {
    const { logger } = ports;
    const store = async (signed, digest) => {
        const repository = github.repository;
        if (!o.githubToken || !repository) {
            logger.warning(`provenance: not stored with GitHub (${!repository ? 'no GITHUB_REPOSITORY' : 'github-token is empty'}). ` +
                `The signed provenance is attached to the image (${digest}) in the registry.`);
            return undefined;
        }
        logger.mask(o.githubToken);
        const all = [signed.provenance, ...signed.sboms];
        try {
            const ids = await Promise.all(all.map(a => storeAttestation(a.bundle, {
                fetch: ports.fetch,
                apiUrl: github.apiUrl,
                repository,
                token: o.githubToken,
                sleep: ports.sleep
            })));
            const url = (id) => `${github.webUrl}/${repository}/attestations/${id}`;
            all.forEach((a, i) => logger.info(`${a.predicateType}: attestation ${ids[i]} ${url(ids[i])}`));
            return { id: ids[0], url: url(ids[0]) };
        }
        catch (e) {
            if (o.provenance !== 'auto')
                throw new Error(failureMessage(e, 'store', true));
            logger.warning(failureMessage(e, 'store', false));
            return undefined;
        }
    };
    return {
        title: ({ signed, push }) => signed && push ? 'Store the attestations with GitHub' : undefined,
        run: async ({ signed, push, images }) => signed && push ? store(signed, images.top.digest) : undefined
    };
}
/** The HTTP status a failure names, in the words of each client: ours, @actions/core's, @sigstore/sign's. */
function statusOf(e) {
    if (e instanceof AttestationRefused)
        return e.status;
    const m = /\banswered (\d{3})\b|Error Code : (\d{3})\b|\((\d{3})\)|\bHTTP (\d{3})\b|attempts: (\d{3})\b/.exec(e instanceof Error ? e.message : String(e));
    const raw = m?.slice(1).find(Boolean);
    return raw ? Number(raw) : undefined;
}
/**
 * Why a signature could not be made or stored, and what fixes it: the OIDC token (id-token: write), Sigstore
 * (Fulcio, Rekor, the TSA), or GitHub's attestations API (attestations: write).
 */
function explainFailure(e, step) {
    const message = e instanceof Error ? e.message : String(e);
    const status = statusOf(e);
    // The HTTP layer's words for a service that took the request and never answered within registry-timeout.
    const silent = !status && /\bdid not (answer|finish)\b/.test(message);
    const http = status
        ? ` answered HTTP ${status}`
        : silent
            ? ' did not answer in time'
            : ' could not be reached';
    const again = silent
        ? 'run the job again (or raise registry-timeout if the service is only slow)'
        : 'run the job again';
    if (step === 'store') {
        return {
            cause: `GitHub's attestations API${http}`,
            fix: status === 401 || status === 403
                ? 'give the job `permissions: attestations: write` (with `id-token: write`), and keep github-token at its default (github.token)'
                : status === 404
                    ? 'artifact attestations need a public repository, or GitHub Enterprise Cloud for private and internal ones'
                    : again
        };
    }
    if (/\b(ID|OIDC|identity) token\b/i.test(message)) {
        return {
            cause: `the Actions OIDC token service${http}`,
            fix: (!status && !silent) || status === 401 || status === 403
                ? 'give the job `permissions: id-token: write` (and `attestations: write`); a pull request from a fork never gets a token, so use provenance: auto there'
                : again
        };
    }
    return {
        cause: `Sigstore (Fulcio, Rekor or the timestamp authority)${http}`,
        fix: `${again} once Sigstore answers (https://status.sigstore.dev)`
    };
}
/** The error (required: nothing is tagged) or the warning (auto: the image is tagged without it) of a failure. */
function failureMessage(e, step, required) {
    const { cause, fix } = explainFailure(e, step);
    const what = step === 'sign' ? 'made' : 'stored with GitHub';
    const detail = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
    const shown = detail.length > 400 ? `${detail.slice(0, 400)}…` : detail;
    return required
        ? `provenance: true, but the signed provenance could not be ${what} (${cause}), so nothing was tagged. ` +
            `To fix it, ${fix}. The error: ${shown}`
        : `provenance: the signed provenance could not be ${what} (${cause}); the image is tagged ` +
            `${step === 'sign' ? 'without it' : 'with it attached in the registry only'} (provenance: auto; set ` +
            `provenance: true to fail the step instead). To have it, ${fix}. The error: ${shown}`;
}

;// CONCATENATED MODULE: ./lib/compile/command.js

function buildEnv(base, platform, settings, 
/** The cgo input's CGO_ENABLED=1 and CC (src/compile/cgo.ts), when cgo is static or dynamic. */
cgo) {
    // CGO_ENABLED=0 is what makes the binary static; the user's build-env cannot turn it back on, only the cgo input.
    return { ...base, ...settings.buildEnv, ...(0,lib_platform/* platformGoEnv */.j2)(platform), CGO_ENABLED: '0', ...cgo };
}
function buildArgs(settings, output) {
    const ldflags = ['-s', '-w', settings.ldflags.trim()].filter(Boolean).join(' ');
    const args = ['build', '-trimpath', `-ldflags=${ldflags}`];
    if (settings.buildTags.trim())
        args.push(`-tags=${settings.buildTags.trim()}`);
    args.push(...settings.buildFlags, '-o', output, settings.pkg);
    return args;
}
/** go build flags whose value may come as the next argument; the rewrite must not read a value as a flag. */
const BUILD_VALUE_FLAGS = new Set([
    'C',
    'o',
    'p',
    'ldflags',
    'gcflags',
    'asmflags',
    'gccgoflags',
    'tags',
    'mod',
    'modfile',
    'pkgdir',
    'overlay',
    'pgo',
    'buildmode',
    'compiler',
    'installsuffix',
    'toolexec',
    'covermode',
    'coverpkg'
].flatMap(f => [`-${f}`, `--${f}`]));
/** Linker flags that take a value; after one of these, a `-s` is that value (`-X -s` would be odd, but legal). */
const LINK_VALUE_FLAGS = new Set([
    'B',
    'E',
    'H',
    'I',
    'L',
    'R',
    'T',
    'X',
    'k',
    'r',
    'o',
    'buildid',
    'buildmode',
    'extar',
    'extld',
    'extldflags',
    'importcfg',
    'installsuffix',
    'libgcc',
    'linkmode',
    'pluginpath',
    'tmpdir',
    'cpuprofile',
    'memprofile',
    'memprofilerate',
    'benchmark',
    'benchmarkprofile',
    'strictdups',
    'debugtextsize',
    'debugtramp',
    'capturehostobjs'
].flatMap(f => [`-${f}`, `--${f}`]));
/**
 * The -ldflags value without -s, split as Go splits it (cmd/internal/quoted: fields by whitespace, a field may be
 * wholly '…' or "…"), and each kept field rejoined as written, so `-X 'main.msg=a b'` survives.
 */
function withoutStrip(value) {
    let prefix = '';
    let flags = value.trim();
    // -ldflags=PATTERN=FLAGS (e.g. all=-s -w): the pattern stays, only its flags change.
    if (flags && !flags.startsWith('-')) {
        const eq = flags.indexOf('=');
        if (eq > 0) {
            prefix = flags.slice(0, eq + 1);
            flags = flags.slice(eq + 1);
        }
    }
    const fields = flags.match(/"[^"]*"|'[^']*'|[^\s]+/g) ?? [];
    const kept = [];
    for (let i = 0; i < fields.length; i++) {
        const raw = fields[i];
        const text = /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
        if (LINK_VALUE_FLAGS.has(text) && i + 1 < fields.length) {
            kept.push(raw, fields[++i]);
            continue;
        }
        if (/^--?s(=.*)?$/.test(text))
            continue;
        kept.push(raw);
    }
    return prefix + kept.join(' ');
}
/**
 * The args of the real build, rewritten to link a copy with a symbol table into `output`: -s leaves every
 * -ldflags (it is what strips the table), -o points at `output`, and nothing else changes, so every compiled
 * package is the same action as before and comes from Go's build cache. -w stays: nm needs no DWARF, and
 * generating it made the relink 20-50% slower for the same symbols and sizes (see docs/benchmarks.md).
 */
function relinkArgs(args, output) {
    const out = [...args];
    let sawOutput = false;
    let i = 1;
    for (; i < out.length; i++) {
        const arg = out[i];
        if (arg === '--' || !arg.startsWith('-'))
            break; // the packages: go build reads no flags after them
        const eq = arg.indexOf('=');
        const flag = eq < 0 ? arg : arg.slice(0, eq);
        const isLd = flag === '-ldflags' || flag === '--ldflags';
        const isOut = flag === '-o' || flag === '--o';
        if (eq >= 0) {
            if (isLd)
                out[i] = `${flag}=${withoutStrip(arg.slice(eq + 1))}`;
            if (isOut)
                out[i] = `${flag}=${output}`;
            sawOutput ||= isOut;
        }
        else if (BUILD_VALUE_FLAGS.has(flag) && i + 1 < out.length) {
            i++;
            if (isLd)
                out[i] = withoutStrip(out[i]);
            if (isOut)
                out[i] = output;
            sawOutput ||= isOut;
        }
    }
    // After the other flags, not first: go build wants -C, when given, before any other flag.
    if (!sawOutput)
        out.splice(i, 0, '-o', output);
    return out;
}

// EXTERNAL MODULE: ./lib/go/transfer.js
var transfer = __webpack_require__(84815);
;// CONCATENATED MODULE: ./lib/go/install.js
// Installs the Go toolchain the build needs: from the tool cache, else downloaded from the release list and verified.











/** Node's process.arch to GOARCH, the runner's own architecture as go build and image platforms name it. */
function runnerGoArch(nodeArch) {
    const map = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
    const arch = map[nodeArch];
    if (!arch)
        throw new Error(`Runner architecture ${nodeArch} has no Go release; use an x64 or arm64 runner.`);
    return arch;
}
/** GOARCH to the arch the release list files Go's archives under: 32-bit ARM is "armv6l" there. */
function releaseArch(goArch) {
    return goArch === 'arm' ? 'armv6l' : goArch;
}
const sleeper = (ms) => new Promise(r => setTimeout(r, ms));
/**
 * The release list at BASE/?mode=json&include=all, with a connect and an idle timeout per attempt and the shared
 * retry policy (src/http/policy.ts) within a budget for all attempts together. Failures are InputErrors naming
 * go-download-base-url (redacted) and the cause.
 */
async function fetchReleases(baseUrl, fetchFn, o = {}) {
    const t = (0,transfer/* timeoutsFor */.wP)(fetchFn, o.timeouts);
    const now = o.now ?? Date.now;
    const url = `${baseUrl.replace(/\/+$/, '')}/?mode=json&include=all`;
    const shown = (0,mirror/* redactUrl */.BO)(url);
    const deadline = now() + t.listBudgetMs;
    const unreachable = (why) => new ports/* InputError */.d(`go-download-base-url: could not reach ${shown} (${why}). Check the URL or leave the input empty for https://go.dev/dl.`);
    const spent = `the budget of ${t.listBudgetMs / 1000} s for the list is spent`;
    let got;
    try {
        got = await (0,retry/* retrying */.R$)({ ...o, budgetMs: t.listBudgetMs, silenceMs: Math.max(t.connectMs, t.idleMs) }, async (_n, signal) => {
            const opened = await (0,transfer/* open */.ho)(fetchFn, url, Math.min(t.connectMs, deadline - now()), 'GET', signal);
            if (!opened.res.ok) {
                opened.abort();
                return { status: opened.res.status, text: '' };
            }
            const chunks = [];
            await (0,transfer/* readBody */.x8)(opened, {
                url,
                what: 'GET',
                idleMs: t.idleMs,
                budget: { deadline, ms: t.listBudgetMs },
                now,
                onChunk: c => void chunks.push(c)
            });
            return { status: opened.res.status, text: Buffer.concat(chunks).toString('utf8') };
        }, r => ({ status: r.status }));
    }
    catch (e) {
        if (!(e instanceof retry/* GaveUp */.TL))
            throw e;
        // Our own timeouts say what happened in full; fetch's errors are reduced to their cause.
        const cause = e.cause;
        const why = cause instanceof transfer/* TransferError */.aG ? cause.message.replace(/^GET \S+:? ?/, '') : (0,transfer/* causeText */.xv)(cause);
        throw unreachable(e.why === 'budget' ? `${why}; ${spent}` : why);
    }
    const { status, text } = got.value;
    if (status < 200 || status > 299) {
        if (got.why !== 'answer') {
            throw unreachable(got.why === 'budget'
                ? `HTTP ${status}; ${spent}`
                : `answered ${status} ${got.attempts} times`);
        }
        throw new ports/* InputError */.d(`go-download-base-url: ${shown} answered ${status}. It must list Go releases as JSON at ?mode=json&include=all.`);
    }
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        body = undefined;
    }
    if (!Array.isArray(body)) {
        throw new ports/* InputError */.d(`go-download-base-url: ${shown} did not return a JSON list of Go releases.`);
    }
    return body;
}
async function sha256File(file) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file))
        hash.update(chunk);
    return hash.digest('hex');
}
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
/**
 * One download streamed to dest, hashed on the way, with a progress line every few seconds (a Go archive is
 * 70 MB or more, and a silent log looks stuck) and its duration and speed at the end. An answer other than 2xx
 * is returned as its status, for the retry policy to judge.
 */
async function downloadOnce(o, t, file, url, dest, deadline, signal) {
    const now = o.now ?? Date.now;
    const start = now();
    const left = deadline - now();
    const opened = await (0,transfer/* open */.ho)(o.fetch, url, Math.min(t.connectMs, left), 'The Go download', signal);
    if (!opened.res.ok) {
        opened.abort();
        return { status: opened.res.status, size: 0, sha: '' };
    }
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const out = await (0,promises_.open)(dest, 'w');
    let received = 0;
    const timer = setInterval(() => o.logger.info(`${file.filename}: ${mb(received)} of ${mb(file.size)} (${Math.floor((100 * received) / file.size)}%)`), o.progressMs ?? 5000);
    try {
        await (0,transfer/* readBody */.x8)(opened, {
            url,
            what: 'The Go download',
            idleMs: t.idleMs,
            budget: { deadline, ms: t.downloadBudgetMs },
            now,
            onChunk: async (chunk) => {
                received += chunk.byteLength;
                hash.update(chunk);
                await out.write(chunk);
            }
        });
    }
    finally {
        clearInterval(timer);
        await out.close();
    }
    const secs = Math.max((now() - start) / 1000, 0.001);
    o.logger.info(`${file.filename}: downloaded in ${secs.toFixed(1)} s (${(received / 1e6 / secs).toFixed(1)} MB/s)`);
    return { status: opened.res.status, size: received, sha: hash.digest('hex') };
}
/** A download whose bytes are not the list's: once is worth another try, twice is the mirror's doing. */
class Mismatch extends Error {
}
/**
 * Downloads and checks size and sha256 against the list, under the shared retry policy within the download
 * budget: a stall, a reset or a server error is retried; a mismatch is discarded and fetched once more.
 */
async function downloadVerified(o, file) {
    const t = (0,transfer/* timeoutsFor */.wP)(o.fetch, o.timeouts);
    const now = o.now ?? Date.now;
    const url = `${o.baseUrl.replace(/\/+$/, '')}/${file.filename}`;
    const shown = (0,mirror/* redactUrl */.BO)(url);
    // A directory of its own: runs sharing a download directory (the OS temp) never write one file.
    const dir = await (0,promises_.mkdtemp)(external_node_path_.join(o.downloadDir ?? external_node_os_.tmpdir(), 'go-download-'));
    const deadline = now() + t.downloadBudgetMs;
    let mismatches = 0;
    const base = (0,mirror/* redactUrl */.BO)(o.baseUrl);
    const failed = (what) => new Error(`${what} (of ${file.size} bytes expected). Nothing was cached; check go-download-base-url (${base}) and ` +
        'the network, or retry.');
    try {
        const got = await (0,retry/* retrying */.R$)({
            budgetMs: t.downloadBudgetMs,
            silenceMs: Math.max(t.connectMs, t.idleMs),
            now,
            sleep: o.sleep,
            random: o.random,
            onRetry: ({ attempt, waitMs, outcome }) => {
                // A mismatch was said as it was found.
                if ('error' in outcome && outcome.error instanceof errors/* Transient */.Rc)
                    return;
                const what = 'error' in outcome && outcome.error instanceof transfer/* TransferError */.aG
                    ? outcome.error.message
                    : `The Go download ${shown}: ${(0,retry/* describeOutcome */.SS)(outcome)}`;
                o.logger.warning(`${what}; attempt ${attempt + 2} in ${(waitMs / 1000).toFixed(1)} s`);
            }
        }, async (n, signal) => {
            o.logger.info(`Downloading ${shown} (${mb(file.size)})${n ? `, attempt ${n + 1}` : ''}`);
            const dest = external_node_path_.join(dir, `${file.filename}.${n + 1}`);
            let one;
            try {
                one = await downloadOnce(o, t, file, url, dest, deadline, signal);
            }
            catch (e) {
                await (0,promises_.rm)(dest, { force: true });
                throw e;
            }
            if (one.status < 200 || one.status > 299)
                return { status: one.status, archive: '' };
            if (one.size === file.size && one.sha === file.sha256)
                return { status: 200, archive: dest };
            await (0,promises_.rm)(dest, { force: true });
            o.logger.warning(`${file.filename}: expected sha256 ${file.sha256}, got ${one.sha}; discarded`);
            const message = `The Go download ${file.filename} does not match the release list: expected ${file.size} bytes with ` +
                `sha256 ${file.sha256}, got ${one.size} bytes with sha256 ${one.sha}`;
            if (++mismatches === 1)
                throw new errors/* Transient */.Rc(message);
            throw new Mismatch(`${message} (twice). It was discarded and nothing was cached; check go-download-base-url (${base}) or retry.`);
        }, r => ({ status: r.status }));
        if (got.value.archive)
            return { archive: got.value.archive, dir };
        const times = got.attempts > 1 ? ` ${got.attempts} times` : '';
        throw failed(`The Go download ${shown} answered ${got.value.status}${times}`);
    }
    catch (e) {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        if (!(e instanceof retry/* GaveUp */.TL))
            throw e;
        const cause = e.cause;
        if (cause instanceof Mismatch)
            throw new Error(cause.message);
        if (cause instanceof errors/* Transient */.Rc)
            throw new Error(`${cause.message}. Nothing was cached; retry.`);
        throw failed(cause instanceof transfer/* TransferError */.aG
            ? cause.message
            : `The Go download ${shown} failed: ${(0,transfer/* causeText */.xv)(cause)}`);
    }
}
const exists = (p) => (0,promises_.stat)(p).then(() => true, () => false);
/** Leftovers of runs killed mid-install (staging and replaced copies) older than a day; best effort. */
async function clearLeftovers(versionDir, arch, now) {
    const names = await (0,promises_.readdir)(versionDir).catch(() => []);
    for (const name of names) {
        if (!name.startsWith(`.${arch}.partial-`) && !name.startsWith(`.${arch}.old-`))
            continue;
        const p = external_node_path_.join(versionDir, name);
        const st = await (0,promises_.stat)(p).catch(() => undefined);
        if (st && now - st.mtimeMs > 24 * 3600_000)
            await (0,promises_.rm)(p, { recursive: true, force: true });
    }
}
/**
 * Puts an extracted Go at goroot so that concurrent runs on one tool cache all succeed: the extracted tree is
 * renamed into place (atomic on one filesystem) and the .complete marker written last. A goroot already marked
 * complete is another run's, and is used; one without the marker is an interrupted install, and is replaced.
 */
async function place(o, staging, goroot) {
    const settle = o.settleMs ?? 3000;
    const marked = () => exists(`${goroot}.complete`);
    const sleep = o.sleep ?? sleeper;
    for (let round = 0; round < 3; round++) {
        if (await marked())
            return 'theirs';
        if (await exists(goroot)) {
            // Another run may have renamed its copy in a moment ago and be about to write the marker.
            for (let waited = 0; waited < settle; waited += 100) {
                await sleep(Math.min(100, settle - waited));
                if (await marked())
                    return 'theirs';
            }
            o.logger.info(`${goroot} has no .complete marker (an install that was interrupted); replacing it.`);
            const old = `${external_node_path_.dirname(goroot)}/.${external_node_path_.basename(goroot)}.old-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
            await (0,promises_.rename)(goroot, old).catch((e) => {
                if (e.code !== 'ENOENT')
                    throw e;
            });
            await (0,promises_.rm)(old, { recursive: true, force: true });
        }
        try {
            await (0,promises_.rename)(staging, goroot);
        }
        catch (e) {
            const code = e.code;
            // Another run put its copy there between our look and our rename.
            if (code === 'ENOTEMPTY' || code === 'EEXIST')
                continue;
            throw e;
        }
        await (0,promises_.writeFile)(`${goroot}.complete`, '');
        return 'ours';
    }
    if (await marked())
        return 'theirs';
    throw new Error(`Could not put Go into the tool cache at ${goroot}: other runs kept replacing it. Retry, or give this job its own RUNNER_TOOL_CACHE.`);
}
async function installGo(o) {
    (0,mirror/* maskCredentials */.Bs)(o.baseUrl, o.logger);
    const tool = (0,mirror/* goToolName */.M6)(o.baseUrl);
    const request = {
        spec: o.spec,
        input: o.specInput,
        file: o.specFile,
        line: o.line,
        goLine: o.goLine
    };
    if (tool !== 'go') {
        o.logger.info(`Go from ${(0,mirror/* redactUrl */.BO)(o.baseUrl)} is kept apart from go.dev's in the tool cache, as ${tool}.`);
    }
    const cachedVersions = o.toolCache.findAllVersions(tool, o.cacheArch);
    if (!o.checkLatest) {
        const local = resolveCachedRequest(request, cachedVersions);
        if (local) {
            const goroot = o.toolCache.find(tool, goToSemver(local) ?? local, o.cacheArch);
            if (goroot) {
                o.logger.info(`Go ${local} found in the tool cache: ${goroot}`);
                return { version: local, goroot, source: 'cache' };
            }
        }
    }
    const releases = await fetchReleases(o.baseUrl, o.fetch, o);
    const listUrl = (0,mirror/* redactUrl */.BO)(o.baseUrl.replace(/\/+$/, ''));
    const { version, file, notices, warnings } = resolveGoRequest(request, releases, 'linux', releaseArch(o.goArch), listUrl);
    for (const n of notices)
        o.logger.info(n);
    for (const w of warnings)
        o.logger.warning(w);
    const cacheVersion = goToSemver(version) ?? version;
    const cached = o.toolCache.find(tool, cacheVersion, o.cacheArch);
    if (cached) {
        o.logger.info(`Go ${version} found in the tool cache: ${cached}`);
        return { version, goroot: cached, source: 'cache-after-list' };
    }
    const { archive, dir: downloads } = await downloadVerified(o, file);
    const versionDir = external_node_path_.join(o.toolCacheDir, tool, cacheVersion);
    const goroot = external_node_path_.join(versionDir, o.cacheArch);
    try {
        await (0,promises_.mkdir)(versionDir, { recursive: true });
        await clearLeftovers(versionDir, o.cacheArch, (o.now ?? Date.now)());
        // Staged beside its final place, so the rename into place stays on one filesystem.
        const staging = await (0,promises_.mkdtemp)(external_node_path_.join(versionDir, `.${o.cacheArch}.partial-`));
        try {
            await o.toolCache.extractTar(archive, staging, ['xz', '--strip-components=1']);
            if ((await place(o, staging, goroot)) === 'theirs') {
                o.logger.info(`Go ${version} was installed by another run meanwhile: ${goroot}`);
                return { version, goroot, source: 'download' };
            }
        }
        finally {
            await (0,promises_.rm)(staging, { recursive: true, force: true });
        }
    }
    finally {
        await (0,promises_.rm)(downloads, { recursive: true, force: true });
    }
    o.logger.info(`Go ${version} installed in ${goroot}`);
    return { version, goroot, source: 'download' };
}

;// CONCATENATED MODULE: ./lib/compile/c-toolchain.js
// Each platform's C toolchain for cgo: whether the cross compiler and the static C library are there (before the
// build: a missing one is an input error, not a failed link), and the build settings a cgo build adds.





/** The build settings of a cgo build: its flags after the user's ldflags, its tags beside the user's (its env goes to buildEnv). */
function cgoSettings(settings, cgo) {
    if (!cgo)
        return settings;
    const tags = [
        ...settings.buildTags.split(/[\s,]+/).filter(Boolean),
        ...cgo.tags.filter(t => !settings.buildTags.split(/[\s,]+/).includes(t))
    ];
    return {
        ...settings,
        ldflags: [settings.ldflags.trim(), cgo.ldflags].filter(Boolean).join(' '),
        buildTags: tags.join(',')
    };
}
/** Looks commands up on PATH and asks a compiler for a file, through the runner. */
function cgoProbe(runner, env) {
    const dirs = (env.PATH ?? '').split(':').filter(Boolean);
    return {
        which: async (command) => {
            if (command.includes('/'))
                return (0,promises_.access)(command).then(() => true, () => false);
            for (const d of dirs)
                if (await (0,promises_.access)(external_node_path_.join(d, command)).then(() => true, () => false))
                    return true;
            return false;
        },
        printFileName: async (cc, file) => {
            const [cmd, ...args] = cc.split(/\s+/);
            const res = await runner
                .run(cmd, [...args, `-print-file-name=${file}`], { silent: true })
                .catch(() => undefined);
            const out = res?.exitCode === 0 ? res.stdout.trim() : '';
            // A compiler that has no such file prints the bare name back.
            return external_node_path_.isAbsolute(out) ? out : undefined;
        }
    };
}
/** The C toolchain of every platform (cgo: static or dynamic); the stage is left out with cgo: off. */
function cgoStage(o, ports) {
    const runnerArch = runnerGoArch(ports.nodeArch);
    return {
        title: o.cgo === 'off' ? undefined : `Choose the C toolchain (cgo: ${o.cgo})`,
        run: async ({ go }) => {
            const out = new Map();
            if (o.cgo === 'off')
                return out;
            const probe = cgoProbe(ports.runner, go.env);
            for (const platform of o.platforms) {
                const b = await cgoBuild({
                    mode: o.cgo,
                    platform,
                    runnerArch,
                    cc: o.cc,
                    sysroot: o.cgoSysroot,
                    probe
                });
                if (!b)
                    continue;
                for (const n of b.notes)
                    ports.logger.info(`${(0,lib_platform/* platformString */.Fd)(platform)}: ${n}`);
                out.set((0,lib_platform/* platformString */.Fd)(platform), b);
            }
            return out;
        }
    };
}

;// CONCATENATED MODULE: ./lib/compile/binaries.js
// Compiles the main package for every platform, several at once, and checks each binary before anything packs it.







/**
 * Runs fn on every item, at most limit at a time, and resolves to the results in the items' order. After a
 * failure nothing new starts; the running calls are waited for, and the first error is thrown.
 */
async function mapConcurrent(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    let failure;
    const worker = async () => {
        while (!failure && next < items.length) {
            const i = next++;
            try {
                results[i] = await fn(items[i], i);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    if (failure)
        throw failure.error;
    return results;
}
/**
 * Platforms compile at once, up to parallelism (one per core: each link is mostly one thread), each in a log group
 * of its own. Go's caches are worth keeping from then on, whatever fails later: compiled says so.
 */
function binariesStage(o, ports, hooks) {
    const { logger } = ports;
    return {
        run: async ({ go, source, main, goCache, cgo }) => {
            // The compression threads start while Go compiles, not when the first binary is ready: one per binary.
            hooks?.warm(o.platforms.length);
            const buildDir = external_node_path_.join(ports.tempDir, 'build');
            const built = await mapConcurrent(o.platforms, ports.parallelism, async (platform) => {
                const name = (0,lib_platform/* platformString */.Fd)(platform);
                return logger.group(`Build ${main.importPath} for ${name}`, async () => {
                    const out = external_node_path_.join(buildDir, ...name.split('/'), main.binaryName);
                    const c = cgo?.get(name);
                    await compile(ports.runner, go.goBin, buildEnv(go.env, platform, source.settings, c?.env), o.workingDirectory, buildArgs(cgoSettings(source.settings, c), out), { pkg: o.package, tags: o.buildTags });
                    const elf = (0,compile_elf/* verifyBinary */.Xt)(await (0,promises_.readFile)(out), platform, main.binaryName, { cgo: o.cgo });
                    const size = (await (0,promises_.stat)(out)).size;
                    const linked = elf.interpreter ? `dynamic (loader ${elf.interpreter})` : 'static';
                    logger.info(`${main.binaryName}: ${linked} ${elf.bits}-bit ELF for ${name}, ${size} bytes`);
                    hooks?.built({ path: out, size, name: main.binaryName }, source.epoch);
                    return [name, { path: out, size }];
                });
            });
            // From here Go's caches are worth keeping, whatever fails later (the size gate, the push).
            if (goCache)
                ports.compiled?.(goCache);
            return new Map(built);
        }
    };
}

;// CONCATENATED MODULE: ./lib/compile/source.js


/** The commit being built, for {{.Commit}}: GITHUB_SHA is preferred by ldflagsVars; this asks Git. */
async function gitCommit(runner, cwd) {
    const res = await runner
        .run('git', ['rev-parse', 'HEAD'], { cwd, silent: true })
        .catch(() => undefined);
    return res?.exitCode === 0 ? res.stdout.trim() : '';
}
/** Source date epoch: the input or SOURCE_DATE_EPOCH, else the commit time, else 0. */
async function sourceDateEpoch(o, runner) {
    if (o.sourceDateEpoch !== undefined)
        return o.sourceDateEpoch;
    const res = await runner
        .run('git', ['log', '-1', '--format=%ct'], { cwd: o.workingDirectory, silent: true })
        .catch(() => undefined);
    const t = res?.exitCode === 0 ? Number(res.stdout.trim()) : NaN;
    return Number.isInteger(t) && t >= 0 ? t : 0;
}
function sourceStage(o, github, runner) {
    return {
        run: async () => {
            const epoch = await sourceDateEpoch(o, runner);
            const ldflags = o.ldflags.includes('{{')
                ? expandLdflags(o.ldflags, ldflagsVars(github, await gitCommit(runner, o.workingDirectory), rfc3339(epoch)))
                : o.ldflags;
            const settings = {
                pkg: o.package,
                ldflags,
                buildTags: o.buildTags,
                buildFlags: o.buildFlags,
                buildEnv: o.buildEnv
            };
            return { epoch, settings };
        }
    };
}

;// CONCATENATED MODULE: ./lib/oci/docker-archive.js
// Writes one platform's image as a `docker load` archive (manifest.json, config, layers), for load: true.


const blobPath = (digest) => `blobs/sha256/${digest.replace(/^sha256:/, '')}`;
/**
 * A layer as the archive holds it: a gzip layer as built (`docker load` decompresses it itself and checks it
 * against the config's diff_ids, so the image loads without a second copy of its bytes); a zstd layer as its
 * plain tar, named by its diff_id, since Docker Engine 20.10's `docker load` fails on zstd ("unexpected EOF").
 */
function archived(layer) {
    if (codecOfMediaType(layer.blob.mediaType) === 'zstd') {
        return [blobPath(layer.diffId), decompress(layer.blob.data, 'zstd')];
    }
    return [blobPath(layer.blob.digest), layer.blob.data];
}
/** The archive `docker save` writes (see archived for how each layer is stored). */
async function dockerArchive(image, repoTags) {
    const layers = image.layers.map(archived);
    const files = [
        [blobPath(image.config.digest), image.config.data],
        ...layers,
        [
            'manifest.json',
            Buffer.from(JSON.stringify([
                {
                    Config: blobPath(image.config.digest),
                    RepoTags: repoTags,
                    Layers: layers.map(([name]) => name)
                }
            ]))
        ]
    ];
    // Two layers with the same bytes are one file.
    const unique = new Map(files);
    return packTar(async (add) => {
        for (const [name, data] of unique) {
            await add({ name, size: data.length, mode: 0o644, mtime: new Date(0) }, data);
        }
    });
}

;// CONCATENATED MODULE: ./lib/oci/layer-headers.js
// Reads a layer's tar headers (plain, gzip or zstd) for the unpack check: paths, types, modes, owners and links, and the contents of nothing but the small files it parses.


/** Whose bytes are kept: /etc/passwd, where the check reads the user's home, and anything it may link to. */
const KEPT_NAME = 'passwd';
const KEPT_MAX_BYTES = 64 * 1024;
/** A layer as stored (docker save writes plain tars; a registry blob or the containerd store compresses them). */
function decompressLayer(data, name) {
    if (data[0] === 0x1f && data[1] === 0x8b)
        return external_node_zlib_.gunzipSync(data);
    if (data.length >= 4 && data.readUInt32LE(0) === 0xfd2fb528) {
        const zstd = external_node_zlib_.zstdDecompressSync;
        if (!zstd) {
            throw new Error(`Layer ${name} is zstd-compressed, which this Node.js (${process.version}) cannot read.`);
        }
        return zstd(data);
    }
    return data;
}
const layer_headers_TYPES = {
    file: 'file',
    'contiguous-file': 'file',
    directory: 'directory',
    symlink: 'symlink',
    link: 'link'
};
/** A pax record overrides the ustar field (uids past 2097151 only fit there). */
function paxNumber(header, key) {
    const pax = header.pax;
    const v = pax?.[key] === undefined ? NaN : Number(pax[key]);
    return Number.isInteger(v) ? v : header[key];
}
/**
 * The entries of a layer as stored (plain, gzip or zstd), read as a runtime unpacks it: the blob itself
 * decompressed, but as a stream on Node's thread pool, so neither the whole tar (the binary's size) is held nor
 * the main thread blocked while the push and the report wait for it.
 */
async function storedLayerEntries(data, name) {
    const gzip = data[0] === 0x1f && data[1] === 0x8b;
    const zstd = !gzip && data.length >= 4 && data.readUInt32LE(0) === 0xfd2fb528;
    if (!gzip && !zstd)
        return layerEntries(data);
    const make = gzip
        ? external_node_zlib_.createGunzip
        : external_node_zlib_.createZstdDecompress;
    // A Node with zstdDecompressSync but no stream: decompressLayer says what it can.
    if (!make)
        return layerEntries(decompressLayer(data, name));
    return layerEntries(data, make());
}
/**
 * The entries of one layer tar, in archive order, contents skipped except for files named passwd; through
 * decompress when given (the tarball is then the compressed blob).
 */
async function layerEntries(tarball, decompress) {
    const ex = tar_stream.extract();
    const out = [];
    const done = new Promise((resolve, reject) => {
        ex.on('entry', (header, stream, next) => {
            const type = layer_headers_TYPES[header.type] ?? 'other';
            const entry = {
                path: header.name,
                type,
                mode: header.mode & 0o7777,
                uid: paxNumber(header, 'uid'),
                gid: paxNumber(header, 'gid'),
                ...(header.linkname ? { linkname: header.linkname } : {})
            };
            out.push(entry);
            const keep = type === 'file' &&
                header.size <= KEPT_MAX_BYTES &&
                header.name.replace(/\/+$/, '').split('/').pop() === KEPT_NAME;
            const chunks = [];
            if (keep)
                stream.on('data', (c) => chunks.push(c));
            stream.on('end', () => {
                if (keep)
                    entry.data = Buffer.concat(chunks);
                next();
            });
            stream.on('error', reject);
            stream.resume();
        });
        ex.on('finish', () => resolve());
        ex.on('error', reject);
        decompress?.on('error', reject);
    });
    if (decompress)
        decompress.pipe(ex).on('error', () => undefined);
    (decompress ?? ex).end(tarball);
    await done;
    return out;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/errors.js
var core_errors = __webpack_require__(37428);
;// CONCATENATED MODULE: ./lib/oci/unpack.js
// Applies an image's layers in order as a container runtime unpacks them (the OCI image-spec's layer.md), so a check can see the filesystem a container starts in and what replaced what.
const OPAQUE = '.wh..wh..opq';
const unpack_WHITEOUT = '.wh.';
/** Linux's MAXSYMLINKS: the kernel gives up with ELOOP after this many symlinks in one lookup. */
const MAX_SYMLINKS = 40;
const directory = (layer, mode = 0o755, uid = 0, gid = 0) => ({
    type: 'directory',
    mode,
    uid,
    gid,
    layer,
    children: new Map()
});
const show = (parts) => `/${parts.join('/')}`;
/** A tar name as path elements, or undefined when it climbs out of the root (a runtime refuses the layer). */
function splitPath(name) {
    const out = [];
    for (const part of name.split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..') {
            if (!out.length)
                return undefined;
            out.pop();
        }
        else
            out.push(part);
    }
    return out;
}
/**
 * Looks a path up as the kernel does, from the image root: symlinks in the middle are followed (absolute targets
 * from the root, `..` never above it), the last one only when follow says so. create makes missing directories
 * on the way for that layer, as runtimes do for an entry whose parents a tar leaves out.
 */
function resolve(root, parts, opts) {
    const queue = [...parts];
    const nodes = [root];
    const names = [];
    let hops = 0;
    while (queue.length) {
        const part = queue.shift();
        if (part === '' || part === '.')
            continue;
        if (part === '..') {
            if (names.length) {
                names.pop();
                nodes.pop();
            }
            continue;
        }
        const dir = nodes[nodes.length - 1];
        const last = queue.every(p => p === '' || p === '.');
        let child = dir.children.get(part);
        if (!child && opts.create !== undefined) {
            child = directory(opts.create);
            dir.children.set(part, child);
        }
        // Missing on the way: path says where the lookup stopped.
        if (!child || (last && (child.type !== 'symlink' || !opts.follow)))
            return { ok: true, node: child, path: show([...names, part]) };
        if (child.type === 'symlink') {
            if (++hops > MAX_SYMLINKS)
                return { ok: false, why: 'loop', at: show([...names, part]) };
            if (child.target.startsWith('/')) {
                nodes.splice(1);
                names.splice(0);
            }
            queue.unshift(...child.target.split('/'));
            continue;
        }
        if (child.type !== 'directory')
            return { ok: false, why: 'notdir', at: show([...names, part]), node: child };
        nodes.push(child);
        names.push(part);
    }
    return { ok: true, node: nodes[nodes.length - 1], path: show(names) };
}
const label = (u, layer) => layer < 0 ? 'the empty root' : `layer ${layer + 1} (${u.layers[layer]})`;
const article = (type) => type === 'other' ? 'a device, FIFO or socket' : `a ${type === 'directory' ? 'directory' : type}`;
/** "a file from layer 7 (binary), which replaced a directory from layer 3 (system)". */
function unpack_describe(u, node) {
    const what = node.type === 'symlink' ? `a symlink to ${node.target}` : `${article(node.type)}`;
    const was = node.replaced
        ? `, which replaced ${article(node.replaced.type)} from ${label(u, node.replaced.layer)}`
        : '';
    return `${what} from ${label(u, node.layer)}${was}`;
}
/** The paths under a directory with the layer each came from, for saying what a replacement took away. */
function contents(dir, at, out = []) {
    for (const [name, child] of [...dir.children].sort(([a], [b]) => (a < b ? -1 : 1))) {
        out.push({ path: `${at}/${name}`, layer: child.layer });
        if (child.children)
            contents(child, `${at}/${name}`, out);
    }
    return out;
}
function replacedDirectory(u, at, old, layer) {
    const lost = contents(old, at === '/' ? '' : at);
    const shown = lost.slice(0, 3).map(l => `${l.path} (${label(u, l.layer)})`);
    const more = lost.length > 3 ? ` and ${lost.length - 3} more` : '';
    const held = lost.length
        ? ` and everything in it: ${shown.join(', ')}${more}`
        : ', which that layer put there empty for the image to use';
    return {
        path: at,
        layer,
        message: `${label(u, layer)} puts a file at ${at}, which replaces the directory from ${label(u, old.layer)}${held}.`
    };
}
/** Whiteouts apply to lower layers only, so they run before the layer's own entries, wherever the tar lists them. */
function whiteout(u, parts, layer) {
    const name = parts[parts.length - 1];
    const dir = resolve(u.root, parts.slice(0, -1), { follow: true });
    if (!dir.ok || dir.node?.type !== 'directory')
        return;
    if (name === OPAQUE)
        dir.node.children.clear();
    // Other .wh..wh. names are AUFS bookkeeping (hard-link directories), which runtimes skip.
    else if (name.startsWith(`${unpack_WHITEOUT}${unpack_WHITEOUT}`))
        return;
    else if (name === unpack_WHITEOUT || name === `${unpack_WHITEOUT}.` || name === `${unpack_WHITEOUT}..`) {
        u.problems.push({
            path: show(parts),
            layer,
            message: `${label(u, layer)} holds the whiteout ${show(parts)}, which names no file (a runtime refuses it).`
        });
    }
    else
        dir.node.children.delete(name.slice(unpack_WHITEOUT.length));
}
function add(u, e, parts, layer) {
    const at = show(parts);
    if (!parts.length) {
        // The root itself ("./"): only its attributes change.
        Object.assign(u.root, { mode: e.mode, uid: e.uid, gid: e.gid });
        return;
    }
    const parent = resolve(u.root, parts.slice(0, -1), { follow: true, create: layer });
    const dir = parent.ok ? parent.node : undefined;
    if (!dir || dir.type !== 'directory') {
        const blocker = parent.ok ? dir : parent.node;
        u.problems.push({
            path: at,
            layer,
            message: `${label(u, layer)} puts ${at} in ${parent.ok ? parent.path : parent.at}, but that is ` +
                `${blocker ? unpack_describe(u, blocker) : 'a symlink loop'}, not a directory: a runtime cannot unpack the layer.`
        });
        return;
    }
    const name = parts[parts.length - 1];
    const existing = dir.children.get(name);
    if (e.type === 'directory' && existing?.type === 'directory') {
        // Two directories merge: the upper one's attributes win, the lower one's contents stay.
        Object.assign(existing, { mode: e.mode, uid: e.uid, gid: e.gid });
        return;
    }
    let node;
    if (e.type === 'link') {
        const target = resolve(u.root, splitPath(e.linkname ?? '') ?? [], { follow: true });
        if (!target.ok || !target.node || target.node.type === 'directory') {
            u.problems.push({
                path: at,
                layer,
                message: `${label(u, layer)} makes ${at} a hard link to ${e.linkname}, which ${target.ok && target.node ? 'is a directory' : 'does not exist'} in it or a layer below: a runtime cannot unpack the layer.`
            });
            return;
        }
        node = { ...target.node, layer };
    }
    else if (e.type === 'directory')
        node = directory(layer, e.mode, e.uid, e.gid);
    else {
        node = { type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, layer };
        if (e.type === 'symlink')
            node.target = e.linkname ?? '';
        if (e.data)
            node.data = e.data;
    }
    if (existing?.type === 'directory' && node.type !== 'directory')
        u.problems.push(replacedDirectory(u, at, existing, layer));
    if (existing && existing.type !== node.type)
        node.replaced = { type: existing.type, layer: existing.layer };
    dir.children.set(name, node);
}
/** The filesystem the layers unpack to, in order from the empty root, and what a runtime would refuse on the way. */
function unpack(layers) {
    const u = { root: directory(-1), layers: layers.map(l => l.name), problems: [] };
    layers.forEach((layer, i) => {
        const entries = [];
        for (const e of layer.entries) {
            const parts = splitPath(e.path);
            if (parts)
                entries.push({ e, parts });
            else
                u.problems.push({
                    path: e.path,
                    layer: i,
                    message: `${label(u, i)} holds ${e.path}, which climbs out of the image root: a runtime refuses the layer.`
                });
        }
        const isWhiteout = (parts) => parts.length > 0 && parts[parts.length - 1].startsWith(unpack_WHITEOUT);
        for (const { parts } of entries)
            if (isWhiteout(parts))
                whiteout(u, parts, i);
        for (const { e, parts } of entries)
            if (!isWhiteout(parts))
                add(u, e, parts, i);
    });
    return u;
}

;// CONCATENATED MODULE: ./lib/oci/unpack-check.js
// Checks an image before it is pushed, on its layers unpacked as a runtime unpacks them: the entrypoint, the user's home, /tmp, SSL_CERT_FILE and WORKDIR are what the program needs, and no layer took another's directory.




/** What to change, by the layer at fault: the inputs that fill it. */
const LAYER_FIX = {
    binary: 'The binary takes the place of a path the image needs: set binary-name to another name (e.g. binary-name: app).',
    files: 'A files line takes the place of a path another layer needs: give it another DEST.'
};
/** The last KEY= wins, as in a runtime's environment. */
const envValue = (env, key) => [...env]
    .reverse()
    .find(e => e.startsWith(`${key}=`))
    ?.slice(key.length + 1);
const octal = (mode) => (mode & 0o7777).toString(8).padStart(4, '0');
/** Why a lookup did not find what it wanted, as the end of a sentence. */
function explain(u, r) {
    if (!r.ok)
        return r.why === 'loop' ? `${r.at} is a symlink loop` : `${r.at} is ${unpack_describe(u, r.node)}`;
    return r.node ? `${r.path} is ${unpack_describe(u, r.node)}` : `${r.path} does not exist`;
}
/** The layer at fault when a lookup found the wrong thing: the one that put it there. */
const blame = (r) => r.node?.layer;
function passwd(u) {
    const r = resolve(u.root, ['etc', 'passwd'], { follow: true });
    const data = r.ok && r.node?.type === 'file' ? r.node.data : undefined;
    return (data?.toString() ?? '').split('\n').flatMap(line => {
        const f = line.split(':');
        if (f.length < 6 || !/^\d+$/.test(f[2]) || !/^\d+$/.test(f[3]))
            return [];
        return [{ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] }];
    });
}
/** The user as runc resolves it (libcontainer/user): a name through /etc/passwd, a number with or without a line. */
function runUser(u, spec, out) {
    const [name = '', group] = (spec || '0').split(':');
    const users = passwd(u);
    const entry = /^\d+$/.test(name)
        ? users.find(p => p.uid === Number(name))
        : users.find(p => p.name === name);
    if (!entry && !/^\d+$/.test(name)) {
        out.push({
            path: '/etc/passwd',
            message: `The user ${name} is not in /etc/passwd, so a runtime refuses to start the container ("unable to find user ${name}").`,
            fix: 'Set user to a user of /etc/passwd (nonroot, root, nobody) or a numeric uid:gid.'
        });
        return undefined;
    }
    const uid = entry?.uid ?? Number(name);
    const gid = group !== undefined && /^\d+$/.test(group) ? Number(group) : (entry?.gid ?? 0);
    return { uid, gid, entry };
}
/** execve's permission check: root needs any execute bit, others the bit of the class they fall in. */
function mayExecute(node, user) {
    if (user.uid === 0)
        return (node.mode & 0o111) !== 0;
    if (node.uid === user.uid)
        return (node.mode & 0o100) !== 0;
    if (node.gid === user.gid)
        return (node.mode & 0o010) !== 0;
    return (node.mode & 0o001) !== 0;
}
const ENTRYPOINT_FIX = 'Point entrypoint at the binary (leave it empty for /<binary-name>), or give the program file an execute bit.';
function checkEntrypoint(u, run, user, out) {
    const argv0 = run.argv[0];
    if (!argv0) {
        out.push({
            path: '/',
            message: 'The image has neither an entrypoint nor a command, so a runtime has nothing to start.',
            fix: ENTRYPOINT_FIX
        });
        return;
    }
    // runc runs exec.LookPath: a name with a slash as it is (from the working directory), else each PATH directory.
    const dirs = (envValue(run.env, 'PATH') ?? DEFAULT_PATH.slice('PATH='.length)).split(':');
    const candidates = argv0.includes('/')
        ? [external_node_path_.posix.resolve('/', run.workdir, argv0)]
        : dirs.map(d => external_node_path_.posix.resolve('/', run.workdir, d || '.', argv0));
    const looked = candidates.map(c => ({
        at: c,
        r: resolve(u.root, splitPath(c), { follow: true })
    }));
    const found = looked.find(({ r }) => r.ok && r.node && r.node.type !== 'directory' && r.node.mode & 0o111);
    const subject = `The entrypoint ${argv0}`;
    if (found) {
        const node = found.r.node;
        if (node.type === 'file' && mayExecute(node, user))
            return;
        out.push({
            path: found.at,
            layer: node.layer,
            message: node.type === 'file'
                ? `${subject} is ${found.at}, mode ${octal(node.mode)}, owned by ${node.uid}:${node.gid}: user ${user.uid}:${user.gid} may not execute it.`
                : `${subject} is ${found.at}, which is ${unpack_describe(u, node)}, not a regular file.`,
            fix: ENTRYPOINT_FIX
        });
        return;
    }
    const existing = looked.find(({ r }) => !r.ok || r.node) ?? looked[0];
    const where = argv0.includes('/')
        ? `${subject} cannot be executed: ${explain(u, existing.r)}`
        : `${subject} is in no directory of PATH (${dirs.join(':')}) as an executable file` +
            (existing.r.ok && existing.r.node ? `: ${explain(u, existing.r)}` : '');
    out.push({
        path: existing.at,
        layer: blame(existing.r),
        message: `${where}.`,
        fix: ENTRYPOINT_FIX
    });
}
function checkHome(u, user, out) {
    const home = user.entry?.home;
    // Debian's convention (and distroless's nobody): /nonexistent means the user has no home.
    if (!home || home === '/nonexistent')
        return;
    const r = resolve(u.root, splitPath(home) ?? [], { follow: true });
    const node = r.ok ? r.node : undefined;
    if (node?.type === 'directory' && node.uid === user.uid)
        return;
    const whose = `The home of user ${user.uid} (${user.entry.name} in /etc/passwd), ${home},`;
    out.push({
        path: home,
        layer: blame(r),
        message: node?.type === 'directory'
            ? `${whose} is owned by ${node.uid}:${node.gid}, so the program cannot write there.`
            : `${whose} must be a directory that user owns, but ${explain(u, r)}.`,
        fix: 'Use a user whose home the image holds (user: nonroot, the default, owns /home/nonroot).'
    });
}
/** /tmp, SSL_CERT_FILE and WORKDIR: each a path that must be one type of thing. */
function checkPaths(u, run, out) {
    const want = (at, type, what, fix) => {
        const r = resolve(u.root, splitPath(at) ?? [], { follow: true });
        if (r.ok && r.node?.type === type)
            return r.node;
        out.push({
            path: at,
            layer: blame(r),
            message: `${what} must be a ${type}, but ${explain(u, r)}.`,
            fix
        });
        return undefined;
    };
    const tmp = want('/tmp', 'directory', '/tmp', 'Leave /tmp to the system layer.');
    if (tmp && (tmp.mode & 0o7777) !== 0o1777)
        out.push({
            path: '/tmp',
            layer: tmp.layer,
            message: `/tmp has mode ${octal(tmp.mode)} (${unpack_describe(u, tmp)}); programs need 1777, where anyone may create files and only their owner delete them.`,
            fix: 'Leave /tmp to the system layer.'
        });
    const cert = envValue(run.env, 'SSL_CERT_FILE');
    if (cert)
        want(external_node_path_.posix.resolve('/', run.workdir, cert), 'file', `SSL_CERT_FILE (${cert})`, `Point SSL_CERT_FILE in env at a file of the image (the CA bundle is /${CA_BUNDLE_PATH}), or leave it unset.`);
    const fix = 'Set workdir to a directory the image holds (e.g. /, the default).';
    if (!run.workdir.startsWith('/'))
        out.push({
            path: run.workdir,
            message: `WORKDIR ${run.workdir} is not absolute, which runc refuses.`,
            fix
        });
    else
        want(run.workdir, 'directory', `WORKDIR ${run.workdir}`, fix);
}
/** Every way the unpacked image would break its program, with the fix for each. */
function checkUnpacked(u, run) {
    const out = u.problems.map(p => ({
        ...p,
        fix: 'Report this: a layer the action wrote would not unpack.'
    }));
    const user = runUser(u, run.user, out);
    if (user) {
        checkEntrypoint(u, run, user, out);
        checkHome(u, user, out);
    }
    checkPaths(u, run, out);
    // A path a layer broke is that layer's input to fix, whichever rule noticed.
    return out.map(f => ({ ...f, fix: LAYER_FIX[u.layers[f.layer ?? -1] ?? ''] ?? f.fix }));
}

;// CONCATENATED MODULE: ./lib/oci/image-check.js
// The image check at the pipeline's edge: each built image's layers read (each distinct one once) and unpacked, its config validated, and every finding of src/oci/unpack-check.ts turned into one error before any push.






/** The part of an image config a runtime starts the process from; Docker writes null for what is unset. */
const ImageConfig = schemas/* object */.Ikc({
    config: schemas/* object */.Ikc({
        User: schemas/* string */.YjP().nullish(),
        Env: schemas/* array */.YOg(schemas/* string */.YjP()).nullish(),
        Entrypoint: schemas/* array */.YOg(schemas/* string */.YjP()).nullish(),
        Cmd: schemas/* array */.YOg(schemas/* string */.YjP()).nullish(),
        WorkingDir: schemas/* string */.YjP().nullish()
    })
        .nullish()
});
function runConfig(json, platform) {
    let parsed;
    try {
        parsed = JSON.parse(json.toString());
    }
    catch {
        parsed = undefined;
    }
    const result = ImageConfig.safeParse(parsed);
    if (!result.success) {
        throw new Error(`The image config for ${platform} is not the JSON an image config is: ${core_errors/* prettifyError */.S1(result.error)}`);
    }
    const c = result.data.config ?? {};
    return {
        user: c.User ?? '',
        env: c.Env ?? [],
        argv: [...(c.Entrypoint ?? []), ...(c.Cmd ?? [])],
        workdir: c.WorkingDir || '/'
    };
}
const imageToCheck = (i) => ({
    platform: (0,lib_platform/* platformString */.Fd)(i.platform),
    layers: i.layers.map(l => ({ name: l.name, data: l.blob.data, key: l.diffId })),
    config: i.config.data
});
/**
 * Unpacks each image's layers (each distinct layer read once) and checks them; throws an InputError naming
 * every finding and its fix, platforms with the same findings together. Returns a line per platform for the log.
 */
async function checkImages(images) {
    const memo = new Map();
    const read = (l) => {
        const go = () => storedLayerEntries(l.data, l.name);
        if (l.key === undefined)
            return go();
        if (!memo.has(l.key))
            memo.set(l.key, go());
        return memo.get(l.key);
    };
    const failed = new Map();
    const lines = [];
    for (const image of images) {
        const layers = await Promise.all(image.layers.map(async (l) => ({ name: l.name, entries: await read(l) })));
        const run = runConfig(image.config, image.platform);
        const findings = checkUnpacked(unpack(layers), run);
        const paths = layers.reduce((n, l) => n + l.entries.length, 0);
        if (!findings.length) {
            lines.push(`${image.platform}: unpacked as a runtime does (${layers.length} layers, ${paths} entries): ` +
                `entrypoint ${run.argv[0]}, user ${run.user || '0'}, /tmp 1777, workdir ${run.workdir}`);
            continue;
        }
        const text = [
            ...findings.map(f => `- ${f.message}`),
            ...[...new Set(findings.map(f => f.fix))]
        ].join('\n');
        failed.set(text, [...(failed.get(text) ?? []), image.platform]);
    }
    if (failed.size) {
        throw new ports/* InputError */.d([...failed]
            .map(([text, platforms]) => `The image for ${platforms.join(', ')} would break as a runtime unpacks it, so nothing was pushed:\n${text}`)
            .join('\n\n'));
    }
    return lines;
}

;// CONCATENATED MODULE: ./lib/docker/builder.js
// Builds the written Dockerfile with the Docker Engine and turns what it built into the same BuiltImage the native builder returns.












async function detectBuildx(runner) {
    const res = await runner
        .run('docker', ['buildx', 'version'], { silent: true })
        .catch(() => undefined);
    return res?.exitCode === 0;
}
async function dockerBuild(opts) {
    const { runner, logger } = opts;
    const compression = opts.compressor?.compression ?? DEFAULT_COMPRESSION;
    if (compression.codec === 'zstd' && !opts.buildx) {
        throw new ports/* InputError */.d('compression: zstd with builder: docker needs docker buildx (its compression=zstd output), and this Docker ' +
            'has none. Install docker-buildx, use builder: native (which writes zstd itself), or compression: gzip.');
    }
    if (!opts.buildx) {
        logger.info('builder: docker: this Docker has no buildx, so the classic builder builds, and it records the build ' +
            'time in the image config: the digest differs on every build. Install docker-buildx for a reproducible ' +
            'digest, or use builder: native.');
    }
    const dockerfileText = await (0,promises_.readFile)(opts.dockerfile, 'utf8');
    const images = [];
    for (const { platform, plan } of opts.plans) {
        const name = (0,lib_platform/* platformString */.Fd)(platform);
        const tag = `gsi-build-${process.pid}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}:${name.replace(/\//g, '-')}`;
        const dir = await (0,promises_.mkdtemp)(external_node_path_.join((0,external_node_os_.tmpdir)(), 'gsi-docker-'));
        try {
            await build(opts, platform, tag, dockerfileText);
            const archive = external_node_path_.join(dir, 'image.tar');
            const saved = await runner.run('docker', ['save', '-o', archive, tag], { silent: true });
            if (saved.exitCode !== 0) {
                throw new Error(`docker save ${tag} failed (exit ${saved.exitCode}): ${tail(saved)}`);
            }
            const exported = await readSaveArchive(await (0,promises_.readFile)(archive), tag);
            const image = await toBuiltImage(exported, platform, plan, opts.dockerfile, opts.compressor);
            logger.info(`${name}: Docker built ${image.layers.length} layers (${image.layers.map(l => l.name).join(', ')}), ` +
                `config ${image.config.digest}`);
            // On the tars Docker exported, before anything is pushed: what a runtime will unpack.
            const layers = exported.layers.map((data, i) => ({ name: image.layers[i].name, data }));
            for (const line of await checkImages([{ platform: name, layers, config: exported.config }]))
                logger.info(line);
            images.push(image);
        }
        finally {
            // The tag is ours alone; removing it also prunes the intermediate images the classic builder left behind.
            await runner.run('docker', ['rmi', '-f', tag], { silent: true }).catch(() => undefined);
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
    }
    return images;
}
async function build(opts, platform, tag, dockerfileText) {
    const name = (0,lib_platform/* platformString */.Fd)(platform);
    const common = ['--platform', name, '-f', opts.dockerfile, '-t', tag];
    let args;
    let env;
    if (opts.buildx) {
        // SOURCE_DATE_EPOCH dates the config and history; rewrite-timestamp dates the files in the layers
        // (BuildKit 0.13+), which COPY otherwise stamps with the build time. type=docker is what --load means.
        args = [
            'buildx',
            'build',
            ...common,
            ...buildxOutput(opts.epoch, opts.compressor?.compression),
            opts.context
        ];
    }
    else {
        // The classic builder sets no TARGET* arguments, so a multi-platform Dockerfile would pick no binary folder.
        const targetArgs = /\$\{?TARGET(OS|ARCH|VARIANT)\b/.test(dockerfileText)
            ? [
                `TARGETOS=${platform.os}`,
                `TARGETARCH=${platform.architecture}`,
                `TARGETVARIANT=${platform.variant ?? ''}`
            ].flatMap(a => ['--build-arg', a])
            : [];
        // --no-cache: the classic builder's cache ignores the platform, so an intermediate image of another
        // platform would be reused and the build fails (or, worse, carries the wrong architecture). --force-rm:
        // a failed step's container would otherwise stay behind.
        args = ['build', '--no-cache', '--force-rm', ...targetArgs, ...common, opts.context];
        // A runner's env replaces the whole environment, and docker needs HOME, PATH, DOCKER_HOST and friends.
        env = { ...definedEnv(process.env), DOCKER_BUILDKIT: '0' };
    }
    const res = await opts.runner.run('docker', args, env ? { env } : {});
    if (res.exitCode !== 0) {
        // A failed classic build leaves the intermediate images of the steps that worked, untagged.
        const ids = [...res.stdout.matchAll(/^ ---> ([0-9a-f]{12})\s*$/gm)].map(m => m[1]);
        if (ids.length) {
            await opts.runner
                .run('docker', ['rmi', ...ids.reverse()], { silent: true })
                .catch(() => undefined);
        }
        // buildx hands its zstd layers to `docker load`, which Docker Engine 20.10 cannot read ("unexpected EOF").
        const zstdHint = opts.compressor?.compression.codec === 'zstd'
            ? '\nWith compression: zstd, the Docker Engine must load zstd layers (Docker Engine 23 or newer); use builder: native otherwise.'
            : '';
        throw new Error(`docker ${opts.buildx ? 'buildx build' : 'build'} of ${opts.dockerfile} for ${name} failed ` +
            `(exit ${res.exitCode}):\n${tail(res)}${zstdHint}`);
    }
}
/**
 * buildx's output: `--load` (type=docker), with SOURCE_DATE_EPOCH and rewritten timestamps when there is an epoch,
 * and zstd layers (OCI media types, forced on every layer) when zstd is asked for.
 */
function buildxOutput(epoch, compression) {
    const zstd = compression?.codec === 'zstd'
        ? [
            'compression=zstd',
            `compression-level=${compression.level}`,
            'force-compression=true',
            'oci-mediatypes=true'
        ]
        : [];
    const epochArgs = epoch === undefined ? [] : ['--build-arg', `SOURCE_DATE_EPOCH=${epoch}`];
    const output = [...(epoch === undefined ? [] : ['rewrite-timestamp=true']), ...zstd];
    if (!output.length)
        return ['--load'];
    return [...epochArgs, '--output', ['type=docker', ...output].join(',')];
}
function definedEnv(env) {
    return Object.fromEntries(Object.entries(env).filter((e) => e[1] !== undefined));
}
/** docker's error is in its last lines; the legacy builder's deprecation notice would only hide it. */
function tail(res, lines = 15) {
    const notice = /^DEPRECATED: The legacy builder|^\s+(BuildKit is currently disabled|environment-variable\.)/;
    const text = res.stderr.trim() || res.stdout.trim();
    return text
        .split('\n')
        .filter(l => !notice.test(l))
        .join('\n')
        .trim()
        .split('\n')
        .slice(-lines)
        .join('\n');
}
/**
 * Reads an image out of a `docker save` archive: Docker 20.10's (<id>/layer.tar, a repeated layer saved as a
 * symlink to the first) and the OCI-ish one of Docker 25+ (blobs/sha256/…). With several images in the
 * archive, tag picks the one.
 */
async function readSaveArchive(archive, tag) {
    const files = new Map();
    for (const { header, data } of await readTar(archive)) {
        const name = external_node_path_.posix.normalize(header.name).replace(/^\.\/|\/$/g, '');
        if (header.type === 'file' || header.type === 'contiguous-file')
            files.set(name, { data });
        else if (header.type === 'symlink') {
            files.set(name, { link: external_node_path_.posix.join(external_node_path_.posix.dirname(name), header.linkname) });
        }
        else if (header.type === 'link')
            files.set(name, { link: header.linkname });
    }
    const read = (name, seen = 0) => {
        const e = files.get(external_node_path_.posix.normalize(name));
        if (e?.data)
            return e.data;
        if (e?.link !== undefined && seen < 16)
            return read(e.link, seen + 1);
        throw new Error(`The docker save archive has no ${name}.`);
    };
    const manifest = JSON.parse(read('manifest.json').toString());
    const entry = manifest.length === 1 ? manifest[0] : manifest.find(m => tag && m.RepoTags?.includes(tag));
    if (!entry) {
        throw new Error(`The docker save archive holds ${manifest.length} images and none is tagged ${tag ?? '(no tag given)'}.`);
    }
    return {
        config: read(entry.Config),
        layers: entry.Layers.map(l => decompressLayer(read(l), l))
    };
}
/** Bytes of the regular files a layer tar unpacks to, as layerContentSize counts them for the native builder. */
async function tarContentSize(layer) {
    let n = 0;
    for (const { header } of await readTar(layer)) {
        if (header.type === 'file' || header.type === 'contiguous-file')
            n += header.size;
    }
    return n;
}
/**
 * The BuiltImage of what Docker built: layers recompressed the way the native builder compresses them, in the
 * same codec and level (so sizes compare and pushes look the same), the config byte for byte as Docker wrote it, and the manifest
 * in the shape buildImage writes.
 */
async function toBuiltImage(saved, platform, plan, dockerfile, compressor = new LayerCompressor({ compression: DEFAULT_COMPRESSION })) {
    const name = (0,lib_platform/* platformString */.Fd)(platform);
    if (saved.layers.length !== plan.layers.length) {
        throw new Error(`Docker built ${saved.layers.length} layers from ${dockerfile} for ${name}, but the file plan has ` +
            `${plan.layers.length} (${plan.layers.map(l => l.name).join(', ')}): each COPY should make one layer ` +
            `and nothing else should add one (a WORKDIR that creates its directory does).`);
    }
    const media = LAYER_MEDIA_TYPES[compressor.compression.codec];
    const layers = await Promise.all(saved.layers.map(async (tarball, i) => {
        const name = plan.layers[i].name;
        const diffId = sha256(tarball);
        const data = await compressor.compress(tarball, diffId, { worker: name === 'binary' });
        return {
            name,
            blob: toBlob(media, data),
            diffId,
            contentSize: await tarContentSize(tarball)
        };
    }));
    const config = JSON.parse(saved.config.toString());
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (JSON.stringify(diffIds) !== JSON.stringify(layers.map(l => l.diffId))) {
        throw new Error(`The image Docker built from ${dockerfile} for ${name} does not match its own config: the layers ` +
            `saved are ${layers.map(l => l.diffId).join(', ')} but rootfs.diff_ids lists ${diffIds.join(', ') || 'none'}.`);
    }
    // A variant Docker leaves out is no contradiction; only one it states differently is (arm64/v8 is arm64).
    const built = (0,lib_platform/* platformKey */.Ng)({
        os: config.os ?? '',
        architecture: config.architecture ?? '',
        variant: config.variant ?? platform.variant
    });
    if (built !== (0,lib_platform/* platformKey */.Ng)(platform)) {
        throw new Error(`Docker built ${dockerfile} for ${built} when ${name} was asked for: this Docker did not honour --platform.`);
    }
    // The same manifest buildImage writes, so both builders' images differ only where their files and config do.
    return withManifest({
        platform,
        layers,
        config: toBlob(MEDIA.config, saved.config),
        annotations: plan.image.annotations
    }, 'oci');
}

;// CONCATENATED MODULE: ./lib/docker/engine.js
// The stages that use the Docker Engine: builder: docker builds the written Dockerfile, and load: true loads the
// image into the Engine, tagged as it would be pushed, so a later step can docker run it.





/** builder: docker: the Dockerfile built by Docker and read back; the stage is left out for the native builder. */
function dockerBuiltStage(ports, compressor) {
    return {
        title: 'Build the Dockerfile with Docker',
        run: async ({ plans, context, source }) => dockerBuild({
            runner: ports.runner,
            logger: ports.logger,
            context: context.context,
            dockerfile: context.dockerfile,
            plans,
            buildx: await detectBuildx(ports.runner),
            epoch: source.epoch,
            compressor
        })
    };
}
/**
 * docker load of the runner's platform (Docker keeps one platform per tag), tagged as it would be pushed. The
 * stage is left out without load or image.
 */
function loadStage(image, tags, ports) {
    const { logger } = ports;
    return {
        title: 'Load into Docker',
        run: async ({ images: { images } }) => {
            const arch = ports.runnerArch;
            const archive = external_node_path_.join(ports.tempDir, 'image.tar');
            const chosen = images.find(i => i.platform.architecture === arch) ?? images[0];
            if (chosen.platform.architecture !== arch) {
                logger.warning(`load: no ${arch} image was built; loading ${(0,lib_platform/* platformString */.Fd)(chosen.platform)}, which this runner runs only with emulation.`);
            }
            const name = image.registry === 'docker.io' ? image.repository : `${image.registry}/${image.repository}`;
            const refs = tags.map(t => `${name}:${t}`);
            await (0,promises_.writeFile)(archive, await dockerArchive(chosen, refs));
            const res = await ports.runner.run('docker', ['load', '-i', archive], { silent: true });
            await (0,promises_.rm)(archive, { force: true });
            if (res.exitCode !== 0) {
                throw new Error(`load: docker load failed (exit ${res.exitCode}): ${res.stderr.trim() || res.stdout.trim()}. Is the Docker Engine running on the runner?`);
            }
            logger.info(`Loaded ${(0,lib_platform/* platformString */.Fd)(chosen.platform)} into Docker as ${refs.join(', ')}`);
        }
    };
}

;// CONCATENATED MODULE: ./lib/dockerfile/context.js
// Writes the FROM scratch Dockerfile and its build context from the same file plan the native builder uses (the
// context stage).




/** ENV values quoted so spaces and quotes survive, and `$` escaped: the native image does not expand variables either. */
function envLine(kv) {
    const eq = kv.indexOf('=');
    return `${kv.slice(0, eq)}=${quote(kv.slice(eq + 1))}`;
}
/**
 * The binary layer differs per platform, so with several platforms its context folder is
 * binary/OS/ARCH[/VARIANT], picked with the build arguments BuildKit sets (the action passes them to the
 * classic builder).
 */
function renderDockerfile(plan, multiPlatform) {
    const lines = [
        '# Written by go-scratch-image: the same image its native builder assembles.',
        'FROM scratch'
    ];
    for (const layer of plan.layers) {
        // The binary and its shared libraries differ per platform; every other layer is the same for all.
        const perPlatform = (layer.name === 'binary' || layer.name === 'libraries') && multiPlatform;
        // Declared just before its use: the classic builder commits an ARG as an image of the daemon's own
        // platform, which a COPY for another platform then refuses; after the first COPY it is the target's.
        if (perPlatform) {
            lines.push('ARG TARGETOS TARGETARCH TARGETVARIANT', `COPY ${chown(layer)}${layer.name}/\${TARGETOS}/\${TARGETARCH}\${TARGETVARIANT:+/}\${TARGETVARIANT}/ /`);
        }
        else {
            const owned = ownedDirectory(layer);
            lines.push(owned
                ? `COPY --chown=${owned.owner} ${layer.name}/${owned.path}/ /${owned.path}/`
                : `COPY ${chown(layer)}${layer.name}/ /`);
        }
    }
    const s = plan.image;
    const continued = ' \\\n    ';
    if (s.env.length)
        lines.push(`ENV ${s.env.map(envLine).join(continued)}`);
    lines.push(`USER ${s.user}`, `WORKDIR ${s.workdir}`);
    if (s.exposedPorts.length)
        lines.push(`EXPOSE ${s.exposedPorts.join(' ')}`);
    const labels = Object.entries(s.labels);
    if (labels.length) {
        lines.push(`LABEL ${labels.map(([k, v]) => `${JSON.stringify(k)}=${quote(v)}`).join(continued)}`);
    }
    lines.push(`ENTRYPOINT ${JSON.stringify(s.entrypoint)}`);
    if (s.cmd.length)
        lines.push(`CMD ${JSON.stringify(s.cmd)}`);
    return `${lines.join('\n')}\n`;
}
function quote(v) {
    return JSON.stringify(v).replace(/\$/g, '\\$');
}
/**
 * COPY makes every file root-owned unless told otherwise, and takes one owner for all it copies: a layer owned
 * by someone else says so, and a layer with several owners cannot be one COPY.
 */
function chown(layer) {
    const owners = new Set(layer.entries.map(e => `${e.uid}:${e.gid}`));
    if (owners.size > 1) {
        throw new Error(`The ${layer.name} layer has several owners (${[...owners].join(', ')}); one COPY cannot make it.`);
    }
    const [owner] = owners;
    return owner && owner !== '0:0' ? `--chown=${owner} ` : '';
}
/**
 * A layer that is one directory tree of another owner under root-owned parents (the home layer): COPY --chown
 * into that directory creates it with that owner and 0755 and leaves the existing parents alone, where copying
 * the whole layer to / would chown the parents too. Undefined for any other layer.
 */
function ownedDirectory(layer) {
    const owned = layer.entries.filter(e => e.uid !== 0 || e.gid !== 0);
    if (!owned.length || owned.length === layer.entries.length)
        return undefined;
    const top = owned.reduce((a, b) => (b.path.length < a.path.length ? b : a));
    const owner = `${top.uid}:${top.gid}`;
    const fits = top.type === 'directory' &&
        top.mode === 0o755 &&
        owned.every(e => `${e.uid}:${e.gid}` === owner && (e === top || e.path.startsWith(`${top.path}/`))) &&
        layer.entries.every(e => owned.includes(e) || top.path.startsWith(`${e.path}/`));
    if (!fits) {
        throw new Error(`The ${layer.name} layer mixes owners in a way one COPY cannot make: only a directory of one owner (0755) ` +
            `under root-owned parents can be copied with --chown.`);
    }
    return { path: top.path, owner };
}
/** Link errors that mean "this file cannot be linked here" (another file system, a protected link, a full inode). */
const UNLINKABLE = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP']);
/**
 * Files written at once: two overlap the waits of each file's few calls, and leave the rest of Node's thread pool
 * (four threads) to whatever runs beside the context, such as the image assembly reading the same files.
 */
const WRITES_AT_ONCE = 2;
/** Hard-links source at dest when the file system allows it; resolves to whether it did. */
async function tryLink(source, dest, linkFile) {
    try {
        await linkFile(source, dest);
        return true;
    }
    catch (e) {
        if (UNLINKABLE.has(e.code ?? ''))
            return false;
        throw e;
    }
}
const within = (dir, file) => {
    const rel = external_node_path_.relative(dir, file);
    return !!rel && !rel.startsWith('..') && !external_node_path_.isAbsolute(rel);
};
/**
 * Runs create, which makes dest and fails with EEXIST when something is there: then that is removed and create
 * runs again. Never written through: an earlier context's file may be a link to a source.
 */
function createFresh(dest, create) {
    try {
        return create();
    }
    catch (e) {
        if (e.code !== 'EEXIST')
            throw e;
        (0,external_node_fs_.rmSync)(dest, { force: true });
        return create();
    }
}
/**
 * Links and files whose bytes the plan holds (the zoneinfo tree's several hundred): written with synchronous
 * calls, a few on one descriptor, since each promise-based call costs more CPU in its hand-offs to the thread
 * pool than the system call itself; only these small entries block the thread, and each for microseconds.
 */
function writeInPlace(e, dest, date) {
    if (e.type === 'symlink') {
        createFresh(dest, () => (0,external_node_fs_.symlinkSync)(e.target, dest));
        if (date)
            (0,external_node_fs_.lutimesSync)(dest, date, date);
        return;
    }
    const fd = createFresh(dest, () => (0,external_node_fs_.openSync)(dest, 'wx', e.mode));
    try {
        (0,external_node_fs_.writeFileSync)(fd, e.source);
        // The mode given to open passes through the umask; the plan's must hold exactly.
        (0,external_node_fs_.fchmodSync)(fd, e.mode);
        if (date)
            (0,external_node_fs_.futimesSync)(fd, date, date);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/**
 * Writes one layer's files under dir with the modes of the plan, so COPY reproduces them, and dated at the source
 * date epoch when given: Docker copies the context's mtimes into its layers, so this keeps them reproducible.
 * Files are hard-linked where that changes no file outside o.ownedDir, else copied.
 */
async function writeLayerContext(layer, dir, epoch, o = {}) {
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const date = epoch === undefined ? undefined : new Date(epoch * 1000);
    const linkFile = o.link ?? promises_.link;
    // Directories first, in plan order (parents before children), so files and links can then go in at once.
    const dirs = layer.entries.filter(e => e.type === 'directory');
    for (const e of dirs)
        (0,external_node_fs_.mkdirSync)(external_node_path_.join(dir, e.path), { recursive: true });
    const fromDisk = [];
    for (const e of layer.entries) {
        if (e.type === 'directory')
            continue;
        if (e.type === 'file' && typeof e.source === 'string') {
            fromDisk.push({ ...e, source: e.source });
            continue;
        }
        writeInPlace(e, external_node_path_.join(dir, e.path), date);
    }
    const copyOne = async (e) => {
        const dest = external_node_path_.join(dir, e.path);
        // Removed first, never written through: an earlier context's file may be a link to a source.
        await (0,promises_.rm)(dest, { force: true });
        if (o.ownedDir && within(o.ownedDir, e.source)) {
            if (!(await tryLink(e.source, dest, linkFile)))
                await (0,promises_.copyFile)(e.source, dest);
        }
        else {
            const st = await (0,promises_.stat)(e.source);
            const asIs = (st.mode & 0o7777) === e.mode && (!date || st.mtimeMs === date.getTime());
            // Nothing to change on the shared inode: the link is the file as the context needs it.
            if (asIs && (await tryLink(e.source, dest, linkFile)))
                return;
            await (0,promises_.copyFile)(e.source, dest);
        }
        await (0,promises_.chmod)(dest, e.mode);
        if (date)
            await (0,promises_.utimes)(dest, date, date);
    };
    for (let i = 0; i < fromDisk.length; i += WRITES_AT_ONCE) {
        await Promise.all(fromDisk.slice(i, i + WRITES_AT_ONCE).map(copyOne));
    }
    // Modes and dates last and deepest first: a read-only directory must not stop its children being written, and
    // writing a child changes its directory's mtime.
    for (const e of dirs.reverse()) {
        const dest = external_node_path_.join(dir, e.path);
        (0,external_node_fs_.chmodSync)(dest, e.mode);
        if (date)
            (0,external_node_fs_.utimesSync)(dest, date, date);
    }
}
function binaryContextDir(platform, multiPlatform) {
    return platformContextDir('binary', platform, multiPlatform);
}
/** The context folder of a per-platform layer (binary, libraries): NAME/OS/ARCH[/VARIANT] with several platforms. */
function platformContextDir(name, platform, multiPlatform) {
    return multiPlatform ? external_node_path_.join(name, ...platform.split('/')) : name;
}
/**
 * An output for the native builder (and the input of builder: docker), so it overlaps the assembly. Every platform
 * shares all layers but the binary (and the libraries): each folder is written once, one at a time, since
 * writeLayerContext keeps only a few writes in flight and the assembly's reads still find a free thread.
 */
function contextStage(o, ports) {
    const multi = o.platforms.length > 1;
    return {
        title: 'Write Dockerfile and build context',
        run: async ({ plans, source }) => {
            const context = external_node_path_.join(ports.tempDir, 'context');
            const dockerfile = external_node_path_.join(context, 'Dockerfile');
            await (0,promises_.rm)(context, { recursive: true, force: true });
            const folders = new Map();
            for (const { platform, plan } of plans) {
                for (const layer of plan.layers) {
                    const dir = layer.name === 'binary' || layer.name === 'libraries'
                        ? platformContextDir(layer.name, (0,lib_platform/* platformString */.Fd)(platform), multi)
                        : layer.name;
                    if (!folders.has(dir))
                        folders.set(dir, layer);
                }
            }
            for (const [dir, layer] of folders) {
                await writeLayerContext(layer, external_node_path_.join(context, dir), source.epoch, {
                    // The binaries are this run's own files: linked, not copied, and dated in place.
                    ownedDir: ports.tempDir
                });
            }
            const text = renderDockerfile(plans[0].plan, multi);
            await (0,promises_.writeFile)(dockerfile, text);
            ports.logger.info(text);
            return { context, dockerfile };
        }
    };
}

;// CONCATENATED MODULE: ./lib/go/setup.js
// Sets Go up for the build, as three stages: which version (the input or the version file), its install into the
// tool cache, and the restore of Go's build and module caches.







/** The environment every go command runs with: this toolchain only, never a downloaded one. */
function goEnv(base, goroot) {
    const env = {};
    for (const [k, v] of Object.entries(base))
        if (v !== undefined)
            env[k] = v;
    env.GOROOT = goroot;
    env.GOTOOLCHAIN = 'local';
    env.PATH = `${goroot}/bin${env.PATH ? `:${env.PATH}` : ''}`;
    return env;
}
/** The go-version spec: the input, else the version file (go.mod by default). */
function goVersionStage(o, logger) {
    return {
        run: async () => {
            // An explicit go-version keeps its meaning (1.22 = newest 1.22.x); only a go.mod/go.work go line is a minimum.
            if (o.version)
                return { spec: o.version, input: 'go-version' };
            const file = external_node_path_.resolve(o.workingDirectory, o.versionFile || 'go.mod');
            const content = await (0,promises_.readFile)(file, 'utf8').catch(() => undefined);
            if (content === undefined && !o.versionFile && o.package.endsWith('.go')) {
                // A single-file main needs no module, and so has no go.mod to read a version from.
                logger.info(`No go.mod beside ${o.package}: using the newest stable Go (set go-version to pin one).`);
                return { spec: 'stable', input: 'go-version' };
            }
            const found = content === undefined ? undefined : versionFromFile(file, content);
            if (!found) {
                throw new ports/* InputError */.d(`go-version-file: ${content === undefined ? 'cannot read' : 'no Go version in'} ${file}. ` +
                    `Set go-version (e.g. 1.22 or stable) or point go-version-file at a go.mod, go.work, .go-version or .tool-versions.`);
            }
            const name = external_node_path_.basename(file);
            return { ...found, input: `go-version-file (${name})`, file: name };
        }
    };
}
/** Installs the version asked for into the tool cache (or finds it there). */
function goStage(o, ports) {
    return {
        title: ({ goVersion: v }) => `Install Go (${v.line === 'go' ? `${v.spec} or newer` : v.spec})`,
        run: async ({ goVersion: v }) => {
            const go = await installGo({
                spec: v.spec,
                specInput: v.input,
                specFile: v.file,
                line: v.line,
                goLine: v.goLine,
                baseUrl: o.downloadBaseUrl,
                checkLatest: o.checkLatest,
                toolCacheDir: ports.toolCacheDir,
                goArch: runnerGoArch(ports.nodeArch),
                cacheArch: ports.nodeArch,
                fetch: ports.fetch,
                toolCache: ports.toolCache,
                logger: ports.logger,
                downloadDir: ports.tempDir
            });
            return {
                version: go.version,
                goroot: go.goroot,
                goBin: external_node_path_.join(go.goroot, 'bin', 'go'),
                env: goEnv(ports.env, go.goroot)
            };
        }
    };
}
/** Restores Go's build and module caches, keyed by the runner, the Go version, the platforms and the modules. */
function goCacheStage(o, ports) {
    const cache = o.cache ? ports.buildCache : undefined;
    return {
        title: cache ? 'Restore Go caches' : undefined,
        run: async ({ go }) => {
            if (!cache)
                return undefined;
            return restoreGoCache(cache, {
                runner: ports.runner,
                goBin: go.goBin,
                env: go.env,
                workdir: o.workingDirectory,
                logger: ports.logger,
                readOnly: !o.cacheSave,
                keys: {
                    os: 'linux',
                    arch: ports.nodeArch,
                    goVersion: go.version,
                    platforms: o.platforms.map(lib_platform/* platformString */.Fd),
                    modulesHash: await modulesHash(o.workingDirectory, o.cacheDependencyPath)
                }
            });
        }
    };
}

;// CONCATENATED MODULE: ./lib/images/main-packages.js


function mainsStage(o, paths, ports) {
    return {
        title: 'Find main packages',
        run: async ({ go }) => {
            const mains = await findMainPackages({
                runner: ports.runner,
                goBin: go.goBin,
                env: go.env,
                cwd: o.workingDirectory,
                packages: o.packages,
                binaryName: o.binaryName
            });
            checkImageNames(o.imageLines, mains, o.compareToLine);
            // Before any package compiles: one named after a path the image needs would ship a broken image.
            if (!o.binaryName)
                for (const m of mains)
                    checkBinaryName(m.name, imageTopLevel(paths), {
                        pkg: m.importPath,
                        several: mains.length > 1
                    });
            for (const m of mains)
                ports.logger.info(`${m.name}: ${m.importPath} (${m.pkg})`);
            return mains;
        }
    };
}

;// CONCATENATED MODULE: ./lib/registry/floating.js
// Writes a run's tags once what they point at is complete: the fixed tags first (the exact version before any other), then the floating ones (1.2, 1, latest), which are only moved forward and are read back until they hold the newest release of their line, so releases that run at once converge.

const DEFAULT_BUDGET_MS = 60_000;
/** The repository's releases as this run spells them (affix): full versions without a pre-release, e.g. 1.2.3 or v1.2.3. */
function releasesIn(tags, affix) {
    const out = [];
    for (const tag of tags) {
        const bare = tag.length - affix.prefix.length - affix.suffix.length;
        if (bare <= 0 || !tag.startsWith(affix.prefix) || !tag.endsWith(affix.suffix))
            continue;
        const version = semver.parse(tag.slice(affix.prefix.length, affix.prefix.length + bare));
        if (version && !version.prerelease.length)
            out.push({ tag, version });
    }
    return out;
}
/** Whether v belongs to the line a floating tag of release follows. */
function inLine(v, release, line) {
    return (line === 'all' || (v.major === release.major && (line === 'major' || v.minor === release.minor)));
}
/**
 * Writes plan's tags for top: the fixed ones in order, then the floating ones (see settleFloating). Returns the
 * tags that point at top when it is done, in the plan's order: a floating tag a newer release holds is not one.
 */
async function writeTags(client, top, plan, o) {
    const floating = new Set(plan.floating?.tags.map(t => t.tag));
    const fixed = plan.tags.filter(t => !floating.has(t));
    for (const tag of fixed) {
        await client.putManifest(tag, top);
        o.tagged?.(tag);
        o.logger.info(`tagged ${repoOf(client)}:${tag}`);
    }
    if (!plan.floating || !floating.size)
        return fixed;
    const held = new Set([...fixed, ...(await settleFloating(client, top, plan.floating, o))]);
    // In the plan's order (the tags output lists them as metadata-action would).
    return plan.tags.filter(t => held.has(t));
}
const repoOf = (c) => `${c.ref.registry}/${c.ref.repository}`;
/**
 * Points each floating tag at the newest release of its line, read from the repository's tags (this run's own
 * exact tag is already there), and reads them again after every pass that moved one, until a pass finds all of
 * them right. A tag only ever moves to the newest release the repository shows, so a run that decided on an
 * older listing and wrote last is corrected by its own next pass: whoever writes last also reads last. Distribution
 * has no compare-and-swap for tags, so for the moment between a listing and a write an older release may hold a
 * tag, until that run's next pass moves it on.
 */
async function settleFloating(client, top, floating, o) {
    const now = o.now ?? Date.now;
    const sleep = o.sleep ?? ((ms) => new Promise(r => setTimeout(r, ms)));
    const random = o.random ?? Math.random;
    const budget = o.budgetMs ?? DEFAULT_BUDGET_MS;
    const ours = new semver.SemVer(`${floating.release.major}.${floating.release.minor}.${floating.release.patch}`);
    const tags = [...new Map(floating.tags.map(t => [t.tag, t])).values()];
    const start = now();
    for (let pass = 1;; pass++) {
        const releases = releasesIn(await client.listTags(), floating.affix).sort((a, b) => semver.rcompare(a.version, b.version));
        const manifests = new Map();
        const read = (tag) => {
            let got = manifests.get(tag);
            if (!got)
                manifests.set(tag, (got = client.getManifest(tag)));
            return got;
        };
        const held = [];
        let moved = 0;
        for (const { tag, line } of tags) {
            const want = await newest(releases, ours, line, read, top);
            const current = await client.getManifest(tag);
            if (current?.digest === want.blob.digest) {
                if (want.blob.digest === top.digest)
                    held.push(tag);
                else if (pass === 1)
                    o.logger.info(`${repoOf(client)}:${tag} stays on ${want.name} (${want.blob.digest}), newer than ${floating.release.raw}`);
                continue;
            }
            await client.putManifest(tag, want.blob);
            moved++;
            if (want.blob.digest === top.digest) {
                o.tagged?.(tag);
                o.logger.info(`tagged ${repoOf(client)}:${tag}`);
            }
            else {
                o.logger.info(`${repoOf(client)}:${tag} moved to ${want.name} (${want.blob.digest}), the newest release of its line` +
                    (current ? `, from ${current.digest}` : ''));
            }
        }
        if (!moved)
            return held;
        const spent = now() - start;
        if (spent >= budget) {
            throw new Error(`tags: the floating tags ${tags.map(t => t.tag).join(', ')} of ${repoOf(client)} were still being moved by ` +
                `other runs after ${pass} passes in ${Math.round(spent / 1000)} s. Each points at a release of its line; ` +
                'run the step again once the other releases have finished, or give release workflows a concurrency: group.');
        }
        // Jittered, so that two runs that both moved a tag do not read and write again in step.
        await sleep(Math.round(100 + 300 * random()));
    }
}
/**
 * The image a floating tag of line should hold: the newest release of the line the repository lists, read from
 * its own tag (so that two runs of one version agree on whichever the exact tag holds), or this run's image when
 * nothing listed is as new as this release.
 */
async function newest(releases, ours, line, read, top) {
    for (const r of releases) {
        if (!inLine(r.version, ours, line))
            continue;
        if (semver.lt(r.version, ours))
            break;
        // Gone between the listing and now: the next one down.
        const blob = await read(r.tag);
        if (blob)
            return { blob, name: r.tag };
    }
    return { blob: top, name: 'this run' };
}

;// CONCATENATED MODULE: ./lib/registry/push.js

/** How many blobs go up at once: enough to hide latency, few enough not to trip registry rate limits. */
const PARALLEL_UPLOADS = 4;
async function pushImages(client, images, top, tags, logger, mountFrom) {
    const result = { uploaded: 0, mounted: 0, skipped: 0 };
    const queue = allBlobs(images);
    // The first failure cancels the uploads in flight: the push has failed, and nothing more should go up.
    const cancel = new AbortController();
    let failure;
    const worker = async () => {
        for (let blob = queue.shift(); blob && !cancel.signal.aborted; blob = queue.shift()) {
            let how;
            try {
                how = await client.uploadBlob(blob, mountFrom, cancel.signal);
            }
            catch (error) {
                if (!failure) {
                    failure = { error, digest: blob.digest };
                    queue.length = 0;
                    cancel.abort(new Error(`cancelled: the upload of ${blob.digest} failed`));
                }
                return;
            }
            result[how === 'exists' ? 'skipped' : how]++;
            logger.info(`${how.padEnd(8)} ${blob.digest} (${blob.size} bytes)`);
        }
    };
    // Every worker has stopped when this returns, so no request of this push is still in flight.
    await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, worker));
    if (failure)
        throw failure.error;
    // Only now, with every blob in place, the manifests: a tag never points at something incomplete.
    if (images.length > 1)
        for (const i of images)
            await client.putManifest(i.manifest.digest, i.manifest);
    // Untagged, the image is pushed by digest; tagged, each tag PUT stores it and a digest PUT would repeat it.
    if (!tags.length)
        await client.putManifest(top.digest, top);
    for (const tag of tags) {
        await client.putManifest(tag, top);
        logger.info(`tagged ${client.ref.registry}/${client.ref.repository}:${tag}`);
    }
    return result;
}

;// CONCATENATED MODULE: ./lib/registry/fanout.js


const fanout_repoOf = (c) => `${c.ref.registry}/${c.ref.repository}`;
/** One push to every target, each failure named with what the registries before it already hold. */
class FanOutError extends Error {
    constructor(message) {
        super(message);
        this.name = 'FanOutError';
    }
}
function counts(r) {
    return `blobs: ${r.uploaded} uploaded, ${r.mounted} mounted, ${r.skipped} already present`;
}
/**
 * Pushes images untagged (blobs, manifests, index, each by digest) to every target in turn: the tags come later
 * (tagEverywhere), once the referrers the run requires are attached. A registry that refuses the image fails the
 * push, naming what the registries before it hold.
 */
async function pushEverywhere(targets, images, top, logger) {
    const results = [];
    for (const t of targets) {
        if (targets.length > 1)
            logger.info(`${fanout_repoOf(t.client)}:`);
        try {
            results.push(await pushImages(t.client, images, top, [], logger, t.mountFrom));
        }
        catch (e) {
            if (targets.length === 1)
                throw e;
            const before = targets.slice(0, results.length).map(x => `${fanout_repoOf(x.client)}@${top.digest}`);
            throw new FanOutError(`push to ${fanout_repoOf(t.client)} failed: ${e.message} ` +
                (before.length
                    ? `Already pushed, untagged: ${before.join(', ')}. Nothing was tagged in any registry.`
                    : 'Nothing was pushed to any registry before it, and nothing was tagged.'));
        }
        logger.info(`${top.digest} pushed untagged; ${counts(results[results.length - 1])}`);
    }
    return results;
}
/**
 * Writes every job's tags, one job after another (writeTags: fixed tags, then the floating ones). Returns each
 * job's tags that point at its image. A failure half-way lists what is tagged and what is not: the tags written
 * before it stay, since a registry may not allow deleting them.
 */
async function tagEverywhere(jobs, logger, o = {}) {
    const tagged = [];
    const out = [];
    for (const job of jobs) {
        const repo = fanout_repoOf(job.client);
        try {
            out.push(await writeTags(job.client, job.top, job.plan, {
                ...o,
                logger,
                tagged: tag => tagged.push(`${repo}:${tag}`)
            }));
        }
        catch (e) {
            const images = [...new Set(jobs.map(j => `${fanout_repoOf(j.client)}@${j.top.digest}`))];
            const rest = jobs
                .flatMap(j => j.plan.tags.map(t => `${fanout_repoOf(j.client)}:${t}`))
                .filter(t => !tagged.includes(t));
            throw new FanOutError(`tagging ${repo} failed: ${e.message} Everything but the tags is in place ` +
                `(${images.join(', ')}); tagged: ${tagged.length ? tagged.join(', ') : 'nothing'}; not tagged: ` +
                `${rest.join(', ')}.`);
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/merge/legs.js
// The merge's pure core: checks the matrix legs read from the registry and makes their index and size report.




const isIndex = (doc, mediaType) => !!doc.manifests || mediaType === MEDIA.index || mediaType === DOCKER_MEDIA.index;
/** The platform an image config names; the manifest's platform in an index must agree with it. */
function configPlatform(config, digest) {
    if (!config.os || !config.architecture) {
        throw new ports/* InputError */.d(`merge-digests: the config of ${digest} names no os and architecture, so it cannot go into an index.`);
    }
    return {
        os: config.os,
        architecture: config.architecture,
        ...(config.variant ? { variant: config.variant } : {})
    };
}
/** Refuses two legs of one platform, and legs of mixed media types (an index is OCI or Docker, not both). */
function checkLegs(legs) {
    const seen = new Map();
    for (const leg of legs) {
        const key = (0,lib_platform/* platformKey */.Ng)(leg.platform);
        const other = seen.get(key);
        if (other) {
            throw new ports/* InputError */.d(`merge-digests: ${(0,lib_platform/* platformString */.Fd)(leg.platform)} appears twice (${other.from} and ${leg.from}). ` +
                `Each leg of the matrix must build a different platform; remove one of the two digests.`);
        }
        seen.set(key, leg);
    }
    const types = new Set(legs.map(l => l.manifest.mediaType));
    if (types.size > 1) {
        throw new ports/* InputError */.d(`merge-digests: the legs' manifests are of different media types (${[...types].join(', ')}). ` +
            `Build every leg with the same media-types.`);
    }
}
/**
 * The index of the legs, in the order given, with the first leg's annotations (the OCI labels every leg of one
 * run shares) or, for legs without any, fallback.
 */
function mergedIndex(legs, fallback) {
    const annotations = legs[0]?.doc.annotations ?? fallback;
    return buildIndex(legs.map(l => ({ manifest: l.manifest, platform: l.platform, annotations })));
}
/**
 * A leg's sizes from its manifest (compressed, exact) and its config (the layer roles). The uncompressed and
 * binary sizes are not in either: they come from the leg's own report when it matches the manifest's layers,
 * else they are 0.
 */
function legSize(leg, reports = []) {
    const layers = leg.doc.layers ?? [];
    const configSize = leg.doc.config?.size ?? 0;
    const name = (0,lib_platform/* platformString */.Fd)(leg.platform);
    const report = reports.find(r => r.layers.length === layers.length && r.layers.every((l, i) => l.digest === layers[i].digest));
    const names = layerNames(leg.config, layers.length, []);
    const sized = layers.map((l, i) => ({
        name: report?.layers[i]?.name ?? names[i],
        digest: l.digest,
        size: l.size,
        uncompressedSize: report?.layers[i]?.uncompressedSize ?? 0
    }));
    return {
        platform: name,
        size: configSize + sized.reduce((n, l) => n + l.size, 0),
        uncompressedSize: sized.reduce((n, l) => n + l.uncompressedSize, 0),
        configSize,
        binarySize: report?.binarySize ?? 0,
        layers: sized
    };
}

;// CONCATENATED MODULE: ./lib/merge/index-push.js
// The merge step of a matrix (merge-digests): a small stage graph that reads the legs' manifests from image's
// repository, checks them, gates their sizes, pushes one index by digest and then tags it; it builds nothing.









const parse = (data) => JSON.parse(data.toString());
/** The platform images one reported digest stands for: itself, or an index's manifests. */
async function readLeg(client, digest, repo) {
    const top = await client.getManifest(digest);
    if (!top) {
        throw new ports/* InputError */.d(`merge-digests: ${digest} is not in ${repo}. Merge in the repository the legs pushed to: set image to the ` +
            `legs' image, and check that every leg succeeded with push-by-digest: true.`);
    }
    const doc = parse(top.data);
    const images = [];
    if (isIndex(doc, top.mediaType)) {
        for (const d of doc.manifests ?? []) {
            // An index may list attestations (unknown/unknown); only images with a platform are merged.
            if (!d.platform?.os || d.platform.os === 'unknown')
                continue;
            const child = await client.getManifest(d.digest);
            if (!child)
                throw new ports/* InputError */.d(`merge-digests: ${digest} lists ${d.digest}, which ${repo} lacks.`);
            images.push({ manifest: child, doc: parse(child.data) });
        }
    }
    else
        images.push({ manifest: top, doc });
    const legs = [];
    for (const { manifest, doc: m } of images) {
        if (!m.config)
            throw new ports/* InputError */.d(`merge-digests: ${manifest.digest} in ${repo} is not an image manifest.`);
        const config = parse(await client.getBlob(m.config.digest));
        legs.push({
            from: digest,
            manifest,
            doc: m,
            config,
            platform: configPlatform(config, manifest.digest)
        });
    }
    return legs;
}
/**
 * The merge graph's stage bodies (the graph itself is the MERGE table in src/pipeline/stages.ts): it reads the
 * legs' manifests from image's repository, checks them, gates their sizes, pushes one index by digest and tags it.
 */
function mergeBodies(o, ports, plan) {
    const { logger } = ports;
    const image = o.publish.image;
    const repo = `${image.registry}/${image.repository}`;
    const sizesOf = async (legs) => {
        const reports = await readLegReports(o.publish.mergeDigestsDir);
        return legs.map(l => legSize(l, reports));
    };
    const login = {
        title: `Log in to ${image.registry}`,
        run: async () => {
            const client = await openRegistry(o.registry, ports, image, o.registry.credentials, {});
            await client.login();
            return client;
        }
    };
    const legs = {
        title: `Read ${o.publish.mergeDigests.length} leg(s) from ${repo}`,
        run: async ({ login }) => {
            // Read at once, but a failure is reported for the first digest in the input's order, not for whichever
            // answer came first: the same inputs give the same message.
            const read = await Promise.allSettled(o.publish.mergeDigests.map(d => readLeg(login, d, repo)));
            const failed = read.find(r => r.status === 'rejected');
            if (failed)
                throw failed.reason;
            const legs = read.flatMap(r => (r.status === 'fulfilled' ? r.value : []));
            checkLegs(legs);
            for (const l of legs)
                logger.info(`${(0,lib_platform/* platformString */.Fd)(l.platform).padEnd(16)} ${l.manifest.digest} (from ${l.from})`);
            return legs;
        }
    };
    const comparisons = {
        title: 'Compare with the baseline',
        run: async ({ legs }) => compareWithBaseline({
            compareTo: o.report.compareTo,
            image: o.publish.image,
            platforms: legs.map(l => l.platform),
            registry: o.registry
        }, ports, await sizesOf(legs))
    };
    const gate = {
        title: 'Image size',
        run: async ({ legs, comparisons = [] }) => {
            const sizes = await sizesOf(legs);
            for (const s of sizes)
                logger.info(sizeTable(s));
            for (const c of comparisons)
                logger.info(comparisonTable(c));
            return {
                sizes,
                failures: gateFailures(sizes, comparisons, o.report.maxSize, o.report.maxSizeIncrease)
            };
        }
    };
    const index = {
        run: async ({ legs }) => {
            const created = legs[0]?.config.created ?? new Date(0).toISOString();
            const labels = { ...ociLabels(o.github, created), ...o.labels };
            const oci = Object.fromEntries(Object.entries(labels).filter(([k]) => k.startsWith('org.opencontainers.image.')));
            return mergedIndex(legs, oci);
        }
    };
    // As a build's push: the index by digest, nothing over its budget.
    const push = {
        title: ({ gate }) => (gate.failures.length ? undefined : `Push the index to ${repo}`),
        run: async ({ login, gate, index }) => {
            if (gate.failures.length) {
                logger.info('Not pushed: a platform is over its size budget.');
                return false;
            }
            await login.putManifest(index.digest, index);
            logger.info(`index ${index.digest} (${index.size} bytes), pushed untagged`);
            return true;
        }
    };
    // Once the index is stored, in a stage of its own as in a build: the exact version, then the floating tags.
    const tag = {
        title: ({ push }) => (push && plan.tags.length ? `Tag ${repo}` : undefined),
        run: async ({ login, push, index }) => push
            ? (await tagEverywhere([{ client: login, top: index, plan }], logger, {
                sleep: ports.sleep
            }))[0]
            : []
    };
    return { login, legs, comparisons, gate, index, push, tag };
}

;// CONCATENATED MODULE: ./lib/oci/zoneinfo-choice.js
// Remembers what the zoneinfo tree and Go's zoneinfo.zip compress to, keyed by their bytes, so a warm run chooses between them without building and compressing both layers again.






/**
 * How much another epoch may move a layer's compressed size, per tar entry: the date is 12 octal digits of each
 * header, which deflate or zstd code in a few bytes more or less. Sizes further apart than this per entry of both
 * layers choose alike at any epoch, so a new commit (a new epoch) reuses them; closer ones are measured again.
 */
const EPOCH_SLACK_PER_ENTRY = 64;
/** Entries kept; each is some 100 bytes, one per zoneinfo and Go in use (and per epoch for a near tie). */
const KEEP = 64;
/**
 * A tar of a few entries shaped like the layers' (every directory, the longest file and link paths): its digest is
 * in the key, so a change to how tars are written (headers, long names) is a new key, not a stale size.
 */
async function tarProbe(layers) {
    const longest = (type) => layers
        .flatMap(l => l.entries.filter(e => e.type === type))
        .sort((a, b) => b.path.length - a.path.length)
        .slice(0, 1);
    const probe = [
        ...layers.flatMap(l => l.entries.filter(e => e.type === 'directory')),
        ...longest('file').map(e => ({ ...e, source: Buffer.from('TZif'), size: 4 })),
        ...longest('symlink')
    ];
    return (0,external_node_crypto_.createHash)('sha256')
        .update(await layerTar(probe, 0))
        .digest('hex');
}
/**
 * The cache key: both layers' entries and bytes, the tar probe and the compression; not the epoch, which only
 * moves the sizes by the slack above (a near tie's key adds it: see tieKey).
 */
async function choiceKey(tree, zip, c) {
    const probe = await tarProbe([tree, zip]);
    return contentDigest([tree, zip], ['zoneinfo-choice/2', c.compression, probe]);
}
/** A near tie's key: the content's key and the epoch, without hashing the zoneinfo tree a second time. */
const tieKey = (key, epoch) => (0,external_node_crypto_.createHash)('sha256').update(`${key} epoch ${epoch}`).digest('hex');
function read(file) {
    try {
        const v = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
        return Number.isSafeInteger(v.tree) &&
            Number.isSafeInteger(v.zip) &&
            Number.isSafeInteger(v.epoch)
            ? { tree: v.tree, zip: v.zip, epoch: v.epoch }
            : undefined;
    }
    catch {
        return undefined;
    }
}
/** Written aside and renamed, so a concurrent run never reads half an entry; the oldest beyond KEEP go. */
function write(dir, file, sizes) {
    try {
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`;
        (0,external_node_fs_.writeFileSync)(tmp, JSON.stringify(sizes));
        (0,external_node_fs_.renameSync)(tmp, file);
        const entries = (0,external_node_fs_.readdirSync)(dir)
            .filter(n => n.endsWith('.json'))
            .map(n => ({ n, t: (0,external_node_fs_.statSync)(external_node_path_.join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
            .sort((a, b) => b.t - a.t || (a.n < b.n ? -1 : 1));
        for (const { n } of entries.slice(KEEP))
            (0,external_node_fs_.rmSync)(external_node_path_.join(dir, n), { force: true });
    }
    catch {
        // Only a cache: the next run measures again.
    }
}
/**
 * The compressed sizes of the tree and the zip layer: remembered ones when both layers' bytes (and the tar format
 * and the compression) are those they were measured for and either the epoch is the same or the two are too far
 * apart for another epoch to change which is smaller; else measured with size and remembered (a near tie under
 * its epoch, so the choice is always the one this epoch's measurement makes). Keyed by content, not by dates or
 * inodes: the bytes are in memory already (the tree) or small (the zip).
 */
async function zoneinfoSizes(tree, zip, epoch, size, cache) {
    const measure = async () => {
        const [t, z] = await Promise.all([size(tree), size(zip)]);
        return { tree: t, zip: z };
    };
    if (!cache)
        return measure();
    const slack = EPOCH_SLACK_PER_ENTRY * (tree.entries.length + zip.entries.length);
    const apart = (s) => Math.abs(s.tree - s.zip) > 2 * slack;
    const key = await choiceKey(tree, zip, cache);
    const file = external_node_path_.join(cache.dir, `${key}.json`);
    const known = read(file);
    if (known && (known.epoch === epoch || apart(known)))
        return { tree: known.tree, zip: known.zip };
    const tie = external_node_path_.join(cache.dir, `${tieKey(key, epoch)}.json`);
    const near = read(tie);
    if (near?.epoch === epoch)
        return { tree: near.tree, zip: near.zip };
    const sizes = await measure();
    write(cache.dir, apart(sizes) ? file : tie, { ...sizes, epoch });
    return sizes;
}
/**
 * How zoneinfo() (src/rootfs/stage.ts) compares the tree with the zip: each layer's compressed size as this run
 * would push it (gzip's, compressedLayerSize, unless size says otherwise: the pipeline passes its compressor's,
 * which keeps the bytes for the image too), remembered in cache when one is given.
 */
function zoneinfoMeasure(size, cache) {
    return (tree, zip, epoch) => zoneinfoSizes(tree, zip, epoch, l => (size ?? compressedLayerSize)(l, epoch), cache);
}

;// CONCATENATED MODULE: ./lib/oci/assemble.js
// Assembles the OCI images of every platform from their file plans (and the -debug images beside them), checks
// them as a runtime would unpack them, and gives the run's layer compressor to the stages that start it early.









/**
 * One per run: every platform's (and image's) identical layers are compressed once, and the tool cache keeps them
 * for the next run.
 */
function layerCompressor(o, toolCacheDir, logger) {
    return new LayerCompressor({
        compression: o.compression,
        cacheDir: layerCacheDir(toolCacheDir),
        debug: m => logger.debug(m)
    });
}
/**
 * What the stages before the assembly ask of the run's compressor: its threads start when the compile does, a
 * binary's layer goes to one as soon as it is linked (the native builder's; a failure is not kept: the assembly
 * compresses again and reports it), and zoneinfo's tree and zip are measured as this run compresses them (a cold
 * run measures both once and the image reuses the chosen layer's bytes; a warm run finds the sizes remembered).
 */
function compressorHooks(compressor, o, toolCacheDir) {
    return {
        binaries: {
            warm: count => compressor.warm(count),
            built: (b, epoch) => {
                if (o.builder === 'docker')
                    return;
                compressLayer(binaryLayer(b.path, b.name, b.size), epoch, compressor).catch(() => undefined);
            }
        },
        zoneinfo: zoneinfoMeasure(async (layer, epoch) => (await compressLayer(layer, epoch, compressor)).data.length, {
            dir: external_node_path_.join(toolCacheDir, 'go-scratch-image-zoneinfo'),
            compression: compressor.key('zoneinfo-choice')
        })
    };
}
/** The native builder's images; checked before anything downstream (layout, load, push) can ship them. */
function assembledStage(o, compressor, logger) {
    return {
        title: 'Assemble OCI image',
        run: async ({ plans, source }) => {
            const images = await Promise.all(plans.map(({ platform, plan }) => buildImage(plan, platform, source.epoch, { compressor })));
            const n = compressor.stats;
            logger.info(`layers: ${compressionName(o.compression)}; ${n.compressed} compressed, ${n.memo} reused within the run, ${n.disk} from the layer cache`);
            for (const line of await checkImages(images.map(imageToCheck)))
                logger.info(line);
            return images;
        }
    };
}
/** The images either builder made; Docker's media types change only the manifests (blobs and sizes stay). */
function imagesStage(o) {
    return {
        run: async ({ assembled, dockerBuilt }) => {
            const built = (assembled ?? dockerBuilt);
            const images = o.mediaTypes === 'docker' ? built.map(i => withManifest(i, 'docker')) : built;
            return { images, top: topLevel(images) };
        }
    };
}
/**
 * The -debug images: every layer of the lean ones plus busybox, so their push uploads only busybox. sizes renders
 * an image's size table for the log (src/report/size.ts).
 */
function debugImagesStage(o, compressor, logger, sizes) {
    return {
        title: 'Assemble the -debug images (busybox)',
        run: async ({ plans, source, busybox: chosen }) => {
            const built = await Promise.all(plans.map(async ({ platform, plan }) => {
                const busybox = chosen.get((0,lib_platform/* platformString */.Fd)(platform));
                const applets = busybox.applets;
                const debugPlan = {
                    layers: orderLayers([...plan.layers, debugLayer(busybox, applets)]),
                    image: debugSettings(plan.image)
                };
                logger.info(`${(0,lib_platform/* platformString */.Fd)(platform)}: busybox from ${busybox.path} at /busybox with ${applets.length} applets`);
                return buildImage(debugPlan, platform, source.epoch, { compressor });
            }));
            const images = o.mediaTypes === 'docker' ? built.map(i => withManifest(i, 'docker')) : built;
            for (const i of images)
                logger.info(`With busybox (the -debug tags):\n${sizes(i)}`);
            return { images, top: topLevel(images) };
        }
    };
}

;// CONCATENATED MODULE: ./lib/oci/artifact.js
// OCI 1.1 artifacts attached to an image (SBOM, provenance, size report): the artifact manifest, the referrers tag and the referrers index, as pure functions shared by the registry and the layout writers.

const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
/** The empty JSON object `{}` the image spec names as the config of artifacts that have none. */
const EMPTY_CONFIG = toBlob(EMPTY_MEDIA_TYPE, Buffer.from('{}'));
/** The empty config's descriptor, with its bytes inline ("e30=" is `{}`), as the image spec's guidance writes it. */
const EMPTY_DESCRIPTOR = {
    mediaType: EMPTY_MEDIA_TYPE,
    digest: EMPTY_CONFIG.digest,
    size: EMPTY_CONFIG.size,
    data: EMPTY_CONFIG.data.toString('base64')
};
const CREATED = 'org.opencontainers.image.created';
/** Keys sorted: the same annotations give the same bytes whichever order the producer wrote them in. */
function artifact_sorted(o) {
    return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
/** The artifact manifest of one artifact and its layer, subject = the image manifest it describes. */
function artifactManifest(subject, artifact, options = {}) {
    if (!artifact.artifactType)
        throw new Error('An artifact needs an artifactType.');
    const layer = toBlob(artifact.mediaType, Buffer.from(artifact.data));
    const annotations = artifact_sorted({
        ...(options.created ? { [CREATED]: options.created } : {}),
        ...artifact.annotations
    });
    const manifest = jsonBlob(MEDIA.manifest, {
        schemaVersion: 2,
        mediaType: MEDIA.manifest,
        artifactType: artifact.artifactType,
        config: EMPTY_DESCRIPTOR,
        layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.size }],
        // Only what identifies the subject: a platform or annotations would make the digest depend on the caller.
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
        ...(Object.keys(annotations).length ? { annotations } : {})
    });
    return { manifest, layer };
}
/** The descriptor a referrers list holds for an artifact manifest: with its artifactType and annotations. */
function referrerDescriptor(manifest, artifact, options = {}) {
    const annotations = artifact_sorted({
        ...(options.created ? { [CREATED]: options.created } : {}),
        ...artifact.annotations
    });
    return {
        mediaType: manifest.mediaType,
        digest: manifest.digest,
        size: manifest.size,
        artifactType: artifact.artifactType,
        ...(Object.keys(annotations).length ? { annotations } : {})
    };
}
/**
 * The referrers tag schema's tag for a digest (distribution-spec 1.1): `<alg>-<ref>`, the algorithm cut to 32
 * characters and the encoded part to 64, anything outside the tag alphabet replaced by `-`.
 */
function referrersTag(digest) {
    const [alg = '', ref = ''] = digest.split(':');
    const clean = (s) => s.replace(/[^a-zA-Z0-9._-]/g, '-');
    return `${clean(alg).slice(0, 32)}-${clean(ref).slice(0, 64)}`;
}
/**
 * The referrers list after adding some: every entry already there stays where it was (another tool's included),
 * and an artifact listed already is not listed twice. Returns undefined when nothing changes.
 */
function mergeReferrers(existing, added) {
    const seen = new Set(existing.map(d => d.digest));
    const fresh = [];
    for (const d of added) {
        if (seen.has(d.digest))
            continue;
        seen.add(d.digest);
        fresh.push(d);
    }
    return fresh.length ? [...existing, ...fresh] : undefined;
}
/**
 * The image index of a referrers list. An index read back keeps its own fields (annotations a tool put there)
 * and only its manifests change.
 */
function referrersIndex(manifests, base = {}) {
    return jsonBlob(MEDIA.index, {
        schemaVersion: 2,
        mediaType: MEDIA.index,
        ...base,
        manifests
    });
}
/** An image index's fields and its manifests, or an Error saying why the bytes are not an OCI image index. */
function parseIndex(data, mediaType) {
    let value;
    try {
        value = JSON.parse(Buffer.from(data).toString('utf8'));
    }
    catch (e) {
        return new Error(`it is not JSON (${e.message})`);
    }
    const o = value;
    const type = (o && typeof o === 'object' && o.mediaType) || mediaType;
    if (!o || typeof o !== 'object' || type !== MEDIA.index || !Array.isArray(o.manifests)) {
        return new Error(`it is a ${type || 'document of no media type'}, not an OCI image index`);
    }
    const manifests = o.manifests.filter(isDescriptor);
    if (manifests.length !== o.manifests.length)
        return new Error('some of its manifests are not descriptors (mediaType, digest, size)');
    const fields = Object.fromEntries(Object.entries(o).filter(([k]) => !['manifests', 'schemaVersion', 'mediaType'].includes(k)));
    return { fields, manifests };
}
function isDescriptor(d) {
    const o = d;
    return (!!o &&
        typeof o.mediaType === 'string' &&
        typeof o.digest === 'string' &&
        typeof o.size === 'number');
}
/** The one layer of an artifact manifest, or an Error saying what the manifest is instead. */
function artifactLayer(data, digest) {
    let m;
    try {
        m = JSON.parse(Buffer.from(data).toString('utf8'));
    }
    catch {
        return new Error(`${digest} is not a JSON manifest`);
    }
    // An image manifest has layers; the withdrawn OCI artifact manifest of 1.1's release candidates had blobs.
    const layers = (m.layers ?? m.blobs ?? []).filter(isDescriptor);
    if (layers.length !== 1) {
        return new Error(`${digest} has ${layers.length} layers; an attached artifact has exactly one`);
    }
    return layers[0];
}
/** The subject digest an artifact manifest names, if it names one. */
function subjectOf(data) {
    try {
        const m = JSON.parse(Buffer.from(data).toString('utf8'));
        return typeof m.subject?.digest === 'string' ? m.subject.digest : undefined;
    }
    catch {
        return undefined;
    }
}
/** The artifactType a referrers list gives a manifest: its own, else its config's media type (image-spec 1.1). */
function artifactTypeOf(data) {
    try {
        const m = JSON.parse(Buffer.from(data).toString('utf8'));
        if (typeof m.artifactType === 'string')
            return m.artifactType;
        return typeof m.config?.mediaType === 'string' ? m.config.mediaType : undefined;
    }
    catch {
        return undefined;
    }
}
/** Checks bytes against a digest, for blobs read back from a layout (a registry's are checked by the client). */
function digestMatches(data, digest) {
    return sha256(data) === digest;
}

;// CONCATENATED MODULE: ./lib/oci/layout.js
// Writes images as an OCI image layout directory (oci-layout, index.json, blobs/sha256/...): the layout stage, and
// the layout's referrer store for the attach stage.




/**
 * The reference other tools read the layout by. index.json holds one entry per tag, and skopeo refuses a bare
 * `oci:DIR` when there is more than one ("more than one image in oci, choose an image"), so it names the first
 * tag; an untagged layout has a single entry, which `oci:DIR` selects.
 */
function layoutReference(dir, tags) {
    return tags.length ? `oci:${dir}:${tags[0]}` : `oci:${dir}`;
}
/** Writes the layout with one index.json entry per tag, and returns its reference (see layoutReference). */
async function writeOciLayout(dir, images, top, tags) {
    const blobDir = external_node_path_.join(dir, 'blobs', 'sha256');
    await (0,promises_.mkdir)(blobDir, { recursive: true });
    const blobs = [...allBlobs(images), ...images.map(i => i.manifest)];
    if (!blobs.some(b => b.digest === top.digest))
        blobs.push(top);
    for (const b of blobs)
        await (0,promises_.writeFile)(external_node_path_.join(blobDir, b.digest.slice('sha256:'.length)), b.data);
    await (0,promises_.writeFile)(external_node_path_.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    const refs = tags.length ? tags : [undefined];
    const index = {
        schemaVersion: 2,
        mediaType: MEDIA.index,
        manifests: refs.map(tag => descriptor(top, tag ? { annotations: { 'org.opencontainers.image.ref.name': tag } } : {}))
    };
    await (0,promises_.writeFile)(external_node_path_.join(dir, 'index.json'), JSON.stringify(index, null, 2));
    return layoutReference(dir, tags);
}
const REF_NAME = 'org.opencontainers.image.ref.name';
/**
 * Referrers in an OCI image layout, as oras keeps them in one (oras-go's oci.Store): each artifact manifest is a
 * blob and an entry of index.json without a ref name, so tools that read a layout by tag (skopeo oci:DIR:TAG)
 * still find only the image, and tools that walk the layout (oras discover --oci-layout) find the artifacts
 * through their subject. Never an entry of the image's own index, so never a platform of it.
 */
function layoutReferrers(dir, options = {}) {
    const blobPath = (digest) => external_node_path_.join(dir, 'blobs', ...digest.split(':'));
    const readBlob = async (digest) => {
        const data = await (0,promises_.readFile)(blobPath(digest));
        if (!digestMatches(data, digest))
            throw new Error(`${dir}: the blob ${digest} does not match its digest.`);
        return data;
    };
    const writeBlob = async (b) => {
        await (0,promises_.mkdir)(external_node_path_.dirname(blobPath(b.digest)), { recursive: true });
        await (0,promises_.writeFile)(blobPath(b.digest), b.data);
    };
    const indexFile = external_node_path_.join(dir, 'index.json');
    const readIndex = async () => {
        const data = await (0,promises_.readFile)(indexFile);
        const parsed = parseIndex(data, MEDIA.index);
        if (parsed instanceof Error)
            throw new Error(`${indexFile}: ${parsed.message}.`);
        return parsed;
    };
    // One writer of index.json at a time: two subjects attached at once must not lose each other's entries.
    let queue = Promise.resolve();
    const serial = (fn) => {
        const done = queue.catch(() => undefined).then(fn);
        queue = done;
        return done;
    };
    return {
        attach: (subject, artifacts) => serial(async () => {
            const attached = [];
            const listed = [];
            if (!artifacts.length)
                return attached;
            await writeBlob(EMPTY_CONFIG);
            for (const artifact of artifacts) {
                const { manifest, layer } = artifactManifest(subject, artifact, options);
                await writeBlob(layer);
                await writeBlob(manifest);
                listed.push(referrerDescriptor(manifest, artifact, options));
                attached.push({
                    subject: subject.digest,
                    digest: manifest.digest,
                    artifactType: artifact.artifactType,
                    size: manifest.size
                });
            }
            const { fields, manifests } = await readIndex();
            const merged = mergeReferrers(manifests, listed);
            if (merged) {
                const index = { schemaVersion: 2, mediaType: MEDIA.index, ...fields, manifests: merged };
                // Written aside and renamed: a reader never sees half an index.json.
                await (0,promises_.writeFile)(`${indexFile}.tmp`, JSON.stringify(index, null, 2));
                await (0,promises_.rename)(`${indexFile}.tmp`, indexFile);
            }
            return attached;
        }),
        async list(subjectDigest, artifactType) {
            const { manifests } = await readIndex();
            const found = new Map();
            const consider = async (d) => {
                if (found.has(d.digest) || d.mediaType !== MEDIA.manifest)
                    return;
                const data = await readBlob(d.digest).catch(() => undefined);
                if (!data || subjectOf(data) !== subjectDigest)
                    return;
                const type = d.artifactType ?? artifactTypeOf(data);
                if (artifactType && type !== artifactType)
                    return;
                const annotations = Object.fromEntries(Object.entries(d.annotations ?? {}).filter(([k]) => k !== REF_NAME));
                found.set(d.digest, {
                    mediaType: d.mediaType,
                    digest: d.digest,
                    size: d.size,
                    ...(type ? { artifactType: type } : {}),
                    ...(Object.keys(annotations).length ? { annotations } : {})
                });
            };
            for (const d of manifests)
                await consider(d);
            // Another tool may have kept the referrers tag schema inside the layout: its index lists them too.
            const tagged = manifests.find(d => d.annotations?.[REF_NAME] === referrersTag(subjectDigest) && d.mediaType === MEDIA.index);
            const list = tagged && (await readBlob(tagged.digest).catch(() => undefined));
            const parsed = list && parseIndex(list, MEDIA.index);
            if (parsed && !(parsed instanceof Error))
                for (const d of parsed.manifests)
                    await consider(d);
            return [...found.values()];
        },
        async fetch(artifactDigest) {
            const layer = artifactLayer(await readBlob(artifactDigest), artifactDigest);
            if (layer instanceof Error)
                throw new Error(`${dir}: ${layer.message}.`);
            return readBlob(layer.digest);
        }
    };
}
/**
 * oci-layout: the image written as files, tagged as it would be pushed; output the name tools read it by
 * (oci:DIR:TAG). The stage is left out without oci-layout.
 */
function layoutStage(dir, tags, logger) {
    return {
        title: 'Write OCI layout',
        run: async ({ images }) => {
            await (0,promises_.mkdir)(dir, { recursive: true });
            const ref = await writeOciLayout(dir, images.images, images.top, tags);
            logger.info(`OCI layout written to ${dir}${tags.length ? ` (tags ${tags.join(', ')})` : ''}; inspect it with: skopeo inspect ${ref}`);
            return ref;
        }
    };
}

;// CONCATENATED MODULE: ./lib/rootfs/zoneinfo.js
// Stages the runner's zoneinfo without duplicates: TZif files once, links as links, no posix/ or right/ copies.




// posix/ duplicates the main tree and right/ holds leap-second variants Go never reads.
const SKIP_DIRS = new Set(['posix', 'right']);
const zoneinfo_byName = (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
/**
 * Synchronous on purpose: the tree is some 900 small files, and each promise-based call costs more CPU in its
 * hand-offs to the thread pool than the system call itself (a whole-tree scan took about a third of the CPU).
 * The directory entries' types spare an lstat per name, and one read per file gives both its size and magic.
 */
async function scanZoneinfo(root) {
    const nodes = [];
    const walk = (dir) => {
        for (const d of (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true }).sort(zoneinfo_byName)) {
            const abs = external_node_path_.join(dir, d.name);
            const rel = external_node_path_.relative(root, abs).split(external_node_path_.sep).join('/');
            if (d.isDirectory()) {
                if (!(dir === root && SKIP_DIRS.has(d.name)))
                    walk(abs);
            }
            else if (d.isSymbolicLink()) {
                nodes.push({ rel, kind: 'symlink', target: (0,external_node_fs_.readlinkSync)(abs) });
            }
            else if (d.isFile()) {
                const data = (0,external_node_fs_.readFileSync)(abs);
                const tzif = data.subarray(0, 4).toString('latin1') === 'TZif';
                nodes.push({ rel, kind: 'file', tzif, size: data.length, ...(tzif ? { data } : {}) });
            }
        }
    };
    walk(root);
    return nodes;
}
/** Where a link inside the tree points, as a path relative to the root; undefined when it leaves the tree. */
function linkTarget(node, root) {
    const t = node.target ?? '';
    const resolved = t.startsWith('/')
        ? external_node_path_.posix.relative(root, t)
        : external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(node.rel), t));
    return resolved.startsWith('..') || resolved === '' || external_node_path_.posix.isAbsolute(resolved)
        ? undefined
        : resolved;
}
/**
 * Chooses the nodes to stage: every TZif file and every link that ends at one (`true`), or exactly the named
 * zones and the targets their links need (a list). Links are rewritten relative, so they work in the image.
 */
function selectZoneinfo(nodes, root, zones) {
    const byRel = new Map(nodes.map(n => [n.rel, n]));
    // Follows a chain of links to the TZif file it ends at, if any.
    const chain = (rel) => {
        const seen = [];
        let cur = byRel.get(rel);
        while (cur && cur.kind === 'symlink' && seen.length < 16) {
            seen.push(cur);
            const next = linkTarget(cur, root);
            cur = next === undefined ? undefined : byRel.get(next);
        }
        return cur && cur.kind === 'file' && cur.tzif ? [...seen, cur] : undefined;
    };
    const wanted = zones === true
        ? nodes.map(n => n.rel)
        : zones.map(z => {
            if (!chain(z)) {
                throw new ports/* InputError */.d(`zoneinfo: '${z}' is not a time zone in ${root}. Use IANA names such as Europe/Berlin or America/New_York.`);
            }
            return z;
        });
    const keep = new Map();
    for (const rel of wanted) {
        for (const n of chain(rel) ?? []) {
            keep.set(n.rel, n.kind === 'symlink' ? { ...n, target: relativeTarget(n, root) } : n);
        }
    }
    return [...keep.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}
function relativeTarget(node, root) {
    const target = linkTarget(node, root);
    return external_node_path_.posix.relative(external_node_path_.posix.dirname(node.rel), target);
}
function zoneinfoLayer(nodes, root) {
    const entries = nodes.map(n => n.kind === 'symlink'
        ? symlink(`${ZONEINFO_PATH}/${n.rel}`, n.target ?? '')
        : file(`${ZONEINFO_PATH}/${n.rel}`, n.data ?? external_node_path_.join(root, n.rel), n.size ?? 0));
    return { name: 'zoneinfo', entries: withParents(entries) };
}
/** Go's lib/time/zoneinfo.zip as the whole zoneinfo layer, for when it is smaller than the runner's tree. */
function zoneinfoZipLayer(zip, size) {
    return { name: 'zoneinfo', entries: withParents([file(ZONEINFO_ZIP_PATH, zip, size)]) };
}

;// CONCATENATED MODULE: ./lib/rootfs/stage.js
// Stages what a scratch image lacks from the runner: the CA bundle (with extra CAs) and zoneinfo (tree or Go's zip),
// and, as the staged stage, those with the system files and the user's files.






// Where Go's crypto/x509 looks on Linux, in its order.
const CA_CANDIDATES = [
    '/etc/ssl/certs/ca-certificates.crt',
    '/etc/pki/tls/certs/ca-bundle.crt',
    '/etc/ssl/ca-bundle.pem',
    '/etc/pki/tls/cacert.pem',
    '/etc/ssl/cert.pem'
];
async function stage_exists(p) {
    return (0,promises_.access)(p).then(() => true, () => false);
}
async function readPem(file, input) {
    const pem = await (0,promises_.readFile)(file).catch(() => undefined);
    if (pem === undefined || !pem.includes('-----BEGIN CERTIFICATE-----')) {
        throw new ports/* InputError */.d(`${input}: ${file} ${pem === undefined ? 'cannot be read' : 'holds no PEM certificate'}. ` +
            (input === 'ca-certificates'
                ? 'Use system, none, or the path of a PEM bundle.'
                : 'Give PEM files (-----BEGIN CERTIFICATE-----), one a line, relative to working-directory.'));
    }
    return pem;
}
/** The runner's CA bundle: the first candidate that exists. */
async function systemCaBundle(candidates = CA_CANDIDATES) {
    for (const c of candidates)
        if (await stage_exists(c))
            return c;
    return undefined;
}
/** The CA bundle: the runner's, a given one or none, with extra-ca-certificates appended (an internal CA). */
async function caBundle(o) {
    const parts = [];
    let source;
    if (o.caCertificates === 'system') {
        const candidates = o.candidates ?? CA_CANDIDATES;
        source = await systemCaBundle(candidates);
        if (!source) {
            throw new ports/* InputError */.d(`ca-certificates: the runner has no CA bundle (looked in ${candidates.join(', ')}). ` +
                `Install ca-certificates, give a PEM file's path, or set none.`);
        }
    }
    else if (o.caCertificates !== 'none') {
        source = external_node_path_.resolve(o.workingDirectory, o.caCertificates);
    }
    const sources = [];
    if (source) {
        parts.push(await readPem(source, 'ca-certificates'));
        sources.push(source);
        o.logger.info(`CA certificates: ${source} -> /${CA_BUNDLE_PATH}`);
    }
    for (const extra of o.extraCaCertificates) {
        const file = external_node_path_.resolve(o.workingDirectory, extra);
        const pem = await readPem(file, 'extra-ca-certificates');
        sources.push(file);
        // A bundle without a final newline would glue the next BEGIN line onto its END line.
        if (parts.length && parts[parts.length - 1].at(-1) !== 0x0a)
            parts.push(Buffer.from('\n'));
        parts.push(pem);
        o.logger.info(`CA certificates: appended ${file}`);
    }
    if (!parts.length)
        return undefined;
    if (parts.length === 1 && source)
        return { ...certificatesLayer(source, parts[0].length), sources };
    const bundle = Buffer.concat(parts);
    return { ...certificatesLayer(bundle, bundle.length), sources };
}
/**
 * The zoneinfo layer: the runner's tree without duplicates, or a list of zones; for the whole tree, Go's own
 * zoneinfo.zip when the toolchain has one and it compresses smaller (ZONEINFO then points at it).
 */
async function zoneinfo(o) {
    if (o.zoneinfo === false)
        return undefined;
    const { root, epoch } = o;
    if (!(await stage_exists(root))) {
        throw new ports/* InputError */.d(`zoneinfo: the runner has no ${root}. Install tzdata, or set zoneinfo: false.`);
    }
    const nodes = selectZoneinfo(await scanZoneinfo(root), root, o.zoneinfo);
    const tree = zoneinfoLayer(nodes, root);
    const zip = external_node_path_.join(o.goroot, 'lib', 'time', 'zoneinfo.zip');
    if (o.zoneinfo === true && (await stage_exists(zip))) {
        const zipLayer = zoneinfoZipLayer(zip, (await (0,promises_.stat)(zip)).size);
        const sizes = await o.measure(tree, zipLayer, epoch);
        const [treeBytes, zipBytes] = [sizes.tree, sizes.zip];
        o.logger.info(`zoneinfo: ${root} (${nodes.length} entries) is ${treeBytes} bytes compressed, Go's zoneinfo.zip ${zipBytes}`);
        if (zipBytes < treeBytes) {
            o.logger.info(`zoneinfo: using ${zip} -> /${ZONEINFO_ZIP_PATH}`);
            return { layer: zipLayer, env: [`ZONEINFO=/${ZONEINFO_ZIP_PATH}`] };
        }
    }
    o.logger.info(`zoneinfo: ${nodes.length} entries from ${root}`);
    return { layer: tree, env: [] };
}
/** Environment entries in order, a later KEY replacing an earlier one in place. */
function mergeEnv(...lists) {
    const out = new Map();
    for (const kv of lists.flat())
        out.set(kv.slice(0, kv.indexOf('=')), kv);
    return [...out.values()];
}
/**
 * The user's files as a layer, refusing paths that another layer (or the binary) owns, and the inside of a
 * directory that belongs to a non-root user. A directory it shares
 * with an earlier layer keeps that layer's mode: copying into /tmp must not take away its 1777.
 */
async function filesLayer(mappings, workingDirectory, earlier, 
/** Unknown before go list, when only binary-name or the package path could tell. */
binaryName) {
    if (!mappings.length)
        return undefined;
    const reserved = new Map(binaryName ? [[binaryName, 'binary']] : []);
    const dirModes = new Map();
    for (const l of earlier)
        for (const e of l.entries) {
            // A directory of another owner (the nonroot home) is reserved too: the files layer is root-owned and
            // would take it from its owner.
            if (e.type === 'directory' && e.uid === 0 && e.gid === 0)
                dirModes.set(e.path, e.mode);
            else
                reserved.set(e.path, l.name);
        }
    const entries = await stageFiles(mappings, workingDirectory, reserved);
    return {
        name: 'files',
        entries: withParents(entries).map(e => e.type === 'directory' && dirModes.has(e.path) ? { ...e, mode: dirModes.get(e.path) } : e)
    };
}
/**
 * Stages the layers every platform shares. Needs no binary, so it overlaps the compile; zoneinfo's tree-or-zip
 * choice is measured as the run will compress (measure: through its compressor, remembered for a warm run).
 */
function stagedStage(o, ports, measure) {
    const { logger } = ports;
    return {
        title: 'Stage certificates, zoneinfo, system and user files',
        run: async ({ go, source, main }) => {
            const certs = await caBundle({
                caCertificates: o.caCertificates,
                extraCaCertificates: o.extraCaCertificates,
                workingDirectory: o.workingDirectory,
                candidates: ports.caBundleCandidates,
                logger
            });
            const zi = await zoneinfo({
                zoneinfo: o.zoneinfo,
                root: ports.zoneinfoRoot ?? '/usr/share/zoneinfo',
                goroot: go.goroot,
                epoch: source.epoch,
                logger,
                measure
            });
            const system = [systemLayer(o.workdir), homeLayer(o.workdir)];
            const layers = [certs, zi?.layer, ...system].filter((l) => !!l);
            const files = await filesLayer(o.files, o.workingDirectory, layers, main.binaryName);
            if (files) {
                logger.info(`files: ${files.entries.filter(e => e.type === 'file').length} files from ${o.files.length} line(s)`);
                layers.push(files);
            }
            return { layers, env: zi?.env ?? [] };
        }
    };
}

;// CONCATENATED MODULE: ./lib/preflight.js
// Checks every input the disk alone can refute (working-directory, package, ca-certificates, zoneinfo, files) before anything is logged in to, downloaded or compiled.








async function kindOf(p) {
    const st = await (0,promises_.stat)(p).catch(() => undefined);
    if (!st)
        return undefined;
    return st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
}
/**
 * A package given as a path on disk (., ./cmd/app, ../tool, main.go); import paths and patterns are Go's to
 * resolve, so they are left to go list.
 */
function localPackage(pkg) {
    if (pkg.includes('...') || /\s/.test(pkg))
        return false;
    return pkg === '.' || pkg === '..' || /^\.\.?\//.test(pkg) || pkg.endsWith('.go');
}
/**
 * The binary name when it is known without go list: binary-name, a .go file's name, or a package path's last
 * element (unless it looks like a major-version suffix, which Go names after the element before it, and that
 * element may be outside the path given).
 */
function knownBinaryName(config) {
    if (config.binaryName)
        return config.binaryName;
    const pkg = config.package;
    if (!localPackage(pkg))
        return undefined;
    if (pkg.endsWith('.go'))
        return defaultBinaryName(pkg, pkg);
    const elements = external_node_path_.posix.normalize(pkg).replace(/\/+$/, '').split('/');
    const last = elements[elements.length - 1] ?? '';
    if (last === '.' || last === '..' || /^v\d+$/.test(last))
        return undefined;
    return last;
}
async function preflight(config, opts) {
    const wd = config.workingDirectory;
    const wdKind = await kindOf(wd);
    if (wdKind !== 'directory') {
        throw new ports/* InputError */.d(`working-directory: ${wd} ${wdKind ? 'is not a directory' : 'does not exist'}. Set working-directory to ` +
            `the folder of the Go module, relative to the repository root (e.g. services/api).`);
    }
    const pkg = config.package;
    if (localPackage(pkg)) {
        const want = pkg.endsWith('.go') ? 'file' : 'directory';
        const have = await kindOf(external_node_path_.resolve(wd, pkg));
        if (have !== want) {
            throw new ports/* InputError */.d(`package: '${pkg}' ${have ? `is not a ${want}` : 'does not exist'} in working-directory ${wd}. ` +
                `Set package to the main package's folder relative to working-directory (e.g. ./cmd/app), or to one .go file.`);
        }
    }
    // The CA files are read now only to be checked (staging reads them again): a missing PEM should not cost a build.
    const quiet = { ...opts.logger, info: m => opts.logger.debug(m) };
    const certs = await caBundle({
        caCertificates: config.caCertificates,
        extraCaCertificates: config.extraCaCertificates,
        workingDirectory: wd,
        candidates: opts.caBundleCandidates,
        logger: quiet
    });
    // The zones listed must exist; the layer itself waits for the toolchain, whose zoneinfo.zip may be the
    // smaller choice, so files are checked against zoneinfo after the build (as is the binary's path when only
    // go list knows the name).
    if (config.zoneinfo !== false) {
        const root = opts.zoneinfoRoot ?? '/usr/share/zoneinfo';
        if ((await kindOf(root)) !== 'directory') {
            throw new ports/* InputError */.d(`zoneinfo: the runner has no ${root}. Install tzdata, or set zoneinfo: false.`);
        }
        if (Array.isArray(config.zoneinfo))
            selectZoneinfo(await scanZoneinfo(root), root, config.zoneinfo);
    }
    // A name the package path already gives is refused before Go is installed (go list checks the others).
    const known = knownBinaryName(config);
    if (known && !config.binaryName)
        checkBinaryName(known, imageTopLevel(config), { pkg });
    const earlier = [certs, systemLayer(config.workdir), homeLayer(config.workdir)].filter((l) => !!l);
    await filesLayer(config.files, wd, earlier, knownBinaryName(config));
}
/**
 * The first stage: every input the disk can refute is checked before anything is logged in to, downloaded or
 * compiled, for each of package's lines (a run of several images has one per main package).
 */
function preflightStage(o, opts) {
    return {
        run: async () => {
            for (const line of o.packages)
                await preflight({ ...o, package: line }, opts);
        }
    };
}

;// CONCATENATED MODULE: ./lib/registry/referrers.js



/**
 * Some artifacts were not attached. attached lists those that were, so the caller can say both; the message
 * names each artifact that was not, with the registry's answer.
 */
class AttachError extends Error {
    attached;
    failed;
    constructor(attached, failed) {
        super(failed.map(describeFailure).join('; '));
        this.attached = attached;
        this.failed = failed;
        this.name = 'AttachError';
    }
}
function describeFailure(f) {
    return `${f.artifactType}${f.digest ? ` (${f.digest})` : ''} for ${f.subject}: ${f.reason}`;
}
const SETTLE_BUDGET_MS = 60_000;
/**
 * The least wait before a write is read back: a timer's granularity, so the loop moves on any clock. The wait is
 * otherwise this run's own read-and-write time (see addToTagSchema); a fixed 250 ms floor cost every loopback or
 * same-region push a quarter of a second for nothing the guarantee needs (docs/benchmarks.md, "Fixed cost").
 */
const SETTLE_MIN_MS = 10;
/** The most a write refused with 412 waits before reading again, jittered, so two writers part. */
const RETRY_JITTER_MS = 250;
/**
 * Referrers in a registry. Whether it has the referrers API is learnt from the first artifact PUT (the
 * OCI-Subject header of distribution-spec 1.1) or, for list, from the API's own answer (404: none).
 */
function registryReferrers(client, logger, options = {}, settle = {}) {
    return new RegistryReferrers(client, logger, options, settle);
}
class RegistryReferrers {
    client;
    logger;
    options;
    settle;
    /** undefined until a PUT or a GET has shown which. */
    api;
    /** Per subject, the attach in progress: the tag schema's read-modify-write must not race itself. */
    queues = new Map();
    emptyConfig;
    constructor(client, logger, options, settle) {
        this.client = client;
        this.logger = logger;
        this.options = options;
        this.settle = settle;
    }
    get name() {
        return `${this.client.ref.registry}/${this.client.ref.repository}`;
    }
    attach(subject, artifacts) {
        const before = this.queues.get(subject.digest) ?? Promise.resolve();
        const mine = before.catch(() => undefined).then(() => this.attachNow(subject, artifacts));
        this.queues.set(subject.digest, mine);
        return mine;
    }
    async attachNow(subject, artifacts) {
        const attached = [];
        const listed = [];
        const failed = [];
        if (!artifacts.length)
            return attached;
        for (const artifact of artifacts) {
            let digest;
            try {
                const { manifest, layer } = artifactManifest(subject, artifact, this.options);
                digest = manifest.digest;
                // The empty config once per store: every artifact shares it.
                this.emptyConfig ??= this.client.uploadBlob(EMPTY_CONFIG);
                await this.emptyConfig.catch((e) => {
                    this.emptyConfig = undefined;
                    throw e;
                });
                await this.client.uploadBlob(layer);
                const headers = await this.client.putManifest(manifest.digest, manifest, {
                    what: 'PUT of the artifact'
                });
                // A registry with the referrers API says so on every PUT of a manifest with a subject.
                const api = headers.has('oci-subject');
                if (this.api !== api) {
                    this.logger.info(api
                        ? `${this.client.ref.registry} has the referrers API (OCI-Subject ${headers.get('oci-subject')}): it lists the artifacts itself.`
                        : `${this.client.ref.registry} has no referrers API (no OCI-Subject header): the artifacts are listed in the tag ${referrersTag(subject.digest)}.`);
                }
                this.api = api;
                attached.push({
                    subject: subject.digest,
                    digest: manifest.digest,
                    artifactType: artifact.artifactType,
                    size: manifest.size
                });
                listed.push(referrerDescriptor(manifest, artifact, this.options));
                this.logger.info(`attached ${artifact.artifactType} ${manifest.digest} (${layer.size} bytes) to ${subject.digest}`);
            }
            catch (e) {
                failed.push({
                    subject: subject.digest,
                    artifactType: artifact.artifactType,
                    digest,
                    reason: e.message
                });
            }
        }
        if (listed.length && this.api === false) {
            try {
                await this.addToTagSchema(subject.digest, listed);
            }
            catch (e) {
                // Pushed but not discoverable is not attached: say so for each of them.
                for (const a of attached.splice(0)) {
                    failed.push({
                        subject: a.subject,
                        artifactType: a.artifactType,
                        digest: a.digest,
                        reason: `pushed, but the referrers tag ${referrersTag(subject.digest)} could not be updated: ${e.message}`
                    });
                }
            }
        }
        if (failed.length)
            throw new AttachError(attached, failed);
        return attached;
    }
    /**
     * The referrers tag schema: reads the index tagged sha256-<hex>, adds what is new, writes it back. Entries
     * other tools put there stay. A registry that checks If-Match refuses a stale write with 412; distribution 2.8
     * and GHCR ignore it, so another writer that read the index before this write may write after it and drop this
     * run's entries. So each write is read back once such a writer has had the time to write too (twice the time
     * this read and write took, jittered), and written again, merged, until the index holds every entry of this
     * run, within a time budget. Each writer checks only its own entries, and the wait covers a writer as slow as
     * this one: one slower than twice that could still drop them unseen.
     */
    async addToTagSchema(subject, added) {
        const tag = referrersTag(subject);
        const now = this.settle.now ?? Date.now;
        const random = this.settle.random ?? Math.random;
        const sleep = this.settle.sleep ?? ((ms) => new Promise(r => setTimeout(r, ms)));
        const budget = this.settle.budgetMs ?? SETTLE_BUDGET_MS;
        const start = now();
        let writes = 0;
        for (let attempt = 1;; attempt++) {
            const began = now();
            const current = await this.client.getManifestEntry(tag);
            let manifests = [];
            let fields = {};
            if (current) {
                const parsed = parseIndex(current.blob.data, current.blob.mediaType);
                // Overwriting what is not a referrers list would lose another tool's data: refuse, as the spec says.
                if (parsed instanceof Error) {
                    throw new RegistryError(`the tag ${tag} of ${this.name} holds something other than a referrers list (${parsed.message}); remove it or rename it first`);
                }
                ;
                ({ manifests, fields } = parsed);
            }
            const merged = mergeReferrers(manifests, added);
            if (!merged) {
                if (attempt > 1)
                    this.logger.info(`${tag}: read back, it lists every artifact of this run`);
                return;
            }
            const missing = added.filter(a => !manifests.some(m => m.digest === a.digest));
            if (writes && now() - start >= budget) {
                throw new RegistryError(`another writer kept replacing it: after ${writes} writes in ${Math.round((now() - start) / 1000)} s it ` +
                    `still lacks ${missing.map(m => `${m.artifactType ?? m.mediaType} (${m.digest})`).join(', ')} for ${subject}`);
            }
            if (writes) {
                this.logger.info(`${tag}: another writer replaced it and ${missing.length} of this run's artifact(s) are missing; writing them again`);
            }
            const index = referrersIndex(merged, fields);
            try {
                await this.client.putManifest(tag, index, {
                    what: `PUT referrers index ${tag}`,
                    headers: current?.etag ? { 'if-match': current.etag } : {}
                });
            }
            catch (e) {
                if (e.status !== 412 || now() - start >= budget)
                    throw e;
                this.logger.info(`${tag} changed while it was being updated; reading it again`);
                await sleep(Math.round(RETRY_JITTER_MS * random()));
                continue;
            }
            writes++;
            if (writes === 1) {
                this.logger.info(`${tag}: ${merged.length - manifests.length} added to the ${manifests.length} referrer(s) it listed`);
            }
            // A writer that read before this write has written by now unless it is over twice as slow as this one.
            await sleep(Math.round(Math.max(SETTLE_MIN_MS, 2 * (now() - began)) * (1 + random())));
        }
    }
    async list(subjectDigest, artifactType) {
        const wanted = (d) => !artifactType || d.artifactType === artifactType;
        if (this.api !== false) {
            const found = await this.client.getReferrers(subjectDigest, artifactType);
            if (found) {
                this.api = true;
                // A registry may ignore the filter (it says which it applied): filter here as well.
                return found.manifests.filter(referrers_isDescriptor).filter(wanted);
            }
            this.api = false;
        }
        const tag = referrersTag(subjectDigest);
        const current = await this.client.getManifest(tag);
        if (!current)
            return [];
        const parsed = parseIndex(current.data, current.mediaType);
        if (parsed instanceof Error) {
            throw new RegistryError(`the tag ${tag} of ${this.name} is not a referrers list: ${parsed.message}.`);
        }
        return parsed.manifests.filter(wanted);
    }
    async fetch(artifactDigest) {
        const manifest = await this.client.getManifest(artifactDigest);
        if (!manifest)
            throw new RegistryError(`${this.name} has no manifest ${artifactDigest}.`);
        const layer = artifactLayer(manifest.data, artifactDigest);
        if (layer instanceof Error)
            throw new RegistryError(`${this.name}: ${layer.message}.`);
        return this.client.getBlob(layer.digest);
    }
}
function referrers_isDescriptor(d) {
    return (typeof d.mediaType === 'string' && typeof d.digest === 'string' && typeof d.size === 'number');
}

;// CONCATENATED MODULE: ./lib/registry/attach.js



/** One attach per subject: the tag schema is then read and written once for all of a subject's artifacts. */
function bySubject(attachments) {
    const out = new Map();
    for (const a of attachments) {
        if (!a.artifacts.length)
            continue;
        const got = out.get(a.subject.digest);
        if (got)
            got.artifacts.push(...a.artifacts);
        else
            out.set(a.subject.digest, { subject: a.subject, artifacts: [...a.artifacts] });
    }
    return [...out.values()];
}
/**
 * Attaches everything to the layout, then to every registry. A registry that refuses some fails the step before
 * any tag is written, with a message that says the image itself was pushed (by digest), which artifacts are
 * missing and why.
 */
async function attachArtifacts(input) {
    const groups = bySubject(input.attachments);
    const out = { registries: [], layout: [] };
    if (!groups.length)
        return out;
    if (input.layout) {
        for (const g of groups)
            out.layout.push(...(await input.layout.attach(g.subject, g.artifacts)));
        input.logger.info(`OCI layout: ${out.layout.length} artifact(s) attached`);
        if (!input.image.tags.length) {
            // skopeo and containers/image pick an untagged layout's image only when it is index.json's one entry.
            input.logger.info('OCI layout: index.json lists the artifacts beside the untagged image, so a bare oci:DIR is ambiguous ' +
                'to skopeo: give the image a tag (tags) to read it as oci:DIR:TAG.');
        }
    }
    if (!input.registries.length) {
        const n = groups.reduce((sum, g) => sum + g.artifacts.length, 0);
        input.logger.info(`Not attached to a registry: nothing was pushed (${n} artifact(s) made).`);
        return out;
    }
    const messages = [];
    for (const { name, store } of input.registries) {
        const { attached, failed } = await attachTo(store, groups);
        out.registries.push({ name, attached });
        if (failed.length)
            messages.push(notAttachedMessage({ ...input.image, name }, attached, failed));
    }
    if (messages.length)
        throw new Error(messages.join('\n'));
    return out;
}
/** Every subject's artifacts to one registry, subjects at once; what went up and what did not. */
async function attachTo(store, groups) {
    const attached = [];
    const failed = [];
    const results = await Promise.allSettled(groups.map(g => store.attach(g.subject, g.artifacts)));
    results.forEach((r, i) => {
        if (r.status === 'fulfilled')
            return void attached.push(...r.value);
        if (r.reason instanceof AttachError) {
            attached.push(...r.reason.attached);
            failed.push(...r.reason.failed);
            return;
        }
        // Anything else broke the whole subject: none of its artifacts is known to be attached.
        const g = groups[i];
        for (const a of g.artifacts) {
            failed.push({
                subject: g.subject.digest,
                artifactType: a.artifactType,
                reason: r.reason instanceof Error ? r.reason.message : String(r.reason)
            });
        }
    });
    return { attached, failed };
}
/** The image is complete but untagged; only what describes it is missing: say both, and what the registry said. */
function notAttachedMessage(image, attached, failed) {
    // The tags come after every referrer: none was written.
    const tags = image.tags.length
        ? `, so none of its tags (${image.tags.join(', ')}) was written`
        : '';
    const lines = [
        `The image was pushed by digest (${image.name}@${image.digest}), but ${failed.length} artifact(s) were not attached to it${tags}:`,
        ...failed.map(f => `  - ${describeFailure(f).replace(/\.$/, '')}`)
    ];
    if (attached.length) {
        lines.push(`Attached: ${attached.map(a => `${a.artifactType} (${a.digest})`).join(', ')}.`);
    }
    // A refusal is the same on every run; anything else (a timeout, a 5xx that outlasted the retries) may pass.
    const refused = failed.some(f => /HTTP (400|405|415)\b|MANIFEST_INVALID|UNSUPPORTED/.test(f.reason));
    lines.push(refused
        ? 'This registry refuses OCI 1.1 artifact manifests (image manifests with a subject): turn off what makes ' +
            'them for it (sbom: none, provenance: false), or push to a registry that accepts them.'
        : 'Run the step again: the same source gives the same digest, and what is attached already is not listed twice.');
    return lines.join('\n');
}
/**
 * After the push: each artifact names its manifest as subject, in every registry pushed to and in the OCI layout
 * (ociLayout, when set). tags are the tags the image is to get, for the message when an artifact is refused.
 */
function attachStage(ociLayout, tags, ports) {
    const { logger } = ports;
    const attachments = (got) => [got.sbom, got.provenance, got.report].flatMap(a => a ?? []);
    return {
        title: got => attachments(got).length && (got.push || ociLayout)
            ? `Attach ${[...new Set(attachments(got).flatMap(a => a.artifacts.map(x => x.artifactType)))].join(', ')}`
            : undefined,
        run: async (got) => {
            const created = rfc3339(got.source.epoch);
            const clients = got.push && got.login ? [got.login, ...got.mirrors] : [];
            return attachArtifacts({
                attachments: attachments(got),
                registries: clients.map(c => ({
                    name: `${c.ref.registry}/${c.ref.repository}`,
                    store: registryReferrers(c, logger, { created }, { sleep: ports.sleep })
                })),
                layout: ociLayout ? layoutReferrers(ociLayout, { created }) : undefined,
                image: { digest: got.images.top.digest, tags },
                logger
            });
        }
    };
}

;// CONCATENATED MODULE: ./lib/registry/publish.js



/**
 * Repositories of a registry whose blobs a push there may mount: the image pushed before this one in a monorepo
 * run, and the baseline's (compare-to).
 */
function mountSources(o, compareTo, registry) {
    const baseline = compareTo?.registry === registry ? compareTo.repository : undefined;
    return [o.mountFrom?.get(registry), baseline].filter((r) => !!r);
}
const publish_repoOf = (c) => `${c.ref.registry}/${c.ref.repository}`;
/**
 * The images by digest, untagged (the tag stage tags them), to every registry logged in; nothing over its budget.
 * Another repository of the same registry lends its blobs: unchanged layers are mounted, not uploaded.
 */
function pushStage(o, compareTo, logger) {
    return {
        title: ({ gate, login, mirrors }) => login && !gate.failures.length
            ? `Push ${[login, ...mirrors].map(publish_repoOf).join(', ')}`
            : undefined,
        run: async ({ gate, login: client, mirrors, images }) => {
            if (!client)
                return false;
            if (gate.failures.length) {
                logger.info('Not pushed: the image is over its size budget.');
                return false;
            }
            const targets = [client, ...mirrors].map(c => ({
                client: c,
                mountFrom: mountSources(o, compareTo, c.ref.registry)[0]
            }));
            await pushEverywhere(targets, images.images, images.top, logger);
            return true;
        }
    };
}
/** After the lean image, by digest: the tag stage writes TAG-debug after the lean tags. */
function debugPushStage(logger) {
    return {
        title: ({ push, debugImages }) => (push && debugImages ? 'Push the -debug images' : undefined),
        run: async ({ push, login: client, debugImages }) => {
            if (!push || !client || !debugImages)
                return false;
            const r = await pushImages(client, debugImages.images, debugImages.top, [], logger);
            logger.info(`${debugImages.top.digest} pushed untagged; blobs ${r.uploaded} uploaded, ${r.skipped} already present`);
            return true;
        }
    };
}
/**
 * Last: the image is complete in every registry, with every referrer, before any tag points at it. Resolves to
 * the tags that point at the image in image's registry once done (a floating tag a newer release holds is not
 * among them).
 */
function tagStage(plan, logger, sleep) {
    return {
        title: ({ push, login, mirrors }) => push && login && plan.tags.length
            ? `Tag ${[login, ...mirrors].map(publish_repoOf).join(', ')}`
            : undefined,
        run: async ({ push, login, mirrors, images, debugImages, debugPush }) => {
            if (!push || !login)
                return [];
            const jobs = [login, ...mirrors].map(client => ({ client, top: images.top, plan }));
            // After the lean tags: a -debug tag never points at an image whose lean tag is missing.
            if (debugPush && debugImages)
                jobs.push({ client: login, top: debugImages.top, plan: withSuffix(plan, '-debug') });
            const held = await tagEverywhere(jobs, logger, { sleep });
            return held[0];
        }
    };
}

;// CONCATENATED MODULE: ./lib/registry/login.js


/** The registry client of image's registry, logged in; undefined when nothing is pushed. */
function loginStage(o, ports) {
    const image = o.push ? o.image : undefined;
    return {
        title: image ? `Log in to ${image.registry}` : undefined,
        run: async () => {
            if (!image)
                return undefined;
            const client = await openRegistry(o.registry, ports, image, o.registry.credentials, {
                // Mounting from another repository needs pull access to it in the same token.
                pullScopes: mountSources(o, o.compareTo, image.registry)
            });
            await client.login();
            return client;
        }
    };
}
/**
 * Clients of image's further lines (other registries), logged in; empty when there are none or no push. The
 * inputs are the first registry's; the Docker config and GITHUB_TOKEN serve all.
 */
function mirrorsStage(o, ports) {
    const mirrors = o.push ? o.mirrors : [];
    return {
        title: mirrors.length ? `Log in to ${mirrors.map(m => m.registry).join(', ')}` : undefined,
        run: async () => {
            const clients = [];
            for (const ref of mirrors) {
                const client = await openRegistry(o.registry, ports, ref, inputsFor(o.registry, o.image, ref), {
                    pullScopes: mountSources(o, o.compareTo, ref.registry)
                });
                await client.login();
                clients.push(client);
            }
            return clients;
        }
    };
}

// EXTERNAL MODULE: ./lib/compile/pclntab.js
var pclntab = __webpack_require__(66887);
;// CONCATENATED MODULE: ./lib/report/references.js
// Splits a binary's unnamed bytes (type descriptors, strings, static data) among the functions and variables that refer to them, from amd64 code's RIP-relative loads and the pointers in data.

/**
 * The addresses amd64 code refers to RIP-relatively with a 64-bit LEA or MOV load (REX.W 8D/8B, ModRM mod 00
 * r/m 101, disp32): `fn` hears each instruction address and target, in address order (a binary has some 10^5, so
 * no pairs are made). It scans bytes, not decoded instructions, so a few may be bytes that only look like one;
 * the caller keeps targets that fall where it looks for references.
 */
function eachRipReference(text, addr, fn) {
    const view = new DataView(text.buffer, text.byteOffset, text.byteLength);
    for (let i = 0; i + 7 <= text.length; i++) {
        const rex = text[i];
        if ((rex & 0xf8) !== 0x48)
            continue;
        const op = text[i + 1];
        if (op !== 0x8d && op !== 0x8b)
            continue;
        if ((text[i + 2] & 0xc7) !== 0x05)
            continue;
        fn(addr + i, addr + i + 7 + view.getInt32(i + 3, true));
    }
}
/** The index of the item of a sorted, non-overlapping list whose [lo, hi) holds a, or -1. */
function findIn(list, a, lo, hi) {
    let l = 0;
    let h = list.length - 1;
    while (l <= h) {
        const mid = (l + h) >> 1;
        if (a < lo(list[mid]))
            h = mid - 1;
        else if (a >= hi(list[mid]))
            l = mid + 1;
        else
            return mid;
    }
    return -1;
}
/**
 * Splits the unnamed spans by who refers into them: the code's RIP-relative LEA and MOV (amd64 only: other
 * architectures build addresses from instruction pairs this does not decode) and pointer-sized words of data.
 * Each piece, from a referenced address to the next, goes to the first function or variable that refers to it
 * (`ownerAt` of the referring address), or, for a piece only unnamed data refers to (a static table behind a
 * static struct), to the referring piece's owner. `seeds` are pieces whose owner is known beforehand (the linker's
 * tables); so are `funcdata` pieces, which the pclntab refers to, and whose bytes (stack maps, inline trees) are
 * no pointers even where they look like one. Bytes before a span's first reference, or only referred to by what
 * has no owner, stay unattributed.
 */
function referenceShares(elf, binary, ownerAt, spans, seeds = new Map(), funcdata = new Map()) {
    const out = new Map();
    if (spans.length === 0)
        return out;
    spans.sort((a, b) => a.lo - b.lo);
    // Most words of data and most displacements point outside every span: two compares rule them out before the
    // binary search.
    const first = spans[0].lo;
    const last = Math.max(...spans.map(s => s.hi));
    const spanOf = (a) => a < first || a >= last
        ? -1
        : findIn(spans, a, s => s.lo, s => s.hi);
    // Every reference into a span, code first, then data, each in address order.
    const froms = [];
    const tos = [];
    const text = elf.sections.find(s => s.name === '.text');
    if (elf.machine === pclntab/* EM_X86_64 */.pe && text) {
        const code = binary.subarray(text.offset, text.offset + text.size);
        eachRipReference(code, text.addr, (from, to) => {
            if (spanOf(to) < 0)
                return;
            froms.push(from);
            tos.push(to);
        });
    }
    const view = new DataView(binary.buffer, binary.byteOffset, binary.byteLength);
    const w = elf.ptrSize;
    for (const sec of elf.sections) {
        if (sec.addr === 0 || sec.type === pclntab/* SHT_NOBITS */.UB || sec === text || sec.name === '.gopclntab')
            continue;
        for (let a = Math.ceil(sec.addr / w) * w; a + w <= sec.addr + sec.size; a += w) {
            const at = sec.offset + (a - sec.addr);
            // Two 32-bit reads: getBigUint64 and a BigInt per word took most of the time.
            const lo = view.getUint32(w === 8 && !elf.littleEndian ? at + 4 : at, elf.littleEndian);
            const hi = w === 8 ? view.getUint32(elf.littleEndian ? at + 4 : at, elf.littleEndian) : 0;
            const word = hi * 2 ** 32 + lo;
            if (word !== 0 && spanOf(word) >= 0) {
                froms.push(a);
                tos.push(word);
            }
        }
    }
    const known = new Map([...seeds, ...funcdata].filter(([t]) => spanOf(t) >= 0));
    // Typed arrays: a binary has some 10^5 pieces, and objects for them kept the collector busy.
    const targets = Float64Array.from(new Set([...tos, ...known.keys()])).sort();
    const ends = targets.map((t, k) => Math.min(targets[k + 1] ?? Infinity, spans[spanOf(t)].hi));
    const pieceOf = (a) => {
        let l = 0;
        let h = targets.length - 1;
        while (l <= h) {
            const mid = (l + h) >> 1;
            if (a < targets[mid])
                h = mid - 1;
            else if (a >= ends[mid])
                l = mid + 1;
            else
                return mid;
        }
        return -1;
    };
    const owners = new Array(targets.length).fill(undefined);
    for (const [t, name] of known)
        owners[pieceOf(t)] = name;
    const inert = new Set([...funcdata.keys()].filter(t => spanOf(t) >= 0).map(pieceOf));
    // Each reference's pieces, and the owner of a referrer outside every piece, looked up once for all rounds.
    const n = froms.length;
    const toPiece = new Int32Array(n);
    const fromPiece = new Int32Array(n);
    const fromOwner = new Array(n);
    for (let i = 0; i < n; i++) {
        toPiece[i] = pieceOf(tos[i]);
        fromPiece[i] = pieceOf(froms[i]);
        if (fromPiece[i] < 0)
            fromOwner[i] = ownerAt(froms[i], tos[i]);
    }
    // A few rounds reach static data behind static data; each round only adds owners.
    for (let changed = true, round = 0; changed && round < 8; round++) {
        changed = false;
        for (let i = 0; i < n; i++) {
            const k = toPiece[i];
            if (owners[k] !== undefined)
                continue;
            const j = fromPiece[i];
            if (inert.has(j))
                continue;
            const name = j >= 0 ? owners[j] : fromOwner[i];
            if (name !== undefined) {
                owners[k] = name;
                changed = true;
            }
        }
    }
    owners.forEach((name, k) => {
        if (name !== undefined)
            out.set(name, (out.get(name) ?? 0) + ends[k] - targets[k]);
    });
    return out;
}

;// CONCATENATED MODULE: ./lib/report/symbol-package.js
// Names the Go package a symbol or function belongs to, by the compiler's and linker's naming rules, or the bucket of what no package owns.
/** Where symbols go that no Go package owns: linker tables, compiler-made helpers, file-local assembly. */
const LINKER_BUCKET = '(runtime and linker)';
/**
 * runtime.* names the linker itself defines: section bounds and tables (pclntab, typelinks, GC masks). They say
 * nothing about the runtime package's own code, so they are kept out of its total.
 */
const LINKER_RUNTIME = new Set([
    'text',
    'etext',
    'rodata',
    'erodata',
    'types',
    'etypes',
    'noptrdata',
    'enoptrdata',
    'data',
    'edata',
    'bss',
    'ebss',
    'noptrbss',
    'enoptrbss',
    'end',
    'gcdata',
    'gcbss',
    'findfunctab',
    'typelink',
    'itablink',
    'symtab',
    'esymtab',
    'pclntab',
    'epclntab',
    'pcheader',
    'funcnametab',
    'cutab',
    'filetab',
    'pctab',
    'functab',
    'textsectionmap',
    'firstmoduledata',
    'covctrs',
    'ecovctrs'
].map(n => `runtime.${n}`));
/** What ends the import path that starts a symbol: generic brackets, receivers, struct types, itab pairs. */
const PATH_END = /[\s()[\]{}*,;"]/;
/**
 * Package of a type expression (`*T`, `[5]T`, `map[K]V`, `func(T)`): that of the first named type in it. `go` is
 * no import path: go.shape.* stands for a type argument in generic code.
 */
function typePackage(expr) {
    for (const piece of expr.split(new RegExp(PATH_END, 'g'))) {
        const pkg = pathPackage(piece);
        if (pkg && pkg !== 'go')
            return pkg;
    }
    return undefined;
}
/** "the text up to the first '.' after the last '/'" of the leading import path, with Go's %xx escapes undone. */
function pathPackage(name) {
    const end = name.search(PATH_END);
    const lead = end < 0 ? name : name.slice(0, end);
    const dot = lead.indexOf('.', lead.lastIndexOf('/') + 1);
    if (dot <= 0)
        return undefined;
    // The compiler escapes '.' (and '%', '"', control bytes) in an import path's last element: yaml.v3 is yaml%2ev3.
    return lead
        .slice(0, dot)
        .replace(/%([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}
/**
 * The package a symbol belongs to, or LINKER_BUCKET. Go up to 1.19 marks compiler and linker symbols with `type.`
 * and `go.`, Go 1.20 and later with `type:` and `go:`; `go.` is also how real import paths such as
 * go.uber.org/zap begin, which is told apart by the '/' such a path always has.
 */
function symbolPackage(name) {
    if (LINKER_RUNTIME.has(name))
        return LINKER_BUCKET;
    let pkg;
    const itab = /^go[.:]itab\./.exec(name);
    const helper = /^type(?:\.\.|:\.)[a-z]+\./.exec(name);
    if (itab) {
        // go.itab.*net/http.conn,io.Writer: an interface table is counted to the concrete type's package.
        pkg = typePackage(name.slice(itab[0].length));
    }
    else if (helper) {
        // type..eq.T, type..hash.T, type..importpath.P.: compiler-made helpers for a type, counted to its package.
        pkg = typePackage(name.slice(helper[0].length));
    }
    else if (/^type[.:]/.test(name)) {
        // A type descriptor (listed only when the linker does not fold them into type.*), counted to its package.
        pkg = typePackage(name.slice('type.'.length));
    }
    else if (name.startsWith('go:')) {
        pkg = undefined;
    }
    else if (name.startsWith('go.')) {
        const end = name.search(PATH_END);
        pkg = (end < 0 ? name : name.slice(0, end)).includes('/') ? pathPackage(name) : undefined;
    }
    else {
        pkg = pathPackage(name);
    }
    // Unqualified names (aeshashbody, interface {} helpers) are file-local assembly or compiler-made code.
    return pkg ?? LINKER_BUCKET;
}

;// CONCATENATED MODULE: ./lib/report/binary-totals.js
// Splits a relinked binary's bytes among Go packages: its symbols with their padding, its functions' pclntab shares and funcdata, and the unnamed bytes by who refers to them.



/** Adds n bytes to pkg's total; nothing when n is not positive. */
function addTo(totals, pkg, n) {
    if (n > 0)
        totals.set(pkg, (totals.get(pkg) ?? 0) + n);
}
/** A gap after a symbol up to this size is the next symbol's alignment (functions align to 32 bytes at most). */
const MAX_PADDING = 64;
/** Symbols that stand for a run of unnamed ones: their extent is up to the next symbol. */
const GOFUNC = new Set(['go.func.*', 'go:func.*']);
/**
 * Every file byte of the binary that some package can be held responsible for: its symbols; the padding after
 * each one (the next symbol's alignment); its functions' shares of the pclntab (see pclntabShares); the funcdata
 * in go.func.* they refer to; and, where the symbol table names nothing (type descriptors, strings and GC masks
 * the linker folds into type.*, go.string.* and runtime.gcbits.*, file-local static data), each piece from one
 * referenced address to the next, to the first function or variable that refers to it (see referenceShares).
 * What is left (ELF headers, page alignment between segments, unreferenced bytes) is not counted. Undefined when
 * the binary is no ELF file or has no pclntab this can read.
 */
function binaryTotals(symbols, binary) {
    const elf = (0,pclntab/* readElf */.oU)(binary);
    const pcln = elf?.sections.find(s => s.name === '.gopclntab');
    if (!elf || !pcln)
        return undefined;
    const shares = (0,pclntab/* pclntabShares */.H9)(binary.subarray(pcln.offset, pcln.offset + pcln.size), elf.littleEndian);
    if (!shares)
        return undefined;
    const totals = pclntabTotals(shares, pcln.size);
    const sorted = [...symbols].sort((a, b) => a.address - b.address || b.size - a.size);
    const unnamed = [];
    for (const sec of elf.sections) {
        if (sec.addr === 0 || sec.type === pclntab/* SHT_NOBITS */.UB || sec.size === 0 || sec === pcln)
            continue;
        const end = sec.addr + sec.size;
        const inside = sorted.filter(s => s.address >= sec.addr && s.address < end);
        let cursor = sec.addr;
        for (let i = 0; i < inside.length; i++) {
            const s = inside[i];
            let j = i + 1;
            while (j < inside.length && inside[j].address <= s.address)
                j++;
            const next = j < inside.length ? inside[j].address : end;
            if (s.size === 0) {
                if (GOFUNC.has(s.name) && s.address >= cursor) {
                    const fd = (0,pclntab/* funcdataShares */.zE)(shares.funcdata, next - s.address);
                    for (const [name, n] of fd.byName)
                        addTo(totals, symbolPackage(name), n);
                }
                else if (next > Math.max(cursor, s.address)) {
                    unnamed.push({ lo: Math.max(cursor, s.address), hi: next });
                }
                cursor = Math.max(cursor, next);
                continue;
            }
            const from = Math.max(s.address, cursor);
            let to = s.address + s.size;
            if (next > to && next - to < MAX_PADDING)
                to = next;
            if (to > from)
                addTo(totals, symbolPackage(s.name), to - from);
            if (next > to)
                unnamed.push({ lo: to, hi: next });
            cursor = Math.max(cursor, to);
        }
    }
    const named = sorted.filter(s => s.size > 0);
    const namedOwner = (a) => {
        const i = findIn(named, a, s => s.address, s => s.address + s.size);
        return i < 0 ? undefined : named[i].name;
    };
    for (const [name, n] of referenceShares(elf, binary, namedOwner, unnamed))
        addTo(totals, symbolPackage(name), n);
    return totals;
}
/** Each function's share of the pclntab to its package, and what no function owns to LINKER_BUCKET. */
function pclntabTotals(shares, size) {
    const totals = new Map();
    for (const [name, n] of shares.byName)
        addTo(totals, symbolPackage(name), n);
    addTo(totals, LINKER_BUCKET, size - [...shares.byName.values()].reduce((a, b) => a + b, 0));
    return totals;
}

;// CONCATENATED MODULE: ./lib/report/stripped.js
// Splits the stripped binary the build wrote among Go packages in place, without a relink: amd64 binaries of Go's own linker, from the pclntab, the runtime's module data and the references in code and data.




/** Sections that are linker tables as a whole (type and itab lists, build info and ID): LINKER_BUCKET's. */
const LINKER_SECTIONS = new Set([
    '.typelink',
    '.itablink',
    '.gosymtab',
    '.go.buildinfo',
    '.note.go.buildid'
]);
/**
 * The loaded sections of a binary Go's own linker wrote (static, not PIE). Any other (.plt, .got, .dynamic,
 * .init_array, .eh_frame, …) means an external link: C code the pclntab does not describe, or relocated data.
 */
const GO_SECTIONS = new Set([
    ...LINKER_SECTIONS,
    '.text',
    '.rodata',
    '.gopclntab',
    '.noptrdata',
    '.data',
    '.bss',
    '.noptrbss',
    '.tbss'
]);
/**
 * Per-package totals of a stripped amd64 Go binary, the one the build wrote, without a relink or nm: functions
 * are the pclntab's (each from its entry to the next one's), with their pclntab shares and funcdata; everything
 * else a symbol table would name (variables, type descriptors, strings, itabs, static data) is split by who
 * refers to it (see referenceShares), which on amd64 covers nearly all of it: on four programs each of the ten
 * biggest packages came within 0.8% of the relink's number and the whole within 0.03% (docs/benchmarks.md).
 * Returns why not, instead, for other architectures (their code's references are not decoded), an external link,
 * a pclntab this cannot read, or runtime module data (where go.func.* is) it cannot find: the caller relinks.
 */
function strippedTotals(binary) {
    const elf = (0,pclntab/* readElf */.oU)(binary);
    if (!elf)
        return 'not an ELF file';
    if (elf.machine !== pclntab/* EM_X86_64 */.pe)
        return 'code references are decoded for amd64 only';
    const foreign = elf.sections.find(s => s.addr !== 0 && !GO_SECTIONS.has(s.name));
    if (foreign)
        return `section ${foreign.name}: not linked by Go's internal linker alone`;
    const pcln = elf.sections.find(s => s.name === '.gopclntab');
    const text = elf.sections.find(s => s.name === '.text');
    if (!pcln || !text)
        return 'no .gopclntab or .text section';
    const tab = binary.subarray(pcln.offset, pcln.offset + pcln.size);
    const shares = (0,pclntab/* pclntabShares */.H9)(tab, elf.littleEndian);
    if (!shares)
        return 'a pclntab layout this does not read (Go 1.18 or later is)';
    const end = text.addr + text.size;
    const funcs = shares.funcs
        .filter(f => f.entry >= text.addr && f.entry < end)
        .sort((a, b) => a.entry - b.entry);
    if (funcs.length === 0 || funcs.length < shares.funcs.length) {
        return 'pclntab functions outside .text';
    }
    const module = moduleData(elf, pcln.addr, shares.textStart);
    if (module === undefined)
        return "the runtime's module data was not found";
    const totals = pclntabTotals(shares, pcln.size);
    // Before the first function: go.buildid and the linker's alignment.
    addTo(totals, LINKER_BUCKET, funcs[0].entry - text.addr);
    funcs.forEach((f, i) => addTo(totals, symbolPackage(f.name), (funcs[i + 1]?.entry ?? end) - f.entry));
    const spans = [];
    for (const sec of elf.sections) {
        if (sec.addr === 0 || sec.type === pclntab/* SHT_NOBITS */.UB || sec.size === 0)
            continue;
        if (sec === text || sec === pcln)
            continue;
        if (LINKER_SECTIONS.has(sec.name))
            addTo(totals, LINKER_BUCKET, sec.size);
        else
            spans.push({ lo: sec.addr, hi: sec.addr + sec.size });
    }
    // Funcdata goes to the function whose _func refers to it; the linker's own tables to LINKER_BUCKET, under the
    // names the symbol table gives them.
    const seeds = new Map([
        [module.address, 'runtime.firstmoduledata'],
        [module.findfunctab, 'runtime.findfunctab'],
        [module.gcdata, 'runtime.gcdata'],
        [module.gcbss, 'runtime.gcbss']
    ]);
    const funcdata = new Map([...shares.funcdata].map(([off, name]) => [module.gofunc + off, name]));
    const rodata = elf.sections.find(s => s.name === '.rodata');
    const source = (0,pclntab/* sourceFunction */.w3)(tab, elf.littleEndian, binary.subarray(rodata.offset + module.gofunc - rodata.addr, rodata.offset + rodata.size));
    // A variable referred to from inlined code is the callee's, as its name would say in a symbol table (a small
    // accessor, unicode.IsLetter's tables); read-only data (strings, types) the function's it was inlined into, as
    // the relink counts it.
    const writable = elf.sections.filter(s => s.name === '.data' || s.name === '.noptrdata');
    const ownerAt = (a, target) => {
        if (a < funcs[0].entry || a >= end)
            return undefined;
        let l = 0;
        let h = funcs.length - 1;
        while (l < h) {
            const mid = (l + h + 1) >> 1;
            if (funcs[mid].entry <= a)
                l = mid;
            else
                h = mid - 1;
        }
        const variable = writable.some(s => target >= s.addr && target < s.addr + s.size);
        return variable ? source(funcs[l], a) : funcs[l].name;
    };
    for (const [at, name] of codeTables(elf, funcs))
        seeds.set(at, name);
    for (const [name, n] of referenceShares(elf, binary, ownerAt, spans, seeds, funcdata))
        addTo(totals, symbolPackage(name), n);
    return totals;
}
/**
 * Data whose owner the functions it points at tell, where a symbol table would have named it: each itab (listed
 * in .itablink) goes to the package of its first method, which is the concrete type's, as go.itab.* names are
 * counted; each package's init task (state 0, ndeps, nfns, the deps, then nfns init functions) to the package of
 * its init function, where reference order would give them all to runtime.main, which starts the chain.
 */
function codeTables(elf, funcs) {
    const out = new Map();
    const entries = new Map(funcs.map(f => [f.entry, f.name]));
    const w = elf.ptrSize;
    const { word } = elf;
    const loaded = elf.sections.filter(s => s.addr !== 0 && s.type !== pclntab/* SHT_NOBITS */.UB);
    const fileAt = (a) => {
        const sec = loaded.find(s => a >= s.addr && a + w <= s.addr + s.size);
        return sec && sec.offset + (a - sec.addr);
    };
    const itablink = elf.sections.find(s => s.name === '.itablink');
    for (let i = 0; itablink && i + w <= itablink.size; i += w) {
        const itab = word(itablink.offset + i);
        // inter, _type, hash (uint32) and 4 bytes of padding, then fun[].
        for (let a = itab + 2 * w + 8;; a += w) {
            const at = fileAt(a);
            const name = at === undefined ? undefined : entries.get(word(at));
            if (name === undefined)
                break;
            if (name === 'runtime.unreachableMethod')
                continue;
            out.set(itab, name);
            break;
        }
    }
    const isInit = (name) => !!name && /\.init(\.\d+)?$/.test(name);
    for (const sec of loaded.filter(s => s.name === '.noptrdata' || s.name === '.data')) {
        for (let i = 0; i + 3 * w <= sec.size; i += w) {
            const at = sec.offset + i;
            if (word(at) !== 0)
                continue;
            const ndeps = word(at + w);
            const nfns = word(at + 2 * w);
            if (nfns === 0 || nfns > 64 || ndeps > 4096 || i + (3 + ndeps + nfns) * w > sec.size)
                continue;
            const fns = at + (3 + ndeps) * w;
            let ok = true;
            for (let k = 0; ok && k < nfns; k++)
                ok = isInit(entries.get(word(fns + k * w)));
            if (ok)
                out.set(sec.addr + i, entries.get(word(fns)));
        }
    }
    return out;
}
/**
 * The runtime's firstmoduledata, the one place a stripped binary keeps where go.func.* is, found in the writable
 * data as its first word, the pclntab's address, with the text start where its `text` field is. Its `rodata`
 * field is 15 words after `text` up to Go 1.19 and 17 from Go 1.20 (covctrs and ecovctrs came in), gofunc the
 * next. Undefined when none of the layouts fits, so a Go this does not know falls back instead of splitting
 * funcdata wrong.
 */
function moduleData(elf, pclntabAddr, textStart) {
    const w = elf.ptrSize;
    const { word } = elf;
    const rodata = elf.sections.find(s => s.name === '.rodata');
    if (!rodata)
        return undefined;
    const inRodata = (a) => a >= rodata.addr && a < rodata.addr + rodata.size;
    // pcHeader, then six slices (funcnametab, cutab, filetab, pctab, pclntable, ftab), findfunctab, minpc, maxpc.
    const TEXT = 1 + 6 * 3 + 3;
    for (const sec of elf.sections) {
        if (sec.name !== '.noptrdata' && sec.name !== '.data')
            continue;
        for (let at = sec.offset; at + (TEXT + 19) * w <= sec.offset + sec.size; at += w) {
            if (word(at) !== pclntabAddr || word(at + TEXT * w) !== textStart)
                continue;
            for (const cov of [0, 2]) {
                const field = (k) => word(at + (TEXT + k + cov) * w);
                if (field(15) !== rodata.addr || !inRodata(field(16)))
                    continue;
                return {
                    address: sec.addr + (at - sec.offset),
                    gofunc: field(16),
                    findfunctab: word(at + (TEXT - 3) * w),
                    gcdata: field(11),
                    gcbss: field(12)
                };
            }
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./lib/report/packages.js
// Finds the Go packages that take the most bytes in a binary, from the stripped binary itself or a relink's symbol table, for the job summary and the size report.






const DEFAULT_TOP = 10;
/** One `go tool nm -size` line: `ADDR SIZE CODE NAME`, with ADDR blank for U; the name may hold spaces. */
function parseLine(line) {
    const m = /^\s*(?:([0-9a-fA-F]+)\s+)?(\d+)\s([A-Za-z_?])\s(.*)$/.exec(line);
    if (!m)
        return undefined;
    return {
        address: m[1] === undefined ? undefined : parseInt(m[1], 16),
        size: Number(m[2]),
        code: m[3],
        name: m[4].trim()
    };
}
/**
 * Parses `go tool nm -size` output into per-package totals, biggest first (top N, plus an "other" remainder).
 * With the binary's bytes (an ELF file) the totals cover more than the symbols: see binaryTotals.
 */
function packageSizes(nmOutput, top = DEFAULT_TOP, binary) {
    const symbols = nmOutput
        .split('\n')
        .map(parseLine)
        .filter((s) => s !== undefined && s.code !== 'U' && s.address !== undefined);
    // nm marks .bss like .data (D): the linker's bounds tell them apart. Zeroed memory takes no bytes in the file,
    // so it is left out, or runtime would be charged ~200 KB of heap bookkeeping that no image carries.
    const at = (n) => symbols.find(s => s.name === n)?.address;
    const ranges = [
        ['runtime.bss', 'runtime.ebss'],
        ['runtime.noptrbss', 'runtime.enoptrbss']
    ]
        .map(([a, b]) => [at(a), at(b)])
        .filter((r) => r[0] !== undefined && r[1] !== undefined);
    const inBss = (a) => ranges.some(([lo, hi]) => a >= lo && a < hi);
    const kept = symbols.filter(s => !inBss(s.address));
    return ranked((binary && binaryTotals(kept, binary)) ?? symbolTotals(kept), top);
}
/** Each package's symbol sizes, and nothing else. */
function symbolTotals(symbols) {
    const totals = new Map();
    for (const s of symbols)
        addTo(totals, symbolPackage(s.name), s.size);
    return totals;
}
/** The top N of a list sorted biggest first, and the rest as one "other" entry. */
function foldPackages(sorted, top = DEFAULT_TOP) {
    const n = Number.isNaN(top) ? DEFAULT_TOP : Math.max(0, Math.floor(top));
    if (sorted.length <= n)
        return sorted;
    const rest = sorted.slice(n);
    const other = {
        name: `(${rest.length} other package${rest.length === 1 ? '' : 's'})`,
        bytes: rest.reduce((sum, p) => sum + p.bytes, 0)
    };
    return [...sorted.slice(0, n), other];
}
/** The variables that pick the target platform: nm runs on the runner, whatever the binary was built for. */
const TARGET_VARS = [
    'GOOS',
    'GOARCH',
    'GOARM',
    'GOARM64',
    'GO386',
    'GOAMD64',
    'GOPPC64',
    'GORISCV64',
    'GOMIPS',
    'GOMIPS64',
    'GOWASM'
];
/** Per-package totals, biggest first, folded to the top N (see foldPackages). */
function ranked(totals, top) {
    const sorted = [...totals]
        .map(([name, bytes]) => ({ name, bytes }))
        .sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return foldPackages(sorted, top);
}
/**
 * Measures the binary the build wrote (`binary`) where strippedTotals can: an amd64 binary of Go's own linker,
 * without a second link. Otherwise, or without `binary`, links an unstripped copy of the same build (same env,
 * flags and ldflags minus -s, output to a temp path), runs `go tool nm -size -sort size` on it, and returns
 * packageSizes(); deletes the copy. Throws when either command fails: the caller decides whether a missing table
 * is worth more than a warning. `info` hears which way it went and, for a relink, why.
 */
async function measurePackages(opts) {
    if (opts.binary) {
        const totals = strippedTotals(await (0,promises_.readFile)(opts.binary));
        if (typeof totals !== 'string') {
            opts.info?.("Measured from the binary's pclntab and the references in its code and data");
            return { sizes: ranked(totals, opts.top), method: 'in place' };
        }
        opts.info?.(`Relinking with a symbol table (${totals})`);
    }
    const dir = await (0,promises_.mkdtemp)(external_node_path_.join(opts.tempDir, 'packages-'));
    try {
        const copy = external_node_path_.join(dir, 'unstripped');
        const build = await opts.runner.run(opts.goBin, relinkArgs(opts.args, copy), {
            cwd: opts.workdir,
            env: opts.env,
            silent: true
        });
        if (build.exitCode !== 0) {
            throw new Error(`package sizes: relinking with a symbol table failed (exit code ${build.exitCode}): ${build.stderr.trim()}`);
        }
        // Go 1.25 and later may build nm on first use; with GOOS/GOARCH of the target it would build it for that.
        const env = { ...opts.env };
        for (const v of TARGET_VARS)
            delete env[v];
        const nm = await opts.runner.run(opts.goBin, ['tool', 'nm', '-size', '-sort', 'size', copy], {
            cwd: opts.workdir,
            env,
            silent: true
        });
        if (nm.exitCode !== 0) {
            throw new Error(`package sizes: go tool nm failed (exit code ${nm.exitCode}): ${nm.stderr.trim()}`);
        }
        return { sizes: packageSizes(nm.stdout, opts.top, await (0,promises_.readFile)(copy)), method: 'relink' };
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./lib/report/package-sizes.js




/** Binaries from this size up get the package breakdown under package-sizes: auto. */
const PACKAGE_SIZES_AUTO_BYTES = 4 * 2 ** 20;
/**
 * Whether package-sizes: auto measures whatever the binary's size: when the report will carry the breakdown
 * somewhere it is read (attached to a pushed image for later comparisons, compared now, or commented).
 */
function reportWantsPackages(o) {
    return o.comment || !!o.compareTo || (o.push && !!o.image);
}
/** With -a the relink would recompile everything, and -n writes no binary to read. */
const rebuildsAll = (buildFlags) => buildFlags.some(f => f === '-a' || f === '-n');
/**
 * The binary whose packages are measured, when package-sizes asks for a breakdown: linux/amd64's when it is built,
 * since only amd64 code references are decoded and its packages are read in place where another platform's take a
 * second link (a second of CPU for a 7 MB program); else the largest.
 */
function packagesWanted(o, binaries) {
    const amd64 = binaries.get('linux/amd64');
    const [name, bin] = amd64
        ? ['linux/amd64', amd64]
        : [...binaries.entries()].reduce((a, b) => (b[1].size > a[1].size ? b : a));
    const want = o.packageSizes === 'true' ||
        (o.packageSizes === 'auto' &&
            (bin.size >= PACKAGE_SIZES_AUTO_BYTES || reportWantsPackages(o)) &&
            !rebuildsAll(o.buildFlags));
    return want ? { name, bin } : undefined;
}
/**
 * Off the critical path: only the report waits for it, while the image is assembled and pushed. Reads the binary
 * the build wrote; where it must relink instead (not amd64, cgo), it does not run beside the build: both would
 * compile the changed package at once (measured: a slower step, more CPU). Optional and never fatal: a failure is
 * a warning, since the image itself is fine.
 */
function packagesStage(o, ports) {
    const { logger } = ports;
    return {
        title: ({ binaries }) => {
            const wanted = packagesWanted(o, binaries);
            return wanted && `Measure Go packages in ${wanted.name}`;
        },
        run: async ({ go, source, binaries, cgo }) => {
            const wanted = packagesWanted(o, binaries);
            if (!wanted)
                return undefined;
            const platform = o.platforms.find(p => (0,lib_platform/* platformString */.Fd)(p) === wanted.name);
            const c = cgo?.get(wanted.name);
            try {
                const { sizes, method } = await measurePackages({
                    runner: ports.runner,
                    goBin: go.goBin,
                    env: buildEnv(go.env, platform, source.settings, c?.env),
                    workdir: o.workingDirectory,
                    args: buildArgs(cgoSettings(source.settings, c), wanted.bin.path),
                    tempDir: ports.tempDir,
                    // Every package: the report diffs them one by one; the log and the summary show the biggest.
                    top: Infinity,
                    binary: wanted.bin.path,
                    info: m => logger.info(m)
                });
                for (const p of foldPackages(sizes))
                    logger.info(`${String(p.bytes).padStart(10)}  ${p.name}`);
                return { platform: wanted.name, sizes, method };
            }
            catch (e) {
                logger.warning(`package-sizes: ${e.message}`);
                return undefined;
            }
        }
    };
}

// EXTERNAL MODULE: ./lib/compile/buildinfo.js
var buildinfo = __webpack_require__(5945);
;// CONCATENATED MODULE: ./lib/report/size-report.js
// This build's size report: what it holds (sizes, the binary's modules and packages, the budget, the comparison
// with compare-to's report), the file it is written to, and the referrer it is attached as; and compare-to's own
// report, read from its registry.










/**
 * The report attached to compare-to, if any. Reading it never fails the build: without it the comparison keeps
 * its layer deltas, and `why` says why packages and modules are missing. The stage is left out without
 * compare-to; it is read only for the report, beside whatever else runs.
 */
function baselineReportStage(o, ports) {
    const { logger } = ports;
    return {
        title: "Read the baseline's size report",
        run: async () => {
            const ref = o.compareTo;
            const reference = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`}`;
            try {
                const inputs = inputsFor(o.registry, o.image, ref);
                const client = await openRegistry(o.registry, ports, ref, inputs, { access: 'pull' });
                await client.login();
                const top = await client.getManifest(ref.digest ?? ref.tag ?? 'latest');
                if (!top)
                    return { reference, why: `${reference} does not exist yet.` };
                const store = registryReferrers(client, logger);
                const found = await store.list(top.digest, REPORT_ARTIFACT_TYPE);
                const last = found[found.length - 1];
                if (!last) {
                    return {
                        reference,
                        why: `${reference} (${top.digest}) has no go-scratch-image report attached (it was built by another tool, ` +
                            `by an older version of this action, or not pushed by it).`
                    };
                }
                const data = await store.fetch(last.digest);
                const report = parseReport(Buffer.from(data).toString('utf8'), `the report of ${reference}`);
                logger.info(`compare-to: read the size report ${last.digest} attached to ${top.digest}`);
                return { reference, report };
            }
            catch (e) {
                const why = `the report of ${reference} could not be read: ${e.message}`;
                logger.warning(`compare-to: ${why}`);
                return { reference, why: `${why}.` };
            }
        }
    };
}
/** The binary's part of the report: its build information and, when measured, its packages. */
async function reportBinary(out, packageSizes, logger) {
    const [platform, bin] = out.packages
        ? [out.packages.platform, out.binaries.get(out.packages.platform)]
        : [...out.binaries.entries()].reduce((a, b) => (b[1].size > a[1].size ? b : a));
    let info;
    try {
        info = (0,buildinfo/* readBuildInfo */.ro)(await (0,promises_.readFile)(bin.path));
    }
    catch (e) {
        logger.info(`report: ${e.message} Modules are not recorded.`);
        return undefined;
    }
    const why = packageSizes === 'false'
        ? 'package-sizes is false'
        : 'the package measurement did not run or failed (see its warning)';
    return {
        platform,
        path: info.path || out.main.importPath,
        goVersion: info.goVersion,
        size: bin.size,
        modules: reportModules(info),
        ...(out.packages
            ? { packages: out.packages.sizes, packagesMethod: out.packages.method }
            : { packagesMissing: why })
    };
}
/**
 * Writes this build's report (output report): its sizes, binary, budget, the comparison with compare-to's report
 * (whose package and module deltas the log shows), the pull request it was built for (pullRequest, for a later
 * comment-from) and the run.
 */
function sizeReportStage(o, tags, run, ports) {
    const { logger } = ports;
    return {
        title: o.compareTo ? 'Go packages and modules against the baseline' : undefined,
        run: async (out) => {
            const binary = await reportBinary(out, o.packageSizes, logger);
            const report = {
                schemaVersion: REPORT_SCHEMA_VERSION,
                mediaType: REPORT_ARTIFACT_TYPE,
                image: o.image ? `${o.image.registry}/${o.image.repository}` : '',
                digest: out.images.top.digest,
                goVersion: out.go.version,
                platforms: out.images.images.map(size_platformSize),
                ...(binary ? { binary } : {}),
                ...(out.vulns ? { vulnerabilities: out.vulns.section } : {})
            };
            const base = out.baselineReport;
            const baseVulns = base?.report && readVulnSection(base.report.vulnerabilities);
            const url = run.github.runUrl;
            const file = {
                ...report,
                tags: out.push ? tags : [],
                pushed: out.push,
                budget: {
                    ...(o.maxSize ? { maxSize: o.maxSize } : {}),
                    ...(o.maxSizeIncrease ? { maxSizeIncrease: o.maxSizeIncrease.raw } : {}),
                    // vulnerabilities: fail's verdict stops the push through the gate, but it is no size budget.
                    failures: out.gate.failures.filter(f => f !== out.vulns?.failure)
                },
                ...(base
                    ? {
                        comparison: {
                            baseline: base.reference,
                            platforms: out.comparisons ?? [],
                            packages: diffReports(base.reference, base.report, report, base.why),
                            ...(out.vulns && baseVulns && !('missing' in baseVulns)
                                ? { vulnerabilities: baseVulns }
                                : {})
                        }
                    }
                    : {}),
                ...(run.pullRequest === undefined ? {} : { pullRequest: run.pullRequest }),
                ...(url ? { run: url } : {})
            };
            const d = file.comparison?.packages;
            if (d) {
                for (const line of [...moduleSection(d, false), ...packageSection(d, false)]) {
                    if (line)
                        logger.info(line);
                }
            }
            const where = external_node_path_.join(ports.tempDir, 'report.json');
            await (0,promises_.writeFile)(where, JSON.stringify(file, null, 2) + '\n');
            return { report: file, file: where };
        }
    };
}
/** The report as a referrer, for the attach stage: on the pushed image, and in the OCI layout when one is written. */
function reportStage(ociLayout) {
    return {
        run: async ({ sizeReport, images, push }) => {
            if (!push && !ociLayout)
                return undefined;
            const top = images.top;
            const subject = { mediaType: top.mediaType, digest: top.digest, size: top.size };
            const data = Buffer.from(JSON.stringify(attachedReport(sizeReport.report)));
            return [
                {
                    subject,
                    artifacts: [{ artifactType: REPORT_ARTIFACT_TYPE, mediaType: REPORT_ARTIFACT_TYPE, data }]
                }
            ];
        }
    };
}

// EXTERNAL MODULE: external "node:path/posix"
var posix_ = __webpack_require__(53916);
;// CONCATENATED MODULE: ./lib/compile/closure.js
// Finds the shared libraries a dynamically linked binary loads, as the dynamic loader would, from the ELF files alone (no ldd, which runs the binary).


class LibraryError extends Error {
    constructor(message) {
        super(message);
        this.name = 'LibraryError';
    }
}
/** Debian's multiarch directory names (the runner's /lib/<triplet>) by GOARCH. */
const MULTIARCH = {
    amd64: 'x86_64-linux-gnu',
    arm64: 'aarch64-linux-gnu',
    arm: 'arm-linux-gnueabihf',
    '386': 'i386-linux-gnu',
    ppc64le: 'powerpc64le-linux-gnu',
    s390x: 's390x-linux-gnu',
    riscv64: 'riscv64-linux-gnu'
};
/** Where glibc's loader looks last on Debian and most distributions: the multiarch, then the class, then the plain directories. */
function defaultLibraryDirs(architecture, bits) {
    const triplet = MULTIARCH[architecture];
    return [
        ...(triplet ? [`/lib/${triplet}`, `/usr/lib/${triplet}`] : []),
        ...(bits === 64 ? ['/lib64', '/usr/lib64'] : ['/lib32', '/usr/lib32']),
        '/lib',
        '/usr/lib'
    ];
}
/** C library functions that read the user or group database: glibc answers them through NSS. */
const USER_LOOKUPS = new Set([
    'getpwuid',
    'getpwuid_r',
    'getpwnam',
    'getpwnam_r',
    'getpwent',
    'getpwent_r',
    'getgrgid',
    'getgrgid_r',
    'getgrnam',
    'getgrnam_r',
    'getgrent',
    'getgrent_r',
    'getgrouplist',
    'initgroups'
]);
/** C library functions that resolve host names or addresses: glibc answers them through NSS too. */
const HOST_LOOKUPS = new Set([
    'getaddrinfo',
    'getnameinfo',
    'gethostbyname',
    'gethostbyname2',
    'gethostbyname_r',
    'gethostbyname2_r',
    'gethostbyaddr',
    'gethostbyaddr_r',
    'gethostent'
]);
/** Which NSS databases the imported symbols (name@VERSION or plain) use. */
function nssUse(imported) {
    const names = imported.map(s => s.replace(/@.*$/, ''));
    return {
        users: names.some(n => USER_LOOKUPS.has(n)),
        hosts: names.some(n => HOST_LOOKUPS.has(n))
    };
}
/** Replaces $ORIGIN (and ${ORIGIN}); undefined for a token this resolver cannot expand ($LIB, $PLATFORM). */
function expand(dir, origin) {
    const out = dir.replace(/\$(\{ORIGIN\}|ORIGIN(?![A-Za-z0-9_]))/g, origin);
    return out.includes('$') ? undefined : posix_.normalize(out);
}
/** The directories /etc/ld.so.conf lists, following `include` lines (with a * in their last element). */
async function ldSoConfDirs(fs, file = '/etc/ld.so.conf', depth = 0) {
    if (depth > 8)
        return [];
    const text = await fs.readFile(file).then(b => b.toString('utf8'), () => '');
    const dirs = [];
    for (const raw of text.split('\n')) {
        const line = raw.replace(/#.*$/, '').trim();
        if (!line)
            continue;
        const inc = /^include\s+(.+)$/.exec(line);
        if (!inc) {
            if (line.startsWith('/'))
                dirs.push(posix_.normalize(line));
            continue;
        }
        for (const pattern of inc[1].split(/\s+/)) {
            const abs = pattern.startsWith('/') ? pattern : posix_.join(posix_.dirname(file), pattern);
            const base = posix_.basename(abs);
            const names = base.includes('*')
                ? (await fs.readdir(posix_.dirname(abs)).catch(() => []))
                    .filter(n => new RegExp(`^${base.split('*').map(closure_escape).join('.*')}$`).test(n))
                    .sort()
                    .map(n => posix_.join(posix_.dirname(abs), n))
                : [abs];
            for (const f of names)
                dirs.push(...(await ldSoConfDirs(fs, f, depth + 1)));
        }
    }
    return dirs;
}
const closure_escape = (s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
/**
 * Resolves p inside the target root component by component, as the kernel does, recording each symbolic link
 * it crosses; undefined when a component is missing. A link loop fails.
 */
async function follow(fs, p, links = []) {
    let parts = p.split('/').filter(Boolean);
    let cur = '/';
    let hops = 0;
    for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (part === '.')
            continue;
        if (part === '..') {
            cur = posix_.dirname(cur);
            continue;
        }
        const next = posix_.join(cur, part);
        const st = await fs.lstat(next);
        if (!st)
            return undefined;
        if (st.kind === 'symlink') {
            if (++hops > 40)
                throw new LibraryError(`${p}: too many levels of symbolic links`);
            const target = await fs.readlink(next);
            if (!links.some(l => l.path === next))
                links.push({ path: next, target });
            // A relative target starts from the link's own directory (cur); an absolute one from the root.
            parts = [...target.split('/'), ...parts.slice(i + 1)].filter(Boolean);
            if (target.startsWith('/'))
                cur = '/';
            i = -1;
            continue;
        }
        if (i < parts.length - 1 && st.kind !== 'directory')
            return undefined;
        cur = next;
        if (i === parts.length - 1)
            return { real: cur, kind: st.kind, mode: st.mode, size: st.size };
    }
    const st = await fs.lstat(cur);
    return st && st.kind !== 'symlink'
        ? { real: cur, kind: st.kind, mode: st.mode, size: st.size }
        : undefined;
}
/**
 * The binary's shared-library closure: the loader (PT_INTERP), every DT_NEEDED library found as glibc's loader
 * searches (DT_RPATH unless DT_RUNPATH, DT_RUNPATH, ld.so.conf, the default directories; $ORIGIN expanded),
 * recursively, each checked to be for the binary's machine; and for glibc, what NSS needs for the user and host
 * lookups the binary makes.
 */
async function libraryClosure(input) {
    const { fs, binary, architecture } = input;
    const exe = (0,compile_elf/* readElf */.oU)(binary.elf);
    const want = (0,compile_elf/* machineName */.Fm)(architecture);
    const links = [];
    const files = new Map();
    const byReal = new Map();
    const cycles = [];
    const confDirs = input.ldSoConf ? await ldSoConfDirs(fs) : [];
    /** Reads and checks one candidate file; a file for another machine is skipped, as the loader skips it. */
    const open = async (name, candidate, rejected) => {
        const chain = [];
        const found = await follow(fs, candidate, chain);
        if (!found || found.kind !== 'file')
            return undefined;
        const buf = await fs.readFile(found.real);
        let info;
        try {
            info = (0,compile_elf/* readElf */.oU)(buf);
        }
        catch (e) {
            rejected.push(`${candidate} (${e.message})`);
            return undefined;
        }
        const wrong = (0,compile_elf/* machineMismatch */.iv)(info, architecture);
        if (wrong) {
            rejected.push(`${candidate} (a ${wrong} library, not ${want})`);
            return undefined;
        }
        for (const l of chain)
            if (!links.some(k => k.path === l.path))
                links.push(l);
        files.set(found.real, { path: found.real, mode: found.mode, size: found.size });
        return { name, path: candidate, realPath: found.real, info, symbols: () => (0,compile_elf/* dynamicSymbols */.Nj)(buf) };
    };
    const search = async (name, by, chain) => {
        const origin = by ? posix_.dirname(by.path) : posix_.dirname(binary.imagePath);
        const from = by?.info ?? exe;
        const dirs = [];
        if (name.includes('/'))
            dirs.push(posix_.dirname(name));
        else {
            // DT_RPATH counts only without DT_RUNPATH; the executable's DT_RPATH serves its libraries too.
            if (!from.runpath)
                dirs.push(...(from.rpath ?? []).map(d => expand(d, origin) ?? ''));
            if (by && !exe.runpath)
                dirs.push(...(exe.rpath ?? []).map(d => expand(d, posix_.dirname(binary.imagePath)) ?? ''));
            dirs.push(...(from.runpath ?? []).map(d => expand(d, origin) ?? ''));
            dirs.push(...confDirs, ...input.defaultDirs);
        }
        const base = posix_.basename(name);
        const rejected = [];
        const tried = [...new Set(dirs.filter(Boolean))];
        for (const dir of tried) {
            const got = await open(name, posix_.join(dir, base), rejected);
            if (got)
                return got;
        }
        const who = chain.length > 1
            ? `${chain[chain.length - 1]} (which ${chain.slice(0, -1).reverse().join(', which ')} needs)`
            : binary.name;
        throw new LibraryError(`${name}, needed by ${who}, was not found in ${tried.join(', ')}` +
            (rejected.length ? `; skipped ${rejected.join(', ')}` : '') +
            `. Install the ${want} library that provides ${name} on the runner (or in cgo-sysroot for another platform), ` +
            `or link it statically with cgo: static.`);
    };
    const libraries = [];
    const add = (lib, neededBy) => {
        const known = byReal.get(lib.realPath);
        if (known) {
            if (!known.neededBy.includes(neededBy))
                known.neededBy.push(neededBy);
            return false;
        }
        const entry = {
            name: lib.name,
            path: lib.path,
            realPath: lib.realPath,
            neededBy: [neededBy]
        };
        byReal.set(lib.realPath, entry);
        libraries.push(entry);
        return true;
    };
    const loaded = new Map();
    const walk = async (obj, stack) => {
        const info = obj?.info ?? exe;
        const me = obj?.name ?? binary.name;
        for (const name of info.needed) {
            const lib = await search(name, obj, stack);
            const known = byReal.get(lib.realPath);
            // Already loaded: the loader does not load it twice; if it is one of this library's own dependants, a cycle.
            if (known && stack.includes(known.name))
                cycles.push([...stack.slice(stack.indexOf(known.name)), known.name]);
            if (add(lib, me)) {
                loaded.set(lib.realPath, lib);
                await walk(lib, [...stack, name]);
            }
        }
    };
    let interpreter;
    if (exe.interpreter) {
        interpreter = exe.interpreter;
        const rejected = [];
        const loader = await open(exe.interpreter, exe.interpreter, rejected);
        if (!loader) {
            throw new LibraryError(`The loader ${exe.interpreter}, which ${binary.name} asks for (PT_INTERP), was not found` +
                (rejected.length ? ` for ${want}: ${rejected.join(', ')}` : '') +
                `. Install the ${want} C library (libc6 on Debian) on the runner, or in cgo-sysroot for another platform.`);
        }
        add(loader, binary.name);
        loaded.set(loader.realPath, loader);
    }
    await walk(undefined, [binary.name]);
    // NSS: glibc reads /etc/nsswitch.conf and loads the modules it names, unless (2.34 and later) libc has them built in.
    let nsswitch;
    const libc = [...loaded.values()].find(l => l.info.soname === 'libc.so.6' || l.name === 'libc.so.6');
    const use = nssUse((0,compile_elf/* dynamicSymbols */.Nj)(binary.elf)
        .filter(s => !s.defined)
        .map(s => s.name));
    if (libc && (use.users || use.hosts)) {
        const defined = new Set(libc
            .symbols()
            .filter(s => s.defined)
            .map(s => s.name.replace(/@.*$/, '')));
        const modules = [];
        if (use.users && !defined.has('_nss_files_getpwnam_r'))
            modules.push('libnss_files.so.2');
        if (use.hosts &&
            !defined.has('_nss_files_gethostbyname4_r') &&
            !modules.includes('libnss_files.so.2'))
            modules.push('libnss_files.so.2');
        if (use.hosts && !defined.has('_nss_dns_gethostbyname4_r'))
            modules.push('libnss_dns.so.2');
        for (const m of modules) {
            const lib = await search(m, libc, [binary.name, libc.name]);
            if (add(lib, libc.name)) {
                loaded.set(lib.realPath, lib);
                await walk(lib, [binary.name, libc.name, m]);
            }
        }
        nsswitch =
            [
                ...(use.users ? ['passwd: files', 'group: files'] : []),
                ...(use.hosts ? ['hosts: files dns'] : [])
            ].join('\n') + '\n';
    }
    return {
        interpreter,
        libraries,
        files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
        symlinks: links.sort((a, b) => (a.path < b.path ? -1 : 1)),
        cycles,
        nsswitch
    };
}

;// CONCATENATED MODULE: ./lib/compile/library-fs.js
// The target root a library closure is read from: the runner's / or a sysroot, as a LibraryFs over node:fs.


/** Paths inside root; a symlink's target is returned as written, so follow() resolves it inside root too. */
function rootFs(root) {
    const at = (p) => external_node_path_.join(root, p);
    return {
        lstat: async (p) => {
            const st = await (0,promises_.lstat)(at(p)).catch(() => undefined);
            if (!st)
                return undefined;
            const kind = st.isSymbolicLink()
                ? 'symlink'
                : st.isFile()
                    ? 'file'
                    : st.isDirectory()
                        ? 'directory'
                        : 'other';
            return { kind, mode: st.mode & 0o7777, size: st.size };
        },
        readlink: p => (0,promises_.readlink)(at(p)),
        readFile: p => (0,promises_.readFile)(at(p)),
        readdir: p => (0,promises_.readdir)(at(p))
    };
}

;// CONCATENATED MODULE: ./lib/rootfs/libraries.js
// The libraries layer of a cgo: dynamic image: the loader and the shared libraries the binary loads, with their links, and the Debian packages that own them.








/** Files keep their execute bit or not (libc is 0755, libm 0644 on Debian); nothing else of the host's mode. */
const normalMode = (mode) => (mode & 0o111 ? 0o755 : 0o644);
/** The layer for a closure read from root (/ or a sysroot): real files at their real paths, each link crossed. */
function librariesLayer(closure, root) {
    const entries = [
        ...closure.files.map(f => file(f.path.slice(1), external_node_path_.join(root, f.path), f.size, normalMode(f.mode))),
        ...closure.symlinks.map(l => symlink(l.path.slice(1), l.target))
    ];
    if (closure.nsswitch) {
        const conf = Buffer.from(closure.nsswitch);
        entries.push(file('etc/nsswitch.conf', conf, conf.length));
    }
    return { name: 'libraries', entries: withParents(entries) };
}
/**
 * Which Debian package owns each file, from dpkg -S; a file dpkg does not know is left out. dpkg records the
 * paths the package ships (/lib/x86_64-linux-gnu/libc.so.6), which on a merged-/usr system are not the real paths,
 * so both the path the loader finds and the real one are asked.
 */
async function debianOwners(runner, libraries) {
    const asked = [...new Set(libraries.flatMap(l => [l.path, l.realPath]))];
    if (!asked.length)
        return [];
    const res = await runner.run('dpkg', ['-S', ...asked], { silent: true }).catch(() => undefined);
    if (!res)
        return [];
    const byPath = new Map();
    // "libc6:amd64: /lib/x86_64-linux-gnu/libc.so.6"; a diversion line starts with "diversion by".
    for (const line of res.stdout.split('\n')) {
        const m = /^([^\s:][^:]*(?::[^:\s]+)?): (\/.*)$/.exec(line.trim());
        if (m && !line.startsWith('diversion'))
            byPath.set(m[2], m[1]);
    }
    const owners = new Map();
    for (const l of libraries) {
        const pkg = byPath.get(l.realPath) ?? byPath.get(l.path);
        if (!pkg)
            continue;
        const set = owners.get(pkg) ?? new Set();
        set.add(l.realPath.slice(1));
        owners.set(pkg, set);
    }
    return [...owners]
        .map(([name, paths]) => ({ name, paths: [...paths].sort() }))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
}
/**
 * cgo: dynamic: each platform's libraries layer, the closure of what its binary loads; the stage is left out with
 * cgo off. The runner's own packages name their files' owners (dpkg); a sysroot has no dpkg database to ask.
 */
function librariesStage(o, ports) {
    const { logger } = ports;
    return {
        title: o.cgo === 'dynamic' ? 'Stage the shared libraries' : undefined,
        run: async ({ binaries, cgo, main }) => {
            const out = new Map();
            for (const platform of o.platforms) {
                const name = (0,lib_platform/* platformString */.Fd)(platform);
                const build = cgo?.get(name);
                if (build?.mode !== 'dynamic' || !build.root)
                    continue;
                const bin = binaries.get(name);
                const elf = await (0,promises_.readFile)(bin.path);
                const closure = await libraryClosure({
                    fs: rootFs(build.root),
                    binary: { name: main.binaryName, imagePath: `/${main.binaryName}`, elf },
                    architecture: platform.architecture,
                    defaultDirs: defaultLibraryDirs(platform.architecture, (0,compile_elf/* readElf */.oU)(elf).bits),
                    ldSoConf: true
                });
                const layer = librariesLayer(closure, build.root);
                const sizes = new Map(closure.files.map(f => [f.path, f.size]));
                for (const l of closure.libraries) {
                    const size = sizes.get(l.realPath) ?? 0;
                    const at = l.path === l.realPath ? l.path : `${l.path} -> ${l.realPath}`;
                    logger.info(`${name}: ${l.name.padEnd(28)} ${at} (${formatBytes(size)}), needed by ${l.neededBy.join(', ')}`);
                }
                for (const c of closure.cycles)
                    logger.info(`${name}: a dependency cycle, loaded once: ${c.join(' -> ')}`);
                if (closure.nsswitch) {
                    logger.info(`${name}: /etc/nsswitch.conf (${closure.nsswitch.trim().replace(/\n/g, '; ')}): ${main.binaryName} looks ` +
                        `up users or hosts through the C library`);
                }
                if (build.root === '/') {
                    const packages = await debianOwners(ports.runner, closure.libraries);
                    if (packages.length) {
                        layer.packages = packages;
                        logger.info(`${name}: from the Debian packages ${packages.map(p => p.name).join(', ')}`);
                    }
                }
                out.set(name, layer);
            }
            return out;
        }
    };
}

;// CONCATENATED MODULE: ./lib/rootfs/platform-plans.js





function plansStage(o, github) {
    return {
        run: async ({ staged, binaries, source, main, libraries }) => {
            const labels = { ...ociLabels(github, rfc3339(source.epoch)), ...o.labels };
            const imageSettings = {
                user: o.user,
                workdir: o.workdir,
                env: mergeEnv([DEFAULT_PATH], staged.layers.some(l => l.name === 'certificates')
                    ? [`SSL_CERT_FILE=/${CA_BUNDLE_PATH}`]
                    : [], staged.env, o.env),
                entrypoint: o.entrypoint ?? [`/${main.binaryName}`],
                cmd: o.args,
                exposedPorts: o.expose,
                labels,
                // The OCI keys also go on the manifest, where registries show them without reading the config.
                annotations: Object.fromEntries(Object.entries(labels).filter(([k]) => k.startsWith('org.opencontainers.image.')))
            };
            return o.platforms.map(p => {
                const bin = binaries.get((0,lib_platform/* platformString */.Fd)(p));
                const libs = libraries?.get((0,lib_platform/* platformString */.Fd)(p));
                const layers = [
                    ...staged.layers,
                    ...(libs ? [libs] : []),
                    binaryLayer(bin.path, main.binaryName, bin.size)
                ];
                return { platform: p, plan: { layers: orderLayers(layers), image: imageSettings } };
            });
        }
    };
}

// EXTERNAL MODULE: ./node_modules/packageurl-js/index.js
var packageurl_js = __webpack_require__(87091);
;// CONCATENATED MODULE: ./lib/sbom/dpkg.js
// Answers the SBOM's few dpkg questions (who owns a file, which version is installed) from dpkg's database files, where they can answer as dpkg would; the caller asks dpkg itself otherwise.


/** Where dpkg keeps its database unless configured otherwise (dpkg --admindir). */
const DPKG_DIR = '/var/lib/dpkg';
/**
 * dpkg's status and list files, read once each and only for the packages asked about. `dpkg -S` reads every
 * package's file list (some 800 files, about 50 ms of CPU) and each dpkg-query is a process of its own; these
 * reads cost well under a millisecond. Every method answers undefined where the files cannot give dpkg's answer
 * for certain, and the caller then runs dpkg.
 */
class DpkgDatabase {
    dir;
    status;
    diversions;
    constructor(dir = DPKG_DIR) {
        this.dir = dir;
    }
    read(file) {
        try {
            return (0,external_node_fs_.readFileSync)(external_node_path_.join(this.dir, file), 'utf8');
        }
        catch {
            return null;
        }
    }
    /**
     * The package owning a regular file, when one of the candidates' lists names it. A file listed by a package
     * without an architecture in its list's name belongs to that package alone: dpkg takes a file out of the old
     * package's list when another package replaces it, and only Multi-Arch: same packages (whose lists are named
     * PKG:ARCH.list) share files. Undefined for a directory (many packages list those), a diverted path (dpkg -S
     * reports the diversion first), or a file no candidate lists.
     */
    owner(file, candidates) {
        if (!external_node_path_.isAbsolute(file))
            return undefined;
        try {
            if (!(0,external_node_fs_.statSync)(file).isFile())
                return undefined;
        }
        catch {
            return undefined;
        }
        this.diversions ??= (() => {
            const text = this.read('diversions');
            return text === null ? null : new Set(text.split('\n'));
        })();
        if (this.diversions === null || this.diversions.has(file))
            return undefined;
        for (const pkg of candidates) {
            // A package name has no '/' or ':' (Debian policy 5.6.1); anything else is no list of ours to open.
            if (!/^[a-z0-9][a-z0-9+.-]+$/.test(pkg))
                continue;
            const list = this.read(external_node_path_.join('info', `${pkg}.list`));
            if (list !== null && `\n${list}`.includes(`\n${file}\n`))
                return pkg;
        }
        return undefined;
    }
    /**
     * The version and architecture of an installed package (NAME or NAME:ARCH) from its one stanza in the status
     * file; undefined when the name has several (a Multi-Arch: same package installed for two architectures, which
     * dpkg-query prints one after the other), none, or one that is not installed.
     */
    version(name) {
        // A newline first, so the first stanza's Package line is found as every other one is.
        if (this.status === undefined) {
            const text = this.read('status');
            this.status = text === null ? null : `\n${text}`;
        }
        const text = this.status;
        if (text === null)
            return undefined;
        const [pkg, wantArch] = name.split(':');
        const head = `\nPackage: ${pkg}\n`;
        const found = [];
        for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, at + 1)) {
            const end = text.indexOf('\n\n', at + 1);
            const stanza = fields(text.slice(at + 1, end === -1 ? undefined : end));
            if (wantArch === undefined || stanza.Architecture === wantArch)
                found.push(stanza);
        }
        if (found.length !== 1)
            return undefined;
        const { Status: status, Version: version, Architecture: arch } = found[0];
        // "install ok installed", "hold ok installed": a removed package keeping its conffiles is dpkg-query's to describe.
        if (status?.split(' ')[2] !== 'installed' || !version || !arch)
            return undefined;
        return { version, arch };
    }
}
/** The top-level fields of one stanza (continuation lines, which start with a space, are left out). */
function fields(stanza) {
    const out = {};
    for (const line of stanza.split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0 && line[0] !== ' ' && line[0] !== '\t')
            out[line.slice(0, colon)] = line.slice(colon + 1).trim();
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/sbom/contents.js
// What one platform's image holds, for its SBOM: gathered from the pipeline's own data (the file plan, the binary's Go build information, the runner's packages), not by scanning the image afterwards.








const golangPurl = (modulePath, version) => {
    const cut = modulePath.lastIndexOf('/');
    const namespace = cut > 0 ? modulePath.slice(0, cut) : undefined;
    return new packageurl_js.PackageURL('golang', namespace, modulePath.slice(cut + 1), version).toString();
};
/** A module's h1: hash as hex: h1 is base64 of a sha256 (Go's dirhash.Hash1). */
function h1ToSha256(sum) {
    if (!sum?.startsWith('h1:'))
        return undefined;
    const raw = Buffer.from(sum.slice(3), 'base64');
    return raw.length === 32 ? raw.toString('hex') : undefined;
}
/** A dependency as it was compiled: its replacement if any, with what it replaced. */
function goModule(m) {
    const r = m.replace;
    if (!r) {
        return {
            path: m.path,
            version: m.version,
            ...(m.sum ? { sum: m.sum, sha256: h1ToSha256(m.sum) } : {}),
            purl: golangPurl(m.path, m.version)
        };
    }
    const replaces = { path: m.path, version: m.version };
    // A directory replacement (../lib, /src/lib) has no module version: the module keeps its required path.
    if (r.path.startsWith('.') || r.path.startsWith('/')) {
        return { path: m.path, replaces, directory: r.path, purl: golangPurl(m.path) };
    }
    return {
        path: r.path,
        version: r.version,
        ...(r.sum ? { sum: r.sum, sha256: h1ToSha256(r.sum) } : {}),
        replaces,
        purl: golangPurl(r.path, r.version)
    };
}
/**
 * The Go side of the image: the toolchain, the main module and every module compiled in. ldflags is the -ldflags
 * value of the go build command: Go leaves it out of the build information under -trimpath (golang/go#52372,
 * for the paths it may hold), and the action always builds with -trimpath.
 */
function goContents(info, ldflags) {
    const main = info.main && {
        path: info.main.path,
        // (devel) is what Go records for a build from a work tree: no version to name.
        ...(info.main.version && info.main.version !== '(devel)' ? { version: info.main.version } : {}),
        purl: golangPurl(info.main.path, info.main.version && info.main.version !== '(devel)' ? info.main.version : undefined)
    };
    return {
        toolchain: info.goVersion,
        stdlibPurl: new packageurl_js.PackageURL('golang', undefined, 'stdlib', info.goVersion).toString(),
        package: info.path,
        ...(main ? { main } : {}),
        deps: info.deps.map(goModule),
        settings: ldflags !== undefined && !info.settings.some(s => s.key === '-ldflags')
            ? [...info.settings, { key: '-ldflags', value: ldflags }]
            : info.settings
    };
}
async function digests(source) {
    const a = (0,external_node_crypto_.createHash)('sha256');
    const b = (0,external_node_crypto_.createHash)('sha1');
    if (typeof source === 'string') {
        for await (const chunk of (0,external_node_fs_.createReadStream)(source)) {
            a.update(chunk);
            b.update(chunk);
        }
    }
    else {
        a.update(source);
        b.update(source);
    }
    return { sha256: a.digest('hex'), sha1: b.digest('hex') };
}
async function imageFile(e, layer) {
    return { path: e.path, layer, size: e.size, ...(await digests(e.source)) };
}
/** The IANA release named in tzdata.zi ("# version 2025b"), which every tzdata build since 2018 writes. */
function tzdataVersionOf(tzdataZi) {
    return /^# version (\S+)/m.exec(tzdataZi)?.[1];
}
/** KEY=VALUE lines of /etc/os-release, unquoted. */
function parseOsRelease(text) {
    const out = {};
    for (const line of text.split('\n')) {
        const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
        if (m)
            out[m[1]] = m[2].replace(/^(["'])(.*)\1$/, '$2');
    }
    return out;
}
/**
 * An installed package by name, or the one owning a file (dpkg -S); undefined where there is no dpkg. The
 * database's files answer first where they can (a file in one of the candidates' lists, a package's one stanza),
 * dpkg and dpkg-query where they cannot: the answers are the same, without a process each.
 */
async function debPackage(runner, os, name, file, db) {
    const run = (args) => runner
        .run(args[0], args.slice(1), { silent: true })
        .then(r => (r.exitCode === 0 ? r.stdout.trim() : undefined))
        .catch(() => undefined);
    let pkg = name;
    if (!pkg && file) {
        // "tzdata: /usr/share/zoneinfo/tzdata.zi"; an arch-qualified name keeps its qualifier out of the name.
        pkg =
            db?.owner(file.path, file.candidates) ??
                (await run(['dpkg', '-S', file.path]))?.split('\n')[0]?.split(':')[0]?.trim();
    }
    if (!pkg)
        return undefined;
    let found = db?.version(pkg);
    if (!found) {
        const out = await run(['dpkg-query', '-W', '-f=${Version}\t${Architecture}', pkg]);
        const [version, arch] = out?.split('\t') ?? [];
        if (version && arch)
            found = { version, arch };
    }
    if (!found)
        return undefined;
    const { version, arch } = found;
    const distro = (os.ID || 'debian').toLowerCase();
    const distroVersion = os.VERSION_ID;
    // dpkg -S names a multiarch package with its architecture (libc6:amd64); the purl has it as arch=.
    pkg = pkg.split(':')[0];
    const purl = new packageurl_js.PackageURL('deb', distro, pkg, version, {
        arch,
        ...(distroVersion ? { distro: `${distro}-${distroVersion}` } : {})
    }).toString();
    return { name: pkg, version, arch, distro, ...(distroVersion ? { distroVersion } : {}), purl };
}
/**
 * The runner's packages behind the CA bundle and zoneinfo: ca-certificates (whose update-ca-certificates writes
 * the system bundle, which no package owns) or the package owning a given bundle, and tzdata. Each is asked
 * through the runner (after dpkgDir's files, when given), so a runner without dpkg gives none and the SBOM keeps
 * the files' digests only.
 */
async function hostPackages(o) {
    const os = parseOsRelease(await (0,promises_.readFile)(o.osRelease ?? '/etc/os-release', 'utf8').catch(() => ''));
    const db = o.dpkgDir === undefined ? undefined : new DpkgDatabase(o.dpkgDir);
    const out = {};
    for (const name of new Set(o.libraryPackages ?? [])) {
        const p = await debPackage(o.runner, os, name, undefined, db);
        if (p)
            (out.libraries ??= new Map()).set(name, p);
    }
    if (o.caSource) {
        const ca = o.caSystem
            ? await debPackage(o.runner, os, 'ca-certificates', undefined, db)
            : await debPackage(o.runner, os, undefined, { path: o.caSource, candidates: ['ca-certificates'] }, db);
        if (ca)
            out.caCertificates = ca;
    }
    if (o.zoneinfoRoot) {
        const zi = external_node_path_.join(o.zoneinfoRoot, 'tzdata.zi');
        const text = await (0,promises_.readFile)(zi, 'utf8').catch(() => undefined);
        const version = text === undefined ? undefined : tzdataVersionOf(text);
        if (version)
            out.tzdataVersion = version;
        const owned = { path: text === undefined ? o.zoneinfoRoot : zi, candidates: ['tzdata'] };
        const tz = await debPackage(o.runner, os, undefined, owned, db);
        if (tz) {
            out.tzdata = tz;
            // Debian's version starts with the IANA release: 2025b-0+deb12u2.
            out.tzdataVersion ??= /^(\d{4}[a-z])/.exec(tz.version)?.[1];
        }
    }
    return out;
}
/** Everything one platform's image holds, with digests, read from the file plan it was assembled from. */
async function imageContents(o) {
    const platform = [o.platform.os, o.platform.architecture, o.platform.variant]
        .filter(Boolean)
        .join('/');
    let binary;
    let info;
    let caBundle;
    let zoneinfo;
    const files = [];
    let libraries;
    for (const layer of o.plan.layers) {
        const regular = layer.entries.filter((e) => e.type === 'file');
        if (layer.name === 'binary') {
            const e = regular[0];
            const bytes = typeof e.source === 'string' ? await (0,promises_.readFile)(e.source) : e.source;
            info = (0,buildinfo/* readBuildInfo */.ro)(bytes);
            binary = await imageFile({ ...e, source: bytes }, layer.name);
        }
        else if (layer.name === 'certificates') {
            const e = regular.find(f => f.path === CA_BUNDLE_PATH);
            caBundle = {
                file: await imageFile(e, layer.name),
                sources: o.caSources,
                ...(o.host.caCertificates ? { package: o.host.caCertificates } : {})
            };
        }
        else if (layer.name === 'zoneinfo') {
            const zip = regular.find(f => f.path === ZONEINFO_ZIP_PATH);
            zoneinfo = {
                kind: zip ? 'zip' : 'tree',
                source: zip && typeof zip.source === 'string' ? zip.source : o.zoneinfoSource,
                files: regular.length,
                // Go's zoneinfo.zip carries the tzdata of its Go release, not the runner's.
                ...(!zip && o.host.tzdataVersion ? { tzdata: o.host.tzdataVersion } : {}),
                ...(!zip && o.host.tzdata ? { package: o.host.tzdata } : {}),
                ...(zip ? { zip: await imageFile(zip, layer.name) } : {})
            };
        }
        else {
            for (const e of regular)
                files.push(await imageFile(e, layer.name));
        }
        if (layer.name === 'libraries') {
            for (const owner of layer.packages ?? []) {
                const p = o.host.libraries?.get(owner.name);
                if (p)
                    (libraries ??= []).push({ package: p, paths: owner.paths });
            }
        }
    }
    if (!binary || !info)
        throw new Error(`sbom: the ${platform} image has no binary layer.`);
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
        platform,
        name: o.name,
        manifest: { mediaType: o.manifest.mediaType, digest: o.manifest.digest, size: o.manifest.size },
        created: o.created,
        binary,
        go: goContents(info, o.ldflags),
        ...(caBundle ? { caBundle } : {}),
        ...(zoneinfo ? { zoneinfo } : {}),
        files,
        ...(libraries ? { libraries } : {})
    };
}

// EXTERNAL MODULE: ./lib/sbom/spdx.js
var spdx = __webpack_require__(86746);
;// CONCATENATED MODULE: ./lib/sbom/documents.js
// The SBOM stages: one SBOM per platform, from the file plan and the built manifests, written under RUNNER_TEMP
// and handed to the attach stage as a referrer of its platform manifest; the runner's packages behind the
// certificates and zoneinfo layers are asked for while Go compiles.










const FORMATS = {
    spdx: {
        mediaType: formats/* SPDX_MEDIA_TYPE */.A,
        extension: 'spdx.json',
        // The note's module loads the CycloneDX library: only when there is something to note.
        write: async (c, findings) => (0,spdx/* spdxJson */.uK)(c, findings.length ? (await Promise.all(/* import() */[__webpack_require__.e(677), __webpack_require__.e(577)]).then(__webpack_require__.bind(__webpack_require__, 80606))).spdxVulnerabilityNote(findings) : '')
    },
    cyclonedx: {
        mediaType: formats/* CYCLONEDX_MEDIA_TYPE */.G,
        extension: 'cdx.json',
        // Loaded on use: the CycloneDX library is a large part of the bundle, which every run would parse at start-up.
        write: async (c, findings) => (await Promise.all(/* import() */[__webpack_require__.e(677), __webpack_require__.e(748), __webpack_require__.e(320)]).then(__webpack_require__.bind(__webpack_require__, 29320))).cyclonedxJson(c, findings)
    }
};
/** The packages behind the certificates and zoneinfo layers: they depend on the staged layers alone. */
function hostPackagesStage(o, ports) {
    return {
        run: async ({ staged }) => {
            // As the certificates layer was staged: the bundle (the runner's or the input's), then the extras.
            const caSources = staged.layers.find(l => l.name === 'certificates')?.sources ?? [];
            return hostPackages({
                runner: ports.runner,
                caSource: caSources[0],
                caSystem: o.caCertificates === 'system',
                zoneinfoRoot: o.zoneinfo === false ? undefined : (ports.zoneinfoRoot ?? '/usr/share/zoneinfo'),
                dpkgDir: DPKG_DIR
            });
        }
    };
}
/**
 * Beside the gate and the push: it needs the built manifests (the SBOM's subject) and reads only what the run
 * already has (the plan's files, the binaries' build information) plus the runner's packages.
 */
function sbomStage(o, ports) {
    const format = FORMATS[o.sbom];
    const { logger } = ports;
    const zoneinfoRoot = ports.zoneinfoRoot ?? '/usr/share/zoneinfo';
    return {
        title: `SBOM (${o.sbom})`,
        run: async ({ images, plans, source, main, cgo, hostPackages: staticHost, vulns }) => {
            const caSources = plans[0]?.plan.layers.find(l => l.name === 'certificates')?.sources ?? [];
            const libraryPackages = plans
                .flatMap(({ plan }) => plan.layers.flatMap(l => (l.name === 'libraries' ? (l.packages ?? []) : [])))
                .map(p => p.name);
            // cgo: dynamic: the libraries layer's packages are known only once the binaries are linked.
            const host = {
                ...staticHost,
                ...(libraryPackages.length
                    ? await hostPackages({
                        runner: ports.runner,
                        caSystem: false,
                        libraryPackages,
                        dpkgDir: DPKG_DIR
                    })
                    : {})
            };
            const name = o.image ? `${o.image.registry}/${o.image.repository}` : main.binaryName;
            const dir = external_node_path_.join(ports.tempDir, 'sbom');
            await (0,promises_.mkdir)(dir, { recursive: true });
            const out = [];
            for (const image of images.images) {
                const platform = (0,lib_platform/* platformString */.Fd)(image.platform);
                const plan = plans.find(p => (0,lib_platform/* platformString */.Fd)(p.platform) === platform).plan;
                const contents = await imageContents({
                    platform: image.platform,
                    plan,
                    manifest: image.manifest,
                    name,
                    created: rfc3339(source.epoch),
                    caSources,
                    // The command's own -ldflags: the build information leaves it out under -trimpath.
                    ldflags: buildArgs(cgoSettings(source.settings, cgo?.get(platform)), '')
                        .find(a => a.startsWith('-ldflags='))
                        ?.slice('-ldflags='.length),
                    zoneinfoSource: zoneinfoRoot,
                    host
                });
                const text = await format.write(contents, vulns?.results.get(platform)?.findings ?? []);
                const file = external_node_path_.join(dir, `${platform.replace(/\//g, '-')}.${format.extension}`);
                await (0,promises_.writeFile)(file, text);
                const { mediaType, digest, size } = image.manifest;
                logger.info(`${platform}: ${contents.go.deps.length} Go modules, ${contents.go.toolchain}` +
                    `${contents.caBundle?.package ? `, ca-certificates ${contents.caBundle.package.version}` : ''}` +
                    `${contents.zoneinfo?.tzdata ? `, tzdata ${contents.zoneinfo.tzdata}` : ''}` +
                    `, ${contents.files.length} system and user files -> ${file}`);
                out.push({
                    platform,
                    file,
                    subject: { mediaType, digest, size },
                    artifacts: [
                        {
                            artifactType: format.mediaType,
                            mediaType: format.mediaType,
                            data: Buffer.from(text)
                        }
                    ]
                });
            }
            return out;
        }
    };
}

;// CONCATENATED MODULE: ./lib/vuln/stages.js
// The vulnerability check's two stages: the database, opened once per run through the run's HTTP layer, and the
// check of each platform's binary, whose failure (with vulnerabilities: fail) the size gate adds to its own. The
// client and the matcher are loaded when a stage runs: a run with vulnerabilities: off never parses them.






/** The tool cache's folder for the database's index and entries, kept under its db.json modified time. */
const VULN_CACHE = 'go-scratch-image-vulndb';
/**
 * The database, fetched once per run (a monorepo's images share it): db.json is the one request of a warm run.
 * Each request goes through the run's HTTP layer with its retry policy, registry-timeout as the silence limit.
 */
function vulnDbStage(o, ports) {
    const mode = o.vulnerabilities === 'fail' ? 'fail' : 'report';
    return {
        // Silent (its line or warning waits in the queue): a titled stage here would stop Go's install from streaming.
        run: async (_got, log) => {
            const [{ openVulnDb }, { onDatabaseError }] = await Promise.all([
                __webpack_require__.e(/* import() */ 35).then(__webpack_require__.bind(__webpack_require__, 31035)),
                __webpack_require__.e(/* import() */ 781).then(__webpack_require__.bind(__webpack_require__, 10781))
            ]);
            const silence = (0,http_transport/* silenceOf */.Dp)(ports.fetch);
            const fetch = (0,retry/* serviceFetch */.M9)(ports.fetch, {
                service: 'the Go vulnerability database',
                timeoutInput: 'registry-timeout'
            });
            try {
                const db = await openVulnDb({
                    url: o.vulnDb,
                    fetch,
                    cacheDir: external_node_path_.join(ports.toolCacheDir, VULN_CACHE),
                    // A backstop behind the HTTP layer's own limits, whose message says more.
                    timeoutMs: (0,retry/* serviceBudget */.P1)(silence) + silence
                });
                log.info(`${db.url}: modified ${db.modified}`);
                return { db };
            }
            catch (e) {
                return { skipped: onDatabaseError(mode, e, m => log.warning(m)) };
            }
        }
    };
}
/**
 * Looks up each platform's binary (after the build, before the gate): with report it never fails, whatever goes
 * wrong; with fail, a database that cannot be used fails the step, and a reachable finding becomes the gate's.
 */
function vulnsStage(o) {
    const mode = o.vulnerabilities === 'fail' ? 'fail' : 'report';
    return {
        title: 'Known vulnerabilities',
        run: async ({ binaries, vulnDb }, log) => {
            const { checkBinary, failureMessage, onDatabaseError } = await __webpack_require__.e(/* import() */ 781).then(__webpack_require__.bind(__webpack_require__, 10781));
            const skipped = (why) => ({
                section: skippedSection(why),
                results: new Map()
            });
            if (!vulnDb)
                return skipped('vulnerabilities is off');
            if ('skipped' in vulnDb) {
                if (mode === 'fail')
                    throw new ports/* InputError */.d(vulnDb.skipped);
                return skipped(vulnDb.skipped);
            }
            const results = new Map();
            try {
                for (const [platform, bin] of binaries) {
                    const result = await checkBinary({
                        binary: await (0,promises_.readFile)(bin.path),
                        db: vulnDb.db,
                        allow: o.vulnAllow
                    });
                    results.set(platform, result);
                    log.info(findingsLine(platform, result));
                }
            }
            catch (e) {
                return skipped(onDatabaseError(mode, e, m => log.warning(m)));
            }
            const section = vulnSection([...results.values()]);
            const failure = mode === 'fail' ? failureMessage(section.findings) : undefined;
            return { section, results, ...(failure ? { failure } : {}) };
        }
    };
}
/** One log line per binary: what was found, by class. */
function findingsLine(platform, r) {
    const of = (want) => r.findings
        .filter(want)
        .map(f => f.id)
        .join(', ') || 'none';
    return (`${platform}: reachable ${of(f => f.reachability === 'reachable' && !f.allowed)}; ` +
        `allowed ${of(f => !!f.allowed)}; module only ${of(f => f.reachability === 'module-only')}` +
        (r.symbolsMissing ? ` (function table unreadable: ${r.symbolsMissing})` : ''));
}

;// CONCATENATED MODULE: ./lib/pipeline/stages.js
// Every stage of every mode, in one table: what each needs (the outputs it takes), what it comes after without
// taking anything (with the reason), which part of the action it serves, and in a run of several images whether
// it runs once or once per image. A stage starts once all it needs and comes after is done, so the stages of one
// block below run at once. The log's order is the engine's (graph.ts), never a reason for an edge; the bodies
// live in their domains (bodies.ts binds them); docs/architecture.md draws these tables.
const CHECKED_FIRST = 'inputs the disk can refute are checked before anything is logged in to, downloaded or compiled';
const BEFORE_GO = 'a refused credential or a busybox that cannot run in the image is an input error, found before Go is downloaded';
const MODULE_CACHE = 'go list reads the module cache, which the restore may fill';
const ONE_INDEX = "both write the OCI layout's index.json";
const TAGS_LAST = 'the tags come last: a failure before them (a referrer refused, GitHub refusing the attestation) leaves nothing tagged';
/** One image: the action's graph, and what a monorepo runs for each of its images. */
const BUILD = {
    // Checks, logins and busybox: nothing costly before them.
    preflight: { needs: [], per: 'run' },
    login: { needs: [], after: { preflight: CHECKED_FIRST } },
    mirrors: { needs: [], after: { preflight: CHECKED_FIRST } },
    busybox: { needs: [], after: { preflight: CHECKED_FIRST }, part: 'debug' },
    source: { needs: [], after: { preflight: CHECKED_FIRST } },
    baselineReport: { needs: [], after: { preflight: CHECKED_FIRST }, part: 'compare' },
    // Go.
    goVersion: {
        needs: [],
        after: { preflight: CHECKED_FIRST, login: BEFORE_GO, mirrors: BEFORE_GO, busybox: BEFORE_GO },
        per: 'run'
    },
    go: { needs: ['goVersion'], per: 'run' },
    goCache: { needs: ['go'], per: 'run' },
    cgo: { needs: ['go'], part: 'cgo' },
    main: { needs: ['go'], after: { goCache: MODULE_CACHE } },
    // The compile, beside the files every platform shares.
    binaries: {
        needs: ['go', 'source', 'main', 'goCache', 'cgo'],
        images: {
            inTurn: "each package's compile already runs its platforms at once, and Go's build cache then serves the next what they share"
        }
    },
    staged: { needs: ['go', 'source', 'main'] },
    hostPackages: { needs: ['staged'], part: 'sbom' },
    packages: { needs: ['go', 'source', 'binaries', 'cgo'] },
    libraries: { needs: ['binaries', 'cgo', 'main'], part: 'cgo' },
    // The vulnerability check (src/vuln/): the database once per run, then each platform's binary.
    vulnDb: { needs: [], after: { preflight: CHECKED_FIRST }, per: 'run', part: 'vulns' },
    vulns: { needs: ['binaries', 'vulnDb'], part: 'vulns' },
    // The images.
    plans: { needs: ['staged', 'binaries', 'source', 'main', 'libraries'] },
    context: { needs: ['plans', 'source'] },
    assembled: { needs: ['plans', 'source'], part: 'native' },
    dockerBuilt: { needs: ['plans', 'context', 'source'], part: 'docker' },
    images: { needs: ['assembled', 'dockerBuilt'] },
    debugImages: { needs: ['plans', 'source', 'busybox'], part: 'debug' },
    // What is made of them, the gate before the push, and the push by digest.
    layout: { needs: ['images'], part: 'layout' },
    load: { needs: ['images'], part: 'load' },
    comparisons: { needs: ['images'], part: 'compare' },
    sbom: {
        needs: ['images', 'plans', 'source', 'main', 'cgo', 'hostPackages', 'vulns'],
        part: 'sbom'
    },
    gate: { needs: ['images', 'comparisons', 'vulns'] },
    signed: { needs: ['images', 'gate', 'login', 'sbom'], part: 'provenance' },
    provenance: { needs: ['signed'], part: 'provenance' },
    push: {
        needs: ['gate', 'login', 'mirrors', 'images'],
        images: {
            inTurn: 'each push mounts the blobs of the image pushed before it',
            allOrNone: { gate: 'the images of one run are pushed all or none' }
        }
    },
    // After the push: the report, the referrers, the attestation, the -debug images; the tags last.
    debugPush: { needs: ['push', 'login', 'debugImages'], part: 'debug' },
    sizeReport: {
        needs: [
            'images',
            'gate',
            'comparisons',
            'packages',
            'binaries',
            'main',
            'go',
            'push',
            'baselineReport',
            'vulns'
        ]
    },
    report: { needs: ['sizeReport', 'images', 'push'] },
    comment: { needs: ['sizeReport'], part: 'comment' },
    attestation: { needs: ['signed', 'push', 'images'], part: 'provenance' },
    attach: {
        needs: ['push', 'login', 'mirrors', 'images', 'source', 'sbom', 'provenance', 'report'],
        after: { layout: ONE_INDEX }
    },
    tag: {
        needs: ['push', 'login', 'mirrors', 'images', 'debugImages', 'debugPush'],
        after: { attach: TAGS_LAST, attestation: TAGS_LAST },
        images: {
            inTurn: 'tags cannot be taken back at once: the images are tagged one after another, and a refusal stops there',
            afterEvery: {
                push: TAGS_LAST,
                attach: TAGS_LAST,
                attestation: TAGS_LAST,
                debugPush: TAGS_LAST
            },
            doneBefore: 'tagged'
        }
    },
    // A monorepo's first graph names its images (go list): phase one of monorepo.ts.
    mains: { needs: ['go'], after: { goCache: MODULE_CACHE }, per: 'run', monorepo: true }
};
/** merge-digests: the legs' manifests read from image's repository, gated, one index pushed by digest, tagged. */
const MERGE = {
    login: { needs: [] },
    legs: { needs: ['login'] },
    comparisons: { needs: ['legs'], part: 'compare' },
    gate: { needs: ['legs', 'comparisons'] },
    index: { needs: ['legs'] },
    push: { needs: ['login', 'gate', 'index'] },
    tag: { needs: ['login', 'push', 'index'] }
};

;// CONCATENATED MODULE: ./lib/pipeline/bodies.js
// Binds each stage of the tables (stages.ts) to its body in its domain, with the options and the ports it takes,
// and turns a table into the engine's graph: the stages of the parts this run has, their edges among them.































/** The parts of the action this run has (see Part in stages.ts). */
function partsOn(o) {
    const on = {
        cgo: o.build.cgo !== 'off',
        debug: o.image.debug,
        sbom: o.supplyChain.sbom !== 'none',
        provenance: o.supplyChain.provenance !== 'false',
        compare: !!o.report.compareTo,
        comment: o.report.comment,
        native: o.image.builder === 'native',
        docker: o.image.builder === 'docker',
        layout: !!o.publish.ociLayout,
        load: o.publish.load && !!o.publish.image,
        vulns: o.vuln.vulnerabilities !== 'off'
    };
    return new Set(Object.keys(on).filter(p => on[p]));
}
/**
 * The bodies of one image's stages (the BUILD table). plan holds the tags to write; compressor is the run's, which
 * the images of a monorepo share. Constructing a body does no work: those of the parts a run leaves out are made
 * and never run.
 */
function buildBodies(o, deps, plan, compressor) {
    const { logger } = deps;
    const tags = plan.tags;
    const hooks = compressorHooks(compressor, o.image, deps.toolCacheDir);
    const runnerArch = runnerGoArch(deps.nodeArch);
    const parallelism = deps.parallelism ?? external_node_os_.availableParallelism();
    const build = { ...o.build, ...o.image };
    const login = { ...o.publish, registry: o.registry, compareTo: o.report.compareTo };
    const checks = {
        logger,
        caBundleCandidates: deps.caBundleCandidates,
        zoneinfoRoot: deps.zoneinfoRoot
    };
    return {
        preflight: preflightStage(build, checks),
        login: loginStage(login, deps),
        mirrors: mirrorsStage(login, deps),
        busybox: busyboxStage(build, { runner: deps.runner, runnerArch }),
        source: sourceStage(o.build, o.github, deps.runner),
        // The parts left out are never run: compare-to, image and the SBOM format are there when they are.
        baselineReport: baselineReportStage({ compareTo: o.report.compareTo, image: o.publish.image, registry: o.registry }, deps),
        goVersion: goVersionStage({ ...o.go, ...o.build }, logger),
        go: goStage(o.go, deps),
        goCache: goCacheStage({ ...o.go, ...o.build }, deps),
        cgo: cgoStage(o.build, deps),
        main: mainStage(o.build, o.image, deps.runner),
        binaries: binariesStage(o.build, { ...deps, parallelism }, hooks.binaries),
        staged: stagedStage(build, checks, hooks.zoneinfo),
        hostPackages: hostPackagesStage(o.image, deps),
        packages: packagesStage({ ...o.report, ...o.build, ...o.publish }, deps),
        libraries: librariesStage(o.build, deps),
        vulnDb: vulnDbStage(o.vuln, deps),
        vulns: vulnsStage(o.vuln),
        plans: plansStage(build, o.github),
        context: contextStage(o.build, deps),
        assembled: assembledStage(o.image, compressor, logger),
        dockerBuilt: dockerBuiltStage(deps, compressor),
        images: imagesStage(o.image),
        debugImages: debugImagesStage(o.image, compressor, logger, i => sizeTable(size_platformSize(i))),
        layout: layoutStage(o.publish.ociLayout, tags, logger),
        load: loadStage(o.publish.image, tags, { ...deps, runnerArch }),
        comparisons: comparisonsStage({ ...o.report, ...o.publish, ...o.build, registry: o.registry }, deps),
        sbom: sbomStage({ sbom: o.supplyChain.sbom, image: o.publish.image }, deps),
        gate: gateStage(o.report, logger),
        signed: signedStage(o.supplyChain, o.github, deps),
        provenance: provenanceStage(),
        push: pushStage(o.publish, o.report.compareTo, logger),
        debugPush: debugPushStage(logger),
        sizeReport: sizeReportStage({ ...o.report, image: o.publish.image }, tags, { pullRequest: eventPullRequest(o.github), github: o.github }, deps),
        report: reportStage(o.publish.ociLayout),
        comment: commentStage({ token: o.report.githubToken, github: o.github, logger }),
        attestation: attestationStage(o.supplyChain, o.github, deps),
        attach: attachStage(o.publish.ociLayout, tags, deps),
        tag: tagStage(plan, logger, deps.sleep),
        mains: mainsStage({ ...o.build, ...o.publish, ...o.report }, o.image, deps)
    };
}
/** The merge graph's bodies (the MERGE table). */
function mergeGraphBodies(o, deps, plan) {
    return mergeBodies({ ...o, labels: o.image.labels }, deps, plan);
}
const fits = (checked) => checked;
fits();
fits();
/**
 * The engine's graph of a table: the rows take() keeps, each with its body, and only the edges between them (an
 * edge to a stage left out goes with it).
 */
function graphOf(table, bodies, take) {
    const rows = Object.entries(table).filter(([, row]) => take(row));
    const has = new Set(rows.map(([name]) => name));
    return rows.map(([name, row]) => {
        const body = bodies[name];
        return {
            name,
            needs: row.needs.filter(n => has.has(n)),
            after: Object.keys(row.after ?? {}).filter(n => has.has(n)),
            ...(body.title === undefined
                ? {}
                : { title: body.title }),
            run: body.run
        };
    });
}
/** The rows of one image's graph in a run whose parts are on. */
const imageRows = (on) => (row) => !row.monorepo && (!row.part || on.has(row.part));
/** One image's graph (the BUILD table): the action's, and each image's in a monorepo. */
function buildGraph(o, deps, plan, compressor) {
    return graphOf(BUILD, buildBodies(o, deps, plan, compressor), imageRows(partsOn(o)));
}
/** The merge's graph (the MERGE table). */
function mergeGraph(o, deps, plan) {
    return graphOf(MERGE, mergeGraphBodies(o, deps, plan), imageRows(partsOn(o)));
}

;// CONCATENATED MODULE: ./lib/pipeline/result.js



/** The entry of the images output for one image's result. */
function imageOf(o, name, r) {
    const refs = o.publish.image ? [o.publish.image, ...o.publish.mirrors] : [];
    return imageEntry({ name, refs, digest: r.digest, tags: r.tags, size: r.size, pushed: r.pushed });
}
/** The sizes part of a result, from the gate and the comparisons: the single values are the largest platform's. */
function sized(gate, comparisons) {
    const big = largest(gate.sizes);
    return {
        sizes: gate.sizes,
        comparisons,
        comparison: comparisons.find(c => c.platform === big.platform),
        gateFailures: gate.failures,
        size: big.size,
        uncompressedSize: big.uncompressedSize,
        binarySize: Math.max(...gate.sizes.map(s => s.binarySize))
    };
}
/** What one image's stage graph reports. */
function pipelineResult(o, out) {
    const top = out.images.top;
    const repo = o.publish.image ? `${o.publish.image.registry}/${o.publish.image.repository}` : '';
    return {
        ...sized(out.gate, out.comparisons ?? []),
        goVersion: out.go.version,
        digest: top.digest,
        imageRef: repo ? `${repo}@${top.digest}` : '',
        // What the tag stage left pointing at the image: a floating tag a newer release holds is not among them.
        tags: out.tag,
        pushed: out.push,
        // The summary shows the biggest; the report keeps every package.
        packages: out.packages && { ...out.packages, sizes: foldPackages(out.packages.sizes) },
        reportFile: out.sizeReport.file,
        packageDeltas: out.sizeReport.report.comparison?.packages,
        debugSize: out.debugImages && largest(out.debugImages.images.map(size_platformSize)).size,
        dockerfile: out.context.dockerfile,
        context: out.context.context,
        ociLayout: o.publish.ociLayout,
        ociReference: out.layout ?? '',
        cacheHit: !!out.goCache && out.goCache.matchedKey === out.goCache.key,
        attestation: out.attestation,
        sbom: out.sbom && Object.fromEntries(out.sbom.map(s => [s.platform, s.file])),
        ...(out.vulns
            ? {
                vulnerabilities: out.vulns.section,
                ...(out.vulns.failure ? { vulnFailures: [out.vulns.failure] } : {})
            }
            : {})
    };
}
/** What the merge graph reports: the same outputs and summary as a build, without Go or a Dockerfile. */
function mergeResult(o, out) {
    const repo = o.publish.image ? `${o.publish.image.registry}/${o.publish.image.repository}` : '';
    return {
        ...sized(out.gate, out.comparisons ?? []),
        goVersion: '',
        digest: out.index.digest,
        imageRef: `${repo}@${out.index.digest}`,
        tags: out.tag,
        pushed: out.push,
        dockerfile: '',
        context: '',
        ociLayout: '',
        ociReference: ''
    };
}

;// CONCATENATED MODULE: ./lib/pipeline/monorepo.js
// Builds every main package of a monorepo as its own image, from the BUILD table: the run's stages (per: 'run')
// and the monorepo's own (mains) first, in one graph; then one graph of every image's stages side by side, with
// one layer compressor, what the table's images column says (one image at a time, after every image, all or
// none), and the run's stages there again as stand-ins that hand on their first outputs.










const rowOf = (name) => BUILD[name];
const perRun = (name) => rowOf(name)?.per === 'run';
/** The options of one package's image: its package, binary name and repositories, and its own layout folder. */
function packageOptions(o, main, several) {
    const refs = imageRefs(o.publish.imageLines, main.name);
    return {
        ...o,
        build: { ...o.build, package: main.pkg, packages: [main.pkg], binaryName: main.name },
        publish: {
            ...o.publish,
            image: refs[0],
            mirrors: refs.slice(1),
            // Each image's layout in its own folder: one index.json cannot tell two images with the same tags apart.
            ociLayout: several && o.publish.ociLayout
                ? external_node_path_.join(o.publish.ociLayout, main.name)
                : o.publish.ociLayout
        },
        report: {
            ...o.report,
            compareTo: targets_checkTemplate(o.report.compareToLine, 'compare-to')
                ? parseReference(renderTemplate(o.report.compareToLine, main.name), 'compare-to')
                : o.report.compareTo
        }
    };
}
/** Whether a stage's output (the gate's) says the image breaks its budget. */
const failures = (out) => !!out.failures.length;
/**
 * One graph of every image's stages (named NAME/stage), the run's stages standing in with their first outputs
 * (shared). Besides each image's own edges: a run stage comes after every image's stages it comes after (so a
 * refused credential costs no compile); images.inTurn: after the image before's same stage; images.afterEvery:
 * after every image's such stages (every image is pushed with every referrer before any tag); images.allOrNone:
 * every image's gate, and nothing while another image is over its budget; images.doneBefore: a failure says what
 * the images before are already (tags cannot be taken back at once).
 */
function mergedStages(mains, perImage, shared) {
    const key = (i, name) => perRun(name) ? name : `${mains[i].name}/${name}`;
    const present = new Set(perImage[0].map(s => s.name));
    const everyImage = (names) => names.filter(n => present.has(n)).flatMap(n => mains.map((_, i) => key(i, n)));
    const several = mains.length > 1;
    const out = perImage[0]
        .filter(s => perRun(s.name))
        .map(s => ({
        name: s.name,
        needs: s.needs.filter(perRun),
        after: [
            ...(s.after ?? []).filter(perRun),
            ...everyImage([...s.needs, ...(s.after ?? [])].filter(n => !perRun(n)))
        ],
        run: async () => shared[s.name]
    }));
    perImage.forEach((stages, i) => {
        const name = mains[i].name;
        for (const s of stages) {
            if (perRun(s.name))
                continue;
            const images = rowOf(s.name)?.images ?? {};
            const decides = Object.keys(images.allOrNone ?? {});
            const gates = everyImage(decides);
            const view = (got) => Object.fromEntries(s.needs.map(n => [n, got[key(i, n)]]));
            const othersOver = (got) => mains
                .filter((_, j) => j !== i && decides.some(d => failures(got[key(j, d)])))
                .map(m => m.name);
            const title = s.title;
            out.push({
                name: key(i, s.name),
                needs: [...new Set([...s.needs.map(n => key(i, n)), ...gates])],
                after: [
                    ...(s.after ?? []).map(n => key(i, n)),
                    ...(images.inTurn && i > 0 ? [key(i - 1, s.name)] : []),
                    ...everyImage(Object.keys(images.afterEvery ?? {}))
                ],
                ...(title === undefined
                    ? {}
                    : {
                        title: typeof title === 'string' && !images.allOrNone
                            ? several
                                ? `${name}: ${title}`
                                : title
                            : got => {
                                if (othersOver(got).length)
                                    return undefined;
                                const t = typeof title === 'function' ? title(view(got)) : title;
                                return t && several ? `${name}: ${t}` : t;
                            }
                    }),
                run: async (got, log) => {
                    const over = othersOver(got);
                    if (over.length && !decides.some(d => failures(got[key(i, d)]))) {
                        log.info(`${name}: not pushed: ${over.join(', ')} ${over.length > 1 ? 'are' : 'is'} over the size budget, and the images of one run are pushed all or none.`);
                        return false;
                    }
                    if (!images.doneBefore || i === 0)
                        return s.run(view(got), log);
                    return s.run(view(got), log).catch((e) => {
                        const done = mains.slice(0, i).map(m => m.name);
                        throw new Error(`${name}: ${e.message} The images before it are ${images.doneBefore}: ${done.join(', ')}.`, { cause: e });
                    });
                }
            });
        }
    });
    return out;
}
/**
 * A monorepo's first graph: the run's stages and its own (mains). Go is installed, its caches restored and the main
 * packages listed once: go list needs the toolchain (and the module cache the restore fills). Logging in waits for
 * the images' graph, since their repositories are not known yet.
 */
function firstGraph(o, deps, plan, compressor) {
    const on = partsOn(o);
    return graphOf(BUILD, buildBodies(o, deps, plan, compressor), row => row.per === 'run' && (!row.part || on.has(row.part)));
}
/** A run of several images: see mergedStages; the result is the first image's, with every image's entry. */
async function runImages(o, deps, plan, graphLogger) {
    const compressor = layerCompressor(o.image, deps.toolCacheDir, deps.logger);
    const take = imageRows(partsOn(o));
    const phase1 = await runGraph(firstGraph(o, deps, plan, compressor), { logger: graphLogger });
    const mains = phase1.mains;
    const several = mains.length > 1;
    const options = mains.map(m => packageOptions(o, m, several));
    const perImage = await Promise.all(mains.map(async (m, i) => {
        // Each image's binaries, context and archives in a folder of their own.
        const tempDir = external_node_path_.join(deps.tempDir, 'images', m.name);
        await (0,promises_.mkdir)(tempDir, { recursive: true });
        // A push mounts the blobs of the image pushed before it, in each registry they share.
        const previous = options[i - 1]?.publish;
        const mountFrom = new Map(previous
            ? [previous.image, ...previous.mirrors].flatMap(r => r ? [[r.registry, r.repository]] : [])
            : []);
        const own = { ...options[i], publish: { ...options[i].publish, mountFrom } };
        options[i] = own;
        return graphOf(BUILD, buildBodies(own, { ...deps, tempDir }, plan, compressor), take);
    }));
    const out = await runGraph(mergedStages(mains, perImage, phase1), { logger: graphLogger });
    const results = mains.map((m, i) => {
        const view = Object.fromEntries(perImage[i].map(s => [s.name, out[perRun(s.name) ? s.name : `${m.name}/${s.name}`]]));
        const r = pipelineResult(options[i], view);
        return { r, image: imageOf(options[i], m.name, r) };
    });
    const head = results[0].r;
    const named = (name, f) => (several ? `${name}: ${f}` : f);
    const checked = results.filter(({ r }) => r.vulnerabilities);
    return {
        ...head,
        gateFailures: results.flatMap(({ r, image }) => r.gateFailures.map(f => named(image.name, f))),
        // Every image's findings and verdicts, not the first's alone: the count and the fail gate speak for the run.
        vulnerabilities: checked.length
            ? combineSections(checked.map(({ r, image }) => ({ name: image.name, section: r.vulnerabilities })), several)
            : undefined,
        vulnFailures: results.flatMap(({ r, image }) => (r.vulnFailures ?? []).map(f => named(image.name, f))),
        images: results.map(x => x.image)
    };
}

;// CONCATENATED MODULE: ./lib/pipeline/run.js
// Runs the pipeline: one image's stage graph, every image of a monorepo, or the merge of a matrix's digests; the
// tags are planned first, and a matrix leg writes its digest file last.











/**
 * A runner whose commands print into the calling stage's part of the log rather than straight to stdout, where
 * two builds running at once would mix their lines with each other and with the groups being written.
 */
function loggedRunner(runner, logger) {
    return {
        async run(command, args, options = {}) {
            if (options.silent)
                return runner.run(command, args, options);
            logger.info(`[command]${[command, ...args].join(' ')}`);
            const res = await runner.run(command, args, { ...options, silent: true });
            for (const text of [res.stdout, res.stderr])
                if (text.trim())
                    logger.info(text.trimEnd());
            return res;
        }
    };
}
/** Runs the merge (merge-digests): its own small graph reads the legs and pushes their index; nothing is built. */
async function runMerge(o, deps) {
    if (!o.publish.image)
        throw new ports/* InputError */.d('image: a merge needs the repository the legs pushed to.');
    const plan = await pushTags(o.publish, o.registry, o.github, deps);
    const out = await runGraph(mergeGraph(o, { ...deps, logger: stageLogger(deps.logger) }, plan), {
        logger: deps.logger
    });
    return mergeResult(o, out);
}
async function runPipeline(o, deps) {
    if (o.publish.mergeDigests.length)
        return runMerge(o, deps);
    // A matrix leg pushes by digest alone: the merge step tags the index.
    const plan = o.publish.pushByDigest
        ? { tags: [] }
        : await pushTags(o.publish, o.registry, o.github, deps);
    // Every stage logs through this one logger: lines land in the part of the log of the stage that writes them.
    const logger = stageLogger(deps.logger);
    const runner = loggedRunner(deps.runner, logger);
    if (fansOut({ ...o.build, ...o.publish, ...o.report }))
        return runImages(o, { ...deps, logger, runner }, plan, deps.logger);
    const compressor = layerCompressor(o.image, deps.toolCacheDir, logger);
    const graph = buildGraph(o, { ...deps, logger, runner }, plan, compressor);
    const out = (await runGraph(graph, { logger: deps.logger }));
    const result = pipelineResult(o, out);
    if (o.publish.pushByDigest && result.pushed)
        result.digestFile = await writeDigestFile(deps.env.RUNNER_TEMP || external_node_os_.tmpdir(), result.digest, result.sizes);
    return { ...result, images: [imageOf(o, out.main.binaryName, result)] };
}

;// CONCATENATED MODULE: ./lib/terminal.js
// What reaches a terminal, where no runner reads workflow commands (::group::, ::add-mask::, ::save-state:: …): plain lines or nothing, and *** for secrets.
/** Undoes the escaping @actions/core applies to a workflow command's data. */
function unescapeCommand(data) {
    return data.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}
/** A workflow command's data escaped as @actions/core does, so a multi-line message stays one command. */
function escapeCommand(data) {
    return data.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/**
 * Everything the command line prints passes through here, and what the action prints when it runs outside a
 * runner (scripts/quickstart.sh): secrets are replaced by ***. In a terminal the
 * workflow commands the Actions toolkit writes (::debug::, ::warning::, ::add-mask:: …, from @actions/tool-cache)
 * become plain lines or nothing, since no runner is there to read them; in a workflow step (actions) they are
 * left for the runner, which folds the groups and masks the secrets.
 */
class Output {
    verbose;
    sink;
    actions;
    secrets = [];
    constructor(verbose, sink, actions = false) {
        this.verbose = verbose;
        this.sink = sink;
        this.actions = actions;
    }
    mask(secret) {
        if (!secret || this.secrets.includes(secret))
            return;
        this.secrets.push(secret);
        // Longest first, so a secret that contains another is replaced whole.
        this.secrets.sort((a, b) => b.length - a.length);
    }
    redact(text) {
        for (const s of this.secrets)
            text = text.split(s).join('***');
        return text;
    }
    /** The plain form of one line: itself, a translated workflow command, or undefined to drop it. */
    plain(line) {
        const m = /^::([a-z-]+)(?: [^\n]*?)?::(.*?)\r?$/.exec(line);
        if (!m)
            return line;
        const text = unescapeCommand(m[2]);
        if (this.actions) {
            if (m[1] === 'add-mask')
                this.mask(text);
            return line;
        }
        switch (m[1]) {
            case 'debug':
                return this.verbose ? `debug: ${text}` : undefined;
            case 'warning':
                return `warning: ${text}`;
            case 'error':
                return `error: ${text}`;
            case 'notice':
                return text;
            case 'group':
                return `== ${text} ==`;
            case 'add-mask':
                this.mask(text);
                return undefined;
            default:
                // endgroup, save-state, set-output …: meant for a runner, meaningless here.
                return undefined;
        }
    }
    /** A chunk as it should reach the terminal; a dropped line takes its newline with it. */
    filter(chunk) {
        const parts = chunk.split('\n');
        let out = '';
        parts.forEach((line, i) => {
            const plain = this.plain(line);
            // The runner must read an ::add-mask:: whole; it never shows the line.
            const keep = this.actions && plain?.startsWith('::add-mask::');
            if (plain !== undefined)
                out += (keep ? plain : this.redact(plain)) + (i < parts.length - 1 ? '\n' : '');
        });
        return out;
    }
    print(text, to = 'out') {
        const filtered = this.filter(text);
        if (filtered)
            this.sink[to](filtered);
    }
}
/**
 * Routes everything written to stdout and stderr through output, including what go and @actions/* write on
 * their own, and returns the original writers for it to print with.
 */
function captureStdio(verbose, actions = false) {
    const raw = (stream) => {
        const write = stream.write.bind(stream);
        const hooked = (chunk, ...rest) => {
            const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
            const cb = rest.find((r) => typeof r === 'function');
            return write(output.filter(text), 'utf8', cb);
        };
        stream.write = hooked;
        return text => void write(text, 'utf8');
    };
    const sink = { out: raw(process.stdout), err: raw(process.stderr) };
    const output = new Output(verbose, sink, actions);
    return output;
}

;// CONCATENATED MODULE: ./lib/main.js
// The action's edge: reads inputs, runs the pipeline, sets outputs and the job summary; the only user of @actions/core.











const actions = inActions(process.env);
const logger = {
    info: m => core/* info */.pq(m),
    warning: m => (actions ? core/* warning */.$e(m) : core/* info */.pq(`warning: ${m}`)),
    debug: m => core/* debug */.Yz(m),
    // Outside a runner (the bundle run by hand, scripts/quickstart.sh) ::group:: lines would be printed as they are.
    // The stage graph ends each group with the phase's duration (src/pipeline/graph.ts).
    group: (name, fn) => (actions ? core/* group */.Os(name, fn) : (core/* info */.pq(`\n== ${name} ==`), fn())),
    mask: s => core/* setSecret */.Pq(s)
};
/**
 * The Go cache's port over @actions/cache. A stand-in for the package may lack isFeatureAvailable
 * (@github/local-action's stub does): the cache is then unavailable, which is a warning, not a crash.
 */
function buildCacheOf(actionsCache, log) {
    return {
        isAvailable: () => {
            if (typeof actionsCache.isFeatureAvailable === 'function')
                return actionsCache.isFeatureAvailable();
            log.debug('cache: this @actions/cache has no isFeatureAvailable(); treating the cache as unavailable.');
            return false;
        },
        restore: (paths, key, restoreKeys) => actionsCache.restoreCache(paths, key, restoreKeys),
        save: async (paths, key) => void (await actionsCache.saveCache(paths, key))
    };
}
/**
 * @actions/cache, loaded by the runs that use it: it and its Azure storage client are more than half of the
 * bundle, and parsing and evaluating them at start-up cost about 0.1 s of CPU (docs/benchmarks.md). ncc puts them
 * in a chunk of their own, read on first use; scripts/licenses.mjs lists every chunk's packages.
 */
async function loadBuildCache() {
    return buildCacheOf(await Promise.all(/* import() */[__webpack_require__.e(878), __webpack_require__.e(641)]).then(__webpack_require__.bind(__webpack_require__, 82641)), logger);
}
const STATE_POST = 'isPost';
const STATE_CACHE = 'goCache';
/** The runner runs dist/index.js twice, as main and as post; state saved by main tells them apart. */
function isPost() {
    return core/* getState */.Gu(STATE_POST) === 'true';
}
function setOutputs(r) {
    // Without GITHUB_OUTPUT, @actions/core would print ::set-output:: commands, which only a runner reads.
    if (!actions && !process.env.GITHUB_OUTPUT) {
        logger.info('Outputs: not written (no GITHUB_OUTPUT outside a runner); the command line (npx go-scratch-image) prints them.');
        return;
    }
    for (const [k, v] of Object.entries(actionOutputs(r)))
        core/* setOutput */.uH(k, v);
}
async function writeSummary(r, maxSize) {
    await core/* summary */.z.addRaw(renderSummary({ ...r, maxSize }), true).write();
}
async function main_run() {
    // Outside a runner (the bundle run by hand, scripts/quickstart.sh) no post step follows and no one reads workflow
    // commands: what @actions/* print (::debug::, ::add-mask::, ::error:: …) goes out as plain lines, secrets as ***.
    if (actions)
        core/* saveState */.LZ(STATE_POST, 'true');
    else
        captureStdio(core/* isDebug */._o());
    try {
        // Mask first: nothing below may log the password, even in an error message.
        const password = core/* getInput */.V4('registry-password');
        if (password)
            core/* setSecret */.Pq(password);
        const token = core/* getInput */.V4('github-token').trim();
        if (token)
            core/* setSecret */.Pq(token);
        // A vuln-db mirror behind Basic auth: its user:password@ masked as go-download-base-url's is.
        (0,mirror/* maskCredentials */.Bs)(core/* getInput */.V4('vuln-db').trim(), logger);
        // comment-from posts a report another job wrote (the fork-safe pattern): nothing is built or pushed.
        if (core/* getInput */.V4('comment-from').trim()) {
            const env = process.env;
            const { commentFrom: file } = parseComment(name => core/* getInput */.V4(name), env, env.GITHUB_WORKSPACE || process.cwd());
            const github = await readGitHubContext(env);
            await commentFrom(file, { token, github, logger, image: core/* getInput */.V4('image') });
            return;
        }
        const config = parseConfig(name => core/* getInput */.V4(name), process.env);
        const options = runOptions(config, await readGitHubContext(process.env), process.env);
        const deps = await edgeDeps({
            logger,
            env: process.env,
            tempRoot: process.env.RUNNER_TEMP || external_node_os_.tmpdir(),
            timeoutMs: config.registryTimeoutMs,
            buildCache: config.cache ? await loadBuildCache() : undefined
        });
        // Saved as soon as the compile succeeds: the post step (post-if: always()) keeps the warm caches even when
        // the size gate or the push fails this step afterwards.
        if (actions)
            deps.compiled = goCache => core/* saveState */.LZ(STATE_CACHE, JSON.stringify(goCache));
        const result = await runPipeline(options, deps);
        setOutputs(result);
        if (config.summary && process.env.GITHUB_STEP_SUMMARY)
            await writeSummary(result, config.maxSize);
        // The gate fails the step only now, so the outputs and the summary say by how much.
        if (result.gateFailures.length)
            core/* setFailed */.C1(result.gateFailures.join('\n'));
    }
    catch (e) {
        core/* setFailed */.C1(e instanceof Error ? e.message : String(e));
    }
}
/**
 * The post step: saves Go's caches after a successful compile, so the next run starts warm. It runs even when
 * the main step failed (post-if: always()); without a compile there is no state and nothing to save.
 */
async function main_post() {
    try {
        const raw = core/* getState */.Gu(STATE_CACHE);
        if (!raw)
            return;
        await saveGoCache(await loadBuildCache(), JSON.parse(raw), logger);
    }
    catch (e) {
        // A cache that cannot be saved never fails a build that succeeded.
        core/* warning */.$e(`cache: ${e.message}`);
    }
}


/***/ }),

/***/ 82480:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fd: () => (/* binding */ platformString),
/* harmony export */   Ng: () => (/* binding */ platformKey),
/* harmony export */   j2: () => (/* binding */ platformGoEnv),
/* harmony export */   qA: () => (/* binding */ parsePlatforms)
/* harmony export */ });
/* unused harmony export normalisePlatform */
/* harmony import */ var _ports_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(30391);
// Parses the platforms input into the os/arch/variant triples an image index and `go build` both need.

// What Go can build statically and a scratch image can run: the platforms with an OCI meaning.
const KNOWN = {
    amd64: ['', 'v1', 'v2', 'v3', 'v4'],
    arm64: ['', 'v8'],
    arm: ['v6', 'v7', ''],
    '386': [''],
    ppc64le: [''],
    s390x: [''],
    riscv64: ['']
};
function platformString(p) {
    return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
// The variant an architecture has when none is named, as containerd's and ko's platform matchers take it.
const IMPLIED_VARIANT = { amd64: 'v1', arm64: 'v8', arm: 'v7' };
/**
 * One form for platforms that are the same machine: arm64 = arm64/v8, amd64 = amd64/v1 (written without the
 * variant), arm = arm/v7 (written with it, as GOARM=7 and registries have it); a bare number variant (8) is
 * taken as v8. Every comparison of platforms goes through it, so a baseline or a Docker config that spells a
 * platform the other way still matches.
 */
function normalisePlatform(p) {
    const implied = IMPLIED_VARIANT[p.architecture];
    let variant = p.variant ? p.variant.replace(/^(\d)/, 'v$1') : undefined;
    if (p.architecture === 'arm')
        variant ??= implied;
    else if (variant === implied)
        variant = undefined;
    return variant
        ? { os: p.os, architecture: p.architecture, variant }
        : { os: p.os, architecture: p.architecture };
}
/** The normalised os/arch[/variant], for keys and comparisons. */
function platformKey(p) {
    return platformString(normalisePlatform(p));
}
function parsePlatforms(input) {
    const items = input
        .split(/[\n,]/)
        .map(s => s.trim())
        .filter(Boolean);
    if (items.length === 0)
        return [{ os: 'linux', architecture: 'amd64' }];
    const seen = new Set();
    return items.map(item => {
        const [os, architecture, variant, extra] = item.split('/');
        // hasOwn: an arch such as constructor must not find what every object has.
        const variants = architecture && Object.hasOwn(KNOWN, architecture) ? KNOWN[architecture] : undefined;
        if (os !== 'linux' ||
            !architecture ||
            !variants ||
            extra !== undefined ||
            !variants.includes(variant ?? '')) {
            throw new _ports_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(`platforms: '${item}' is not a supported platform. Use os/arch[/variant] with os linux and arch one of ` +
                `${Object.keys(KNOWN).join(', ')}, e.g. linux/amd64, linux/arm64, linux/arm/v7.`);
        }
        const p = normalisePlatform({ os, architecture, variant: variant || undefined });
        const key = platformString(p);
        if (seen.has(key))
            throw new _ports_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(`platforms: '${key}' is listed twice; list each platform once.`);
        seen.add(key);
        return p;
    });
}
/** GOOS, GOARCH and the variant variables (GOARM, GOAMD64) for one platform. */
function platformGoEnv(p) {
    const env = { GOOS: p.os, GOARCH: p.architecture };
    if (p.architecture === 'arm' && p.variant)
        env.GOARM = p.variant.slice(1);
    if (p.architecture === 'amd64' && p.variant)
        env.GOAMD64 = p.variant;
    return env;
}


/***/ }),

/***/ 30391:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ InputError)
/* harmony export */ });
// The small interfaces through which the pipeline reaches the outside world, so tests can pass fakes or real parts.
/** A user-facing failure: its message names the input, the bad value and the fix. */
class InputError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InputError';
    }
}


/***/ }),

/***/ 5917:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ SPDX_MEDIA_TYPE),
/* harmony export */   G: () => (/* binding */ CYCLONEDX_MEDIA_TYPE)
/* harmony export */ });
const SPDX_MEDIA_TYPE = 'application/spdx+json';
const CYCLONEDX_MEDIA_TYPE = 'application/vnd.cyclonedx+json';


/***/ }),

/***/ 86746:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rz: () => (/* binding */ documentNamespace),
/* harmony export */   X6: () => (/* binding */ imagePurl),
/* harmony export */   js: () => (/* binding */ TOOL),
/* harmony export */   uK: () => (/* binding */ spdxJson)
/* harmony export */ });
/* unused harmony export spdxDocument */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var packageurl_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87091);
// Writes one platform's image contents as an SPDX 2.3 JSON document, byte for byte the same for the same image.



const TOOL = 'go-scratch-image';
const NOASSERTION = 'NOASSERTION';
/** SPDXRef-… ids allow letters, digits, '.' and '-' only. */
function spdxId(kind, name, taken) {
    const base = `SPDXRef-${kind}-${name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '')}`;
    let id = base;
    for (let n = 2; taken.has(id); n++)
        id = `${base}-${n}`;
    taken.add(id);
    return id;
}
const purlRef = (purl) => ({
    referenceCategory: 'PACKAGE-MANAGER',
    referenceType: 'purl',
    referenceLocator: purl
});
/** The image as a purl: pkg:oci/NAME@DIGEST?arch=…&repository_url=… (purl-spec's oci type). */
function imagePurl(c) {
    const slash = c.name.lastIndexOf('/');
    const [os, arch, variant] = c.platform.split('/');
    return new packageurl_js__WEBPACK_IMPORTED_MODULE_1__.PackageURL('oci', undefined, c.name.slice(slash + 1), c.manifest.digest, {
        arch: variant ? `${arch}/${variant}` : arch,
        os: os,
        ...(slash > 0 ? { repository_url: c.name } : {})
    }).toString();
}
/** The package verification code of SPDX 2.3 §7.9: sha1 of the files' sorted sha1s, concatenated. */
function verificationCode(files) {
    const sorted = files.map(f => f.sha1).sort();
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha1').update(sorted.join('')).digest('hex');
}
function fileTypes(f) {
    if (f.layer === 'binary')
        return ['BINARY', 'APPLICATION'];
    if (f.layer === 'zoneinfo')
        return ['ARCHIVE'];
    if (f.layer === 'certificates' || f.layer === 'system')
        return ['TEXT'];
    return ['OTHER'];
}
/** A stable URI unique to this document: the image's name, platform and manifest digest. */
function documentNamespace(c) {
    const hex = c.manifest.digest.replace(/^sha256:/, '');
    const name = c.name.replace(/[^A-Za-z0-9._-]+/g, '-');
    return `https://spdx.org/spdxdocs/${TOOL}/${name}/${c.platform.replace(/\//g, '-')}/${hex}`;
}
/** The SPDX 2.3 document of one platform's image. */
function spdxDocument(c, note = '') {
    const taken = new Set();
    const annotation = (comment) => ({
        annotationDate: c.created,
        annotationType: 'OTHER',
        annotator: `Tool: ${TOOL}`,
        comment
    });
    const packages = [];
    const files = [];
    const relationships = [];
    const rel = (from, type, to) => {
        relationships.push({ spdxElementId: from, relationshipType: type, relatedSpdxElement: to });
    };
    const all = [
        c.binary,
        ...(c.caBundle ? [c.caBundle.file] : []),
        ...(c.zoneinfo?.zip ? [c.zoneinfo.zip] : []),
        ...c.files
    ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const imageId = spdxId('Image', c.name.slice(c.name.lastIndexOf('/') + 1), taken);
    packages.push({
        SPDXID: imageId,
        name: c.name,
        versionInfo: c.manifest.digest,
        downloadLocation: NOASSERTION,
        primaryPackagePurpose: 'CONTAINER',
        filesAnalyzed: true,
        packageVerificationCode: { packageVerificationCodeValue: verificationCode(all) },
        checksums: [{ algorithm: 'SHA256', checksumValue: c.manifest.digest.replace(/^sha256:/, '') }],
        externalRefs: [purlRef(imagePurl(c))],
        summary: `The ${c.platform} image (${c.manifest.mediaType}).`,
        copyrightText: NOASSERTION
    });
    rel('SPDXRef-DOCUMENT', 'DESCRIBES', imageId);
    const fileIds = new Map();
    for (const f of all) {
        const id = spdxId('File', f.path, taken);
        fileIds.set(f.path, id);
        files.push({
            SPDXID: id,
            fileName: `./${f.path}`,
            fileTypes: fileTypes(f),
            checksums: [
                { algorithm: 'SHA1', checksumValue: f.sha1 },
                { algorithm: 'SHA256', checksumValue: f.sha256 }
            ],
            copyrightText: NOASSERTION
        });
        rel(imageId, 'CONTAINS', id);
    }
    const goPackage = (m, purpose, extra = {}) => {
        const id = spdxId('Package-go', `${m.path}${m.version ? `-${m.version}` : ''}`, taken);
        const source = m.directory
            ? `replaced by the local directory ${m.directory} (replace ${m.replaces.path} ${m.replaces.version})`
            : m.replaces
                ? `replaces ${m.replaces.path} ${m.replaces.version} (go.mod replace directive)`
                : undefined;
        packages.push({
            SPDXID: id,
            name: m.path,
            ...(m.version ? { versionInfo: m.version } : {}),
            downloadLocation: NOASSERTION,
            primaryPackagePurpose: purpose,
            filesAnalyzed: false,
            ...(m.sha256 ? { checksums: [{ algorithm: 'SHA256', checksumValue: m.sha256 }] } : {}),
            externalRefs: [purlRef(m.purl)],
            ...(source ? { sourceInfo: source } : {}),
            ...(m.sum ? { comment: `go.sum hash ${m.sum}` } : {}),
            copyrightText: NOASSERTION,
            ...extra
        });
        return id;
    };
    const go = c.go;
    const mainId = go.main
        ? goPackage(go.main, 'APPLICATION', {
            summary: `The Go main module; main package ${go.package}.`,
            annotations: go.settings.map(s => annotation(`go build setting: ${s.key}=${s.value}`))
        })
        : undefined;
    const stdlibId = spdxId('Package-go-stdlib', go.toolchain, taken);
    packages.push({
        SPDXID: stdlibId,
        name: 'stdlib',
        versionInfo: go.toolchain,
        downloadLocation: NOASSERTION,
        primaryPackagePurpose: 'LIBRARY',
        filesAnalyzed: false,
        externalRefs: [purlRef(go.stdlibPurl)],
        summary: 'The Go standard library and runtime of the toolchain that built the binary.',
        copyrightText: NOASSERTION
    });
    const binaryId = fileIds.get(c.binary.path);
    // Without a main module (go build file.go) the binary itself carries the build settings.
    const root = mainId ?? binaryId;
    if (mainId) {
        rel(imageId, 'CONTAINS', mainId);
        rel(binaryId, 'GENERATED_FROM', mainId);
    }
    else {
        files.find(f => f.SPDXID === binaryId).annotations = go.settings.map(s => annotation(`go build setting: ${s.key}=${s.value}`));
    }
    rel(root, 'DEPENDS_ON', stdlibId);
    for (const m of go.deps)
        rel(root, 'DEPENDS_ON', goPackage(m, 'LIBRARY'));
    if (c.caBundle?.package) {
        const p = c.caBundle.package;
        const id = spdxId('Package-deb', `${p.name}-${p.version}`, taken);
        packages.push(debPackageJson(id, p, `Sources of /${c.caBundle.file.path}: ${c.caBundle.sources.join(', ')}.`));
        rel(imageId, 'CONTAINS', id);
        rel(fileIds.get(c.caBundle.file.path), 'GENERATED_FROM', id);
    }
    for (const lib of c.libraries ?? []) {
        const p = lib.package;
        const id = spdxId('Package-deb', `${p.name}-${p.version}`, taken);
        packages.push(debPackageJson(id, p, `Shared libraries: ${lib.paths.map(f => `/${f}`).join(', ')}.`));
        rel(imageId, 'CONTAINS', id);
        for (const f of lib.paths) {
            const fileId = fileIds.get(f);
            if (fileId)
                rel(fileId, 'GENERATED_FROM', id);
        }
        rel(binaryId, 'DEPENDS_ON', id);
    }
    const z = c.zoneinfo;
    if (z) {
        const id = spdxId('Package-tzdata', z.tzdata ?? z.kind, taken);
        const summary = z.kind === 'zip'
            ? `Go's zoneinfo.zip from ${z.source} (the tzdata of the Go release), ${z.files} file.`
            : `Zoneinfo from ${z.source}: ${z.files} files${z.tzdata ? `, IANA tzdata ${z.tzdata}` : ''}.`;
        packages.push(z.package
            ? debPackageJson(id, z.package, summary)
            : {
                SPDXID: id,
                name: 'tzdata',
                ...(z.tzdata ? { versionInfo: z.tzdata } : {}),
                downloadLocation: NOASSERTION,
                primaryPackagePurpose: 'OTHER',
                filesAnalyzed: false,
                summary,
                copyrightText: NOASSERTION
            });
        rel(imageId, 'CONTAINS', id);
        if (z.zip)
            rel(fileIds.get(z.zip.path), 'GENERATED_FROM', id);
    }
    return {
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: `${c.name}@${c.manifest.digest} (${c.platform})`,
        documentNamespace: documentNamespace(c),
        creationInfo: { created: c.created, creators: [`Tool: ${TOOL}`] },
        // SPDX 2.3 has no vulnerability field: the known vulnerabilities are a note (src/vuln/sbom.ts).
        ...(note ? { comment: note } : {}),
        packages,
        files,
        relationships
    };
}
function debPackageJson(id, p, summary) {
    return {
        SPDXID: id,
        name: p.name,
        versionInfo: p.version,
        downloadLocation: NOASSERTION,
        primaryPackagePurpose: 'OTHER',
        filesAnalyzed: false,
        supplier: `Organization: ${p.distro === 'ubuntu' ? 'Ubuntu' : 'Debian'}`,
        externalRefs: [purlRef(p.purl)],
        summary,
        copyrightText: NOASSERTION
    };
}
/** The document's bytes: two-space JSON and a final newline, keys in the order written. */
function spdxJson(c, note = '') {
    return `${JSON.stringify(spdxDocument(c, note), null, 2)}\n`;
}


/***/ }),

/***/ 58282:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lp: () => (/* binding */ binaryModules),
/* harmony export */   ZJ: () => (/* binding */ displayVersion),
/* harmony export */   cF: () => (/* binding */ matchFindings)
/* harmony export */ });
/* unused harmony exports STDLIB, isStdPackage */
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43475);

/** The module path the Go database files standard library entries under. */
const STDLIB = 'stdlib';
/** A version as people know it: the standard library's as Go's tag (go1.19.8), any other module's as it is. */
const displayVersion = (module, v) => module === STDLIB ? (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .semverToGoTag */ .uJ)(v) : v;
/**
 * Every module compiled into the binary, the standard library included, as govulncheck checks them: a replaced
 * module as its replacement (path and version; a directory replacement has no version, so nothing matches it,
 * as govulncheck's affected() says of an unknown version), the main module at its version ((devel) matches
 * nothing either).
 */
function binaryModules(info) {
    const out = [
        { path: STDLIB, version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .goTagToSemver */ .gj)(info.goVersion), importPath: '' }
    ];
    if (info.main) {
        out.push({ path: info.main.path, version: info.main.version, importPath: info.main.path });
    }
    for (const m of info.deps) {
        const r = m.replace;
        out.push(r
            ? {
                path: r.path,
                version: r.version,
                importPath: m.path,
                replaces: { path: m.path, version: m.version }
            }
            : { path: m.path, version: m.version, importPath: m.path });
    }
    return out;
}
/** A standard library package: its first path element has no dot (govulncheck's IsStdPackage). */
const isStdPackage = (pkg) => !(pkg.split('/')[0] ?? '').includes('.');
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const platformMatches = (value, list) => !value || !list?.length || list.includes(value);
/** Every finding, reachable first, then by ID and module. */
function matchFindings(o) {
    const owner = moduleOwner(o.modules);
    const findings = [];
    for (const m of o.modules) {
        if (m.version === '' || m.version === '(devel)')
            continue;
        for (const e of o.entries.get(m.path) ?? []) {
            if (e.withdrawn && Date.parse(e.withdrawn) < o.now.getTime())
                continue;
            const affecting = affectingOf(e, m, o);
            if (affecting.length === 0)
                continue;
            const found = o.symbols ? presence(affecting, m, o.symbols, owner) : undefined;
            const reachable = found ? found.packages.size > 0 : true;
            const fixed = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .earliestFix */ .rA)(affecting.flatMap(a => a.ranges), m.version);
            const allowed = allowFor(e, o.allow);
            findings.push({
                id: e.id,
                aliases: e.aliases,
                summary: (e.summary || e.details?.split('\n')[0] || '').trim(),
                module: m.path,
                version: m.version,
                ...(fixed ? { fixed } : {}),
                packages: [...(found?.packages ?? [])].sort(byName),
                symbols: [...(found?.symbols ?? [])].sort(byName),
                reachability: reachable ? 'reachable' : 'module-only',
                ...(allowed ? { allowed } : {})
            });
        }
    }
    return findings.sort((a, b) => (a.reachability === b.reachability ? 0 : a.reachability === 'reachable' ? -1 : 1) ||
        byName(a.id, b.id) ||
        byName(a.module, b.module));
}
/**
 * The entry's affected[] for this module (by its compiled path, so a replacement is checked as itself) whose
 * ranges hold its version, with the imports for other platforms dropped; an affected whose imports all were is
 * dropped too (govulncheck's affectingVulnerabilities).
 */
function affectingOf(e, m, o) {
    const out = [];
    for (const a of e.affected) {
        if (a.package.name !== m.path || !(0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .affects */ .bB)(a.ranges, m.version))
            continue;
        const imports = a.ecosystem_specific.imports.filter(p => platformMatches(o.goos, p.goos) && platformMatches(o.goarch, p.goarch));
        if (a.ecosystem_specific.imports.length && !imports.length)
            continue;
        out.push({ ...a, ecosystem_specific: { imports } });
    }
    return out;
}
/** Which module a binary package belongs to: the standard library, else the longest import path it starts with. */
function moduleOwner(modules) {
    const std = modules.find(m => m.path === STDLIB);
    const sorted = modules
        .filter(m => m.path !== STDLIB && m.importPath)
        .sort((a, b) => b.importPath.length - a.importPath.length);
    return pkg => isStdPackage(pkg)
        ? std
        : sorted.find(m => pkg === m.importPath || pkg.startsWith(`${m.importPath}/`));
}
/**
 * The vulnerable packages and symbols of the affecting ranges that the function table holds. An import with no
 * symbols is the whole package: present when any function of it is; an affected with no imports is the whole
 * module: present when any package of it is. The database names a replacement's packages by its own path; the
 * binary by the path the code imports, which replaces the prefix.
 */
function presence(affecting, m, table, owner) {
    const packages = new Set();
    const symbols = new Set();
    const inBinary = (dbPath) => m.path !== STDLIB && m.importPath !== m.path && dbPath.startsWith(m.path)
        ? m.importPath + dbPath.slice(m.path.length)
        : dbPath;
    for (const a of affecting) {
        if (a.ecosystem_specific.imports.length === 0) {
            for (const pkg of table.keys())
                if (owner(pkg) === m)
                    packages.add(pkg);
            continue;
        }
        for (const imp of a.ecosystem_specific.imports) {
            const pkg = inBinary(imp.path);
            const held = table.get(pkg);
            if (!held || owner(pkg) !== m)
                continue;
            if (!imp.symbols?.length) {
                packages.add(pkg);
                continue;
            }
            for (const s of imp.symbols) {
                if (!held.has(s))
                    continue;
                packages.add(pkg);
                symbols.add(`${pkg}.${s}`);
            }
        }
    }
    return { packages, symbols };
}
/** The vuln-allow line for an entry: its ID or any alias, compared without regard to case. */
function allowFor(e, allow) {
    const names = new Set([e.id, ...e.aliases].map(n => n.toUpperCase()));
    const hit = allow?.find(a => names.has(a.id.toUpperCase()));
    return hit ? { id: hit.id, ...(hit.reason ? { reason: hit.reason } : {}) } : undefined;
}


/***/ }),

/***/ 43475:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M7: () => (/* binding */ less),
/* harmony export */   bB: () => (/* binding */ affects),
/* harmony export */   gj: () => (/* binding */ goTagToSemver),
/* harmony export */   rA: () => (/* binding */ earliestFix),
/* harmony export */   uJ: () => (/* binding */ semverToGoTag)
/* harmony export */ });
/* unused harmony exports goCanonical, isGoSemver, compareGo, withV, containsSemver */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62088);
// Go's module version rules (golang.org/x/mod/semver and govulncheck's internal/semver) over the semver package: validity, order, Go tags, and whether an OSV range holds a version.

/**
 * A Go semantic version: `v`, then MAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]], numbers without leading zeros,
 * prerelease identifiers without leading zeros when numeric (x/mod/semver's parse). Pseudo-versions
 * (v0.0.0-20200101000000-abcdef123456, v1.2.4-0.20200101000000-abcdef123456) are prereleases of it, and
 * +incompatible is build metadata, which the order ignores.
 */
const GO_SEMVER = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(-(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?)?$/;
/** Numbers the semver package holds exactly (it compares numeric identifiers as JavaScript numbers). */
const SAFE_DIGITS = 15;
/**
 * The version without `v` and build metadata, shorthand completed (v1 is 1.0.0, v1.2 is 1.2.0), as the semver
 * package reads it; undefined when Go would call it invalid. A number longer than 15 digits is refused too: the
 * semver package would round it.
 */
function goCanonical(v) {
    return parsed(v)?.version;
}
/** Each version string parsed once: a check compares the same few (the binary's, the ranges' events) over and over. */
const memo = new Map();
function parsed(v) {
    if (memo.has(v))
        return memo.get(v);
    const c = parseGo(v);
    // The semver package refuses what it cannot hold (over 256 characters): invalid here too.
    const version = c === undefined ? undefined : (semver__WEBPACK_IMPORTED_MODULE_0__.parse(c) ?? undefined);
    if (memo.size > 10_000)
        memo.clear();
    memo.set(v, version);
    return version;
}
function parseGo(v) {
    const m = GO_SEMVER.exec(v);
    if (!m)
        return undefined;
    const [, major, minor = '0', patch = '0', pre = ''] = m;
    const numbers = [
        major,
        minor,
        patch,
        ...pre
            .slice(1)
            .split('.')
            .filter(id => /^\d+$/.test(id))
    ];
    if (numbers.some(n => n.length > SAFE_DIGITS))
        return undefined;
    return `${major}.${minor}.${patch}${pre}`;
}
/** x/mod/semver.IsValid. */
const isGoSemver = (v) => goCanonical(v) !== undefined;
/** x/mod/semver.Compare: an invalid version is below every valid one and equal to any other invalid one. */
function compareGo(a, b) {
    const x = parsed(a);
    const y = parsed(b);
    if (x === undefined || y === undefined)
        return x === y ? 0 : x === undefined ? -1 : 1;
    return x.compare(y);
}
/**
 * govulncheck's canonicalizeSemverPrefix: OSV versions come bare (1.2.3), module versions with v, toolchain
 * tags with go; all three are compared as v-versions.
 */
function withV(s) {
    let bare = s.startsWith('v') ? s.slice(1) : s;
    if (bare.startsWith('go'))
        bare = bare.slice(2);
    return `v${bare}`;
}
/** govulncheck's semver.Less, for versions with a v, go or no prefix. */
const less = (a, b) => compareGo(withV(a), withV(b)) < 0;
const GO_TAG = /^go(\d+\.\d+)(\.\d+|)((beta|rc|-pre)(\d+))?$/;
/**
 * The standard library's module version for a toolchain: go1.19.8 is v1.19.8, go1.21rc2 v1.21.0-rc.2, go1 v1.0.0
 * (govulncheck's GoTagToSemver); '' for what is no release tag (a devel toolchain).
 */
function goTagToSemver(tag) {
    const first = tag.trim().split(/\s+/)[0] ?? '';
    if (first === 'go1')
        return 'v1.0.0';
    const m = GO_TAG.exec(first);
    if (!m || first === 'go1.0')
        return '';
    let v = `v${m[1]}${m[2] || '.0'}`;
    if (m[3])
        v += `${m[4].startsWith('-') ? '' : '-'}${m[4]}.${m[5]}`;
    return v;
}
/**
 * The toolchain tag of a standard library version, for display, as govulncheck writes it (SemverToGoTag): v1.20.5
 * is go1.20.5, v1.20.0 go1.20, v1.21.0 go1.21.0, v1.20.0-rc.1 go1.20-rc1.
 */
function semverToGoTag(v) {
    if (v === 'v1.0.0')
        return 'go1';
    const c = goCanonical(v);
    if (c === undefined)
        return v;
    const cut = c.indexOf('-');
    const core = cut < 0 ? c : c.slice(0, cut);
    const pre = cut < 0 ? '' : c.slice(cut);
    const [major, minor, patch] = core.split('.');
    let tag = `go${major}.${minor}`;
    // From go1.21.0 on, the first release of a minor version keeps its .0; prereleases never have one.
    if (patch !== '0' || (!pre && compareGo(v, 'v1.21.0') >= 0))
        tag += `.${patch}`;
    return tag + pre.replace(/\.(\d+)$/, '$1');
}
/** The version an event is about; introduced "0" is the beginning of time. */
const eventVersion = (e) => e.fixed || e.introduced || '';
/**
 * Whether a SEMVER range holds v, as govulncheck's ContainsSemver: the events in version order (introduced 0
 * first), each introduced opens the range and each fixed closes it, left-closed and right-open.
 */
function containsSemver(r, v) {
    if (r.type !== 'SEMVER')
        return false;
    if (r.events.length === 0)
        return true;
    const sorted = [...r.events].sort((a, b) => {
        if (a.introduced === '0')
            return -1;
        if (b.introduced === '0')
            return 1;
        return compareGo(withV(eventVersion(a)), withV(eventVersion(b)));
    });
    let affected = false;
    for (const e of sorted) {
        if (!affected && e.introduced)
            affected = e.introduced === '0' || !less(v, e.introduced);
        else if (affected && e.fixed)
            affected = less(v, e.fixed);
    }
    return affected;
}
/** govulncheck's Affects: no ranges, or no SEMVER range among them, means every version is affected. */
function affects(ranges, v) {
    const semverRanges = (ranges ?? []).filter(r => r.type === 'SEMVER');
    if (semverRanges.length === 0)
        return true;
    return semverRanges.some(r => containsSemver(r, v));
}
/**
 * The earliest fix above v that no range reopens (govulncheck's FixedVersion), with a v prefix; undefined when
 * there is none.
 */
function earliestFix(ranges, v) {
    const fixes = ranges
        .filter(r => r.type === 'SEMVER')
        .flatMap(r => r.events.map(e => e.fixed ?? ''))
        .filter(f => f !== '' && less(v, f))
        .sort((a, b) => compareGo(withV(a), withV(b)));
    const fix = fixes.find(f => !ranges.some(r => containsSemver(r, f)));
    return fix === undefined ? undefined : withV(fix);
}


/***/ })

};
