# An axis title longer than its axis is wrapped onto lines, and the plot area makes room for
# them: the y title stays within the plot's height (it ran up into the key's samples) and
# every text within the image, at 1200x800 and 480x360, in English and French. Measured
# with the font's own widths (tests/fixtures/plot/axistitles.py), from the saved script.
check=../fixtures/plot/axistitles.py
d=$ROOT/external-data/hackathon-2013/damir2013_2.csv
for size in 1200x800 480x360; do
    for lang in en fr; do
        "$DS" plot scatter "$d" --x densite_medecins --y acte_affilies --fit --label codep \
            --slope-per 100 --size $size --lang $lang -o "$TMP/s.png" --script "$TMP/s.gp" \
            --source 'CNAM, DAMIR R files 2013; DREES RPPS on 1 January 2013' \
            --xlabel 'GPs per 100,000 affiliates of the Régime général on 1 January of the year' \
            --ylabel 'GP consultations and home visits (C + V) per affiliate and per year' || exit
        echo "scatter $size $lang:"
        python3 $check "$TMP/s.gp" ${size%x*} ${size#*x} || exit
    done
    "$DS" plot residuals "$d" --model 'acte_affilies ~ densite_medecins' --size $size \
        -o "$TMP/r.png" --script "$TMP/r.gp" || exit
    echo "residuals $size:"
    python3 $check "$TMP/r.gp" ${size%x*} ${size#*x} | tail -1
done
