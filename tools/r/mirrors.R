# Mirror images of θ (shared by the boundary golden scripts, run from the repository root): for each
# relative covariance factor column whose diagonal is at its bound 0 (≤ 1e-4) with a clearly nonzero
# entry below it, θ with that diagonal set to 0 and the entries below negated — the same covariance,
# the other side of the boundary (attune's lmm/boundaryReflection.ts). k: each term's factor dimension.
mirrors <- function(theta, k) {
  res <- list(); idx <- 1
  for (kk in k) for (c in seq_len(kk)) {
    below <- if (c < kk) idx + seq_len(kk - c) else integer(0)
    if (theta[idx] <= 1e-4 && length(below) && max(abs(theta[below])) > 1e-6) {
      t2 <- theta; t2[idx] <- 0; t2[below] <- -theta[below]; res[[length(res) + 1]] <- t2
    }
    idx <- idx + kk - c + 1
  }
  res
}
