// How a byte count reads in a log line or a table: 1.20 MiB, 900 B.

/** Binary units with two figures below 10 and one above; the rounded figure decides the unit. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KiB', 'MiB', 'GiB']
  let v = n / 1024
  let u = 0
  // Compare the rounded figure, so 1048575 bytes reads 1.00 MiB rather than 1024.0 KiB.
  while (Number(v.toFixed(v < 10 ? 2 : 1)) >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`
}
