# A relative input of a study is looked for, in order: beside the study file; for a study in
# a folder named studies/, in the folder holding it; in the current folder; in the installed
# share folder (install_runs_a_study_from_another_folder). The report's inputs say which
# copy of t.csv was read; outputs go to the current folder, never beside the study.
cd "$TMP" || exit 9
mkdir -p proj/studies/external-data proj/external-data run/external-data
for d in proj/studies proj run; do printf 'dep,where\n01,%s\n' "$d" > $d/external-data/t.csv; done
printf '[table t]\nfrom = external-data/t.csv\n[output]\ndir = out\n' > proj/studies/s.study
cd run || exit 9
where() { "$DS" run ../proj/studies/s.study > /dev/null && sed -n 's/.*| \(\.\..*t\.csv\|external-data\/t\.csv\) |.*/\1/p' out/report.md; }
where
rm -r ../proj/studies/external-data; where
rm -r ../proj/external-data; where
rm -r external-data; "$DS" run ../proj/studies/s.study; echo "status $?"
[ -d out ] && echo "out/ in the current folder"
[ -d ../proj/studies/out ] || echo "nothing written beside the study"
