import Testing
@testable import Simulation
import Scenario

/// The `fabric` placement: a job under as few switches as the free servers allow.
@Suite("Fabric-aware placement")
struct FabricPlacementTests {
    /// 32 servers, 8 per leaf, 16 per pod.
    let leafOf = (0..<32).map { $0 / 8 }
    let podOf = (0..<32).map { $0 / 16 }

    @Test("A job goes to the best-fitting single leaf where packed would straddle two")
    func bestFitLeaf() {
        // Free: 3 in leaf 0 (5-7), all of leaf 1 (8-15), 5 in leaf 2 (19-23), none in leaf 3.
        var free = Array(repeating: false, count: 32)
        for s in [5, 6, 7] + Array(8...15) + Array(19...23) { free[s] = true }
        let packed = ServerPlacement(gang: .hall, policy: .packed, rackOfServer: Array(0..<32), rowOfServer: Array(repeating: 0, count: 32))
        var fabric = ServerPlacement(gang: .hall, policy: .fabric, rackOfServer: Array(0..<32), rowOfServer: Array(repeating: 0, count: 32))
        fabric.leafOfServer = leafOf
        fabric.podOfServer = podOf
        let packedChoice = packed.choose(count: 4, free: free, temperatureC: { _ in 0 })!
        let fabricChoice = fabric.choose(count: 4, free: free, temperatureC: { _ in 0 })!
        #expect(packedChoice == [5, 6, 7, 8])                        // leaves 0 and 1
        #expect(fabricChoice == [19, 20, 21, 22])                    // leaf 2: fits, and leaves leaf 1 whole
        #expect(Set(fabricChoice.map { leafOf[$0] }).count == 1)
        // Too big for a leaf: the pod that fits best, its freest leaves first.
        let ten = fabric.choose(count: 10, free: free, temperatureC: { _ in 0 })!
        #expect(ten.count == 10 && Set(ten.map { podOf[$0] }).count == 1, "\(ten)")
        #expect(Set(ten.map { leafOf[$0] }) == [0, 1])
        // Too big for any pod: the hall's freest leaves.
        let twelve = fabric.choose(count: 12, free: free, temperatureC: { _ in 0 })!
        #expect(twelve.count == 12 && Set(twelve.map { leafOf[$0] }) == [1, 2])
    }
}
