# lme4::glmer reference fits for attune's GLMM engine (fixtures/glmm): public data shipped with R
# packages in Debian (lme4's cbpp and grouseticks, mlmRev's Contraception and VerbAgg) and two PRN
# simulations (binary deterioration with therapist and patient levels, Poisson missed forms).
# Each data set is written to CSV and READ BACK before fitting, so R sees exactly the types attune
# sees (factors as text, 0/1 responses as numbers).
# Usage: Rscript tools/r/glmm.R fixtures/glmm   (writes reference.json and extras.json)
suppressPackageStartupMessages({library(lme4); library(jsonlite); library(mlmRev)})
out <- commandArgs(TRUE)[1]
dir.create(out, showWarnings = FALSE, recursive = TRUE)

fitjson <- function(m, formula, data_file, fam, link, nAGQ) {
  co <- summary(m)$coefficients
  fe <- lapply(seq_len(nrow(co)), function(i) list(term = rownames(co)[i], estimate = co[i, 1],
    se = co[i, 2], z = co[i, 3], p = co[i, 4]))
  vc <- as.data.frame(VarCorr(m))
  vcl <- lapply(seq_len(nrow(vc)), function(i) {
    r <- vc[i, ]
    if (is.na(r$var2)) list(group = r$grp, term = r$var1, sd = r$sdcor)
    else list(group = r$grp, terms = c(r$var1, r$var2), cor = r$sdcor)
  })
  ng <- as.list(sapply(ranef(m), nrow))
  ll <- as.numeric(logLik(m))
  list(data = data_file, formula = formula, family = fam, link = link, nAGQ = nAGQ,
       method = if (nAGQ > 1) "AGQ" else "Laplace", nobs = nobs(m), groups = ng,
       fixef = fe, varcorr = vcl, logLik = ll, deviance = -2 * ll, AIC = AIC(m), BIC = BIC(m),
       theta = I(unname(getME(m, "theta"))), singular = isSingular(m),
       warnings = I(as.character(unlist(m@optinfo$conv$lme4$messages))),
       seconds = unname(attr(m, "seconds")))
}

cases <- list()
add <- function(name, data, formula, fam = "binomial", link = NULL, nAGQ = 1, write = TRUE) {
  f <- file.path(out, paste0(name, ".csv"))
  if (write) write.csv(data, f, row.names = FALSE)
  d <- read.csv(f)
  link <- if (is.null(link)) (if (fam == "binomial") "logit" else "log") else link
  famobj <- if (fam == "binomial") binomial(link = link) else poisson(link = link)
  t0 <- proc.time()[["elapsed"]]
  m <- glmer(as.formula(formula), data = d, family = famobj, nAGQ = nAGQ)
  attr(m, "seconds") <- proc.time()[["elapsed"]] - t0
  cases[[length(cases) + 1]] <<- fitjson(m, formula, basename(f), fam, link, nAGQ)
  cat(sprintf("%-14s %-8s %-8s nAGQ=%-2d %s  logLik %.6f\n", name, fam, link, nAGQ, formula, logLik(m)))
}

# lme4: contagious bovine pleuropneumonia (binomial counts per herd and period).
cbpp2 <- data.frame(herd = as.character(cbpp$herd), incidence = cbpp$incidence, size = cbpp$size,
                    period = paste0("P", cbpp$period))
cf <- "cbind(incidence, size - incidence) ~ period + (1 | herd)"
add("cbpp", cbpp2, cf)
add("cbpp", NULL, cf, nAGQ = 9, write = FALSE)
add("cbpp", NULL, cf, nAGQ = 25, write = FALSE)
add("cbpp", NULL, cf, link = "probit", write = FALSE)
add("cbpp", NULL, cf, link = "cloglog", write = FALSE)

# lme4: red grouse ticks (counts; crossed/nested brood, location and an observation-level effect).
gt <- data.frame(INDEX = as.character(grouseticks$INDEX), TICKS = grouseticks$TICKS,
                 BROOD = as.character(grouseticks$BROOD), HEIGHT = grouseticks$HEIGHT,
                 YEAR = paste0("Y", grouseticks$YEAR), LOCATION = as.character(grouseticks$LOCATION))
gt$cHEIGHT <- gt$HEIGHT - mean(gt$HEIGHT)
add("grouseticks", gt, "TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)", fam = "poisson")
add("grouseticks", NULL, "TICKS ~ YEAR + cHEIGHT + (1 | LOCATION)", fam = "poisson", nAGQ = 9, write = FALSE)

# mlmRev: 1988 Bangladesh Fertility Survey, contraception use by district.
ct <- data.frame(woman = as.character(Contraception$woman), district = as.character(Contraception$district),
                 use = as.integer(Contraception$use == "Y"), livch = as.character(Contraception$livch),
                 age = Contraception$age, urban = as.character(Contraception$urban))
