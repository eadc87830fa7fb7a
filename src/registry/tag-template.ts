// The {{ }} templates of tag rules: checked when a rule is read, rendered with the run's values and {{date 'FORMAT' tz='Zone'}} when tags are made.
import { InputError } from '../ports.js'

const TEMPLATE = /\{\{\s*([^\s}]*)((?:\s+[^}]*?)?)\s*\}\}/g

/** Refuses a template key the attribute does not offer, and a date format or time zone that cannot be used. */
export function checkTemplate(value: string, keys: string[], where: string): void {
  const rest = value.replace(TEMPLATE, (_all, key: string, args: string) => {
    if (!keys.includes(key)) {
      throw new InputError(
        `tags: unknown template key {{${key}}} in '${where}'. Use ${keys.map(k => `{{${k}}}`).join(', ')}.`
      )
    }
    if (key === 'date') dateArgs(args, where)
    return ''
  })
  if (rest.includes('{{') || rest.includes('}}')) {
    throw new InputError(`tags: unbalanced {{ }} in '${where}'.`)
  }
}

function dateArgs(args: string, where: string): { format: string; tz: string } {
  const m = /^\s*'([^']*)'(?:\s+tz='([^']*)')?\s*$/.exec(args)
  if (!m) {
    throw new InputError(
      `tags: {{date${args}}} in '${where}' is not {{date 'FORMAT'}} or {{date 'FORMAT' tz='Zone/Name'}}.`
    )
  }
  const tz = m[2] ?? 'UTC'
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
  } catch {
    throw new InputError(`tags: '${tz}' in '${where}' is not a time zone (e.g. UTC, Europe/Paris).`)
  }
  return { format: m[1]!, tz }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** moment's common format tokens (YYYY MM DD HH mm ss …, [literal]) in a time zone. */
export function formatDate(date: Date, format: string, tz: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
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
      .map(p => [p.type, p.value])
  )
  const v = (k: string): number => Number(parts[k])
  const h12 = v('hour') % 12 || 12
  const tokens: Record<string, string> = {
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
  }
  return format.replace(
    /\[([^\]]*)\]|YYYY|YY|SSS|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|A|a/g,
    (all, literal?: string) => literal ?? tokens[all] ?? all
  )
}

export function render(
  value: string,
  values: Record<string, string | number | undefined>,
  now: Date
): string {
  return value.replace(TEMPLATE, (_all, key: string, args: string) => {
    if (key === 'date') {
      const { format, tz } = dateArgs(args, value)
      return formatDate(now, format, tz)
    }
    return String(values[key] ?? '')
  })
}
