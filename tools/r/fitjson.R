# Shared JSON shapes of lme4 fits for the golden reference files (sourced by the tools/r scripts):
#   lmer_json(m, formula, data_file, method)          lmerTest fit: fixef with Satterthwaite df, sigma
#   glmer_json(m, formula, data_file, fam, link, nAGQ) glmer fit: fixef with Wald z
# Both give varcorr as as.data.frame(VarCorr(m)) rows (SD, correlation, or the residual SD) and θ as
# an array even when it has one entry.
# Usage: source("tools/r/fitjson.R"), the scripts being run from the repository root.

varcorr_json <- function(m) {
  vc <- as.data.frame(VarCorr(m))
  lapply(seq_len(nrow(vc)), function(i) {
    r <- vc[i, ]
    if (r$grp == "Residual") list(group = "Residual", term = NULL, sd = r$sdcor)
    else if (is.na(r$var2)) list(group = r$grp, term = r$var1, sd = r$sdcor)
    else list(group = r$grp, terms = c(r$var1, r$var2), cor = r$sdcor)
  })
}

lmer_json <- function(m, formula, data_file, method = "REML") {
  co <- summary(m)$coefficients
  sat <- ncol(co) >= 5  # lmerTest's table (Estimate, SE, df, t, p); lme4's has no df and p
  fe <- lapply(seq_len(nrow(co)), function(i) list(term = rownames(co)[i], estimate = co[i, 1], se = co[i, 2],
    df = if (sat) co[i, 3] else NA, t = co[i, if (sat) 4 else 3], p = if (sat) co[i, 5] else NA))
  list(data = data_file, formula = formula, method = method, nobs = nobs(m),
       groups = as.list(sapply(ranef(m), nrow)), fixef = fe, varcorr = varcorr_json(m), sigma = sigma(m),
       logLik = as.numeric(logLik(m)),
       deviance = if (method == "REML") as.numeric(REMLcrit(m)) else as.numeric(deviance(m)),
       AIC = AIC(m), BIC = BIC(m), theta = I(unname(getME(m, "theta"))))
}

glmer_json <- function(m, formula, data_file, fam, link, nAGQ) {
  co <- summary(m)$coefficients
  fe <- lapply(seq_len(nrow(co)), function(i) list(term = rownames(co)[i], estimate = co[i, 1],
    se = co[i, 2], z = co[i, 3], p = co[i, 4]))
  ll <- as.numeric(logLik(m))
  list(data = data_file, formula = formula, family = fam, link = link, nAGQ = nAGQ,
       method = if (nAGQ > 1) "AGQ" else "Laplace", nobs = nobs(m), groups = as.list(sapply(ranef(m), nrow)),
       fixef = fe, varcorr = varcorr_json(m), logLik = ll, deviance = -2 * ll, AIC = AIC(m), BIC = BIC(m),
       theta = I(unname(getME(m, "theta"))), singular = isSingular(m),
       warnings = I(as.character(unlist(m@optinfo$conv$lme4$messages))))
}
