# Run from another folder: the shipped department tables are found beside the binary.
cd "$TMP" && "$DS" gen --seed 3 --rows 2000 --months 202401 -o out && wc -l < out/A202401.csv | tr -d ' '
