# More lme4 1.1-31 + lmerTest reference fits for the engine's test suite (fixtures/golden-extra):
# factors in fixed effects, k = 3 random effects, a singular fit, crossed factors with fill-in,
# missing values, log-transformed response. Each data set is written to CSV and READ BACK before
# fitting, so R sees exactly the types attune sees (no ordered factors, no labels).
# Usage: Rscript tools/r/golden-extra.R fixtures/golden-extra
suppressPackageStartupMessages({library(lme4); library(lmerTest); library(jsonlite); library(nlme)})
out <- commandArgs(TRUE)[1]
dir.create(out, showWarnings = FALSE, recursive = TRUE)

fitjson <- function(m, formula, data_file, method) {
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
  list(data = data_file, formula = formula, method = method, nobs = nobs(m), groups = ng,
       fixef = fe, varcorr = vcl, sigma = sigma(m), logLik = as.numeric(logLik(m)),
       deviance = if (method == "REML") as.numeric(REMLcrit(m)) else as.numeric(deviance(m)),
       AIC = AIC(m), BIC = BIC(m), theta = I(unname(getME(m, "theta"))))
}

cases <- list()
add <- function(name, data, formula, methods = c("REML", "ML")) {
  f <- file.path(out, paste0(name, ".csv"))
  write.csv(data, f, row.names = FALSE)
  d <- read.csv(f)
  for (meth in methods) {
    m <- lmerTest::lmer(as.formula(formula), data = d, REML = (meth == "REML"))
    cases[[length(cases) + 1]] <<- fitjson(m, formula, basename(f), meth)
    cat(sprintf("%-14s %-5s %s\n", name, meth, formula))
  }
}

add("dyestuff2", Dyestuff2, "Yield ~ 1 + (1 | Batch)")
add("chickweight", as.data.frame(ChickWeight), "weight ~ Time * Diet + (1 + Time | Chick)")
add("orthodont", as.data.frame(Orthodont), "distance ~ age * Sex + (age | Subject)")
cake2 <- data.frame(angle = cake$angle, recipe = as.character(cake$recipe), replicate = as.integer(cake$replicate), temp = cake$temp)
add("cake", cake2, "angle ~ recipe * temp + (1 | recipe:replicate)")
add("sleepstudy3", sleepstudy, "Reaction ~ Days + I(Days^2) + (Days + I(Days^2) | Subject)")
set.seed(7)
ie <- InstEval[InstEval$s %in% sample(unique(InstEval$s), 300) & InstEval$d %in% sample(unique(InstEval$d), 150), ]
ie <- data.frame(y = ie$y, s = as.character(ie$s), d = as.character(ie$d), service = as.integer(ie$service) - 1)
add("insteval_sub", ie, "y ~ service + (1 | s) + (1 | d)")
add("airquality", airquality, "log(Ozone) ~ Temp + Wind + (1 | Month)")
writeLines(toJSON(cases, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE), file.path(out, "reference.json"))
