// Reading Go build information from synthetic ELF files: both header formats, 32/64-bit, both byte orders, and bad input.
import { describe, expect, it } from '@jest/globals'
import {
  BuildInfoError,
  parseModInfo,
  readBuildInfo,
  unquotePrefix
} from '../../src/compile/buildinfo.js'
import { framed, goElf, inline, pointers, type Layout } from './buildinfo-fixture.js'
import { elf, EM } from './elf-fixture.js'

const MODINFO = [
  'path\texample.com/app/cmd/app',
  'mod\texample.com/app\tv1.0.0\th1:main=',
  'dep\tgolang.org/x/text\tv0.14.0\th1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=',
  'dep\texample.com/old\tv1.2.3',
  '=>\texample.com/new\tv1.3.0\th1:new=',
  'dep\texample.com/local\tv0.0.0',
  '=>\t../local\t(devel)\t',
  '',
  'build\t-compiler=gc',
  'build\t-ldflags="-s -w -X \\"main.version=1 2\\""',
  'build\t"we ird"=`raw value`',
  'build\tCGO_ENABLED=0',
  'build\tvcs.revision=0123abcd',
  'build\tempty=',
  ''
].join('\n')

const EXPECTED = {
  goVersion: 'go1.21.5',
  path: 'example.com/app/cmd/app',
  main: { path: 'example.com/app', version: 'v1.0.0', sum: 'h1:main=' },
  deps: [
    {
      path: 'golang.org/x/text',
      version: 'v0.14.0',
      sum: 'h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ='
    },
    {
      path: 'example.com/old',
      version: 'v1.2.3',
      replace: { path: 'example.com/new', version: 'v1.3.0', sum: 'h1:new=' }
    },
    {
      path: 'example.com/local',
      version: 'v0.0.0',
      replace: { path: '../local', version: '(devel)' }
    }
  ],
  settings: [
    { key: '-compiler', value: 'gc' },
    { key: '-ldflags', value: '-s -w -X "main.version=1 2"' },
    { key: 'we ird', value: 'raw value' },
    { key: 'CGO_ENABLED', value: '0' },
    { key: 'vcs.revision', value: '0123abcd' },
    { key: 'empty', value: '' }
  ]
}

const LAYOUTS: Layout[] = [
  { bits: 64, le: true },
  { bits: 64, le: false },
  { bits: 32, le: true },
  { bits: 32, le: false }
]
const FORMATS = { inline, pointers }

