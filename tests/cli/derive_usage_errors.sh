# Bad option, no definition, a definition without '=', an existing name.
"$DS" derive --bad ../fixtures/derive/small.csv 'a = 1'; echo "rc=$?"
"$DS" derive ../fixtures/derive/small.csv; echo "rc=$?"
"$DS" derive ../fixtures/derive/small.csv 'visits * 2'; echo "rc=$?"
"$DS" derive ../fixtures/derive/small.csv 'gp = visits * 2'; echo "rc=$?"
