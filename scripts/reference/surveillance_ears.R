# Reference outputs of the CDC EARS C1, C2 and C3 signals, computed by R's
# surveillance::earsC, for the tests of vigie/observatory/ears.py.
#
# Usage (from the repository root, with R and r-cran-surveillance installed):
#   Rscript scripts/reference/surveillance_ears.R [DATA_DIR] [OUT_DIR]
# DATA_DIR defaults to $VIGIE_DATA_DIR, then ../shared/data;
# OUT_DIR defaults to tests/observatory/fixtures.
#
# Each fixture tests/observatory/fixtures/ears_<series>_<method>[_<variant>].csv
# starts with one comment line (R and surveillance versions, the exact call),
# then the columns day,observed,upperbound,alarm for every day earsC returns
# (its default range, i.e. every day with enough history). `day` is the 1-based
# index in the input series; upperbound is printed with 17 significant digits;
# alarm is TRUE, FALSE or NA.
suppressPackageStartupMessages(library(surveillance))

args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else Sys.getenv("VIGIE_DATA_DIR", "../shared/data")
out_dir <- if (length(args) >= 2) args[2] else "tests/observatory/fixtures"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

spf <- read.csv(file.path(data_dir, "covid_spf",
                          "sp-pos-quot-dep_35_all-ages_2020-05-13_2021-03-06.csv"),
                sep = ";")
spf <- spf[spf$cl_age90 == 0, ]
spf <- spf[order(spf$jour), ]
flu <- read.csv(file.path(data_dir, "epiestim", "Flu1918_incidence.csv"))
flu <- flu[order(flu$day), ]

series <- list(
  # (a) SPF SI-DEP daily positives, Ille-et-Vilaine, all ages.
  spf35 = as.numeric(spf$P),
  # (b) EpiEstim's Flu1918 daily incidence.
  flu1918 = as.numeric(flu$I),
  # (c) zero-variance stretches: constant counts, jumps, drops, zeros.
  flat = c(rep(3, 12), 10, rep(3, 3), rep(5, 10), 0, 0, 6, rep(2, 8), 9, 2, 2, rep(0, 9), 1)
)

version_line <- sprintf("%s; surveillance %s", R.version.string, packageVersion("surveillance"))

run <- function(name, x, control, call_text, variant = NULL) {
  s <- sts(observed = matrix(x, ncol = 1), frequency = 365)
  res <- earsC(s, control = control)
  days <- control$range
  if (is.null(days)) days <- res@control$range
  out <- data.frame(
    day = days,
    observed = sprintf("%.17g", as.vector(res@observed)),
    upperbound = sprintf("%.17g", as.vector(res@upperbound)),
    alarm = as.character(as.vector(res@alarm))
  )
  out$alarm[is.na(out$alarm)] <- "NA"
  suffix <- if (is.null(variant)) "" else paste0("_", variant)
  path <- file.path(out_dir, sprintf("ears_%s_%s%s.csv", name, control$method, suffix))
  con <- file(path, "w")
  writeLines(sprintf("# %s; series %s; %s", version_line, name, call_text), con)
  write.csv(out, con, row.names = FALSE, quote = FALSE)
  close(con)
  cat("wrote", path, "\n")
}

for (name in names(series)) {
  for (method in c("C1", "C2", "C3")) {
    control <- list(method = method, baseline = 7, alpha = 0.001)
    run(name, series[[name]], control, sprintf(
      "earsC(sts(observed = x, frequency = 365), control = list(method = \"%s\", baseline = 7, alpha = 0.001))",
      method))
  }
}

# Variants: surveillance's own defaults when alpha is not given (0.025 for C3),
# and a short baseline with a minimum sigma.
for (method in c("C1", "C3")) {
  run("spf35", series$spf35, list(method = method), sprintf(
    "earsC(sts(observed = x, frequency = 365), control = list(method = \"%s\"))", method),
    variant = "defaults")
}
for (method in c("C1", "C2", "C3")) {
  control <- list(method = method, baseline = 3, alpha = 0.01, minSigma = 0.5)
  run("flat", series$flat, control, sprintf(
    "earsC(sts(observed = x, frequency = 365), control = list(method = \"%s\", baseline = 3, alpha = 0.01, minSigma = 0.5))",
    method), variant = "b3_minsigma")
}
