# y = 1 + 2x + small noise with one gross outlier (x = 6). R 4.2.2 on the ten clean rows:
# coef(lm(y ~ x, d[-6, ])) = 1.00345454545454, 1.99909090909091. A bisquare fit must land
# within 0.01 of that line (it gives the outlier zero weight), OLS must not.
printf 'y,x\n3.02,1\n4.97,2\n7.01,3\n9.03,4\n10.96,5\n60,6\n15.02,7\n16.99,8\n19.01,9\n20.95,10\n23.02,11\n' > "$TMP/o.csv"
for m in bisquare huber ols; do
    "$DS" fit "$TMP/o.csv" --model 'y ~ x' --method $m --format json 2> /dev/null |
        jq -r --arg m $m '"\($m) \(.method) \(if ((.coefficients[0].estimate - 1.00345454545454) | fabs) < 0.01
            and ((.coefficients[1].estimate - 1.99909090909091) | fabs) < 0.01 then "near the clean line" else "pulled away" end) aic=\(.aic != null)"'
done
