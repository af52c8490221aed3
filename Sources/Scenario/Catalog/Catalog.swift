/// The built-in catalog of accelerators, servers, sites and equipment, looked up by name.
public enum Catalog {
    public static var accelerators: [AcceleratorEntry] { AcceleratorCatalog.entries }
    public static var servers: [ServerEntry] { ServerCatalog.entries }
    public static var sites: [SiteEntry] { SiteCatalog.entries }
    public static var equipment: [EquipmentEntry] { EquipmentCatalog.entries }

    public static func accelerator(named name: String) -> AcceleratorEntry? { accelerators.first { $0.name == name } }
    public static func server(named name: String) -> ServerEntry? { servers.first { $0.name == name } }
    public static func site(named name: String) -> SiteEntry? { sites.first { $0.name == name } }
    public static func equipment(named name: String) -> EquipmentEntry? { equipment.first { $0.name == name } }

    /// The closest name in a section, for "did you mean".
    public static func suggestion(for name: String, among names: [String]) -> String? {
        closestMatch(to: name, among: names)
    }
}
