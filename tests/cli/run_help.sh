"$DS" run --help | head -1
