import Foundation

/// The standard normal quantile and a gamma approximation, for latency percentiles.
public enum Distributions {
    /// Φ⁻¹(p) for 0 < p < 1: Acklam's rational approximation (relative error < 1.2e-9),
    /// https://web.archive.org/web/20151030215612/http://home.online.no/~pjacklam/notes/invnorm/
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normalQuantile needs 0 < p < 1")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * Foundation.log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low {
            let q = (-2 * Foundation.log(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }

    /// The p-quantile of a gamma distribution with the given mean and variance (both ≥ 0), by
    /// the Wilson–Hilferty cube-root approximation (Johnson, Kotz & Balakrishnan, Continuous
    /// Univariate Distributions, vol. 1, §17.5): with shape k = mean²/var,
    ///
    ///     x_p ≈ mean · (1 − 1/(9k) + z_p / (3√k))³
    ///
    /// A variance of 0 gives the mean.
    public static func gammaQuantile(mean: Double, variance: Double, p: Double) -> Double {
        guard mean > 0, variance > 0 else { return Swift.max(0, mean) }
        let k = mean * mean / variance
        let z = normalQuantile(p)
        let cube = 1 - 1 / (9 * k) + z / (3 * k.squareRoot())
        return mean * Swift.max(0, cube * cube * cube)
    }
}

extension Distributions {
    /// The regularized lower incomplete gamma function P(k, x) = γ(k, x) / Γ(k): the CDF of a
    /// gamma distribution of shape k and scale 1 at x. Series for x < k + 1, Lentz's continued
    /// fraction otherwise (Press et al., Numerical Recipes, 3rd ed., §6.2).
    public static func regularizedGammaP(_ k: Double, _ x: Double) -> Double {
        guard x > 0 else { return 0 }
        let logPrefix = k * Foundation.log(x) - x - Foundation.lgamma(k)
        if x < k + 1 {
            var term = 1 / k, sum = term, a = k
            for _ in 0..<1000 {
                a += 1
                term *= x / a
                sum += term
                if term.magnitude < sum.magnitude * 1e-15 { break }
            }
            return Swift.min(1, sum * Foundation.exp(logPrefix))
        }
        let tiny = 1e-300
        var b = x + 1 - k, c = 1 / tiny, dd = 1 / b, h = dd
        for i in 1..<1000 {
            let an = -Double(i) * (Double(i) - k)
            b += 2
            dd = an * dd + b
            if dd.magnitude < tiny { dd = tiny }
            c = b + an / c
            if c.magnitude < tiny { c = tiny }
            dd = 1 / dd
            let delta = dd * c
            h *= delta
            if (delta - 1).magnitude < 1e-15 { break }
        }
        return Swift.max(0, 1 - Foundation.exp(logPrefix) * h)
    }

    /// The CDF of a gamma distribution of the given mean and variance at x.
    public static func gammaCDF(_ x: Double, mean: Double, variance: Double) -> Double {
        guard x > 0 else { return 0 }
        guard mean > 0, variance > 0 else { return x >= mean ? 1 : 0 }
        return regularizedGammaP(mean * mean / variance, x * mean / variance)
    }

    /// The CDF at x of Y + W: Y gamma with the given mean and variance, W independent, 0 with
    /// probability 1 − q and exponential of rate θ with probability q. Y + Exp(θ) is taken as
    /// the gamma of its mean and variance (E[Y] + 1/θ, Var[Y] + 1/θ²).
    public static func gammaPlusExponentialAtomCDF(_ x: Double, mean: Double, variance: Double, atomFree q: Double, rate θ: Double) -> Double {
        guard x > 0 else { return 0 }
        let waited = gammaCDF(x, mean: mean + 1 / θ, variance: variance + 1 / (θ * θ))
        return (1 - q) * gammaCDF(x, mean: mean, variance: variance) + q * waited
    }

    /// The p-quantile of Y + W (see `gammaPlusExponentialAtomCDF`), by bisection to a relative
    /// 1e-5. When W is rarely positive (q below (1 − p)/100: it holds under 1% of the tail
    /// beyond the quantile) it is Y's gamma quantile.
    public static func gammaPlusExponentialAtomQuantile(_ p: Double, mean: Double, variance: Double, atomFree q: Double, rate θ: Double) -> Double {
        let gammaOnly = gammaQuantile(mean: mean, variance: variance, p: p)
        guard q > (1 - p) / 100, θ > 0, θ.isFinite else { return gammaOnly }
        var lo = 0.0
        var hi = Swift.max(1e-9, gammaOnly + 2 * Foundation.log(Swift.max(1, q / (1 - p))) / θ + 1 / θ)
        while gammaPlusExponentialAtomCDF(hi, mean: mean, variance: variance, atomFree: q, rate: θ) < p, hi < 1e12 { lo = hi; hi *= 2 }
        while hi - lo > 1e-5 * hi {
            let mid = (lo + hi) / 2
            if gammaPlusExponentialAtomCDF(mid, mean: mean, variance: variance, atomFree: q, rate: θ) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
