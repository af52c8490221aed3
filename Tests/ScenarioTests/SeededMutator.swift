/// Seeded damage to a file's bytes for fuzz tests: 1-4 of byte flips (from an alphabet of YAML
/// punctuation, digits and unit letters), deletions, duplications of a run, and truncation.
struct SeededMutator {
    private var state: UInt64
    let alphabet: [UInt8]

    init(seed: UInt64, alphabet: String = " :-[]{}&*!|>'\"#\n\t0123456789.eE%abkWCFsmuK,") {
        state = seed
        self.alphabet = Array(alphabet.utf8)
    }

    /// A pseudo-random number below `bound` (PCG-style LCG, high bits).
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func mutate(_ original: [UInt8]) -> String {
        var bytes = original
        for _ in 0..<(1 + next(4)) {
            switch next(4) {
            case 0: bytes[next(bytes.count)] = alphabet[next(alphabet.count)]
            case 1: if bytes.count > 1 { bytes.remove(at: next(bytes.count)) }
            case 2:
                let start = next(bytes.count), length = min(next(40), bytes.count - start)
                bytes.insert(contentsOf: bytes[start..<(start + length)], at: next(bytes.count))
            default: bytes = Array(bytes.prefix(next(bytes.count) + 1))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
