/// The momentum that potential flow does not carry, as the hall airflow's four fitted terms
/// (docs/models/hall-airflow.md, "Tile jets", "Jet momentum as direction" and "Row-end wrap").
/// `fitted` is what runs use; other values serve studies of the model's sensitivity and its
/// refits.
public struct FittedTerms: Sendable, Equatable {
    /// Tile jets. A tile's air leaves it as a jet: at the 2-5 m/s of a dense hall's tiles it
    /// rises past the racks' intakes before it turns, and the racks at the ends of the aisle draw
    /// room air around the row ends instead (what CFD shows). The share of a tile's air delivered
    /// at the top of the cold aisle rather than at the floor grows with the jet's momentum flux,
    ///
    ///     s = u² / (u² + u₀²),   u = q / A_tile,
    ///
    /// so weak jets (legacy halls, ~1 m/s) stay potential flow and strong ones lift most of their
    /// air. u₀, m/s.
    public var jetReferenceVelocityMPerS: Double
    /// The open fraction, at rack height, of the faces along a cold aisle between tiles whose
    /// jets lift all their air (scaled by the lifted share).
    public var jetCurtainOpenFraction: Double
    /// The open fraction, at rack height, of the faces up an open hot aisle (the racks' exhaust
    /// leaves them level and runs along the aisle before it rises), and of the mouth of a gap in
    /// a row on it (the exhaust beside the gap runs past it, not back through it).
    public var exhaustRiseOpenFraction: Double

    /// Row-end wrap. The exhaust leaves the racks at 1-2 m/s and runs along the hot aisle; at a
    /// row end (or a gap in a row) part of it turns round the end rack into its intake, where
    /// potential flow would bring air from the cold aisle and the room. A rack with open air
    /// beside it (`AirflowGrid.wrapsRoundRowEnd`) draws this share of its air from the hot
    /// aisle's cells beyond it, the rest over its front. Beyond a contained aisle's door it draws
    /// no more than the door must pass (`HallAirflow.wrapShares`).
    public var rowEndWrapShare: Double

    public init(jetReferenceVelocityMPerS: Double, jetCurtainOpenFraction: Double, exhaustRiseOpenFraction: Double, rowEndWrapShare: Double) {
        self.rowEndWrapShare = rowEndWrapShare
        self.jetReferenceVelocityMPerS = jetReferenceVelocityMPerS
        self.jetCurtainOpenFraction = jetCurtainOpenFraction
        self.exhaustRiseOpenFraction = exhaustRiseOpenFraction
    }

    /// Fitted to the seven CFD halls and checked by leaving each hall out of the fit in turn: u₀
    /// and the rise on the 3 × 3 × 3 grids (one-step tracers, before the twenty-first session);
    /// the wrap and the curtain together on the finest every hall then had (6 × 6 × 6, tracers
    /// converged; the twenty-second session), where the wrap takes the mean error from 1.77 K to 1.43 K (1.38 K
    /// with the gaps' mouths, twenty-third), and a hall left out of the fit gets 1.44 K (1.39 K)
    /// (docs/models/hall-airflow.md, "Row-end wrap"). On the 8 × 8 × 8 grids every hall has since the
    /// twenty-fourth session the wrap hardly matters (1.46 K without it, 1.50 K at 0.2, with the
    /// doors' wrap of the twenty-fifth); over the two finest grids together 0.15-0.2 is flat
    /// ("Eight cells per Plenum cell"), and so it is with each rack weighted by its finest
    /// reference's own grid uncertainty (twenty-seventh session, "How far the finest CFD can
    /// judge"). The wrap belongs to the mixing, not to the field: it stands for the air an end
    /// rack draws round its own side, within a fraction of a cell. Run on the CFD's own flow, the
    /// mixing fits that CFD best with 0.2-0.25 in five halls, 0.1 with the units on the south
    /// wall and 0.3 in the hall fed from one end; without it the row ends read cool, and on cells
    /// split four to six times each way it needs none (twenty-eighth session, corrected in the
    /// twenty-ninth: "Plenum's mixing on CFD's own flow"). The
    /// curtain is 0: the faces between two tiles whose jets lift all their air are closed.
    /// u₀ = 1 m/s: the halls' tiles run at 2-5 m/s, where the data ask for most of the air
    /// lifted; weaker jets are not in them.
    public static let fitted = FittedTerms(jetReferenceVelocityMPerS: 1.0, jetCurtainOpenFraction: 0,
                                          exhaustRiseOpenFraction: 0.1, rowEndWrapShare: 0.2)

    /// The share s of a tile's air its jet lifts past the racks.
    func jetLift(tileFlowM3PerS q: Double, grid: AirflowGrid) -> Double {
        let u = q / (grid.dx * grid.dy), u0 = jetReferenceVelocityMPerS
        return u * u / (u * u + u0 * u0)
    }
}
