"$DS" run
