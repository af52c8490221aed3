/// The program version written into every output file and printed by `plenum --version`.
public enum PlenumVersion {
    public static let current = "0.1.0"
}
