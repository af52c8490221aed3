import Foundation
import Testing
@testable import Models

/// Plenum's reduced-order hall airflow against stored CFD runs of the same halls (OpenFOAM
/// simpleFoam with k-ε and passive tracers; Benchmarks/validation/hall-airflow, fixture
/// Tests/ModelsTests/Fixtures/hall-airflow-cfd.json). Issue 18 asks for rack inlets within 1.5 K
/// mean absolute and 3 K at any rack, and the three hottest racks the same; the tests hold the
/// agreement measured today. Since the twenty-first session the references' tracers are
/// converged (until then they stopped after one step, with upwind's numerical diffusion), and
/// against them neither bound is met: 1.97 K mean and 8.46 K at the worst rack on the fixture.
@Suite("Hall airflow against CFD")
struct HallAirflowCFDTests {
    struct Case {
        let name: String
        let geometry: HallGeometry
        let rackFlow: [Double], unitFlow: [Double], rackPower: [Double]
        let supplyC: Double
        let cfdInletC: [Double], cfdTileFlow: [Double]
    }

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hall-airflow-cfd.json")

    /// The hall of `Scenarios/crah-failure.yaml` four minutes in, before its failure (its racks'
    /// heat and air and its units' air as the run has them then), run through the same CFD: a
    /// hall outside the fit of the model's terms.
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hall-airflow-cfd-example.json")
    /// The same hall at 6 × 6 × 6 CFD cells per Plenum cell (run_cfd.py --refine 6).
    static let exampleFinest = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hall-airflow-cfd-example-6.json")

    /// Two halls outside the fit (fifteenth session): the open two-CRAH hall with its hot aisles
    /// contained and ducted to the units, supplied at 110 % and at 90 % of the racks' air
    /// (`cases-hot-aisle.json`), at 3 × 3 × 3 and 6 × 6 × 6 CFD cells per Plenum cell.
    static let hotAisle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hall-airflow-cfd-hot-aisle.json")
    static let hotAisleFinest = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hall-airflow-cfd-hot-aisle-6.json")

    /// The terms as fitted to the 3 × 3 × 3 fixture until the fifteenth session (curtain 0.2), for
    /// the tests that keep the refit's gain in view.
    static let coarseGridTerms = FittedTerms(jetReferenceVelocityMPerS: 1, jetCurtainOpenFraction: 0.2, exhaustRiseOpenFraction: 0.1, rowEndWrapShare: 0)

