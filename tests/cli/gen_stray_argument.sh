# gen reads no files: a stray argument is a usage error.
"$DS" gen data.csv
