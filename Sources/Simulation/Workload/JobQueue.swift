import Scenario

/// A hall's queue discipline (one file each: `FCFSQueue`, `EASYBackfillQueue`): which waiting
/// jobs start now.
protocol JobQueue {
    var waiting: [Int] { get }
    mutating func submit(_ job: Int)
    /// Starts what can start at `nowS`. `place` returns servers for a job (nil: does not fit now);
    /// `admit` may hold a job (a power cap); `estimateS` is a job's expected run time; `running`
    /// lists running jobs with their servers count and estimated end.
    mutating func dispatch(nowS: Double, freeCount: Int, running: [(servers: Int, endS: Double)], needed: (Int) -> Int,
                           estimateS: (Int) -> Double, admit: (Int) -> Bool, place: (Int) -> [Int]?) -> [(job: Int, servers: [Int])]
}

/// The queue the scenario names.
func makeJobQueue(_ discipline: WorkloadSettings.Scheduler) -> any JobQueue {
    switch discipline {
    case .fcfs: return FCFSQueue()
    case .easyBackfill: return EASYBackfillQueue()
    }
}

/// Starts heads of `waiting` in order while each is admitted and fits (the FCFS rule, and EASY's first step).
func startHeads(_ waiting: inout [Int], admit: (Int) -> Bool, place: (Int) -> [Int]?) -> [(job: Int, servers: [Int])] {
    var started: [(job: Int, servers: [Int])] = []
    while let head = waiting.first, admit(head), let servers = place(head) {
        waiting.removeFirst()
        started.append((head, servers))
    }
    return started
}