add("contraception", ct, "use ~ age + I(age^2) + urban + livch + (1 | district)")
add("contraception", NULL, "use ~ age + I(age^2) + urban + livch + (urban | district)", write = FALSE)
add("contraception", NULL, "use ~ age + I(age^2) + urban + livch + (1 | district)", nAGQ = 7, write = FALSE)

# mlmRev: verbal aggression items (crossed persons and items, binary).
va <- data.frame(id = as.character(VerbAgg$id), item = as.character(VerbAgg$item), r2 = as.integer(VerbAgg$r2 == "Y"),
                 Anger = VerbAgg$Anger, Gender = as.character(VerbAgg$Gender), btype = as.character(VerbAgg$btype),
                 situ = as.character(VerbAgg$situ), mode = as.character(VerbAgg$mode))
add("verbagg", va, "r2 ~ Anger + Gender + btype + situ + (1 | id) + (1 | item)")

# PRN simulation: 40 therapists x 8 patients x 10 sessions; reliable deterioration (binary) by arm
# with therapist and patient random intercepts and a therapist random time slope; dropout per
# patient; missed forms (Poisson count) per patient.
set.seed(20261205)
nt <- 40; np <- 8; ns <- 10
th <- rep(sprintf("T%02d", 1:nt), each = np * ns)
pa <- rep(sprintf("T%02d_P%d", rep(1:nt, each = np), 1:np), each = ns)
arm <- rep(rep(0:1, length.out = nt), each = np * ns)
session <- rep(1:ns, nt * np)
t0 <- rnorm(nt, 0, 0.5); t1 <- rnorm(nt, 0, 0.08); p0 <- rnorm(nt * np, 0, 0.9)
ti <- rep(1:nt, each = np * ns); pi <- rep(1:(nt * np), each = ns)
eta <- -2.2 - 0.5 * arm + 0.05 * (session - 1) + t0[ti] + t1[ti] * (session - 1) + p0[pi]
det <- rbinom(length(eta), 1, plogis(eta))
prn <- data.frame(therapist = th, patient = pa, arm = arm, session = session, time = session - 1, deterioration = det)
add("prn_deterioration", prn, "deterioration ~ arm + time + (1 | therapist) + (1 | therapist:patient)")
add("prn_deterioration", NULL, "deterioration ~ arm + time + (1 + time | therapist) + (1 | therapist:patient)", write = FALSE)
add("prn_deterioration", NULL, "deterioration ~ arm + time + (1 | therapist) + (1 | therapist:patient)", link = "probit", write = FALSE)
pat <- data.frame(therapist = sprintf("T%02d", rep(1:nt, each = np)), patient = sprintf("T%02d_P%d", rep(1:nt, each = np), 1:np),
                  arm = rep(rep(0:1, length.out = nt), each = np), intake = round(rnorm(nt * np, 0, 1), 3))
pat$dropout <- rbinom(nrow(pat), 1, plogis(-1 + 0.4 * pat$arm + 0.5 * pat$intake + t0[rep(1:nt, each = np)]))
pat$missed <- rpois(nrow(pat), exp(0.3 - 0.3 * pat$arm + 0.2 * pat$intake + 0.6 * t0[rep(1:nt, each = np)] + rnorm(nrow(pat), 0, 0.3)))
pat$w <- 1 + seq_len(nrow(pat)) %% 3  # prior weights for the weighted-fit cases below (no random draw)
add("prn_patients", pat, "dropout ~ arm + intake + (1 | therapist)")
add("prn_patients", NULL, "dropout ~ arm + intake + (1 | therapist)", nAGQ = 9, write = FALSE)
add("prn_patients", NULL, "missed ~ arm + intake + (1 | therapist)", fam = "poisson", write = FALSE)
add("prn_patients", NULL, "dropout ~ arm + intake + (1 | therapist)", link = "cloglog", write = FALSE)

writeLines(toJSON(cases, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE),
           file.path(out, "reference.json"))

