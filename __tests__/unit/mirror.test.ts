// The go-download-base-url helpers: redaction, credentials as a header, tool-cache names.
import { describe, expect, it } from '@jest/globals'
import { goToolName, maskCredentials, redactUrl, splitCredentials } from '../../src/go/mirror.js'
import { fakeLogger } from './helpers.js'

describe('redactUrl', () => {
  it.each([
    ['https://user:tok@mirror.example/dl', 'https://***@mirror.example/dl'],
    [
      'https://tok@mirror.example/dl/go1.22.5.tar.gz',
      'https://***@mirror.example/dl/go1.22.5.tar.gz'
    ],
    ['http://u:p%40ss@127.0.0.1:5080/?mode=json', 'http://***@127.0.0.1:5080/?mode=json'],
    // Not a URL new URL() accepts, and still redacted.
    ['https://u:p w@mir ror/dl', 'https://***@mir ror/dl'],
    // An @ after the host is part of the path, not userinfo.
    ['https://mirror.example/dl/@scope/x', 'https://mirror.example/dl/@scope/x'],
    ['https://mirror.example/dl?who=a@b', 'https://mirror.example/dl?who=a@b'],
    ['https://go.dev/dl', 'https://go.dev/dl']
  ])('%s -> %s', (url, shown) => expect(redactUrl(url)).toBe(shown))
})

describe('splitCredentials', () => {
  it('moves percent-encoded userinfo into a Basic header', () => {
    expect(splitCredentials('https://ci:p%40ss%3Aword@m.example/dl/x')).toEqual({
      url: 'https://m.example/dl/x',
      headers: { authorization: `Basic ${Buffer.from('ci:p@ss:word').toString('base64')}` }
    })
  })
  it('leaves a URL without userinfo alone', () => {
    expect(splitCredentials('https://m.example/dl')).toEqual({
      url: 'https://m.example/dl',
      headers: {}
    })
  })
})

describe('maskCredentials', () => {
  it('masks the userinfo and the password, raw and decoded', () => {
    const logger = fakeLogger()
    maskCredentials('https://ci:p%40ss@m.example/dl', logger)
    expect(logger.masked.sort()).toEqual(['ci:p%40ss', 'ci:p@ss', 'p%40ss', 'p@ss'])
    const none = fakeLogger()
    maskCredentials('https://m.example/dl', none)
    expect(none.masked).toEqual([])
  })
})

describe('goToolName', () => {
  it.each([
    'https://go.dev/dl',
    'https://go.dev/dl/',
    'https://golang.org/dl',
    'HTTPS://Go.Dev/dl'
  ])('%s is go.dev: "go", the name the runner images use', url =>
    expect(goToolName(url)).toBe('go')
  )
  it('names a mirror apart, the same for any spelling of it and any credentials', () => {
    const name = goToolName('https://mirror.example/golang')
    expect(name).toMatch(/^go-custom-[0-9a-f]{12}$/)
    expect(goToolName('https://MIRROR.example/golang/')).toBe(name)
    expect(goToolName('https://bot:tok@mirror.example/golang')).toBe(name)
    expect(goToolName('https://mirror.example/fips')).not.toBe(name)
    expect(goToolName('https://go.dev/dl/fips')).not.toBe('go')
  })
})
