// bench/duckdb_query.mjs: runs one SQL file in DuckDB (npm @duckdb/node-api) with THREADS
// threads and prints the result rows as CSV. bench/aggregate.sh copies it beside the
// node_modules folder it installs, so that the import resolves.
//
//   node duckdb_query.mjs THREADS FILE.sql
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [threads, sqlFile] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
const result = await con.runAndReadAll(readFileSync(sqlFile, 'utf8'));
const lines = result.getRows().map((row) => row.map(String).join(','));
process.stdout.write(lines.join('\n') + '\n');
