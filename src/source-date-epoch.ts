// Reads a source date epoch (the source-date-epoch input or SOURCE_DATE_EPOCH) as whole seconds an image's created date can hold.
import { InputError } from './ports.js'

/** 9999-12-31T23:59:59Z: the last second an RFC 3339 date (the config's created) can write with four year digits. */
export const MAX_EPOCH = 253402300799

/** The epoch as an RFC 3339 date in UTC, as an image's created field and {{.Date}} hold it. */
export function rfc3339(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace(/\.000Z$/, 'Z')
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000', '')

/**
 * The epoch in raw, or undefined when it is empty. name is how the user set it: the input, or the environment
 * variable. Milliseconds (13 digits or more, as `date +%s%3N` prints) are refused with the seconds they stand for,
 * since as seconds they date the image tens of thousands of years ahead, which no client can read.
 */
export function parseSourceDateEpoch(raw: string, name: string): number | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  const range = `whole seconds since 1970-01-01T00:00:00Z, from 0 to ${MAX_EPOCH} (${iso(MAX_EPOCH)})`
  const fraction = /^(\d+)\.\d+$/.exec(value)
  if (fraction && Number(fraction[1]) <= MAX_EPOCH) {
    throw new InputError(
      `${name}: '${value}' is not whole seconds. Use ${Number(fraction[1])} (${range}).`
    )
  }
  if (/^-\d+(\.\d+)?$/.test(value)) {
    throw new InputError(`${name}: '${value}' is before 1970. Use ${range}, e.g. 0.`)
  }
  if (!/^\d+(\.\d+)?$/.test(value)) {
    throw new InputError(
      `${name}: '${value}' is not a Unix timestamp. Use ${range}, e.g. 1700000000 (git log -1 --format=%ct gives the last commit's).`
    )
  }
  const seconds = Number(value)
  if (seconds <= MAX_EPOCH) return seconds
  const ms = Math.floor(seconds / 1000)
  const digits = value.replace(/^0+/, '').replace(/\..*/, '').length
  if (ms <= MAX_EPOCH && digits >= 13) {
    throw new InputError(
      `${name}: '${value}' looks like milliseconds (${digits} digits, as date +%s%3N prints), and a source date ` +
        `epoch is in seconds. Use ${ms} (the value divided by 1000: ${iso(ms)}).`
    )
  }
  throw new InputError(
    `${name}: '${value}' is after ${iso(MAX_EPOCH)}, the last date an image's created field can hold. Use ${range}` +
      (ms <= MAX_EPOCH ? `; if it is milliseconds, ${ms} (the value divided by 1000).` : '.')
  )
}
