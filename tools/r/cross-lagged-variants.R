# The cross-lagged recipe's outcome equation and alternatives, refitted with lme4 on simulated networks
# (docs/recipes.md, "Cross-lagged": why confidence → outcome comes out low). Columns per variant: cur = the
# separate equations (--cross-lagged-model separate: outcome with the patient mean x_pm of the second
# process), nopm = the outcome equation without x_pm, joint = both next-session values stacked with
# correlated random intercepts of the two processes and one residual variance (the recipe's default model), jo = the same with an observation-level variance for the
# outcome. xy = x → outcome, yy / xx = autoregressions, yx = outcome → x; prints mean, SD, mean SE and
# 95% coverage of each.
suppressMessages(library(lme4))
# Usage: Rscript tools/r/cross-lagged-variants.R <dir written by scripts/cross-lagged-networks.ts> <networks>
args <- commandArgs(TRUE); dir <- args[1]; n <- as.integer(args[2])
res <- NULL
for (s in 1:n) {
  d <- read.csv(file.path(dir, sprintf("net_%d.csv", s)))
  d <- d[order(d$patient, d$session), ]
  key <- paste(d$patient, d$session); nk <- paste(d$patient, d$session + 1)
  d$y_next <- d$outcome[match(nk, key)]; d$x_next <- d$x[match(nk, key)]
  d <- d[complete.cases(d), ]
  d$time <- d$session - 1
  f <- function(v) ave(v, d$patient, FUN = function(z) z[1])
  d$y_first <- f(d$outcome) - mean(d$outcome); d$x_first <- f(d$x) - mean(d$x)
  d$x_pm <- ave(d$x, d$patient) - mean(d$x)
  d$y_c <- d$outcome - mean(d$outcome); d$x_c <- d$x - mean(d$x)
  m1 <- lmer(y_next ~ y_c + x_c + y_first + x_first + x_pm + time + (1|therapist) + (1|therapist:patient), d)
  m2 <- lmer(y_next ~ y_c + x_c + y_first + x_first + time + (1|therapist) + (1|therapist:patient), d)
  mx <- lmer(x_next ~ x_c + y_c + x_first + y_first + time + (1|therapist) + (1|therapist:patient), d)
  # joint: stacked, correlated random intercepts per process
  L <- rbind(data.frame(d, v = d$y_next, proc = "y"), data.frame(d, v = d$x_next, proc = "x"))
  L$proc <- factor(L$proc, levels = c("y", "x")); L$py <- as.numeric(L$proc == "y"); L$px <- 1 - L$py
  mj <- lmer(v ~ 0 + proc + proc:(y_c + x_c + y_first + x_first + time) + (0 + py + px | therapist) + (0 + py + px | therapist:patient), L,
             control = lmerControl(check.conv.singular = "ignore"))
  L$obs <- factor(c(seq_len(nrow(d)), seq_len(nrow(d))))
  mk <- lmer(v ~ 0 + proc + proc:(y_c + x_c + y_first + x_first + time) + (0 + py + px | therapist) + (0 + py + px | therapist:patient) + (0 + py | obs), L,
             control = lmerControl(check.conv.singular = "ignore", check.nobs.vs.nlev = "ignore", check.nobs.vs.nRE = "ignore"))
  g <- function(m, t) { c(fixef(m)[t], sqrt(diag(vcov(m)))[match(t, names(fixef(m)))]) }
  row <- c(s = s, g(m1, "x_c"), g(m1, "y_c"), g(m2, "x_c"), g(m2, "y_c"), g(mx, "y_c"), g(mx, "x_c"),
           g(mj, "procy:x_c"), g(mj, "procy:y_c"), g(mj, "procx:y_c"), g(mj, "procx:x_c"), g(mk, "procy:x_c"), g(mk, "procy:y_c"), g(mk, "procx:y_c"), g(mk, "procx:x_c"))
  res <- rbind(res, row)
}
colnames(res) <- c("s", "cur_xy", "se", "cur_yy", "se", "nopm_xy", "se", "nopm_yy", "se", "cur_yx", "se", "cur_xx", "se", "joint_xy", "se", "joint_yy", "se", "joint_yx", "se", "joint_xx", "se", "jo_xy", "se", "jo_yy", "se", "jo_yx", "se", "jo_xx", "se")
truth <- c(0.15, 0.3, 0.15, 0.3, 0.2, 0.3, 0.15, 0.3, 0.2, 0.3, 0.15, 0.3, 0.2, 0.3)
est <- res[, seq(2, 29, 2)]; se <- res[, seq(3, 29, 2)]
cov <- colMeans(abs(est - matrix(truth, nrow(est), 14, byrow = TRUE)) <= 1.96 * se)
print(rbind(truth = truth, mean = colMeans(est), sd = apply(est, 2, sd), meanse = colMeans(se), cover = cov), digits = 3)
