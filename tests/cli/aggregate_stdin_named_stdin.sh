# Messages name standard input "stdin", as the table reader does (not "-").
printf 'A;B\n1;2\n3;x\n' | "$DS" aggregate - --sum B; echo "exit $?"
printf 'A;B\n' | "$DS" aggregate - --sum C; echo "exit $?"
printf '' | "$DS" aggregate - --count; echo "exit $?"
printf 'a;b\n1;"x\n' | "$DS" table -; echo "exit $?"
printf 'A;B\n' | "$DS" merge -; echo "exit $?"
