import ArgumentParser
import Scenario

/// `--set KEY.PATH=VALUE`, as `plenum run` and `plenum validate` read it: each override replaces
/// one key of the scenario before it is checked (docs/scenarios.md).
enum CommandLineOverrides {
    static let help = ArgumentHelp("Override a key: KEY.PATH=VALUE (repeatable), e.g. --set halls[0].rows=12.", valueName: "key=value")

    /// Refuses an override without its '=' before anything is read.
    static func check(_ texts: [String]) throws {
        for text in texts where !text.contains("=") {
            throw ValidationError("--set expects KEY.PATH=VALUE, found '\(text)'")
        }
    }

    static func parse(_ texts: [String]) -> [ScenarioComposer.Override] {
        texts.map { text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            return ScenarioComposer.Override(keyPath: parts[0], value: parts.count > 1 ? parts[1] : "")
        }
    }
}
