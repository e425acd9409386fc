printf 'a;b\n1;2,5\n3;\n' | "$DS" table --json -
