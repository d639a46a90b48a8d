# Reference fits (lme4 + lmerTest) of growth and lagged with a session-level predictor split by level and
# a therapist-attribute moderator (issue 13), computed from the long table with R's own code, not attune's
# derived columns. Usage: Rscript tools/r/moderated.R data.csv out.json [predictor=experience] [moderator=years]
#   predictor x: x_wp = x − patient mean, x_pb = patient mean − therapist mean (over the model's rows),
#                x_tm = therapist mean − mean of the therapists' means;
#   moderator m (one value per therapist): m_tm = m − mean over therapists; it interacts with the focal
#                slope (time in growth, alliance_wp in lagged).
suppressPackageStartupMessages({library(lme4); library(lmerTest); library(jsonlite)})
a <- commandArgs(TRUE)
x <- if (length(a) >= 3) a[3] else "experience"
mo <- if (length(a) >= 4) a[4] else "years"
d0 <- read.csv(a[1], stringsAsFactors = FALSE)
d0 <- d0[order(d0$patient, d0$session), ]
d0$time <- d0$session - 1
fe <- function(m) { co <- summary(m)$coefficients
  setNames(lapply(seq_len(nrow(co)), function(i) list(estimate = co[i, 1], se = co[i, 2], df = co[i, 3], p = co[i, 5])), rownames(co)) }
vcj <- function(m) { vc <- as.data.frame(VarCorr(m)); lapply(seq_len(nrow(vc)), function(i) as.list(vc[i, c("grp", "var1", "var2", "sdcor")])) }
levels3 <- function(d, v) {
  pm <- ave(d[[v]], d$patient); tm <- ave(d[[v]], d$therapist)
  d[[paste0(v, "_wp")]] <- d[[v]] - pm; d[[paste0(v, "_pb")]] <- pm - tm
  d[[paste0(v, "_tm")]] <- tm - mean(tapply(d[[v]], d$therapist, mean)); d }
moderator <- function(d) { d[[paste0(mo, "_tm")]] <- d[[mo]] - mean(tapply(d[[mo]], d$therapist, mean)); d }
parts <- paste0(x, c("_wp", "_pb", "_tm")); mtm <- paste0(mo, "_tm")
out <- list()

# growth of the patient's alliance
g <- d0[complete.cases(d0[, c("alliance_patient", "time", x, mo, "condition")]), ]
g$alliance <- g$alliance_patient; g <- moderator(levels3(g, x))
f <- paste("alliance ~ time * condition +", mtm, "+", paste(parts, collapse = " + "), "+", paste0("time:", mtm),
  "+ (1 + time | therapist) + (1 + time | therapist:patient)")
m <- lmer(as.formula(f), g)
out$growth_patient <- list(formula = f, nobs = nobs(m), fixef = fe(m), varcorr = vcj(m), deviance = REMLcrit(m))

# lagged: next-session well-being on the patient's alliance split within/between, with the same predictor
nx <- d0[, c("patient", "session", "wellbeing")]; names(nx)[3] <- "outcome_next"; nx$session <- nx$session - 1
r <- merge(d0, nx, by = c("patient", "session"))
r <- r[complete.cases(r[, c("alliance_patient", "alliance_therapist", "wellbeing", "outcome_next", x, mo)]), ]
r$outcome <- r$wellbeing
r$alliance_pm <- ave(r$alliance_patient, r$patient); r$alliance_wp <- r$alliance_patient - r$alliance_pm
r <- moderator(levels3(r, x))
f <- paste("outcome_next ~ alliance_wp + alliance_pm + outcome + time +", mtm, "+", paste(parts, collapse = " + "),
  "+", paste0("alliance_wp:", mtm), "+ (1 + alliance_wp | therapist) + (1 + alliance_wp | therapist:patient)")
m <- lmer(as.formula(f), r)
out$lagged <- list(formula = f, nobs = nobs(m), fixef = fe(m), varcorr = vcj(m), deviance = REMLcrit(m))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), a[2])
cat("ok\n")
