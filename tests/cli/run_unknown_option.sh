"$DS" run --fast x.study
