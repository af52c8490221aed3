import Foundation
import Testing
@testable import Models

/// Plenum's reduced-order hall airflow against stored CFD runs of the same halls (OpenFOAM
/// simpleFoam with k-ε and passive tracers; Benchmarks/validation/hall-airflow, fixture
/// Tests/ModelsTests/Fixtures/hall-airflow-cfd.json). Issue 18 asks for rack inlets within 1.5 K
/// mean absolute and 3 K at any rack, and the three hottest racks the same; the tests hold the
/// agreement measured today: the mean is met, the worst rack in three halls of the seven.
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
    static let coarseGridTerms = FittedTerms(jetReferenceVelocityMPerS: 1, jetCurtainOpenFraction: 0.2, exhaustRiseOpenFraction: 0.1)

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
    /// every case at 1, 2, 3, 5 and 6, and the open two-CRAH hall at 4 too (run_cfd.py --fixture,
    /// merge_grids.py).
    static let grids = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hall-airflow-cfd-grids.json")

    static func gridInlets() throws -> [Int: [String: [Double]]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: grids)) as? [String: Any])
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
    /// 2.2 K mean absolute and 4.5 K at any rack in every case, and issue 18's 1.5 K mean over all
    /// racks. Its 3 K at any rack is met by three halls of the seven.
    @Test func rackInletsAgreeWithCFDWithinTheMeasuredError() throws {
        var all: [Double] = []
        for c in try Self.cases() {
            let plenum = try Self.plenumInlets(c)
            let errors = zip(plenum.inlets, c.cfdInletC).map { abs($0 - $1) }
            all += errors
            let mean = errors.reduce(0, +) / Double(errors.count)
            #expect(mean <= 2.2, "\(c.name): mean |ΔT_in| \(mean) K")
            #expect(errors.max()! <= 4.5, "\(c.name): worst |ΔT_in| \(errors.max()!) K")
        }
        #expect(all.reduce(0, +) / Double(all.count) <= 1.5)
        // What runs with a floor plan report (`HallAirflow.AgreementWithCFD`) is what the model gives.
        #expect(abs(all.reduce(0, +) / Double(all.count) - HallAirflow.AgreementWithCFD.meanAbsoluteErrorK) < 0.005)
        #expect(abs(all.max()! - HallAirflow.AgreementWithCFD.worstErrorK) < 0.005)
    }

    /// Mixing as runs do fits the uneven hall (5-30 kW racks, each drawing in proportion) better
    /// than the field with each rack's own draw: 1.72 K mean and 3.86 K at the worst rack, against
    /// 2.32 and 4.25 K. With its own small draw a 5 kW rack at a row end takes its air from the
    /// tile before it; in CFD (and with the mean draw) it takes the exhaust wrapping round the row
    /// end (28.5 °C in CFD, 28.1 as runs mix, 24.9 with its own draw). The other six halls have
    /// equal racks, where the two are the same.
    @Test func theUnevenHallMixesAsRunsDoBetterThanWithEachRacksOwnDraw() throws {
        let c = try #require(try Self.cases().first { $0.name == "uneven-gap" })
        func errors(ownDraws: Bool) throws -> (mean: Double, worst: Double) {
            let e = zip(try Self.plenumInlets(c, ownDraws: ownDraws).inlets, c.cfdInletC).map { abs($0 - $1) }
            return (e.reduce(0, +) / Double(e.count), e.max()!)
        }
        let asRuns = try errors(ownDraws: false), own = try errors(ownDraws: true)
        #expect(abs(asRuns.mean - 1.72) < 0.005 && abs(asRuns.worst - 3.86) < 0.005, "\(asRuns)")
        #expect(abs(own.mean - 2.32) < 0.005 && abs(own.worst - 4.25) < 0.005, "\(own)")
        for other in try Self.cases() where other.name != c.name {
            // The same to rounding (the mean of equal draws is not always the draw to the last bit).
            let pairs = zip(try Self.plenumInlets(other).inlets, try Self.plenumInlets(other, ownDraws: true).inlets)
            #expect(pairs.allSatisfy { abs($0 - $1) < 1e-9 }, "\(other.name)")
        }
    }

    /// Out of the fit: the crah-failure example's own hall (two rows of ten 21-23 kW racks, four
    /// units) on two CFD grids. On the 3 × 3 × 3 grid Plenum is within 0.52 K on average and 1.40 K
    /// at the worst rack; on the 6 × 6 × 6 grid (217,000 cells), 0.84 K and 3.33 K. The two CFD
    /// grids differ by 1.19 K and 3.39 K themselves: at 6 × 6 × 6 the row ends run 1.5-3.4 K cooler
    /// (26.9-28.5 °C), and the racks beside them take supply air; Plenum's row ends (30.2 °C) lie
    /// between the grids'. With the curtain fitted to the coarse grid (0.2, before the fifteenth
    /// session) it was 0.34 / 0.70 K and 0.95 / 3.38 K.
    @Test func theExampleHallAgreesWithItsOwnCFD() throws {
        let coarse = try #require(try Self.cases(from: Self.example).first)
        let finest = try #require(try Self.cases(from: Self.exampleFinest).first)
        #expect(coarse.rackPower == finest.rackPower && coarse.rackFlow == finest.rackFlow && coarse.unitFlow == finest.unitFlow)
        let plenum = try Self.plenumInlets(coarse).inlets
        func agreement(_ cfd: [Double]) -> (mean: Double, worst: Double) {
            let e = zip(plenum, cfd).map { abs($0 - $1) }
            return (e.reduce(0, +) / Double(e.count), e.max()!)
        }
        #expect(plenum.count == 20)
        let onCoarse = agreement(coarse.cfdInletC), onFinest = agreement(finest.cfdInletC)
        #expect(abs(onCoarse.mean - 0.52) < 0.005 && abs(onCoarse.worst - 1.40) < 0.005, "\(onCoarse)")
        #expect(abs(onFinest.mean - 0.84) < 0.005 && abs(onFinest.worst - 3.33) < 0.005, "\(onFinest)")
        let ends = [0, 9, 10, 19]
        #expect(ends.allSatisfy { (min(coarse.cfdInletC[$0], finest.cfdInletC[$0]) - 0.5...max(coarse.cfdInletC[$0], finest.cfdInletC[$0]) + 0.5).contains(plenum[$0]) })
        // The same 20 racks before the refit (the old terms): what the docs compare with.
        let old = try Self.plenumInlets(coarse, terms: Self.coarseGridTerms).inlets
        let oldFinest = zip(old, finest.cfdInletC).map { abs($0 - $1) }
        #expect(abs(oldFinest.reduce(0, +) / 20 - 0.95) < 0.005 && abs(oldFinest.max()! - 3.38) < 0.005)
    }

    /// Out of the fit: hot aisles contained and ducted to the units. Supplied at 110 % of the racks'
    /// air, no rack takes exhaust (CFD: row ends 0.14-0.16 K above the supply; Plenum: at the
    /// supply); at 90 %, the racks make up the shortfall through the doors' leakage, and the row
    /// ends warm by 3.1-3.4 K in CFD and 2.8-2.9 K in Plenum: 0.07 / 0.16 K and 0.19 / 0.50 K
    /// (mean / worst rack), on 3 × 3 × 3 CFD cells per Plenum cell. On 6 × 6 × 6 the short hall's
    /// row ends warm by 5.0-5.2 K, 2.2-2.4 K above Plenum's: 0.04 / 0.09 K and 0.94 / 2.41 K.
    @Test func theDuctedHotAisleHallsAgreeWithTheirCFD() throws {
        let expected = ["hot-aisle-ducted": (0.07, 0.16), "hot-aisle-ducted-short": (0.19, 0.50),
                        "hot-aisle-ducted@6": (0.04, 0.09), "hot-aisle-ducted-short@6": (0.94, 2.41)]
        let coarse = try Self.cases(from: Self.hotAisle), finest = try Self.cases(from: Self.hotAisleFinest)
        #expect(coarse.map(\.name) == ["hot-aisle-ducted", "hot-aisle-ducted-short"] && finest.map(\.name) == coarse.map(\.name))
        for c in coarse + finest.map({ Case(name: $0.name + "@6", geometry: $0.geometry, rackFlow: $0.rackFlow, unitFlow: $0.unitFlow,
                                            rackPower: $0.rackPower, supplyC: $0.supplyC, cfdInletC: $0.cfdInletC, cfdTileFlow: $0.cfdTileFlow) }) {
            let plenum = try Self.plenumInlets(c).inlets
            let e = zip(plenum, c.cfdInletC).map { abs($0 - $1) }
            let (mean, worst) = try #require(expected[c.name])
            #expect(abs(e.reduce(0, +) / Double(e.count) - mean) < 0.005 && abs(e.max()! - worst) < 0.005, "\(c.name): \(e.reduce(0, +) / 10) \(e.max()!)")
            // The row ends are the warmest racks in both.
            let ends = [0, 4, 5, 9]
            #expect(ends.allSatisfy { plenum[$0] >= plenum.max()! - 0.2 && c.cfdInletC[$0] >= c.cfdInletC.max()! - 0.3 })
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

    /// The reference against itself on other grids: the 3 × 3 × 3 CFD (the fixture) against the
    /// 5 × 5 × 5 differs by 1.23 K on average and 6.67 K at worst. The same k-ε CFD at Plenum's
    /// own grid (one CFD cell per Plenum cell) is farther from the fixture than Plenum is,
    /// 3.78 / 13.14 K, so a momentum solve on Plenum's grid is no way to close the gap; at
    /// 2 × 2 × 2 (eight times the cells) it is closer on average, 1.24 K, and as far at the worst
    /// rack, 5.95 K (docs/models/hall-airflow.md, "Coarse-grid CFD").
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
        #expect(abs(five.mean - 1.23) < 0.005 && abs(five.worst - 6.67) < 0.005)
        let twice = try agreement(2) { $0.cfdInletC }, once = try agreement(1) { $0.cfdInletC }
        #expect(abs(twice.mean - 1.24) < 0.005 && abs(twice.worst - 5.95) < 0.005)
        #expect(abs(once.mean - 3.78) < 0.005 && abs(once.worst - 13.14) < 0.005)
        #expect(once.mean > HallAirflow.AgreementWithCFD.meanAbsoluteErrorK && once.worst > HallAirflow.AgreementWithCFD.worstErrorK)
    }

    /// The reference's own grid error, on the open two-CRAH hall at 3, 4, 5 and 6 cells per Plenum
    /// cell (23,000 to 169,000 cells): the row ends move by up to 2.9 K, up and down, the other
    /// racks by up to 1.3 K; Plenum's mean error against the four grids spans 0.7-1.8 K. The
    /// figures docs/models/hall-airflow.md states.
    @Test func theReferenceMovesAtTheRowEndsBetweenGrids() throws {
        let grids = try Self.gridInlets(), c = try #require(try Self.cases().first { $0.name == "open-two-crah" })
        let levels = try [3, 4, 5, 6].map { try #require(grids[$0]?[c.name]) }
        let spread = c.cfdInletC.indices.map { i in levels.map { $0[i] }.max()! - levels.map { $0[i] }.min()! }
        let ends = [0, 4, 5, 9], middle = [1, 2, 3, 6, 7, 8]
        #expect(abs(ends.map { spread[$0] }.max()! - 2.92) < 0.01)
        #expect(abs(middle.map { spread[$0] }.max()! - 1.34) < 0.01)
        let plenum = try Self.plenumInlets(c).inlets
        let means = levels.map { level in zip(plenum, level).map { abs($0 - $1) }.reduce(0, +) / Double(level.count) }
        #expect(means.min()! > 0.7 && means.max()! < 1.8, "\(means)")
    }

    /// Every hall at 6 × 6 × 6 CFD cells per Plenum cell (169,000 cells), the finest reference
    /// here, and the best converged: it is 0.46 K from the 5 × 5 × 5 grids on average (2.15 K at
    /// worst), where the fixture's 3 × 3 × 3 is 1.31 K (6.95 K) from it. Against it Plenum, as runs
    /// mix, is 1.39 K from CFD on average and 4.66 K at the worst rack (1.59 and 4.70 K with the
    /// curtain fitted to the fixture): issue 18's 1.5 K mean is met on both grids (1.20 K against
    /// the fixture), its 3 K at any rack on neither. CFD's hottest rack is
    /// among Plenum's three hottest in every hall.
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
        #expect(abs(mean(plenum) - 1.39) < 0.005 && abs(plenum.max()! - 4.66) < 0.005, "\(mean(plenum)) / \(plenum.max()!)")
        #expect(abs(mean(fine) - 0.46) < 0.005 && abs(fine.max()! - 2.15) < 0.005, "\(mean(fine)) / \(fine.max()!)")
        #expect(abs(mean(fixture) - 1.31) < 0.005 && abs(fixture.max()! - 6.95) < 0.005, "\(mean(fixture)) / \(fixture.max()!)")
    }

    /// The jet curtain refitted to the finest CFD (fifteenth session): on the seven halls at
    /// 6 × 6 × 6 the mean error falls from 1.59 K (curtain 0.2, fitted to the coarse fixture) to
    /// 1.39 K (0.05), and the worst rack from 4.70 to 4.66 K. Checked by leaving each hall out: the
    /// curtain fitted to the other six (from 0 to 0.2) gives the held-out hall 1.44 K on average.
    @Test func theCurtainFittedToTheFinestCFDHoldsOnHallsLeftOut() throws {
        let grids = try Self.gridInlets(), cases = try Self.cases()
        let curtains = [0, 0.02, 0.035, 0.05, 0.075, 0.1, 0.2]
        // meanError[k][h]: hall h's mean error against 6 × 6 × 6 with curtains[k].
        let meanError = try curtains.map { curtain in
            try cases.map { c in
                let terms = FittedTerms(jetReferenceVelocityMPerS: 1, jetCurtainOpenFraction: curtain, exhaustRiseOpenFraction: 0.1)
                let finest = try #require(grids[6]?[c.name])
                return zip(try Self.plenumInlets(c, terms: terms).inlets, finest).map { abs($0 - $1) }.reduce(0, +) / Double(finest.count)
            }
        }
        func overall(_ k: Int, without held: Int? = nil) -> Double {
            let halls = cases.indices.filter { $0 != held }
            return halls.map { meanError[k][$0] }.reduce(0, +) / Double(halls.count)
        }
        let fitted = try #require(curtains.firstIndex(of: FittedTerms.fitted.jetCurtainOpenFraction))
        #expect(abs(overall(fitted) - 1.39) < 0.005 && abs(overall(curtains.count - 1) - 1.59) < 0.005)
        // The fitted value is within 0.03 K of the best of the candidates on all seven halls.
        #expect(overall(fitted) - curtains.indices.map { overall($0) }.min()! < 0.03)
        let heldOut = cases.indices.map { held in
            meanError[curtains.indices.min { overall($0, without: held) < overall($1, without: held) }!][held]
        }
        let heldOutMean = heldOut.reduce(0, +) / Double(heldOut.count)
        #expect(abs(heldOutMean - 1.44) < 0.005, "\(heldOut)")
        #expect(heldOutMean < overall(curtains.count - 1))
    }

    /// The hall with both units at the west end at 3, 5 and 6 CFD cells per Plenum cell: the
    /// racks beside the units settle where Plenum puts them (within 0.3 K at 6 × 6 × 6), and the
    /// far end, which moved most between the fixture's grid and the finer one (31.3 → 38.0 °C in
    /// row 1, 34.2 in row 2), settles at 35.8-35.9 °C in both rows: 4.6-4.7 K above Plenum's
    /// 31.2 °C. A shortfall of the model (docs/models/hall-airflow.md, "The reference's own grid
    /// error"), held here so that it is neither forgotten nor made worse.
    @Test func theFarEndOfTheHallWithItsUnitsAtTheWestEndRunsHotterInTheFinestCFD() throws {
        let grids = try Self.gridInlets(), c = try #require(try Self.cases().first { $0.name == "units-at-west-end" })
        let finest = try #require(grids[6]?[c.name]), plenum = try Self.plenumInlets(c).inlets
        let near = [0, 5], far = [4, 9]
        #expect(near.allSatisfy { abs(plenum[$0] - finest[$0]) < 0.3 }, "\(plenum) against \(finest)")
        #expect(far.allSatisfy { (4.5...4.8).contains(finest[$0] - plenum[$0]) }, "\(plenum) against \(finest)")
        #expect(abs(finest[4] - finest[9]) < 0.2)   // the two rows agree at the finest grid, unlike at 5 × 5 × 5
        let errors = zip(plenum, finest).map { abs($0 - $1) }
        #expect(errors.reduce(0, +) / 10 < 1.5, "\(errors)")
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
