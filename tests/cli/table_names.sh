cd "$FIXTURES/table" && "$DS" table --skip 2 --skip-footer 1 --names k,n,p,q,r --json small.csv
