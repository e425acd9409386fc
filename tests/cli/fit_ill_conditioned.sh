# x = 1000000 … 1000010: the unit-norm design [1, x, x^2] has condition number 4.8e11 (R 4.2.2:
# kappa(exact = TRUE) = 480395151134), so a warning; R's lm (tol 1e-7) drops I(x^2) as aliased,
# we keep it and must match the exact quadratic. Expected values: R on the centred problem,
# lm(y ~ u + I(u^2)) with u = x - 1000005, mapped back to x: intercept -2.12123678787515e11,
# x 4.24244890909091e5, I(x^2) -0.212121212121212; cooks.distance > 4/11 only on row 11.
printf 'y,x\n0,1000000\n2,1000001\n4,1000002\n6,1000003\n8,1000004\n10,1000005\n12,1000006\n1,1000007\n3,1000008\n5,1000009\n7,1000010\n' > "$TMP/ill.csv"
"$DS" fit "$TMP/ill.csv" --model 'y ~ x + I(x^2)' --format tsv | awk -F'\t' '
  BEGIN { w["(Intercept)"] = -2.12123678787515e11; w["x"] = 4.24244890909091e5
          w["I(x^2)"] = -0.212121212121212 }
  NR > 1 { d = ($2 - w[$1]) / w[$1]; if (d < 0) d = -d; print $1, (d < 1e-12 ? "ok" : "bad " $2) }'
