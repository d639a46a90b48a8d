# lme4 1.1-31 + lmerTest reference fits at the boundary (fixtures/golden/boundary): the stacked two-process
# cross-lagged model (both next-session values in one lmer, correlated random intercepts of the two processes
# per therapist and per patient) on networks of the cross-lagged recovery design, where a 2×2 correlation
# sits at ±1 or next to it. lme4's default fit itself stops on the wrong side of such a boundary now and then,
# so each case records both lme4's default criterion ("lme4Default") and the lowest criterion lme4's own
# deviance function reaches from restarts ("deviance", with the fit refitted from that θ): its default θ
# with a factor column mirrored where the diagonal is at 0 (the same covariance, the other side of the
# bound), and 8 random starts, each by bobyqa as lmer runs it.
#
# Usage (the networks are the TypeScript simulator's, seeds of scripts/recovery-studies.ts):
#   npx tsx scripts/cross-lagged-networks.ts /tmp/n10 30 10
#   npx tsx scripts/cross-lagged-networks.ts /tmp/n20 30 20
#   Rscript tools/r/golden-boundary.R fixtures/golden/boundary \
#     n10_29=/tmp/n10/net_29.csv n20_1=/tmp/n20/net_1.csv n10_21=/tmp/n10/net_21.csv n10_2=/tmp/n10/net_2.csv
suppressPackageStartupMessages({library(lme4); library(lmerTest); library(jsonlite)})
source("tools/r/fitjson.R")  # lmer_json (run from the repository root)
source("tools/r/mirrors.R")  # mirrors
args <- commandArgs(TRUE)
out <- args[1]
dir.create(out, showWarnings = FALSE, recursive = TRUE)
formula <- paste("v ~ 0 + proc + proc:(y_c + x_c + y_first + x_first + time)",
                 "+ (0 + py + px | therapist) + (0 + py + px | therapist:patient)")

# The stacked table of the cross-lagged recipe's variables (tools/r/cross-lagged-variants.R, "joint").
stacked <- function(file) {
  d <- read.csv(file)
  d <- d[order(d$patient, d$session), ]
  key <- paste(d$patient, d$session); nk <- paste(d$patient, d$session + 1)
  d$y_next <- d$outcome[match(nk, key)]; d$x_next <- d$x[match(nk, key)]
  d <- d[complete.cases(d), ]
  d$time <- d$session - 1
  f <- function(v) ave(v, d$patient, FUN = function(z) z[1])
  d$y_first <- f(d$outcome) - mean(d$outcome); d$x_first <- f(d$x) - mean(d$x)
  d$y_c <- d$outcome - mean(d$outcome); d$x_c <- d$x - mean(d$x)
  L <- rbind(data.frame(d, v = d$y_next, proc = "y"), data.frame(d, v = d$x_next, proc = "x"))
  L$py <- as.numeric(L$proc == "y"); L$px <- 1 - L$py
  # Rounded to 6 decimals so the CSV is exactly what both sides read.
  num <- c("v", "y_c", "x_c", "y_first", "x_first")
  L[num] <- lapply(L[num], function(z) round(z, 6))
  L[, c("therapist", "patient", "proc", "py", "px", "v", "y_c", "x_c", "y_first", "x_first", "time")]
}

cases <- list()
ctrl <- lmerControl(check.conv.singular = "ignore")
for (a in args[-1]) {
  name <- sub("=.*", "", a); file <- sub("^[^=]*=", "", a)
  f <- file.path(out, paste0("stacked_", name, ".csv"))
  write.csv(stacked(file), f, row.names = FALSE)
  d <- read.csv(f)
  d$proc <- factor(d$proc, levels = c("y", "x"))
  m0 <- lmerTest::lmer(as.formula(formula), data = d, control = ctrl)
  default <- as.numeric(REMLcrit(m0))
  dev <- lmer(as.formula(formula), data = d, control = ctrl, devFunOnly = TRUE)
  lower <- getME(m0, "lower"); k <- sapply(getME(m0, "cnms"), length)
  run <- function(th) {
    o <- minqa::bobyqa(th, dev, lower = lower, control = list(rhobeg = 0.2, rhoend = 2e-7, iprint = 0))
    list(theta = o$par, fval = o$fval)
  }
  best <- list(theta = getME(m0, "theta"), fval = default)
  starts <- mirrors(best$theta, k)
  set.seed(1)
  for (i in 1:8) starts[[length(starts) + 1]] <- ifelse(lower == 0, runif(length(lower), 0.05, 1), runif(length(lower), -1, 1))
  while (length(starts)) {
    r <- run(starts[[1]]); starts <- starts[-1]
    if (r$fval < best$fval - 1e-7) { best <- r; starts <- c(mirrors(best$theta, k), starts) }
  }
  m <- if (best$fval < default - 1e-7) lmerTest::lmer(as.formula(formula), data = d, control = ctrl, start = list(theta = best$theta)) else m0
  cases[[length(cases) + 1]] <- c(lmer_json(m, formula, basename(f), "REML"), list(lme4Default = default))
  cat(sprintf("%-8s default %.6f best %.6f refit %.6f theta %s\n", name, default, best$fval, REMLcrit(m),
              paste(sprintf("%.5f", getME(m, "theta")), collapse = " ")))
}
writeLines(toJSON(cases, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE), file.path(out, "reference.json"))
