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
        let options = plan.spec.slurm
        // The user's cluster settings, on both scripts.
        let extra = options.options.map { "#SBATCH --\($0.key)=\($0.value)" }.joined(separator: "\n")
        let modules = options.modules.isEmpty ? "" : """
            # Environment modules: the module command comes from the login profile on most clusters.
            type module >/dev/null 2>&1 || source /etc/profile.d/modules.sh 2>/dev/null || source /usr/share/lmod/lmod/init/bash 2>/dev/null || true
            \(options.modules.map { "module load \($0)" }.joined(separator: "\n"))
            """
        // Both scripts check the binary first: a task that cannot start plenum says so in its log.
        let check = """
            if [ ! -x "\(executable)" ]; then echo "plenum: \(executable) is missing or not executable on $(hostname)" >&2; exit 1; fi
            if ldd "\(executable)" 2>/dev/null | grep -q "not found"; then
              echo "plenum: libraries of \(executable) are missing on $(hostname) (load the modules for GSL and HDF5, or set LD_LIBRARY_PATH):" >&2
              ldd "\(executable)" | grep "not found" >&2; exit 1
            fi
            """
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
            #SBATCH --output=\(slurm)/task-%A_%a.log
            \(extra)
            set -euo pipefail
            \(modules)
            \(check)
            exec "\(executable)" sweep "\(sweep)" --output "\(folder)" --progress-interval 60 --threads "${SLURM_CPUS_PER_TASK:-1}"

            """
        let merge = """
            #!/bin/bash
            # Merges the sweep's points into \(folder)/sweep.h5 once the array has finished.
            #SBATCH --job-name=plenum-merge
            #SBATCH --ntasks=1
            #SBATCH --time=00:30:00
            #SBATCH --mem=1024M
            #SBATCH --output=\(slurm)/merge-%j.log
            \(extra)
            set -euo pipefail
            \(modules)
            \(check)
            exec "\(executable)" merge "\(folder)"

            """
        let submit = """
            #!/bin/bash
            # Submits the array, then the merge to run after it (whatever the tasks' exit status:
            # failed points are listed in the merged table).
            # SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_QOS, SBATCH_CONSTRAINT (and other SBATCH_*
            # variables) set when this runs override the scripts' #SBATCH lines (docs/sweeps.md).
            set -euo pipefail
            \(modules)
            \(check)
            array=$(sbatch --parsable "\(slurm)/array.sbatch")
            sbatch --parsable --dependency=afterany:${array%%;*} "\(slurm)/merge.sbatch"
            echo "submitted array ${array%%;*} and its merge"

            """
        for (name, text) in [("array.sbatch", array), ("merge.sbatch", merge), ("submit.sh", submit)] {
            let path = "\(slurm)/\(name)"
            // Empty lines where a script has no extra options or modules are dropped.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let tidy = lines.enumerated().filter { index, line in !(line.isEmpty && index > 0 && lines[index - 1].isEmpty) }.map(\.element)
            try tidy.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o755)
        }
        return "\(slurm)/submit.sh"
    }
}
