# Garbage with a .gz name: with the gzip magic it is corrupt gzip, without it it is read as
# text and has no such column; a gzip member followed by junk is refused too.
cd "$TMP" || exit 9
printf "\037\213junk that is not deflate" > magic.csv.gz
printf "just some words\001\002\n" > words.csv.gz
{ gzip -c "$FIXTURES/open-damir/A202501-head.csv"; printf "tail"; } > tail.csv.gz
for f in magic.csv.gz words.csv.gz tail.csv.gz; do "$DS" aggregate $f --by BEN_RES_REG; echo "status $?"; done
