# A run that fails after its output folder was made (a fit that cannot be estimated, a
# figure that cannot be drawn) left the empty folder, and the folders above it, behind. They
# are removed again; a folder that existed before, and what is in it, stay.
cd "$TMP" || exit 9
printf 'dep;x;y\n01;1;2\n02;1;3\n03;1;5\n04;1;4\n' > cx.csv
cat > cx.study <<'STUDY'
[study]
title = constant x

[table d]
from = cx.csv

[fit f]
data = d
model = y ~ x
STUDY
"$DS" run cx.study -o a/b/out 2> /dev/null; echo "exit $?"
ls
mkdir kept && touch kept/old.txt
"$DS" run cx.study -o kept 2> /dev/null; echo "exit $?"
ls kept
"$DS" run cx.study -o kept/new 2> /dev/null; echo "exit $?"
ls kept
