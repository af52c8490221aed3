/// Indices planners use to judge a hall's air management.
///
/// Rack Cooling Index (Herrlin, "Rack cooling effectiveness in data centers and telecom central
/// offices: the Rack Cooling Index (RCI)", ASHRAE Transactions 111(2), 2005), over n rack inlets
/// T_x, with the recommended range [T_min,rec, T_max,rec] and the allowable [T_min,all, T_max,all]
/// of an ASHRAE class:
///
///     RCI_HI = (1 − Σ_{T_x > T_max,rec} (T_x − T_max,rec) / (n (T_max,all − T_max,rec))) · 100 %
///     RCI_LO = (1 − Σ_{T_x < T_min,rec} (T_min,rec − T_x) / (n (T_min,rec − T_min,all))) · 100 %
///
/// 100 % is ideal (no inlet outside the recommended range); Herrlin calls ≥ 96 % good and < 90 %
/// poor. Values below 0 % are possible when many inlets pass the allowable limit.
///
/// Return Temperature Index (Herrlin, "Airflow and cooling performance of data centers: two
/// performance metrics", ASHRAE Transactions 114(2), 2008):
///
///     RTI = (T_return − T_supply) / ΔT_equipment · 100 %,
///
/// with ΔT_equipment the racks' airflow-weighted temperature rise; below 100 % cold air bypasses
/// the racks, above 100 % hot air recirculates. Equivalently V̇_IT / V̇_cooling in steady state.
public enum AirManagementIndices {
    public static func rciHigh(inletsC: [Double], envelope: ASHRAEEnvelope = .a1) -> Double {
        let recommended = ASHRAEEnvelope.recommended.inletRangeC.upperBound, allowable = envelope.inletRangeC.upperBound
        guard !inletsC.isEmpty, allowable > recommended else { return 100 }
        let excess = inletsC.reduce(0) { $0 + max($1 - recommended, 0) }
        return (1 - excess / (Double(inletsC.count) * (allowable - recommended))) * 100
    }

    public static func rciLow(inletsC: [Double], envelope: ASHRAEEnvelope = .a1) -> Double {
        let recommended = ASHRAEEnvelope.recommended.inletRangeC.lowerBound, allowable = envelope.inletRangeC.lowerBound
        guard !inletsC.isEmpty, recommended > allowable else { return 100 }
        let deficit = inletsC.reduce(0) { $0 + max(recommended - $1, 0) }
        return (1 - deficit / (Double(inletsC.count) * (recommended - allowable))) * 100
    }

    /// RTI in %, or nil when the racks do not warm their air.
    public static func returnTemperatureIndex(returnC: Double, supplyC: Double, equipmentRiseK: Double) -> Double? {
        equipmentRiseK > 1e-9 ? (returnC - supplyC) / equipmentRiseK * 100 : nil
    }
}
