// Recounts raw/injep/licences_par_departement_2016_2024.csv from INJEP's detail files
// (one row per federation x sex x age x department), which are not in this repository
// (9 parquet files, 14 MB: oldblindmole/Projet_Python_Data_Science_JO, commit
// 2ffe90b7da6ac5282276c5b9a4732d0001696cd9, data/data_licences/Lics_YYYY_(semi)def.parquet).
// Usage: npm install hyparquet hyparquet-compressors (in a scratch folder), then
//   node recount-injep-parquet.mjs PARQUET_DIR external-data/raw/injep/licences_par_departement_2016_2024.csv
// For every (year, department label) it sums "Licences annuelles" in total and for
// Sexe = F and H and compares with the CSV's licences_total, licences_femmes,
// licences_hommes; it prints each file's row count and total, and the mismatches.
import { parquetReadObjects } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import fs from 'fs'

function csvFields (line) {
  return line.match(/("([^"]*)"|[^,]*)(,|$)/g).map(s => s.replace(/,$/, '').replace(/^"|"$/g, ''))
}

const [dir, csvPath] = process.argv.slice(2)
const ref = new Map()
for (const line of fs.readFileSync(csvPath, 'utf8').trim().split('\n').slice(1)) {
  const f = csvFields(line)
  ref.set(f[0] + '|' + f[2], f)
}
let bad = 0
let n = 0
for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.parquet')).sort()) {
  const buf = fs.readFileSync(dir + '/' + file)
  const rows = await parquetReadObjects({
    file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength), compressors
  })
  const acc = new Map()
  let total = 0
  for (const r of rows) {
    const k = r['Année'] + '|' + r['Département']
    const v = Number(r['Licences annuelles'] ?? 0)
    const a = acc.get(k) ?? { t: 0, F: 0, H: 0 }
    a.t += v
    if (r.Sexe === 'F') a.F += v
    if (r.Sexe === 'H') a.H += v
    acc.set(k, a)
    total += v
  }
  for (const [k, a] of acc) {
    n++
    const f = ref.get(k)
    if (!f || +f[4] !== a.t || +f[5] !== a.F || +f[6] !== a.H) {
      bad++
      console.log('MISMATCH', k, a, f && f.slice(4, 7))
    }
  }
  console.log(file, 'rows', rows.length, 'licences', total, 'departments and labels', acc.size)
}
console.log('checked', n, 'year x label cells against', ref.size, 'CSV rows:', bad, 'mismatches')
