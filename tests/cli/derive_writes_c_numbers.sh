# Number columns of a French table (decimal comma, thousands space, trailing %) are written
# as C-locale numbers, so that R's read.csv and DuckDB read them back as numbers; a number
# already written that way keeps its text (0.10, leading zeros of 01).
cd "$TMP" || exit 9
printf 'dep;a;b\n01;1,5;x\n02;1 234;y\n03;0.10;z\n04;;w\n05;12%%;v\n' > fr.csv
"$DS" derive fr.csv 'k = a * 2'
