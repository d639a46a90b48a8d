# lme4 1.1-31 + lmerTest + performance 0.10.2 references for the formula functions (factor, poly,
# scale, offset, arithmetic inside functions), prior weights, model comparison (anova), ICC, R² and
# linear contrasts, on public data shipped in Debian's R packages (datasets, nlme, lme4, mlmRev).
# Each data set is written to CSV and READ BACK before fitting, so R sees exactly what attune sees
# (numeric codes such as Diet = 1..4 stay numbers, which is why the formulas say factor(Diet)).
#
# ICC and R²: performance::icc / r2_nakagawa where insight's variance decomposition applies (every
# random-effect column is also a fixed-effect column and no 1×1 slope term); otherwise, and in every
# case as a cross-check, by the published formulas (Nakagawa & Schielzeth 2013, Johnson 2014):
# var.fixed = var(Xβ̂), var.random = mean over rows of z'Σz, var.residual = σ². Where both exist
# they must agree to 1e-6 (stopifnot below).
# Usage: Rscript tools/r/formulas.R fixtures/formulas
suppressPackageStartupMessages({
  library(lme4); library(lmerTest); library(jsonlite); library(nlme); library(mlmRev); library(performance)
})
out <- commandArgs(TRUE)[1]
dir.create(out, showWarnings = FALSE, recursive = TRUE)

effects <- function(m) {
  X <- getME(m, "X")
  vf <- var(as.vector(X %*% fixef(m)))
  LZ <- getME(m, "Lambdat") %*% getME(m, "Zt")
  vr <- sigma(m)^2 * mean(Matrix::colSums(LZ^2))
  ve <- sigma(m)^2
  cn <- getME(m, "cnms")
  slopes <- any(vapply(cn, function(x) any(x != "(Intercept)"), TRUE))
  vc <- VarCorr(m)
  by <- if (slopes) NULL else lapply(seq_along(vc), function(j)
    list(group = names(vc)[j], icc = as.numeric(vc[[j]][1, 1]) / (vr + ve)))
  res <- list(icc = list(adjusted = vr / (vr + ve), unadjusted = vr / (vf + vr + ve), byGroup = by),
              r2 = list(marginal = vf / (vf + vr + ve), conditional = (vf + vr) / (vf + vr + ve)),
              source = "formula")
  # insight's .is_singular (tolerance 1e-5 on the theta bounded at 0): performance gives no random
  # variance, so the ICC and the conditional R2 are NA and the marginal R2 leaves the random part out.
  if (any(abs(getME(m, "theta")[getME(m, "lower") == 0]) < 1e-5)) {
    return(list(icc = list(adjusted = NA, unadjusted = NA, byGroup = NULL),
                r2 = list(marginal = vf / (vf + ve), conditional = NA), source = "performance (singular)"))
  }
  scalarSlope <- any(vapply(cn, function(x) length(x) == 1 && x != "(Intercept)", TRUE))
  i <- if (all(unlist(cn) %in% colnames(X)) && !scalarSlope) suppressWarnings(performance::icc(m)) else NA
  if (is.list(i)) {
    r <- suppressWarnings(performance::r2_nakagawa(m))
    stopifnot(abs(i$ICC_adjusted - res$icc$adjusted) < 1e-6, abs(r$R2_marginal - res$r2$marginal) < 1e-6,
              abs(r$R2_conditional - res$r2$conditional) < 1e-6)
    res$icc$adjusted <- unname(i$ICC_adjusted); res$icc$unadjusted <- unname(i$ICC_unadjusted)
    res$r2 <- list(marginal = unname(r$R2_marginal), conditional = unname(r$R2_conditional))
    if (!slopes) {
      g <- performance::icc(m, by_group = TRUE)
      res$icc$byGroup <- lapply(seq_len(nrow(g)), function(k) list(group = g$Group[k], icc = g$ICC[k]))
    }
    res$source <- "performance"
  }
  res
}