    static func cases(from fixture: URL = fixture) throws -> [Case] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])
        let cases = try #require(root["cases"] as? [String: [String: Any]])
        return try cases.keys.sorted().map { name in
            let entry = cases[name]!
            let spec = try #require(entry["case"] as? [String: Any]), cfd = try #require(entry["cfd"] as? [String: Any])
            let gaps = (spec["gaps"] as? [[Int]] ?? []).map { HallGeometry.Gap(row: $0[0], afterRack: $0[1]) }
            var geometry = HallGeometry(rows: spec["rows"] as! Int, racksPerRow: spec["racks_per_row"] as! Int, coolerUnits: spec["units"] as! Int,
                                        containment: HallGeometry.Containment(rawValue: spec["containment"] as! String)!, gaps: gaps)
            if let leak = spec["leakage_area_m2"] as? Double { geometry.leakageAreaM2 = leak }
            if let places = spec["unit_placement"] as? [[String: Any]] {
                geometry.unitPlacements = try places.map { .wall(try #require(HallGeometry.Wall(rawValue: $0["wall"] as? String ?? "")),
                                                                 at: try #require($0["at"] as? Double)) }
            }
            return Case(name: name, geometry: geometry, rackFlow: spec["rack_flow_m3_per_s"] as! [Double], unitFlow: spec["unit_flow_m3_per_s"] as! [Double],
                        rackPower: (spec["rack_power_w"] as! [NSNumber]).map(\.doubleValue), supplyC: (spec["supply_c"] as! NSNumber).doubleValue,
                        cfdInletC: cfd["inlet_temperature_c"] as! [Double], cfdTileFlow: cfd["tile_flow_m3_per_s"] as! [Double])
        }
    }

    /// The same halls' CFD on several grids (N × N × N CFD cells per Plenum cell, the level):
    /// every case at 1, 2, 3, 5, 6 and 8, and the halls with their units on the south wall and at
    /// the aisles' ends and the hall with a unit off at 10 too (run_cfd.py --fixture, merge_grids.py).
    static let grids = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hall-airflow-cfd-grids.json")

    /// Each level's inlets by hall, from the grids fixture or another study in its form (`merge_grids.py --out`).
    static func gridInlets(from file: URL = grids) throws -> [Int: [String: [Double]]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let levels = try #require(root["levels"] as? [String: [String: [String: Any]]])
        var inlets: [Int: [String: [Double]]] = [:]
        for (level, cases) in levels {
            inlets[Int(level)!] = try cases.mapValues { try #require($0["inlet_temperature_c"] as? [Double]) }
        }
        return inlets
    }

    /// Plenum's inlets for a case as a run computes them (`HallAirflowState`): the field with
    /// every rack drawing the hall's mean (a hall's racks share one field), and each rack's
    /// exhaust rise from its own heat and air. `ownDraws` puts each rack's own draw in the field
    /// instead (what the tests did before the fourteenth session).
    static func plenumInlets(_ c: Case, ownDraws: Bool = false, terms: FittedTerms = .fitted) throws -> (inlets: [Double], tiles: [Double]) {
        let mean = c.rackFlow.reduce(0, +) / Double(c.rackFlow.count)
        let airflow = try HallAirflow(grid: AirflowGrid(c.geometry), rackFlowM3PerS: ownDraws ? c.rackFlow : c.rackFlow.map { _ in mean },
                                      coolerFlowM3PerS: c.unitFlow, terms: terms)
        let rise = zip(c.rackPower, c.rackFlow).map { $0 / (1.2 * 1006 * $1) }
        return (airflow.inletRiseK(riseK: rise, start: []).map { c.supplyC + $0 }, airflow.tileFlowM3PerS)
    }

    /// The measured agreement, held as a guard (docs/models/hall-airflow.md has the table): at most
    /// 3.2 K mean absolute and 6.5 K at any rack in every case (the hall with a unit off: 3.18 and
    /// 6.24 K), 1.5 K mean over all racks. Issue 18's 1.5 K mean is met here (1.40 K; 1.31 K on the
    /// finest grids), its 3 K at any rack is not: three halls of the seven are within 3 K at every
    /// rack, and a fourth (the units at the west end) within 3.03 K.
    @Test func rackInletsAgreeWithCFDWithinTheMeasuredError() throws {
        var all: [Double] = []
        for c in try Self.cases() {
            let plenum = try Self.plenumInlets(c)
            let errors = zip(plenum.inlets, c.cfdInletC).map { abs($0 - $1) }
            all += errors
            let mean = errors.reduce(0, +) / Double(errors.count)
            #expect(mean <= 3.2, "\(c.name): mean |ΔT_in| \(mean) K")
            #expect(errors.max()! <= 6.5, "\(c.name): worst |ΔT_in| \(errors.max()!) K")
        }
        #expect(all.reduce(0, +) / Double(all.count) <= 1.5)
        // What runs with a floor plan report (`HallAirflow.AgreementWithCFD`) is what the model gives.
        #expect(abs(all.reduce(0, +) / Double(all.count) - HallAirflow.AgreementWithCFD.meanAbsoluteErrorK) < 0.005)
        #expect(abs(all.max()! - HallAirflow.AgreementWithCFD.worstErrorK) < 0.005)
    }

    /// Mixing as runs do fits the uneven hall (5-30 kW racks, each drawing in proportion) at least
    /// as well as the field with each rack's own draw: 1.80 K mean and 5.99 K at the worst rack,
    /// against 1.83 and 5.80 K (2.11 / 5.83 and 2.12 / 5.82 K before the gap's mouth took the
    /// rise's open fraction, `AirflowGrid.gapMouthFaces`). Before the row-end wrap the difference was larger (2.67 / 7.40
    /// against 3.13 / 7.79 K): with its own small draw a 5 kW rack at a row end took its air from
    /// the tile before it, where CFD has it take the exhaust wrapping round the row end; the wrap
    /// now brings that exhaust to it either way. The other six halls have equal racks, where the
    /// two are the same.
    @Test func theUnevenHallMixesAsRunsDoAtLeastAsWellAsWithEachRacksOwnDraw() throws {
        let c = try #require(try Self.cases().first { $0.name == "uneven-gap" })
        func errors(ownDraws: Bool) throws -> (mean: Double, worst: Double) {
            let e = zip(try Self.plenumInlets(c, ownDraws: ownDraws).inlets, c.cfdInletC).map { abs($0 - $1) }
            return (e.reduce(0, +) / Double(e.count), e.max()!)
        }
        let asRuns = try errors(ownDraws: false), own = try errors(ownDraws: true)
        #expect(abs(asRuns.mean - 1.80) < 0.005 && abs(asRuns.worst - 5.99) < 0.005, "\(asRuns)")
        #expect(abs(own.mean - 1.83) < 0.005 && abs(own.worst - 5.80) < 0.005, "\(own)")
        #expect(asRuns.mean < own.mean)
        for other in try Self.cases() where other.name != c.name {
            // The same to rounding (the mean of equal draws is not always the draw to the last bit).
            let pairs = zip(try Self.plenumInlets(other).inlets, try Self.plenumInlets(other, ownDraws: true).inlets)
            #expect(pairs.allSatisfy { abs($0 - $1) < 1e-9 }, "\(other.name)")
        }
    }

    /// Out of the fit: the crah-failure example's own hall (two rows of ten 21-23 kW racks, four
    /// units) on two CFD grids, both with converged tracers (the finest, 217,000 cells, traced
    /// again in the twenty-second session). Plenum is 0.62 K from the 3 × 3 × 3 CFD on average and
    /// 1.83 K at the worst rack, 1.02 K and 4.65 K from the 6 × 6 × 6. Its row ends (32.1 °C) are
    /// above both grids' (30.4-31.7 and 27.4-29.3 °C): the row-end wrap, fitted to the seven
    /// halls, fits this one worse. Without it (the terms of the fifteenth to the twenty-first
    /// session) Plenum read 30.2 °C there, 0.51 / 1.49 K and 0.70 / 2.76 K from the two grids;
    /// with the curtain fitted to the coarse grid (0.2, before the fifteenth), 0.82 / 2.81 K
    /// from the finest.
    @Test func theExampleHallAgreesWithItsOwnCFD() throws {
        let coarse = try #require(try Self.cases(from: Self.example).first)
        let finest = try #require(try Self.cases(from: Self.exampleFinest).first)
        #expect(coarse.rackPower == finest.rackPower && coarse.rackFlow == finest.rackFlow && coarse.unitFlow == finest.unitFlow)
        func agreement(_ plenum: [Double], _ cfd: [Double]) -> (mean: Double, worst: Double) {
            let e = zip(plenum, cfd).map { abs($0 - $1) }
            return (e.reduce(0, +) / Double(e.count), e.max()!)
        }
        let plenum = try Self.plenumInlets(coarse).inlets
        #expect(plenum.count == 20)
        let onCoarse = agreement(plenum, coarse.cfdInletC), onFinest = agreement(plenum, finest.cfdInletC)
        #expect(abs(onCoarse.mean - 0.62) < 0.005 && abs(onCoarse.worst - 1.83) < 0.005, "\(onCoarse)")
        #expect(abs(onFinest.mean - 1.02) < 0.005 && abs(onFinest.worst - 4.65) < 0.005, "\(onFinest)")
        let ends = [0, 9, 10, 19]
        #expect(ends.allSatisfy { plenum[$0] > max(coarse.cfdInletC[$0], finest.cfdInletC[$0]) + 0.3 }, "\(ends.map { plenum[$0] })")
        // Without the wrap, and with the terms of before the fifteenth session: what the docs compare with.
        var withoutWrap = FittedTerms.fitted
        withoutWrap.rowEndWrapShare = 0
        withoutWrap.jetCurtainOpenFraction = 0.05
        let before = try Self.plenumInlets(coarse, terms: withoutWrap).inlets
        let beforeOnCoarse = agreement(before, coarse.cfdInletC), beforeOnFinest = agreement(before, finest.cfdInletC)
        #expect(abs(beforeOnCoarse.mean - 0.51) < 0.005 && abs(beforeOnCoarse.worst - 1.49) < 0.005, "\(beforeOnCoarse)")
        #expect(abs(beforeOnFinest.mean - 0.70) < 0.005 && abs(beforeOnFinest.worst - 2.76) < 0.005, "\(beforeOnFinest)")
        let old = agreement(try Self.plenumInlets(coarse, terms: Self.coarseGridTerms).inlets, finest.cfdInletC)
        #expect(abs(old.mean - 0.82) < 0.005 && abs(old.worst - 2.81) < 0.005, "\(old)")
    }

    /// Out of the fit: hot aisles contained and ducted to the units. Supplied at 110 % of the racks'
    /// air, no rack takes exhaust (CFD: row ends 0.07-0.09 K above the supply; Plenum: at the
    /// supply); at 90 %, the racks make up the shortfall through the doors' leakage, and the row
    /// ends warm by 3.0-3.5 K in CFD and 2.9-3.1 K in Plenum: 0.04 / 0.09 K and 0.15 / 0.38 K
    /// (mean / worst rack), on 3 × 3 × 3 CFD cells per Plenum cell. On 6 × 6 × 6 the short hall's
    /// row ends warm by 5.5-5.7 K, 2.2-2.5 K above Plenum's: 0.02 / 0.06 K and 0.94 / 2.23 K (both
    /// grids with converged tracers). The short hall's end racks draw round the row end the hot
    /// aisle's surplus that its doors let out (twenty-fifth session; before, 0.15 / 0.38 and
    /// 1.09 / 2.71 K; before the curtain refit of the twenty-second, 0.29 / 0.58 and 1.24 / 2.90 K;
    /// with the one-step tracers, 0.04 / 0.09 and 0.94 / 2.41 K on 6 × 6 × 6).
    @Test func theDuctedHotAisleHallsAgreeWithTheirCFD() throws {
        let expected = ["hot-aisle-ducted": (0.04, 0.09), "hot-aisle-ducted-short": (0.18, 0.40),
                        "hot-aisle-ducted@6": (0.02, 0.06), "hot-aisle-ducted-short@6": (0.94, 2.23)]
        let coarse = try Self.cases(from: Self.hotAisle), finest = try Self.cases(from: Self.hotAisleFinest)
        #expect(coarse.map(\.name) == ["hot-aisle-ducted", "hot-aisle-ducted-short"] && finest.map(\.name) == coarse.map(\.name))
        for c in coarse + finest.map({ Case(name: $0.name + "@6", geometry: $0.geometry, rackFlow: $0.rackFlow, unitFlow: $0.unitFlow,
                                            rackPower: $0.rackPower, supplyC: $0.supplyC, cfdInletC: $0.cfdInletC, cfdTileFlow: $0.cfdTileFlow) }) {
            let plenum = try Self.plenumInlets(c).inlets
            let e = zip(plenum, c.cfdInletC).map { abs($0 - $1) }
            let (mean, worst) = try #require(expected[c.name])
            #expect(abs(e.reduce(0, +) / Double(e.count) - mean) < 0.005 && abs(e.max()! - worst) < 0.005, "\(c.name): \(e.reduce(0, +) / 10) \(e.max()!)")
            // The row ends are the warmest racks of their row in both.
            for row in [0..<5, 5..<10] {
                let cfd = c.cfdInletC[row], ours = plenum[row]
                #expect([row.first!, row.last!].allSatisfy { ours[$0] >= ours.max()! - 0.2 && cfd[$0] >= cfd.max()! - 0.3 }, "\(c.name)")
            }
        }
    }

    /// On the finest CFD grids (6 × 6 × 6 cells per Plenum cell) the agreement is what runs report
    /// beside the fixture's (`AgreementWithCFD.finerGrid…`), and so is the fixture's own distance
    /// from them (`referenceGridDifference…`); the 3 × 3 × 3 level of the grid study is the
    /// fixture itself.
    @Test func finerGridAgreementIsWhatRunsReport() throws {
        let grids = try Self.gridInlets()
        var plenum: [Double] = [], fixture: [Double] = []
        for c in try Self.cases() {
            #expect(grids[3]?[c.name] == c.cfdInletC)
            let finest = try #require(grids[6]?[c.name], "\(c.name) at 6 x 6 x 6")
            plenum += zip(try Self.plenumInlets(c).inlets, finest).map { abs($0 - $1) }
            fixture += zip(c.cfdInletC, finest).map { abs($0 - $1) }
        }
        func mean(_ e: [Double]) -> Double { e.reduce(0, +) / Double(e.count) }
        #expect(plenum.count == 70)
        #expect(abs(mean(plenum) - HallAirflow.AgreementWithCFD.finerGridMeanAbsoluteErrorK) < 0.005)
        #expect(abs(plenum.max()! - HallAirflow.AgreementWithCFD.finerGridWorstErrorK) < 0.005)
        #expect(abs(mean(fixture) - HallAirflow.AgreementWithCFD.referenceGridDifferenceMeanK) < 0.005)
        #expect(abs(fixture.max()! - HallAirflow.AgreementWithCFD.referenceGridDifferenceWorstK) < 0.005)
    }

    /// The reference against itself on other grids, all with converged tracers: the 5 × 5 × 5 CFD
    /// differs from the fixture (3 × 3 × 3) by 1.52 K on average and 7.73 K at worst. The same k-ε
    /// CFD at Plenum's own grid (one CFD cell per Plenum cell) is farther from the fixture than
    /// Plenum is, 4.53 / 20.38 K, so a momentum solve on Plenum's grid is no way to close the gap;
    /// at 2 × 2 × 2 (eight times the cells), 1.83 / 10.17 K (docs/models/hall-airflow.md,
    /// "Coarse-grid CFD").
    @Test func theReferenceOnOtherGridsIsAsFarAsItsOwnError() throws {
        let grids = try Self.gridInlets(), cases = try Self.cases()
        func agreement(_ level: Int, _ other: (Case) throws -> [Double]) throws -> (mean: Double, worst: Double) {
            var all: [Double] = []
            for c in cases {
                let inlets = try #require(grids[level]?[c.name], "\(c.name) at \(level) x \(level) x \(level)")
                all += zip(inlets, try other(c)).map { abs($0 - $1) }
            }
            #expect(all.count == 70)
            return (all.reduce(0, +) / Double(all.count), all.max()!)
        }
        let five = try agreement(5) { $0.cfdInletC }
        #expect(abs(five.mean - 1.52) < 0.005 && abs(five.worst - 7.73) < 0.005, "\(five)")
        let twice = try agreement(2) { $0.cfdInletC }, once = try agreement(1) { $0.cfdInletC }
        #expect(abs(twice.mean - 1.83) < 0.005 && abs(twice.worst - 10.17) < 0.005, "\(twice)")
        #expect(abs(once.mean - 4.53) < 0.005 && abs(once.worst - 20.38) < 0.005, "\(once)")
        #expect(once.mean > HallAirflow.AgreementWithCFD.meanAbsoluteErrorK && once.worst > HallAirflow.AgreementWithCFD.worstErrorK)
        #expect(twice.worst > HallAirflow.AgreementWithCFD.worstErrorK)
    }

    /// The reference's own grid error where it is largest, the hall with one of two units off, at
    /// 3, 5, 6 and 8 cells per Plenum cell (23,000 to 401,000 cells): the end of row 1 by the
    /// stopped unit falls from 47.7 °C to 41.3, 41.3 and 37.9 °C, and the end of row 2 from 45.2 to
    /// 39.0, 36.6 and 34.9 °C. Plenum's (41.5 and 41.7 °C, with the row-end wrap; 39.2 and 39.4 °C
    /// without) lie 0.1 K above the 6 × 6 × 6 at row 1 and 6.8 K above the finest at row 2: no
    /// grid here is converged at those racks, and the wrap takes Plenum away from the finer ones
    /// there. The figures docs/models/hall-airflow.md, "The tracers, converged", states.
    @Test func theReferenceMovesAtTheRowEndsBetweenGrids() throws {
        let grids = try Self.gridInlets(), c = try #require(try Self.cases().first { $0.name == "open-crah-off" })
        let levels = try [3, 5, 6, 8].map { try #require(grids[$0]?[c.name]) }
        let plenum = try Self.plenumInlets(c).inlets
        for end in [0, 5] {
            let sequence = levels.map { $0[end] }
            #expect(zip(sequence, sequence.dropFirst()).allSatisfy { $1 <= $0 + 0.05 }, "\(sequence)")   // falling with refinement
            #expect(sequence.first! - sequence.last! > 9.5, "\(sequence)")
        }
        #expect((0...0.2).contains(plenum[0] - levels[2][0]), "\(plenum[0] - levels[2][0])")
        #expect(abs(plenum[5] - levels[3][5] - 6.83) < 0.01, "\(plenum[5] - levels[3][5])")
        let fine = zip(levels[2], levels[3]).map { abs($0 - $1) }
        #expect(abs(fine.reduce(0, +) / 10 - 1.21) < 0.005 && abs(fine.max()! - 3.46) < 0.005, "\(fine)")
    }

    /// Every hall at 6 × 6 × 6 CFD cells per Plenum cell (169,000 cells), the finest reference
    /// here, and the best converged: it is 0.56 K from the 5 × 5 × 5 grids on average (3.12 K at
    /// worst), where the fixture's 3 × 3 × 3 is 1.60 K (8.51 K) from it, all with converged
    /// tracers. Against it Plenum, as runs mix, is 1.31 K from CFD on average and 5.47 K at the
    /// worst rack (the far end of the hall fed from its west end, cool; the end of row 2 in the
    /// hall with a unit off reads 5.0 K warm): issue 18's 1.5 K mean is met here (1.40 K against
    /// the fixture), its 3 K at any rack on neither grid (6.24 K). Without the row-end wrap,
    /// 1.77 / 7.67 K; without the gap's mouth, 1.43 / 5.47 K. CFD's hottest rack is among Plenum's three hottest in every hall.
    @Test func agreementWithTheFinestCFD() throws {
        let grids = try Self.gridInlets()
        var plenum: [Double] = [], fine: [Double] = [], fixture: [Double] = []
        for c in try Self.cases() {
            let finest = try #require(grids[6]?[c.name], "\(c.name) at 6 x 6 x 6"), five = try #require(grids[5]?[c.name])
            let inlets = try Self.plenumInlets(c).inlets
            plenum += zip(inlets, finest).map { abs($0 - $1) }
            fine += zip(five, finest).map { abs($0 - $1) }
            fixture += zip(c.cfdInletC, finest).map { abs($0 - $1) }
            let hottest = finest.max()!, top = Set(inlets.indices.sorted { inlets[$0] > inlets[$1] }.prefix(3))
            #expect(!Set(finest.indices.filter { finest[$0] >= hottest - 0.5 }).isDisjoint(with: top), "\(c.name)")
        }
        func mean(_ e: [Double]) -> Double { e.reduce(0, +) / Double(e.count) }
        #expect(plenum.count == 70)
        #expect(abs(mean(plenum) - 1.31) < 0.005 && abs(plenum.max()! - 5.47) < 0.005, "\(mean(plenum)) / \(plenum.max()!)")
        #expect(abs(mean(fine) - 0.56) < 0.005 && abs(fine.max()! - 3.12) < 0.005, "\(mean(fine)) / \(fine.max()!)")
        #expect(abs(mean(fixture) - 1.60) < 0.005 && abs(fixture.max()! - 8.51) < 0.005, "\(mean(fixture)) / \(fixture.max()!)")
    }

    /// The hall with both units at the west end, on the finest grid (converged tracers): the racks
    /// beside the units are within 1.1 K of Plenum's, and the far end runs at 38.9 °C in both
    /// rows, 5.4-5.5 K above Plenum's 33.4 °C (on the fixture's grid 33.4-34.2 °C; on 5 × 5 × 5, 42.0
    /// and 36.6 °C, the rows apart). Without the row-end wrap Plenum read 31.2 °C there, 7.7 K
    /// low. A shortfall of the model (docs/models/hall-airflow.md, "Results"); runs warn of halls
    /// fed from one end with it, and it is held here so that it is neither forgotten nor made worse.
    @Test func theFarEndOfTheHallWithItsUnitsAtTheWestEndRunsHotterInTheFinestCFD() throws {
        let grids = try Self.gridInlets(), c = try #require(try Self.cases().first { $0.name == "units-at-west-end" })
        let finest = try #require(grids[6]?[c.name]), plenum = try Self.plenumInlets(c).inlets
        let near = [0, 5], far = [4, 9]
        #expect(near.allSatisfy { abs(plenum[$0] - finest[$0]) < 1.1 }, "\(plenum) against \(finest)")
        #expect(far.allSatisfy { (5.4...5.5).contains(finest[$0] - plenum[$0]) }, "\(plenum) against \(finest)")
        #expect(abs(finest[4] - finest[9]) < 0.1)   // the two rows agree at the finest grid, unlike at 5 × 5 × 5
        let errors = zip(plenum, finest).map { abs($0 - $1) }
        #expect(abs(errors.reduce(0, +) / 10 - 1.83) < 0.005, "\(errors)")
    }

    /// Every reference hall lies within what runs say the figures cover; in-row coolers, wall
    /// discharge and a hot aisle without a ducted return lie outside (no CFD of them), and runs
    /// say so.
    @Test func theReferencesCoverDownflowHallsWithOpenColdOrDuctedHotAisles() throws {
        for c in try Self.cases() + (try Self.cases(from: Self.example)) + (try Self.cases(from: Self.hotAisle)) {
            #expect(HallAirflow.AgreementWithCFD.outsideReferences(c.geometry) == nil, "\(c.name)")
        }
        var geometry = try #require(try Self.cases(from: Self.hotAisle).first).geometry
        #expect(geometry.containment == .hotAisle && geometry.ductedReturn)
        geometry.ductedReturn = false
        #expect(HallAirflow.AgreementWithCFD.outsideReferences(geometry) == "hot-aisle containment without a ducted return")
        geometry.discharge = .wall
        #expect(HallAirflow.AgreementWithCFD.outsideReferences(geometry) == "wall discharge")
        geometry.discharge = .inRow
        #expect(HallAirflow.AgreementWithCFD.outsideReferences(geometry) == "in-row coolers")
    }

    /// Potential flow alone (no tile jets) misses the row ends' recirculation that CFD shows: the
    /// jets are what brings the mean error from 3.6 K down.
    @Test func tileJetsCarryTheRowEndRecirculation() throws {
        for c in try Self.cases() where c.name == "open-two-crah" {
            let plenum = try Self.plenumInlets(c).inlets
            // CFD: the row ends 8-10 K above the supply, the middle within 0.3 K.
            #expect(plenum[0] - c.supplyC > 5 && plenum[2] - c.supplyC < 1.5)
            #expect(plenum[0] > plenum[1] && plenum[1] > plenum[2])
        }
    }

    /// The hottest rack by CFD (or one within 0.5 K of it) is among Plenum's three hottest in every
    /// case.
    @Test func theHottestRackIsAmongPlenumsHottest() throws {
        for c in try Self.cases() {
            let plenum = try Self.plenumInlets(c).inlets
            let hottest = c.cfdInletC.max()!
            let cfdHottest = Set(c.cfdInletC.indices.filter { c.cfdInletC[$0] >= hottest - 0.5 })
            let plenumTop = Set(plenum.indices.sorted { plenum[$0] > plenum[$1] }.prefix(3))
            #expect(!cfdHottest.isDisjoint(with: plenumTop), "\(c.name): CFD's hottest \(cfdHottest), Plenum's top three \(plenumTop)")
        }
    }

    /// Tile flows from the plenum model against CFD's (its plenum solved with the room): the same
    /// total, every tile within 30 % of the mean tile flow (measured: 15-27 %; CFD's tiles nearest
    /// the units pass less than the plenum model gives them).
    @Test func tileFlowsAgreeWithCFDWithinTheMeasuredError() throws {
        for c in try Self.cases() where !c.cfdTileFlow.isEmpty {
            let tiles = try Self.plenumInlets(c).tiles
            let mean = c.cfdTileFlow.reduce(0, +) / Double(c.cfdTileFlow.count)
            #expect(abs(tiles.reduce(0, +) - c.cfdTileFlow.reduce(0, +)) < 1e-3 * mean * Double(tiles.count))
            let worst = zip(tiles, c.cfdTileFlow).map { abs($0 - $1) }.max()!
            #expect(worst <= 0.3 * mean, "\(c.name): worst tile \(worst) m³/s against a mean of \(mean)")
        }
    }
}