describe('readBuildInfo', () => {
  describe.each(Object.keys(FORMATS) as (keyof typeof FORMATS)[])('%s format', format => {
    it.each(LAYOUTS)('reads a $bits-bit binary (little-endian: $le)', layout => {
      const payload = FORMATS[format]('go1.21.5', framed(MODINFO))
      expect(readBuildInfo(goElf({ ...layout, payload }))).toEqual(EXPECTED)
    })

    it.each(LAYOUTS)(
      'finds the header in the data segment without section headers ($bits-bit, little-endian: $le)',
      layout => {
        const payload = FORMATS[format]('go1.21.5', framed(MODINFO))
        const bin = goElf({ ...layout, payload, sections: false, before: 48 })
        expect(readBuildInfo(bin)).toEqual(EXPECTED)
      }
    )
  })

  it('reads a binary built outside a module: the version, and no module information', () => {
    const payload = inline('go1.22.0', Buffer.alloc(0))
    expect(readBuildInfo(goElf({ bits: 64, le: true, payload }))).toEqual({
      goVersion: 'go1.22.0',
      path: '',
      deps: [],
      settings: []
    })
  })

  it('does not take a header that is not aligned to 16 bytes', () => {
    const payload = inline('go1.21.5', framed(MODINFO))
    const bin = goElf({ bits: 64, le: true, payload, sections: false, before: 40 })
    expect(() => readBuildInfo(bin)).toThrow(/has no Go build information/)
  })

  it('says a static binary without build information has none', () => {
    const bin = elf({ bits: 64, littleEndian: true, machine: EM.X86_64 })
    expect(() => readBuildInfo(bin)).toThrow(BuildInfoError)
    expect(() => readBuildInfo(bin)).toThrow(
      /The binary has no Go build information \(no \.go\.buildinfo section and no build information header/
    )
  })

  it('says a file that is not ELF is not', () => {
    expect(() => readBuildInfo(Buffer.from('#!/bin/sh\necho hi\n'))).toThrow(
      'Cannot read Go build information: it is not an ELF file.'
    )
    expect(() => readBuildInfo(Buffer.alloc(0))).toThrow(BuildInfoError)
  })

  it('says build information cut short is truncated', () => {
    const bin = goElf({ bits: 64, le: true, payload: inline('go1.21.5', framed(MODINFO)) })
    // The payload cut in the middle of the module information, with intact section headers after it.
    const cut = goElf({
      bits: 64,
      le: true,
      payload: l => inline('go1.21.5', framed(MODINFO))(l).subarray(0, 200)
    })
    expect(() => readBuildInfo(cut)).toThrow(/its build information is truncated/)
    expect(readBuildInfo(bin)).toEqual(EXPECTED)
  })

  it.each(LAYOUTS)(
    'fails only with a BuildInfoError on every truncation ($bits-bit, little-endian: $le)',
    layout => {
      for (const format of Object.values(FORMATS)) {
        const bin = goElf({ ...layout, payload: format('go1.21.5', framed(MODINFO)) })
        for (let n = 0; n < bin.length; n++) {
          let result: unknown
          try {
            result = readBuildInfo(bin.subarray(0, n))
          } catch (e) {
            expect(e).toBeInstanceOf(BuildInfoError)
            continue
          }
          // Losing only the section headers leaves the data segment to find the same information in.
          expect(result).toEqual(EXPECTED)
        }
      }
    }
  )

  it('rejects a pointer size other than 4 or 8 in the old format', () => {
    const payload = (l: Layout, vaddr: number): Buffer => {
      const b = pointers('go1.17', framed(MODINFO))(l, vaddr)
      b[14] = 3
      return b
    }
    expect(() => readBuildInfo(goElf({ bits: 64, le: true, payload }))).toThrow(
      /pointer size 3 is not 4 or 8/
    )
  })

  it('rejects old-format pointers that lead outside the file', () => {
    const payload = (l: Layout, vaddr: number): Buffer => {
      const b = pointers('go1.17', framed(MODINFO))(l, vaddr)
      b.writeBigUInt64LE(0xffffffffffn, 16)
      return b
    }
    expect(() => readBuildInfo(goElf({ bits: 64, le: true, payload }))).toThrow(
      /its build information is truncated or points outside the file/
    )
  })
})

describe('parseModInfo', () => {
  it('takes a go line, and skips lines it does not know', () => {
    expect(parseModInfo('go\tgo1.22.1\npath\tx\nfuture\tthing\nnotab\n')).toEqual({
      goVersion: 'go1.22.1',
      path: 'x',
      deps: [],
      settings: []
    })
  })

  it('ignores a last line without a newline, as Go does', () => {
    expect(parseModInfo('path\tx\nbuild\tA=1').settings).toEqual([])
  })

  it.each([
    ['=>\tx\tv1\t\n', /line 1: a replacement with no module on the line before/],
    ['dep\ta\tv1\n=>\tb\tv2\t\n=>\tc\tv3\t\n', /line 3: a replacement with no module/],
    ['dep\ta\tv1\th1:x\textra\n', /line 1: expected 2 or 3 columns, got 4/],
    ['dep\ta\n', /expected 2 or 3 columns, got 1/],
    ['dep\ta\tv1\n=>\tb\tv2\n', /line 2: expected 3 columns for a replacement, got 2/],
    ['build\t=x\n', /a build setting with no key/],
    ['build\tnoequals\n', /a build setting with no "="/],
    ['build\t"k"x\n', /a malformed quoted build setting key/],
    ['build\tk="unterminated\n', /a malformed quoted value for the build setting k/],
    ['build\tk="a"b\n', /a malformed quoted value for the build setting k/]
  ])('rejects %j', (text, message) => {
    expect(() => parseModInfo(text)).toThrow(BuildInfoError)
    expect(() => parseModInfo(text)).toThrow(message)
  })
})

describe('unquotePrefix', () => {
  it('decodes strconv.Quote escapes, including bytes that form UTF-8', () => {
    const q = String.raw`"a\tb\x41\101\u00e9\U0001F600\"\\\a\n\xc3\xa9"rest`
    expect(unquotePrefix(q)).toEqual({
      value: 'a\tbAAé\u{1F600}"\\\x07\né',
      rest: 'rest'
    })
    expect(unquotePrefix('"日本 語"=x')).toEqual({ value: '日本 語', rest: '=x' })
  })

  it('takes a raw backquoted string as it is', () => {
    expect(unquotePrefix('`a\\n "b"`=c')).toEqual({ value: 'a\\n "b"', rest: '=c' })
  })

  it.each(['"abc', '`abc', 'abc', '"\\q"', '"\\x4"', '"\\400"', '"\\ud800"', '"a\nb"', '"\\'])(
    'rejects %j',
    s => {
      expect(unquotePrefix(s)).toBeUndefined()
    }
  )
})
