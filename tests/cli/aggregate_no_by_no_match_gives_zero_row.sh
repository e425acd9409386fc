# Without --by the answer is one total row, zeros when nothing matched (as SQL's sum/count).
"$DS" aggregate ../fixtures/open-damir/A202501-head.csv --count --sum PRS_PAI_MNT --where 'SOI_ANN = 1990'
