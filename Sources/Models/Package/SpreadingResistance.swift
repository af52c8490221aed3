import Foundation

/// The mean temperature rise of a rectangular heat source on a rectangular plate of one or more
/// layers, cooled by a uniform heat-transfer coefficient h on the far face, sides adiabatic: the
/// Fourier-series solution of Muzychka, Culham and Yovanovich, "Thermal spreading resistance of
/// eccentric heat sources on rectangular flux channels", J. Electronic Packaging 125 (2003) 178-185,
/// with their compound (layered) channel written as an impedance carried up from the cooled face.
///
/// Plate a × b, source c × d centred at (X_c, Y_c), power Q, layers (t_i, k_i) source side first:
///
///     R = Σ_{m,n ≥ 0} ε_m ε_n X_m² Y_n² / (a b c² d²) · Z(β_mn),   β_mn = √(λ_m² + δ_n²)
///     λ_m = mπ/a, δ_n = nπ/b, ε_0 = 1, ε_{>0} = 2,
///     X_0 = c, X_m = 2 cos(λ_m X_c) sin(λ_m c/2) / λ_m  (Y_n likewise with d, Y_c)
///
/// Z(β) is the source-face temperature per unit flux of one mode: 1/h at the cooled face, then
/// through each layer upwards Z ← (Z cosh βt + sinh βt /(kβ)) / (kβ Z sinh βt + cosh βt)
/// (Z ← Z + t/k for β = 0, the one-dimensional resistance). For one layer Z = 1/(kβ φ(β)) with
/// the paper's φ = (β sinh βt + h/k cosh βt)/(β cosh βt + h/k sinh βt). R (K/W) is the total:
/// one-dimensional plus spreading; its (0, 0) term is R_1D = (Σ t/k + 1/h)/(a b).
public enum SpreadingResistance {
    public struct Layer: Sendable {
        public var thicknessM: Double, conductivityWPerMK: Double
        public init(thicknessM: Double, conductivityWPerMK: Double) {
            self.thicknessM = thicknessM
            self.conductivityWPerMK = conductivityWPerMK
        }
    }

    /// Source-face temperature per unit flux of the mode β, m²·K/W.
    static func impedance(_ beta: Double, layers: [Layer], h: Double) -> Double {
        var z = 1 / h
        for layer in layers.reversed() {
            let k = layer.conductivityWPerMK, t = layer.thicknessM
            if beta == 0 {
                z += t / k
            } else {
                // tanh form: stable when βt is large (cosh overflows past ~700).
                let th = tanh(beta * t)
                z = (z + th / (k * beta)) / (k * beta * z * th + 1)
            }
        }
        return z
    }

    /// Total resistance from the source's mean temperature to the coolant, K/W.
    /// - Parameter terms: Fourier terms per direction (the series' terms fall as 1/m³).
    public static func resistanceKPerW(plateWidthM a: Double, plateHeightM b: Double, layers: [Layer], heatTransferCoefficient h: Double,
                                       sourceWidthM c: Double, sourceHeightM d: Double, sourceCentreXM xc: Double, sourceCentreYM yc: Double,
                                       terms: Int = 200) -> Double {
        func x(_ m: Int) -> Double {
            guard m > 0 else { return c }
            let l = Double(m) * .pi / a
            return 2 * cos(l * xc) * sin(l * c / 2) / l
        }
        func y(_ n: Int) -> Double {
            guard n > 0 else { return d }
            let l = Double(n) * .pi / b
            return 2 * cos(l * yc) * sin(l * d / 2) / l
        }
        let xs = (0...terms).map(x), ys = (0...terms).map(y)
        var total = 0.0
        for m in 0...terms {
            let lambda = Double(m) * .pi / a, em: Double = m == 0 ? 1 : 2
            for n in 0...terms {
                let delta = Double(n) * .pi / b, en: Double = n == 0 ? 1 : 2
                let beta = (lambda * lambda + delta * delta).squareRoot()
                total += em * en * xs[m] * xs[m] * ys[n] * ys[n] * impedance(beta, layers: layers, h: h)
            }
        }
        return total / (a * b * c * c * d * d)
    }
}
