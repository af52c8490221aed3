import Foundation

/// How a file named inside another file is found: relative to the file that names it, never to
/// the working directory (so `cd Scenarios && plenum run x.yaml` and `plenum run Scenarios/x.yaml`
/// read the same inputs), and an absolute path as written.
public enum InputPath {
    /// `name` as written in `namingFile` (a path, or a location's file). When `namingFile` has no
    /// folder (`x.yaml`), its folder is the working directory and `name` stays relative to it.
    public static func resolve(_ name: String, namedIn namingFile: String) -> String {
        if name.hasPrefix("/") { return name }
        let folder = (namingFile as NSString).deletingLastPathComponent
        return folder.isEmpty ? name : folder + "/" + name
    }

    /// `name` as written at `location`; a value from the command line (`--set`, whose location
    /// names no file) resolves against the working directory.
    public static func resolve(_ name: String, at location: SourceLocation) -> String {
        location.file.hasPrefix("<") ? name : resolve(name, namedIn: location.file)
    }

    /// What kind of thing is at `path`, for messages that must say why a file cannot be read.
    public enum Kind: Equatable, Sendable { case missing, regularFile, directory, other(String) }

    /// The kind of `path` after following symbolic links.
    public static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        case S_IFCHR: return .other("a character device")
        case S_IFBLK: return .other("a block device")
        case S_IFIFO: return .other("a FIFO (named pipe)")
        case S_IFSOCK: return .other("a socket")
        default: return .other("not a regular file")
        }
    }

    /// Nil when `path` is a readable regular file, else why not ("not found", "is a folder", …).
    public static func problem(reading path: String) -> String? {
        switch kind(of: path) {
        case .regularFile: return access(path, R_OK) == 0 ? nil : "is not readable (permissions)"
        case .missing: return "not found"
        case .directory: return "is a folder, expected a file"
        case .other(let what): return "is \(what), expected a regular file"
        }
    }
}
