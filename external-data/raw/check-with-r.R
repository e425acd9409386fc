# Independent checks of tables made by scripts/make-*.py, with other readers than theirs.
# Run from the repository root: Rscript external-data/raw/check-with-r.R
# Needs R with readxl and sf. Prints one line a check; stops at the first failure.
#  1. damir_mg_actes_C_V_par_cpam_mois.csv.xz is exactly the table damir2 of damir.Rda;
#  2. actes-mg-departements.csv = damir2 summed by department and year (2010-2014);
#  3. population-protegee-departements.csv = the RNIAM workbooks read with readxl, summed;
#  4. departements-centroides.csv = sf centroids (each department in its own Lambert
#     azimuthal equal-area projection), to 0.5 km.
suppressMessages({ library(readxl); library(sf) })
e <- new.env(); load("external-data/raw/damir-r/damir.Rda", envir = e)
d <- e$damir2
con <- xzfile("external-data/raw/damir-r/damir_mg_actes_C_V_par_cpam_mois.csv.xz")
m <- read.csv(con, colClasses = "character")
key <- function(x) paste(x$cpam, x$sns_date)
stopifnot(nrow(d) == nrow(m), setequal(key(d), key(m)),
          all(d$nb_actes[match(key(m), key(d))] == as.numeric(m$nb_actes)))
cat("1. damir.Rda damir2 =", nrow(d), "rows, equal to the CSV export\n")
a <- read.csv("external-data/actes-mg-departements.csv", colClasses = c(dep = "character"))
d$year <- as.integer(substr(d$sns_date, 1, 4)); d$dpt[d$dpt == "5N"] <- "59"
s <- aggregate(nb_actes ~ dpt + year, data = d[d$year >= 2010, ], FUN = sum)
s$dpt <- ifelse(nchar(s$dpt) == 1, paste0("0", s$dpt), s$dpt)
mm <- merge(a, s, by.x = c("dep", "annee"), by.y = c("dpt", "year"))
stopifnot(nrow(mm) == nrow(a), nrow(s) == nrow(a), all(mm$actes == mm$nb_actes))
cat("2. acts:", nrow(a), "department-years equal damir2 summed\n")
p <- read.csv("external-data/population-protegee-departements.csv", colClasses = c(dep = "character"))
for (y in 2009:2014) {
  x <- as.data.frame(suppressMessages(read_excel(
    sprintf("external-data/raw/cnam/RNIAM_RGSLM_JANVIER%d.xls", y), col_names = FALSE)))
  h <- which(x[, 1] == "cpam"); b <- x[(h + 1):nrow(x), ]; b <- b[!is.na(b[, 3]), ]
  dep <- as.character(b[, 3]); dep <- ifelse(nchar(dep) == 1, paste0("0", dep), dep)
  tot <- tapply(as.numeric(b[, 68]), dep, sum)
  q <- p[p$annee == y, ]
  stopifnot(length(tot) == nrow(q), all(tot[q$dep] == q$population_protegee))
  cat("3. protected population", y, ":", nrow(q), "departments equal readxl's sums\n")
}
invisible(suppressMessages(sf_use_s2(FALSE)))
tmp <- tempfile(fileext = ".geojson")
con <- xzfile("external-data/raw/geo/departements-avec-outre-mer.geojson.xz")
writeLines(readLines(con, encoding = "UTF-8", warn = FALSE), tmp)
close(con)
g <- st_read(tmp, quiet = TRUE)
mine <- read.csv("external-data/departements-centroides.csv", colClasses = c(dep = "character"))
res <- do.call(rbind, lapply(seq_len(nrow(g)), function(i) {
  f <- g[i, ]; bb <- st_bbox(f)
  crs <- sprintf("+proj=laea +lat_0=%f +lon_0=%f +datum=WGS84",
                 (bb$ymin + bb$ymax) / 2, (bb$xmin + bb$xmax) / 2)
  xy <- st_coordinates(st_transform(st_centroid(st_transform(st_geometry(f), crs)), 4326))
  data.frame(dep = f$code, lon = xy[1], lat = xy[2]) }))
mm <- merge(mine, res, by = "dep")
km <- sqrt(((mm$lon.x - mm$lon.y) * cos(mm$lat.x * pi / 180))^2 + (mm$lat.x - mm$lat.y)^2) * 111.32
stopifnot(nrow(mm) == 101, max(km) < 0.5)
cat(sprintf("4. centroids: 101 departments within %.3f km of sf's (median %.0f m)\n",
            max(km), 1000 * median(km)))