fitjson <- function(m, formula, data_file, method, weights) {
  s <- summary(m)
  co <- s$coefficients
  fe <- lapply(seq_len(nrow(co)), function(i) list(term = rownames(co)[i], estimate = co[i, 1], se = co[i, 2],
    df = co[i, 3], t = co[i, 4], p = co[i, 5]))
  vc <- as.data.frame(VarCorr(m))
  vcl <- lapply(seq_len(nrow(vc)), function(i) {
    r <- vc[i, ]
    if (r$grp == "Residual") list(group = "Residual", term = NULL, sd = r$sdcor)
    else if (is.na(r$var2)) list(group = r$grp, term = r$var1, sd = r$sdcor)
    else list(group = r$grp, terms = c(r$var1, r$var2), cor = r$sdcor)
  })
  ng <- as.list(sapply(ranef(m), nrow))
  e <- effects(m)
  list(data = data_file, formula = formula, method = method, weights = weights, nobs = nobs(m), groups = ng,
       fixef = fe, varcorr = vcl, sigma = sigma(m), logLik = as.numeric(logLik(m)),
       deviance = if (method == "REML") as.numeric(REMLcrit(m)) else as.numeric(deviance(m)),
       AIC = AIC(m), BIC = BIC(m), theta = I(unname(getME(m, "theta"))),
       icc = e$icc, r2 = e$r2, effectsSource = e$source)
}

cases <- list()
# compare: formula of a smaller model (anova(m0, m1) on the REML fit); contrasts: named list of L.
add <- function(name, data, formula, weights = NULL, compare = NULL, contrasts = list(), methods = c("REML", "ML")) {
  f <- file.path(out, paste0(name, ".csv"))
  if (!file.exists(f)) write.csv(data, f, row.names = FALSE)
  d <- read.csv(f)
  for (meth in methods) {
    m <- if (is.null(weights)) lmerTest::lmer(as.formula(formula), data = d, REML = (meth == "REML"))
         else eval(bquote(lmerTest::lmer(as.formula(formula), data = d, REML = (meth == "REML"), weights = .(as.name(weights)))))
    case <- fitjson(m, formula, basename(f), meth, weights)
    if (!is.null(compare) && meth == "REML") {
      m0 <- if (is.null(weights)) lmerTest::lmer(as.formula(compare), data = d)
            else eval(bquote(lmerTest::lmer(as.formula(compare), data = d, weights = .(as.name(weights)))))
      a <- suppressMessages(anova(m0, m))
      case$comparison <- list(formula = compare, rows = lapply(1:2, function(k) list(
        npar = a$npar[k], AIC = a$AIC[k], BIC = a$BIC[k], logLik = a$logLik[k], deviance = a$deviance[k],
        chisq = if (is.na(a$Chisq[k])) NULL else a$Chisq[k], df = if (is.na(a$Df[k])) NULL else a$Df[k],
        p = if (is.na(a[["Pr(>Chisq)"]][k])) NULL else a[["Pr(>Chisq)"]][k])))
    }
    if (length(contrasts) > 0) {
      case$contrasts <- lapply(names(contrasts), function(lab) {
        ct <- lmerTest::contest1D(m, contrasts[[lab]])
        list(contrast = lab, L = contrasts[[lab]], estimate = ct$Estimate, se = ct[["Std. Error"]], df = ct$df,
             t = ct[["t value"]], p = ct[["Pr(>|t|)"]])
      })
    }
    cases[[length(cases) + 1]] <<- case
    cat(sprintf("%-12s %-5s %s%s\n", name, meth, formula, if (is.null(weights)) "" else paste0("  weights=", weights)))
  }
}

cw <- as.data.frame(ChickWeight)
cw <- data.frame(weight = cw$weight, Time = cw$Time, Chick = as.character(cw$Chick), Diet = as.integer(cw$Diet))
add("chickweight", cw, "weight ~ Time * factor(Diet) + (Time | Chick)",
    compare = "weight ~ Time + factor(Diet) + (Time | Chick)",
    contrasts = list("Time:factor(Diet)3 - Time:factor(Diet)2" = c(0, 0, 0, 0, 0, -1, 1, 0)))
add("chickweight", cw, "weight ~ poly(Time, 2) + factor(Diet) + (Time | Chick)")
orth <- as.data.frame(Orthodont)
orth <- data.frame(distance = orth$distance, age = orth$age, Subject = as.character(orth$Subject), Sex = as.character(orth$Sex))
add("orthodont", orth, "distance ~ poly(age, 2, raw = TRUE) + Sex + (1 | Subject)",
    compare = "distance ~ Sex + (1 | Subject)")
add("orthodont", orth, "distance ~ scale(age) * Sex + (scale(age) | Subject)")
add("orthodont", orth, "distance ~ factor(age) + Sex + (1 | Subject)",
    contrasts = list("factor(age)14 - factor(age)12" = c(0, 0, -1, 1, 0)))
