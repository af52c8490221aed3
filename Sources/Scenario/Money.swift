import Foundation

/// An amount of money, or a price per unit of energy or of carbon, with its currency. Plenum
/// never converts between currencies (exchange rates move); a scenario uses one currency.
public struct MoneyQuantity: Equatable, Sendable {
    /// What the amount is per.
    public enum Basis: Equatable, Sendable {
        /// A plain amount (a capital cost).
        case amount
        /// Per joule of energy (written per kWh or MWh).
        case perJoule
        /// Per kilogram of CO₂ (written per tonne).
        case perKilogram
    }

    public let amount: Double
    public let currency: String
    public let basis: Basis

    /// The currencies a scenario may use.
    public static let currencies = ["CNY", "USD", "EUR", "SGD"]

    /// Parses `0.45 CNY/kWh`, `38 USD/MWh`, `80 CNY/t`, `2.5e8 CNY`.
    public static func parse(_ text: String, expecting basis: Basis) -> Result<MoneyQuantity, Units.ParseFailure> {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        let example: String
        switch basis {
        case .amount: example = "2.5e8 CNY"
        case .perJoule: example = "0.45 CNY/kWh"
        case .perKilogram: example = "80 CNY/t"
        }
        guard parts.count == 2, let number = Double(parts[0]) else {
            return .failure(.notANumber(text))
        }
        guard number.isFinite else { return .failure(.notFinite(text)) }
        let unit = parts[1].trimmingCharacters(in: .whitespaces)
        let pieces = unit.split(separator: "/", maxSplits: 1).map(String.init)
        let currency = pieces[0]
        guard currencies.contains(currency) else {
            return .failure(.unknownUnit(unit, suggestion: closestMatch(to: currency, among: currencies).map { "\($0)" + (pieces.count > 1 ? "/\(pieces[1])" : "") }))
        }
        let per = pieces.count > 1 ? pieces[1] : nil
        switch (basis, per) {
        case (.amount, nil):
            return .success(MoneyQuantity(amount: number, currency: currency, basis: .amount))
        case (.perJoule, "kWh"):
            return .success(MoneyQuantity(amount: number / 3.6e6, currency: currency, basis: .perJoule))
        case (.perJoule, "MWh"):
            return .success(MoneyQuantity(amount: number / 3.6e9, currency: currency, basis: .perJoule))
        case (.perKilogram, "t"):
            return .success(MoneyQuantity(amount: number / 1000, currency: currency, basis: .perKilogram))
        case (.perKilogram, "kg"):
            return .success(MoneyQuantity(amount: number, currency: currency, basis: .perKilogram))
        default:
            return .failure(.wrongMoney(found: unit, example: example))
        }
    }
}
