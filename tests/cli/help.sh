"$DS" --help | head -3
