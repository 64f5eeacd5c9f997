#!/usr/bin/env Rscript
# Reference reproduction numbers for Vigie's Cori et al. (2013) implementation
# (vigie/observatory/rt.py), computed by EpiEstim itself.
#
# Usage (from the repository root, R and the Debian package r-cran-epiestim installed):
#   Rscript scripts/reference/epiestim_rt.R [INPUT.csv [OUTPUT.csv [MEAN_SI [STD_SI]]]]
# Defaults: the SPF SI-DEP positives of Ille-et-Vilaine (all ages), mean_si 5.2, std_si 2.8,
# written to tests/observatory/fixtures/epiestim_spf35_parametric_5.2_2.8.csv.
# The input is SPF's `;`-separated sp-pos-quot-dep layout (columns jour and P).
# R is only needed to regenerate the fixture; it is not a dependency of Vigie.

suppressPackageStartupMessages(library(EpiEstim))

args <- commandArgs(trailingOnly = TRUE)
data_dir <- Sys.getenv("VIGIE_DATA_DIR", "../shared/data")
input <- if (length(args) >= 1) args[1] else file.path(
  data_dir, "covid_spf", "sp-pos-quot-dep_35_all-ages_2020-05-13_2021-03-06.csv")
output <- if (length(args) >= 2) args[2] else
  "tests/observatory/fixtures/epiestim_spf35_parametric_5.2_2.8.csv"
mean_si <- if (length(args) >= 3) as.numeric(args[3]) else 5.2
std_si <- if (length(args) >= 4) as.numeric(args[4]) else 2.8

spf <- read.csv(input, sep = ";", colClasses = c(dep = "character", jour = "character"))
spf <- spf[order(spf$jour), ]
incid <- data.frame(dates = as.Date(spf$jour), I = spf$P)

write_r <- function(output, t_start = NULL, t_end = NULL) {
  config <- list(mean_si = mean_si, std_si = std_si)
  windows <- ""
  if (!is.null(t_start)) {
    config$t_start <- t_start
    config$t_end <- t_end
    windows <- sprintf(", t_start = %d:%d, t_end = %d:%d", min(t_start), max(t_start),
                       min(t_end), max(t_end))
  }
  res <- suppressMessages(suppressWarnings(estimate_R(
    incid, method = "parametric_si", config = make_config(config)
  )))
  command <- sprintf(
    paste0("estimate_R(data.frame(dates = jour, I = P), method = \"parametric_si\", ",
           "config = make_config(list(mean_si = %s, std_si = %s%s))) on %s"),
    mean_si, std_si, windows, basename(input))
  header <- sprintf("# %s; EpiEstim %s; %s", R.version.string,
                    as.character(packageVersion("EpiEstim")), command)
  out <- res$R[, c("t_start", "t_end", "Mean(R)", "Std(R)", "Quantile.0.025(R)",
                 "Quantile.0.05(R)", "Quantile.0.25(R)", "Median(R)", "Quantile.0.75(R)",
                 "Quantile.0.95(R)", "Quantile.0.975(R)")]
  out$date_start <- format(incid$dates[out$t_start])
  out$date_end <- format(incid$dates[out$t_end])
  con <- file(output, open = "w")
  writeLines(header, con)
  write.csv(out, con, row.names = FALSE)
  close(con)
  cat("wrote", nrow(out), "windows to", output, "\n")
}

# Default weekly sliding windows (t_start = 2..T-6, t_end = t_start + 6).
write_r(output)
# One-day windows 2..15: EpiEstim drops those ending on or before the mean serial interval.
if (length(args) < 2) {
  write_r(sub("\\.csv$", "_daily.csv", output), t_start = 2:15, t_end = 2:15)
}
