# Clusters, fixed effects and factors refused with a message that says what to do: usage
# errors exit 2, data errors 1, and no output file is left behind.
cd "$TMP" || exit 9
printf 'y,x,g,one,reg,dep\n1,1,a,k,11,1\n3,2,a,k,11,01\n2,3,b,k,24,001\n5,4,b,k,24,02\n4,6,c,k,27,2\n6,5,c,k,27,03\n' > d.csv
fit() { "$DS" fit d.csv "$@" -o out.txt 2>&1; echo "exit $?"; }
fit --model 'y ~ x' --se cr2
fit --model 'y ~ x' --cluster g,reg,dep
fit --model 'y ~ x' --cluster g --wild-bootstrap 0
fit --model 'y ~ x' --cluster g,reg --wild-bootstrap 99
fit --model 'y ~ x' --cluster g --se hc3
fit --model 'y ~ x' --cluster one
fit --model 'y ~ x' --cluster nope
fit --model 'y ~ x + factor(one)'
fit --model 'y ~ reg | g'
fit --model 'y ~ x:nope'
fit --model 'y ~ x | reg' --cluster dep --se cr2
fit --model 'y ~ x' --cluster g --wild-bootstrap 99 --term z
fit --model 'y ~ x | log(g)'
fit --model 'y ~ x | g' --method huber
ls
