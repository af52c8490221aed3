/// "Did you mean" for misspelt keys and names: a candidate the word begins (`h100` → `h100-sxm`,
/// the first in the catalog's order, not `v100` one letter away), else the closest candidate by
/// edit distance when it is close enough to be a plausible typo (at most a third of the word's
/// length, and at most 3).
public func closestMatch(to word: String, among candidates: [String]) -> String? {
    let lowered = word.lowercased()
    if lowered.count >= 3, let extended = candidates.first(where: { $0.lowercased().hasPrefix(lowered) && $0.count > word.count }) {
        return extended
    }
    let limit = min(3, max(1, word.count / 3))
    var best: (String, Int)? = nil
    for candidate in candidates {
        let distance = editDistance(word.lowercased(), candidate.lowercased())
        if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}

/// Levenshtein distance (insertions, deletions, substitutions), with an adjacent swap counted as
/// one edit (Damerau's optimal string alignment), since `tempreature` is one slip, not two.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], previousPrevious[j - 2] + 1)
            }
        }
        (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
}
