import Foundation

/// Writes the Slurm scripts of a sweep: a job array in which each task runs its shard (found from
/// SLURM_ARRAY_TASK_ID by `plenum sweep` itself), a merge job that waits for the array, and a
/// submit script that chains them.
public enum SlurmScript {
    public struct Estimate: Sendable {
        /// Wall time of one point (a pilot run), s.
        public var pointSeconds: Double
        /// Peak memory of one point, MiB.
        public var pointMiB: Double

        public init(pointSeconds: Double, pointMiB: Double) {
            self.pointSeconds = pointSeconds
            self.pointMiB = pointMiB
        }
    }

    /// `HH:MM:SS` for Slurm's --time.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        return String(format: "%02d:%02d:%02d", total / 3600, (total % 3600) / 60, total % 60)
    }

    /// Writes `array.sbatch`, `merge.sbatch` and `submit.sh` into `<output>/slurm/`; returns the
    /// submit script's path.
    ///
    /// Time per task: twice the pilot's time per point × points per task, plus 5 minutes for
    /// start-up; memory: twice the pilot's peak, at least 512 MiB. Both are estimates to tune.
    public static func write(plan: SweepPlan, tasks requested: Int, estimate: Estimate, executable: String) throws -> String {
        let tasks = max(1, min(requested, plan.count))
        let perTask = (plan.count + tasks - 1) / tasks
        let folder = URL(fileURLWithPath: plan.spec.outputFolder).standardizedFileURL.path
        let sweep = URL(fileURLWithPath: plan.spec.path).standardizedFileURL.path
        let slurm = "\(folder)/slurm"
        try FileManager.default.createDirectory(atPath: slurm, withIntermediateDirectories: true)
        let time = clock(2 * estimate.pointSeconds * Double(perTask) + 300)
        let memory = Int(max(512, 2 * estimate.pointMiB).rounded(.up))
        let array = """
            #!/bin/bash
            # Plenum sweep \(sweep): \(plan.count) points in \(tasks) array tasks (\(perTask) per task at most).
            # Each task runs its own shard; plenum reads SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT itself.
            #SBATCH --job-name=plenum-sweep
            #SBATCH --array=0-\(tasks - 1)
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=1
            #SBATCH --time=\(time)
            #SBATCH --mem=\(memory)M
            #SBATCH --output=\(slurm)/task-%a.log
            set -euo pipefail
            exec "\(executable)" sweep "\(sweep)" --output "\(folder)" --quiet

            """
        let merge = """
            #!/bin/bash
            # Merges the sweep's points into \(folder)/sweep.h5 once the array has finished.
            #SBATCH --job-name=plenum-merge
            #SBATCH --ntasks=1
            #SBATCH --time=00:30:00
            #SBATCH --mem=1024M
            #SBATCH --output=\(slurm)/merge.log
            set -euo pipefail
            exec "\(executable)" merge "\(folder)"

            """
        let submit = """
            #!/bin/bash
            # Submits the array, then the merge to run after it (whatever the tasks' exit status:
            # failed points are listed in the merged table).
            set -euo pipefail
            array=$(sbatch --parsable "\(slurm)/array.sbatch")
            sbatch --parsable --dependency=afterany:${array%%;*} "\(slurm)/merge.sbatch"
            echo "submitted array ${array%%;*} and its merge"

            """
        for (name, text) in [("array.sbatch", array), ("merge.sbatch", merge), ("submit.sh", submit)] {
            let path = "\(slurm)/\(name)"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o755)
        }
        return "\(slurm)/submit.sh"
    }
}
