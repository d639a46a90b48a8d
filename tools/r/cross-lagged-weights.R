# Per-process residual variance for the stacked cross-lagged model, as lme4 can express it (docs/recipes.md,
# "Cross-lagged: one residual variance"). lmer has one residual variance σ²; prior weights make row i's
# residual variance σ²/w_i, so weights 1 on the outcome's rows and 1/r on x's rows give x's residuals r
# times the outcome's variance. lme4's REML criterion counts the weights' log-determinant, so r can be
# chosen by the criterion itself:
#   one      = the recipe's stacked model (r = 1), as attune fits it;
#   profiled = r minimising lme4's REML criterion (optimize over log r): the REML fit of the model with a
#              residual variance per process (nlme's varIdent), expressed in lme4;
#   iterated = r re-estimated from each process's conditional residuals, refitted 6 times (the "weights
#              iterated" scheme).
# xy = x → outcome, yx = outcome → x, yy / xx = autoregressions. Prints mean, SD, mean SE, SE/SD and 95%
# coverage (normal intervals) of each, and the mean fitted ratio r.
# Usage: Rscript tools/r/cross-lagged-weights.R <dir written by scripts/cross-lagged-networks.ts> <networks>
suppressMessages(library(lme4))
args <- commandArgs(TRUE); dir <- args[1]; n <- as.integer(args[2])
terms <- c(xy = "procy:x_c", yy = "procy:y_c", yx = "procx:y_c", xx = "procx:x_c")
truth <- c(xy = 0.15, yy = 0.3, yx = 0.2, xx = 0.3)
ctl <- lmerControl(check.conv.singular = "ignore")
form <- v ~ 0 + proc + proc:(y_c + x_c + y_first + x_first + time) + (0 + py + px | therapist) +
  (0 + py + px | therapist:patient)
stacked <- function(s) {
  d <- read.csv(file.path(dir, sprintf("net_%d.csv", s)))
  d <- d[order(d$patient, d$session), ]
  key <- paste(d$patient, d$session); nk <- paste(d$patient, d$session + 1)
  d$y_next <- d$outcome[match(nk, key)]; d$x_next <- d$x[match(nk, key)]
  d <- d[complete.cases(d), ]
  d$time <- d$session - 1
  f <- function(v) ave(v, d$patient, FUN = function(z) z[1])
  d$y_first <- f(d$outcome) - mean(d$outcome); d$x_first <- f(d$x) - mean(d$x)
  d$y_c <- d$outcome - mean(d$outcome); d$x_c <- d$x - mean(d$x)
  L <- rbind(data.frame(d, v = d$y_next, proc = "y"), data.frame(d, v = d$x_next, proc = "x"))
  L$proc <- factor(L$proc, levels = c("y", "x")); L$py <- as.numeric(L$proc == "y"); L$px <- 1 - L$py
  L
}
fitR <- function(L, r) { L$w <- ifelse(L$py == 1, 1, 1 / r); lmer(form, L, weights = w, control = ctl) }
pick <- function(m) { b <- fixef(m); se <- sqrt(diag(vcov(m))); i <- match(terms, names(b)); c(b[i], se[i]) }
res <- list(one = NULL, profiled = NULL, iterated = NULL); ratios <- NULL; crit <- NULL
for (s in 1:n) {
  L <- stacked(s)
  m1 <- fitR(L, 1)
  o <- optimize(function(lr) REMLcrit(fitR(L, exp(lr))), c(-4, 4), tol = 1e-4)
  mp <- fitR(L, exp(o$minimum))
  r <- 1; mi <- m1
  for (k in 1:6) {
    e <- resid(mi); r <- var(e[L$px == 1]) / var(e[L$py == 1])
    mi <- fitR(L, r)
  }
  res$one <- rbind(res$one, pick(m1)); res$profiled <- rbind(res$profiled, pick(mp))
  res$iterated <- rbind(res$iterated, pick(mi))
  ratios <- rbind(ratios, c(profiled = exp(o$minimum), iterated = r))
  crit <- rbind(crit, c(one = REMLcrit(m1), profiled = REMLcrit(mp)))
}
for (v in names(res)) {
  x <- res[[v]]; est <- x[, 1:4, drop = FALSE]; se <- x[, 5:8, drop = FALSE]
  tm <- matrix(truth, nrow(est), 4, byrow = TRUE)
  cat(sprintf("\n== %s (%d networks)\n", v, nrow(est)))
  print(rbind(truth = truth, mean = colMeans(est), sd = apply(est, 2, sd), meanse = colMeans(se),
              se_over_sd = colMeans(se) / apply(est, 2, sd),
              cover = colMeans(abs(est - tm) <= 1.959964 * se)), digits = 3)
}
cat("\nratio r = var(x residual) / var(outcome residual): mean, min, max\n")
print(apply(ratios, 2, function(z) c(mean = mean(z), min = min(z), max = max(z))), digits = 3)
cat("\nREML criterion drop, one - profiled: mean, min\n")
dd <- crit[, 1] - crit[, 2]; print(c(mean = mean(dd), min = min(dd)), digits = 4)
