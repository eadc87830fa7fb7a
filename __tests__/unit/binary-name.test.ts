// binary-name: the top-level paths the image needs, the names refused and accepted, and properties of the parser
// over arbitrary strings (fast-check): it throws nothing but InputError and keeps every valid name as given.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { parseConfig } from '../../src/config.js'
import { InputError } from '../../src/ports.js'
import {
  checkBinaryName,
  imageTopLevel,
  parseBinaryName,
  type ImagePaths
} from '../../src/rootfs/binary-name.js'

const paths = (o: Partial<ImagePaths> = {}): ImagePaths => ({
  workdir: '/',
  zoneinfo: true,
  caCertificates: 'system',
  extraCaCertificates: [],
  debug: false,
  ...o
})
const taken = imageTopLevel(paths())

describe('imageTopLevel', () => {
  it('lists what the file plan puts at the top and what runtimes mount', () => {
    expect([...taken.keys()].sort()).toEqual(
      ['dev', 'etc', 'home', 'proc', 'root', 'run', 'sys', 'tmp', 'usr', 'var'].sort()
    )
    expect(taken.get('home')).toBe('the directory that holds /home/nonroot')
    expect(taken.get('etc')).toBe('the directory that holds /etc/passwd')
    expect(taken.get('proc')).toBe('runtimes mount procfs there')
  })

  it('follows the inputs that change the plan: workdir, zoneinfo, certificates and debug', () => {
    const other = imageTopLevel(
      paths({ workdir: '/srv/data', zoneinfo: false, caCertificates: 'none', debug: true })
    )
    expect(other.get('srv')).toBe('the directory that holds /srv/data')
    expect(other.has('usr')).toBe(false)
    expect(other.get('etc')).toBe('the directory that holds /etc/passwd')
    expect(other.get('busybox')).toBe('the busybox of the -debug image')
  })
})

describe('checkBinaryName', () => {
  it.each([
    [
      'home',
      "binary-name: 'home' would put the binary at /home, a path the image needs (the directory that holds /home/nonroot). Set binary-name to another name, e.g. binary-name: home-app."
    ],
    [
      'tmp',
      "binary-name: 'tmp' would put the binary at /tmp, a path the image needs (the directory /tmp). Set binary-name to another name, e.g. binary-name: tmp-app."
    ],
    [
      'proc',
      "binary-name: 'proc' would put the binary at /proc, a path the image needs (runtimes mount procfs there). Set binary-name to another name, e.g. binary-name: proc-app."
    ],
    [
      '.',
      "binary-name: '.' is not a file name: /. is the image root. Set binary-name to another name, e.g. binary-name: app."
    ],
    [
      '..',
      "binary-name: '..' is not a file name: /.. is the image root's parent. Set binary-name to another name, e.g. binary-name: app."
    ],
    [
      '.wh.etc',
      "binary-name: '.wh.etc' starts with .wh., which OCI layers read as deleting /etc. Set binary-name to another name, e.g. binary-name: etc-app."
    ],
    [
      'bin/app',
      "binary-name: 'bin/app' is not a plain file name (letters, digits, '.', '_', '-'). Set binary-name to another name, e.g. binary-name: app."
    ],
    [
      'a'.repeat(256),
      `binary-name: '${'a'.repeat(256)}' is longer than the 255 bytes a file name may have. Set binary-name to another name, e.g. binary-name: app.`
    ]
  ])('refuses %s, naming the collision and a name that works', (name, message) => {
    expect(() => checkBinaryName(name, taken)).toThrow(new InputError(message))
  })

  it('says where a derived name comes from', () => {
    expect(() => checkBinaryName('tmp', taken, { pkg: 'example.com/tools/tmp' })).toThrow(
      "binary-name: the binary is named 'tmp' after the package example.com/tools/tmp, and would put the binary at /tmp, a path the image needs (the directory /tmp). Set binary-name to another name, e.g. binary-name: tmp-app."
    )
    // Go names binaries after any import path element; only a given binary-name must be a plain name.
    expect(() => checkBinaryName('app+v2', taken, { pkg: 'example.com/app+v2' })).not.toThrow()
  })

  it.each(['app', 'home-app', 'v2', '.hidden', 'a'.repeat(255), 'usr-local', 'Home'])(
    'accepts %s',
    name => expect(() => checkBinaryName(name, taken)).not.toThrow()
  )
})

/** Names binary-name accepts: plain characters, not . or .., no whiteout prefix, at most NAME_MAX bytes. */
const validName = fc
  .stringMatching(/^[A-Za-z0-9._-]{1,255}$/)
  .filter(n => n !== '.' && n !== '..' && !n.startsWith('.wh.') && !taken.has(n))

describe('parseBinaryName (properties)', () => {
  it('throws nothing but InputError, whatever the string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom(...taken.keys())),
        raw => {
          try {
            const out = parseBinaryName(raw, taken)
            expect(out).toBe(raw.trim())
          } catch (e) {
            expect(e).toBeInstanceOf(InputError)
            expect((e as Error).message).toMatch(
              /^binary-name: .*Set binary-name to another name, e\.g\. binary-name: [A-Za-z0-9._-]+\.$/s
            )
          }
        }
      ),
      { numRuns: 2000 }
    )
  })

  it('keeps every valid name as given, whitespace around it trimmed', () => {
    fc.assert(
      fc.property(validName, fc.constantFrom('', ' ', '\n', '\t '), (name, pad) => {
        expect(parseBinaryName(`${pad}${name}${pad}`, taken)).toBe(name)
      }),
      { numRuns: 2000 }
    )
  })

  it('refuses every top-level path the image needs, and suggests a name it would accept', () => {
    fc.assert(
      fc.property(fc.constantFrom(...taken.keys()), name => {
        const message = (() => {
          try {
            parseBinaryName(name, taken)
          } catch (e) {
            return (e as Error).message
          }
          return ''
        })()
        expect(message).toContain(`would put the binary at /${name}`)
        const suggested = /binary-name: ([^\s]+)\.$/.exec(message)![1]!
        expect(parseBinaryName(suggested, taken)).toBe(suggested)
      })
    )
  })

  it('is what parseConfig runs: an arbitrary binary-name fails with an InputError or is kept', () => {
    fc.assert(
      fc.property(fc.string(), raw => {
        const get = (name: string): string =>
          name === 'binary-name' ? raw : name === 'image' ? 'a/b' : ''
        try {
          expect(parseConfig(get, {}).binaryName).toBe(raw.trim())
        } catch (e) {
          expect(e).toBeInstanceOf(InputError)
        }
      }),
      { numRuns: 500 }
    )
  })
})
