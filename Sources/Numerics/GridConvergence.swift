import Foundation

/// The discretisation uncertainty of one quantity solved on three grids, refined by any ratios:
/// the Grid Convergence Index of Roache (J. Fluids Eng. 116, 405-413, 1994) by the procedure of
/// Celik et al. ("Procedure for estimation and reporting of uncertainty due to discretization in
/// CFD applications", J. Fluids Eng. 130, 078001, 2008), with safeguards for the cases that
/// procedure does not cover after Eça & Hoekstra ("A procedure for the estimation of the numerical
/// uncertainty of CFD calculations based on grid refinement studies", J. Comput. Phys. 262,
/// 104-130, 2014).
///
/// With φ₁ on the finest grid, φ₃ on the coarsest, r₂₁ = h₂/h₁ and r₃₂ = h₃/h₂ (cell sizes),
/// ε₂₁ = φ₂ − φ₁ and ε₃₂ = φ₃ − φ₂, the observed order p solves (Celik et al., eqs. 3-5)
///
///     p = (ln|ε₃₂/ε₂₁| + q(p)) / ln r₂₁,   q(p) = ln((r₂₁ᵖ − 1)/(r₃₂ᵖ − 1))   (monotone: s = 1)
///
/// and the extrapolated value is φ_ext = (r₂₁ᵖ φ₁ − φ₂)/(r₂₁ᵖ − 1). (Celik et al. take the
/// absolute value of p's right side; without it, differences that grow faster with refinement
/// than any power law allows give p ≤ 0 and no extrapolation, not a spurious order.) The
/// uncertainty U of φ₁, a band meant to hold the grid-converged value (about 95 %), is
///
/// - monotone, 0.5 ≤ p ≤ 2.1 (the observed order near or below the schemes' formal 2):
///   U = 1.25 |ε₂₁| / (r₂₁ᵖ − 1), Roache's GCI with its safety factor for three grids;
/// - monotone, p > 2.1: the order is not trusted above the formal one: p = 2, and at least the
///   data's range, U = max(1.25 |ε₂₁| / (r₂₁² − 1), 1.25 Δ), Δ = max φ − min φ;
/// - monotone, p < 0.5, or oscillating (ε₃₂/ε₂₁ < 0), or no observed order: U = 3 Δ;
/// - a value that is not finite: U = ∞.
///
/// (Eça & Hoekstra fit the order by least squares over four or more grids and add the fit's
/// scatter; with three grids the fit is exact, and these are their rules for the order's range.)
/// Celik et al. ask for r > 1.3, so that the grids' differences are not lost in iteration error;
/// a study with smaller ratios (Plenum's CFD references: 8/6 and 6/5) reads U as a guide.
public struct GridConvergence: Sendable, Equatable {
    public enum Behaviour: String, Sendable {
        /// The three values agree (Δ below `flatTolerance`): U = 0.
        case flat
        case monotone
        case oscillating
    }

    public let behaviour: Behaviour
    /// The observed order p (monotone only; nil when the iteration found none).
    public let observedOrder: Double?
    /// φ_ext (monotone with an observed order only).
    public let extrapolated: Double?
    /// U: the band about the finest value, in the quantity's unit.
    public let uncertainty: Double

    /// Values that differ by less than this (absolute, the quantity's unit) are the same solution.
    public static let flatTolerance = 1e-9

    /// - Parameters: fine, medium, coarse: the quantity on each grid; refinementFineToMedium r₂₁ and
    ///   refinementMediumToCoarse r₃₂, each > 1 (ratios of cell sizes).
    public init(fine: Double, medium: Double, coarse: Double, refinementFineToMedium r21: Double, refinementMediumToCoarse r32: Double) {
        precondition(r21 > 1 && r32 > 1, "grid refinement ratios must exceed 1")
        guard fine.isFinite, medium.isFinite, coarse.isFinite else {
            // A grid without an answer bounds nothing.
            (behaviour, observedOrder, extrapolated, uncertainty) = (.oscillating, nil, nil, .infinity)
            return
        }
        let range = max(fine, medium, coarse) - min(fine, medium, coarse)
        let e21 = medium - fine, e32 = coarse - medium
        guard range > Self.flatTolerance else {
            (behaviour, observedOrder, extrapolated, uncertainty) = (.flat, nil, nil, 0)
            return
        }
        guard e21 * e32 > 0 else {
            // Opposite signs, or one pair equal: no power law through the three.
            (behaviour, observedOrder, extrapolated, uncertainty) = (.oscillating, nil, nil, 3 * range)
            return
        }
        behaviour = .monotone
        guard let p = Self.observedOrder(e21: e21, e32: e32, r21: r21, r32: r32) else {
            (observedOrder, extrapolated, uncertainty) = (nil, nil, 3 * range)
            return
        }
        observedOrder = p
        extrapolated = (pow(r21, p) * fine - medium) / (pow(r21, p) - 1)
        switch p {
        case ..<0.5: uncertainty = 3 * range
        case ...2.1: uncertainty = 1.25 * abs(e21) / (pow(r21, p) - 1)
        default: uncertainty = max(1.25 * abs(e21) / (r21 * r21 - 1), 1.25 * range)
        }
    }

    /// Celik et al.'s fixed-point iteration for p, from p = 1; nil unless it settles to 10⁻¹⁰
    /// within 500 steps on a finite, positive order.
    static func observedOrder(e21: Double, e32: Double, r21: Double, r32: Double) -> Double? {
        var p = 1.0
        for _ in 0..<500 {
            let q = log((pow(r21, p) - 1) / (pow(r32, p) - 1))
            let next = (log(abs(e32 / e21)) + q) / log(r21)
            guard next.isFinite, next > 0 else { return nil }
            if abs(next - p) < 1e-10 { return next }
            p = next
        }
        return nil
    }
}
