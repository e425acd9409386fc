# An unknown option is a usage error that names it.
"$DS" gen --frobnicate 3