bw <- as.data.frame(BodyWeight)
bw <- data.frame(weight = bw$weight, Time = bw$Time, Rat = as.character(bw$Rat), Diet = as.integer(bw$Diet))
add("bodyweight", bw, "log(weight) ~ scale(Time, scale = FALSE) * factor(Diet) + (1 + scale(Time, scale = FALSE) | Rat)")
ox <- as.data.frame(Oxboys)
ox <- data.frame(height = ox$height, age = ox$age, Subject = as.character(ox$Subject), Occasion = as.integer(ox$Occasion))
add("oxboys", ox, "height ~ poly(age, 2) + (age | Subject)")
mach <- as.data.frame(Machines)
mach <- data.frame(score = mach$score, Worker = as.character(mach$Worker), machine = as.integer(mach$Machine))
add("machines", mach, "score ~ factor(machine) + (0 + factor(machine) | Worker)")
ck <- data.frame(angle = cake$angle, recipe = as.character(cake$recipe), replicate = as.integer(cake$replicate), temp = cake$temp)
add("cake", ck, "angle ~ recipe * factor(temp) + (1 | recipe:replicate)",
    compare = "angle ~ recipe + factor(temp) + (1 | recipe:replicate)")
ex <- data.frame(normexam = Exam$normexam, standLRT = Exam$standLRT, sex = as.character(Exam$sex),
                 schgend = as.character(Exam$schgend), school = as.character(Exam$school))
add("exam", ex, "normexam ~ standLRT + sex + schgend + (standLRT | school)",
    compare = "normexam ~ standLRT + (standLRT | school)")
add("exam", ex, "normexam ~ sex + offset(0.5 * standLRT) + (1 | school)")
hsb <- data.frame(mAch = Hsb82$mAch, ses = Hsb82$ses, sector = as.character(Hsb82$sector), school = as.character(Hsb82$school))
add("hsb82", hsb, "mAch ~ scale(ses) * sector + (1 | school)")
mm <- data.frame(deaths = Mmmec$deaths, expected = Mmmec$expected, uvb = Mmmec$uvb,
                 nation = as.character(Mmmec$nation), region = as.character(Mmmec$region))
add("mmmec", mm, "log(deaths + 0.5) ~ uvb + offset(log(expected)) + (1 | nation/region)",
    compare = "log(deaths + 0.5) ~ 1 + offset(log(expected)) + (1 | nation/region)")
aq <- airquality
add("airquality", aq, "log(Ozone) ~ log(Wind + 1) + I(Temp - 70) + (1 | Month)")
# "Do therapists differ?" on the simulated PRN of fixtures/golden (patients nested in therapists).
prn <- read.csv("fixtures/golden/prn_small.csv")
add("prn_small", prn, "wellbeing ~ poly(time, 2) * factor(condition) + alliance_patient + (1 | therapist/patient)",
    compare = "wellbeing ~ poly(time, 2) * factor(condition) + alliance_patient + (1 | patient:therapist)",
    contrasts = list("poly(time, 2)1:factor(condition)1 + poly(time, 2)1" = c(0, 1, 0, 0, 0, 1, 0)))
# Prior weights: cell means weighted by their cell sizes, as in an analysis of aggregated data.
ch <- aggregate(score ~ school + lea + gender, data = Chem97, FUN = mean)
ch$n <- aggregate(score ~ school + lea + gender, data = Chem97, FUN = length)$score
ch <- data.frame(score = ch$score, gender = as.character(ch$gender), school = as.character(ch$school),
                 lea = as.character(ch$lea), n = ch$n)
add("chem97_cells", ch, "score ~ gender + (1 | lea/school)", weights = "n",
    compare = "score ~ 1 + (1 | lea/school)")
exc <- within(Exam, band <- round(standLRT))
exa <- aggregate(normexam ~ school + sex + band, data = exc, FUN = mean)
exa$n <- aggregate(normexam ~ school + sex + band, data = exc, FUN = length)$normexam
exa <- data.frame(normexam = exa$normexam, band = exa$band, sex = as.character(exa$sex),
                  school = as.character(exa$school), n = exa$n)
add("exam_cells", exa, "normexam ~ band + sex + (band | school)", weights = "n")
writeLines(toJSON(cases, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE),
           file.path(out, "reference.json"))