# ---- extras.json: prior weights, nAGQ = 0, anova() between glmer fits, Wald z contrasts, and the
# ICC / R2 of performance 0.10.2 (insight 0.19: latent-scale distribution variance) on the data above.
extras <- list()
addx <- function(name, formula, fam = "binomial", link = NULL, nAGQ = 1, weights = NULL, compare = NULL,
                 contrasts = list(), effects = FALSE) {
  d <- read.csv(file.path(out, paste0(name, ".csv")))
  link <- if (is.null(link)) (if (fam == "binomial") "logit" else "log") else link
  famobj <- if (fam == "binomial") binomial(link = link) else poisson(link = link)
  fit <- function(f) if (is.null(weights)) glmer(as.formula(f), data = d, family = famobj, nAGQ = nAGQ)
                     else eval(bquote(glmer(as.formula(f), data = d, family = famobj, nAGQ = nAGQ, weights = .(as.name(weights)))))
  m <- fit(formula)
  case <- fitjson(m, formula, paste0(name, ".csv"), fam, link, nAGQ)
  case$method <- if (nAGQ > 1) "AGQ" else "Laplace"
  case$weights <- weights
  case$vcovSource <- if (is.null(m@optinfo$derivs$Hessian)) "RX" else "hessian"
  if (!is.null(compare)) {
    m0 <- fit(compare)
    a <- suppressMessages(anova(m0, m))
    case$comparison <- list(formula = compare, rows = lapply(seq_len(nrow(a)), function(i) list(
      npar = a$npar[i], AIC = a$AIC[i], BIC = a$BIC[i], logLik = a$logLik[i], deviance = a$deviance[i],
      chisq = if (i == 1) NULL else a$Chisq[i], df = if (i == 1) NULL else a$Df[i],
      p = if (i == 1) NULL else a[["Pr(>Chisq)"]][i])))
  }
  if (length(contrasts)) {
    V <- as.matrix(vcov(m)); b <- fixef(m)
    case$contrasts <- lapply(names(contrasts), function(lab) {
      L <- contrasts[[lab]]; est <- sum(L * b); se <- sqrt(drop(t(L) %*% V %*% L))
      list(contrast = lab, L = I(L), estimate = est, se = se, z = est / se, p = 2 * pnorm(-abs(est / se)))
    })
  }
  if (effects) {
    i <- suppressWarnings(performance::icc(m)); r <- suppressWarnings(performance::r2_nakagawa(m))
    v <- suppressWarnings(insight::get_variance(m))
    g <- suppressWarnings(performance::icc(m, by_group = TRUE))
    # A singular fit (some theta below insight's 1e-5): performance gives NA for the ICC (kept as null).
    case$icc <- if (!is.data.frame(i)) list(adjusted = NA, unadjusted = NA, byGroup = NULL)
                else list(adjusted = unname(i$ICC_adjusted), unadjusted = unname(i$ICC_unadjusted),
                     byGroup = if (is.null(insight::find_random_slopes(m))) lapply(seq_len(nrow(g)), function(k) list(group = g$Group[k], icc = g$ICC[k])) else NULL)
    case$r2 <- list(marginal = unname(r$R2_marginal), conditional = unname(r$R2_conditional),
                    varDistribution = v$var.distribution, varDispersion = v$var.dispersion)
  }
  extras[[length(extras) + 1]] <<- case
  cat(sprintf("extras %-18s %-8s nAGQ=%d %s%s\n", name, link, nAGQ, formula, if (is.null(weights)) "" else paste0("  weights=", weights)))
}
addx("cbpp", "incidence/size ~ period + (1 | herd)", weights = "size",
     compare = "incidence/size ~ 1 + (1 | herd)", contrasts = list("periodP3 - periodP2" = c(0, -1, 1, 0)), effects = TRUE)
addx("cbpp", cf, weights = "size")
addx("cbpp", cf, nAGQ = 0, compare = "cbind(incidence, size - incidence) ~ 1 + (1 | herd)")
addx("cbpp", cf, link = "probit", effects = TRUE)
addx("prn_deterioration", "deterioration ~ arm + time + (1 | therapist) + (1 | therapist:patient)", nAGQ = 0)
addx("prn_deterioration", "deterioration ~ arm + time + (1 | therapist) + (1 | therapist:patient)",
     compare = "deterioration ~ time + (1 | therapist) + (1 | therapist:patient)",
     contrasts = list("arm + 9*time" = c(0, 1, 9)), effects = TRUE)
addx("prn_deterioration", "deterioration ~ arm + time + (1 | therapist) + (1 | therapist:patient)", link = "probit", effects = TRUE)
addx("prn_patients", "missed ~ arm + intake + (1 | therapist)", fam = "poisson", weights = "w",
     compare = "missed ~ intake + (1 | therapist)", effects = TRUE)
addx("prn_patients", "dropout ~ arm + intake + (1 | therapist)", weights = "w", nAGQ = 0)
addx("prn_patients", "dropout ~ arm + intake + (1 | therapist)", link = "cloglog", effects = TRUE)
addx("contraception", "use ~ age + I(age^2) + urban + livch + (urban | district)",
     compare = "use ~ age + I(age^2) + urban + livch + (1 | district)",
     contrasts = list("livch3+ - livch1" = c(0, 0, 0, 0, -1, 0, 1)), effects = TRUE)
addx("contraception", "use ~ age + I(age^2) + urban + livch + (1 | district)", nAGQ = 0)
addx("grouseticks", "TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)", fam = "poisson", effects = TRUE)
addx("grouseticks", "TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)", fam = "poisson", nAGQ = 0)
addx("verbagg", "r2 ~ Anger + Gender + btype + situ + (1 | id) + (1 | item)", nAGQ = 0)
# Singular fits (a variance at exactly zero): performance::icc is NA, r2_nakagawa has no conditional R².
addx("prn_deterioration", "deterioration ~ arm + time + (1 + time | therapist)", effects = TRUE)
addx("grouseticks", "TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | LOCATION) + (1 | YEAR)", fam = "poisson", effects = TRUE)
writeLines(toJSON(extras, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE),
           file.path(out, "extras.json"))
