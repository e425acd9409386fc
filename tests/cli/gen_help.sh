# gen --help prints its usage on stdout and succeeds.
"$DS" gen --help | head -1
