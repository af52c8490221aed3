/// First come, first served: the head starts when it fits; a waiting head blocks the rest.
struct FCFSQueue: JobQueue {
    private(set) var waiting: [Int] = []

    mutating func submit(_ job: Int) { waiting.append(job) }

    mutating func dispatch(nowS: Double, freeCount: Int, running: [(servers: Int, endS: Double)], needed: (Int) -> Int,
                           estimateS: (Int) -> Double, admit: (Int) -> Bool, place: (Int) -> [Int]?) -> [(job: Int, servers: [Int])] {
        startHeads(&waiting, admit: admit, place: place)
    }
}
