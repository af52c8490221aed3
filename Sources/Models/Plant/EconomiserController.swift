/// The water-side economiser's mode, from how cold the outdoor side can make the water.
///
/// - free: heat rejection alone reaches the supply set point; chillers off.
/// - partial: the economiser heat exchanger pre-cools the return water, chillers trim the rest.
/// - mechanical: outdoor water is no colder than the return; chillers carry all the load.
///
/// Hysteresis keeps the plant from hunting around a boundary: a colder mode is entered only when
/// the available water is `margin` colder than its threshold, and left as soon as it is warmer
/// than the threshold itself.
public struct EconomiserController: Sendable {
    public enum Mode: Int, Sendable { case mechanical = 0, partial = 1, free = 2 }

    public var marginK: Double
    public private(set) var mode: Mode = .mechanical

    public init(marginK: Double) { self.marginK = marginK }

    /// - Parameters:
    ///   - availableC: coldest water the economiser can deliver (heat rejection at full fan plus the heat-exchanger approach), °C.
    ///   - supplyC / returnC: the loop's supply set point and its return, °C.
    public mutating func update(availableC: Double, supplyC: Double, returnC: Double) -> Mode {
        let freeOK = mode == .free ? availableC <= supplyC : availableC <= supplyC - marginK
        let partialOK = mode.rawValue >= Mode.partial.rawValue ? availableC < returnC : availableC <= returnC - marginK
        mode = freeOK ? .free : partialOK ? .partial : .mechanical
        return mode
    }
}
