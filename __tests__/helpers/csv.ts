/**
 * Reads CSV text back into rows (RFC 4180: quoted fields, doubled quotes,
 * newlines inside quotes), so a test checks what a CSV reader sees.
 * csv-parse is not a dependency; this is all the tests need.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"'
      i++
    } else if (c === '"') quoted = !quoted
    else if (quoted || (c !== ',' && c !== '\n')) field += c
    else if (c === ',') endField()
    else {
      endField()
      rows.push(row)
      row = []
    }
  }
  if (field !== '' || row.length > 0) {
    endField()
    rows.push(row)
  }
  return rows
}
