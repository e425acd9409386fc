# A file pattern that matches nothing is an I/O error naming the study line.
cd "$TMP" || exit 3
printf '[inputs]\nfiles = data/A*.csv\n[aggregate]\nsum = PRS_ACT_QTE\n[output]\ndir = out\n' >s.study
"$DS" run s.study
