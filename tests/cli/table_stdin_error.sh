printf 'a,b\n1\n' | "$DS" table -
